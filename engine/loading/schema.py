"""The story format as data: each table's keys, their kinds, and what they mean.

The loader checks every table against these, and ``docs/schema/`` (the JSON
Schema editors use while an author types) is generated from them by
:func:`json_schema`, so the two cannot disagree.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from itertools import repeat
from typing import Any

import attrs

from engine.core.expressions import RESERVED, Type
from engine.core.names import IDENTIFIER_PATTERN
from engine.core.values import holds

SCHEMA_FILE = "relocant-story.schema.json"  # in docs/schema/


class Kind(enum.Enum):
    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    TEXTS = "texts"
    TABLE = "table"
    TABLES = "tables"
    ANY = "any"


def _is_texts(v: Any) -> bool:
    return isinstance(v, list) and all(map(isinstance, v, repeat(str)))


def _is_tables(v: Any) -> bool:
    return isinstance(v, list) and all(map(isinstance, v, repeat(dict)))


KIND_CHECKS: dict[Kind, tuple[Callable[[Any], bool], str]] = {
    Kind.TEXT: (lambda v: isinstance(v, str), "text in quotes"),
    Kind.INTEGER: (lambda v: holds(Type.INTEGER, v), "a whole number"),
    Kind.BOOLEAN: (lambda v: isinstance(v, bool), "true or false"),
    Kind.TEXTS: (_is_texts, "a list of texts"),
    Kind.TABLE: (lambda v: isinstance(v, dict), "a table"),
    Kind.TABLES: (_is_tables, "a list of tables"),
    Kind.ANY: (lambda v: True, "a value"),
}

# Each variable type, and the kind of value its default is written as.
VARIABLE_TYPES = {"integer": Type.INTEGER, "boolean": Type.BOOLEAN, "text": Type.TEXT, "tags": Type.TAGS}
ENDING_KINDS = ("hopeful", "bittersweet", "sombre")
SHOW_KINDS = ("number", "bar", "flag", "tags", "text")
FACT_PATTERN = r"^[^:\s]+:\s*\S"
# What an editor accepts while the author types; the loader reads dates and
# durations with engine.core.calendar, which says what is wrong.
DATE_PATTERN = r"^\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2})?\s*$"
DURATION_PATTERN = r"^(\s*\d+\s*[wdhm]\s*)+$"


@attrs.frozen
class Key:
    kind: Kind
    doc: str
    required: bool = False
    pattern: str | None = None  # for text: what an editor accepts
    choices: tuple[str, ...] | None = None  # for text: the only values allowed
    item_pattern: str | None = None  # for lists of texts
    table: str | None = None  # for tables: the table it holds


@attrs.frozen
class Table:
    name: str
    what: str  # as messages name it: "[[scene]]"
    keys: dict[str, Key]
    doc: str = ""
    needs: tuple[tuple[str, str, str], ...] = ()  # (key, other, hint): when key is written, other must be too

    @property
    def required(self) -> list[str]:
        return [name for name, key in self.keys.items() if key.required]


_EFFECTS = 'Assignments, applied in order: "money_kzt -= 1000", "documents += \'iin\'", "stress = 3".'

STORY = Table(
    "story",
    "[story]",
    {
        "id": Key(Kind.TEXT, "A stable identifier; saves record it.", required=True),
        "title": Key(Kind.TEXT, "The game's name.", required=True),
        "version": Key(Kind.TEXT, "The story's version; saves record it.", required=True),
        "subtitle": Key(Kind.TEXT, "One line on what the game is (title screen)."),
        "content_note": Key(Kind.TEXT, "Shown on the title screen."),
    },
    doc="[story]: once, in story.toml.",
)
JOURNEY = Table(
    "journey",
    "[[journey]]",
    {
        "id": Key(Kind.TEXT, "Unique.", required=True, pattern=IDENTIFIER_PATTERN),
        "title": Key(Kind.TEXT, '"The Square".', required=True),
        "blurb": Key(Kind.TEXT, "Two or three sentences for the New journey screen.", required=True),
        "start": Key(Kind.TEXT, "The id of the first scene.", required=True, pattern=IDENTIFIER_PATTERN),
        "where": Key(Kind.TEXT, '"Moscow → Novosibirsk → Almaty".'),
        "when": Key(Kind.TEXT, '"24 February – March 2022".'),
        "date": Key(Kind.TEXT, 'The calendar at the start: "2022-02-24 09:00".', pattern=DATE_PATTERN),
        "effects": Key(Kind.TEXTS, _EFFECTS, item_pattern=r"\S"),
    },
)
VARIABLE = Table(
    "variable",
    "a variable",
    {
        "type": Key(Kind.TEXT, "The variable's type.", required=True, choices=tuple(VARIABLE_TYPES)),
        "default": Key(
            Kind.ANY, "The value at the start; matches type (a list of texts for tags).", required=True
        ),
        "min": Key(Kind.INTEGER, "Integers only: the value is always held at or above it."),
        "max": Key(Kind.INTEGER, "Integers only: the value is always held at or below it."),
        "label": Key(Kind.TEXT, 'The name the player sees ("Tenge").'),
        "format": Key(Kind.TEXT, 'How the value is shown; {value} stands for it: "{value} ₸".'),
        "show": Key(
            Kind.TEXT,
            "How the side panel shows it; leave it out to keep it hidden. A bar needs min and max.",
            choices=SHOW_KINDS,
        ),
        "group": Key(Kind.TEXT, 'The side panel section ("Money", "Documents").'),
        "values": Key(Kind.TEXTS, "Tags only: the tags allowed."),
        "labels": Key(Kind.TABLE, 'Tags only: how each tag is shown, { iin = "IIN" }.'),
        "show_if": Key(
            Kind.TEXT,
            "A condition: the side panel shows the variable only while it holds (\"origin == 'border'\").",
        ),
    },
)
GLOSSARY = Table(
    "glossary",
    "a glossary entry",
    {
        "term": Key(Kind.TEXT, 'The word as it appears in text: "IIN".', required=True),
        "also": Key(Kind.TEXTS, 'Other forms to mark: ["IINs"].'),
        "text": Key(Kind.TEXT, "The explanation.", required=True),
    },
)
SOURCE = Table(
    "source",
    "a source",
    {
        "title": Key(Kind.TEXT, "The report's headline.", required=True),
        "outlet": Key(Kind.TEXT, "Who published it."),
        "date": Key(Kind.TEXT, "When."),
        "about": Key(Kind.TEXT, "A sentence on what it covers."),
    },
)
CHOICE = Table(
    "choice",
    "[[scene.choice]]",
    {
        "text": Key(Kind.TEXT, "What the player picks; may interpolate like scene text.", required=True),
        "goto": Key(Kind.TEXT, "The id of the scene it leads to.", required=True, pattern=IDENTIFIER_PATTERN),
        "id": Key(Kind.TEXT, "A stable name for saves and replays; default SCENE->GOTO."),
        "if": Key(Kind.TEXT, "A condition: when false the choice is not shown at all."),
        "requires": Key(Kind.TEXT, "A condition: when false the choice is shown disabled, with because."),
        "because": Key(Kind.TEXT, 'The reason shown with a disabled choice: "needs an IIN".'),
        "effects": Key(Kind.TEXTS, _EFFECTS, item_pattern=r"\S"),
        "advance": Key(Kind.TEXT, 'Time the choice takes: "20m".', pattern=DURATION_PATTERN),
        "once": Key(Kind.BOOLEAN, "When true, the choice disappears after it has been taken once."),
        "journal": Key(Kind.TEXT, "How the journal records it; default: the choice's text."),
        "reply": Key(
            Kind.TEXT,
            "What happens at once, shown after the choice is taken and before the next scene; "
            "interpolated like scene text, after the choice's effects.",
        ),
    },
    needs=(("requires", "because", 'because = "needs an IIN" is shown beside the disabled choice'),),
)
ENDING = Table(
    "ending",
    "[scene.ending]",
    {
        "title": Key(Kind.TEXT, '"Resistance from afar".', required=True),
        "kind": Key(Kind.TEXT, "The ending's tone.", required=True, choices=ENDING_KINDS),
    },
    doc="[scene.ending]: makes the scene an ending (it then has no choices).",
)
SCENE = Table(
    "scene",
    "[[scene]]",
    {
        "id": Key(
            Kind.TEXT,
            "Unique in the whole story; letters, digits, _.",
            required=True,
            pattern=IDENTIFIER_PATTERN,
        ),
        "title": Key(Kind.TEXT, "The scene's title.", required=True),
        "text": Key(
            Kind.TEXT,
            "Prose with {expression}, {if …}…{else}…{end}, *emphasis*, **strong**; a blank line starts a paragraph.",
            required=True,
        ),
        "journey": Key(
            Kind.TEXT,
            "The journey the scene belongs to; else the first journey that reaches it.",
            pattern=IDENTIFIER_PATTERN,
        ),
        "location": Key(Kind.TEXT, '"Pushkin Square, Moscow".'),
        "date": Key(
            Kind.TEXT,
            'Sets the calendar on entering: "2022-02-24 19:00" or "2022-02-24" (keeps the time of day).',
            pattern=DATE_PATTERN,
        ),
        "advance": Key(
            Kind.TEXT,
            'Moves the calendar on entering: "45m", "2h", "3d", "1w", "1d 6h".',
            pattern=DURATION_PATTERN,
        ),
        "effects": Key(Kind.TEXTS, _EFFECTS, item_pattern=r"\S"),
        "tags": Key(Kind.TEXTS, "Free labels for tools."),
        "facts": Key(
            Kind.TEXTS,
            'The documented facts the scene rests on: "SOURCE: fact", SOURCE a [source.*] key.',
            item_pattern=FACT_PATTERN,
        ),
        "choice": Key(
            Kind.TABLES,
            "[[scene.choice]]: what the player can do; a scene that is not an ending needs at least one.",
            table="choice",
        ),
        "ending": Key(Kind.TABLE, ENDING.doc, table="ending"),
    },
)
TABLES = {t.name: t for t in (STORY, JOURNEY, VARIABLE, GLOSSARY, SOURCE, SCENE, CHOICE, ENDING)}

# The keys at the top of a file, and what each holds.
TOP_KEYS = ("story", "journey", "variables", "glossary", "source", "scene")
TOP_HINT = "a story file holds [story], [[journey]], [variables.*], [glossary.*], [source.*] and [[scene]]"


# ---------------------------------------------------------------- JSON Schema


def _key_schema(key: Key) -> dict[str, Any]:
    out: dict[str, Any]
    if key.table is not None:
        ref = {"$ref": f"#/$defs/{key.table}"}
        out = {"type": "array", "items": ref} if key.kind is Kind.TABLES else dict(ref)
    elif key.choices is not None:
        out = {"enum": list(key.choices)}
    elif key.kind is Kind.TEXT:
        out = {"type": "string"}
    elif key.kind is Kind.INTEGER:
        out = {"type": "integer"}
    elif key.kind is Kind.BOOLEAN:
        out = {"type": "boolean"}
    elif key.kind is Kind.TEXTS:
        item: dict[str, Any] = {"type": "string"}
        if key.item_pattern is not None:
            item["pattern"] = key.item_pattern
        out = {"type": "array", "items": item}
    elif key.kind is Kind.TABLE:
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    else:
        out = {}
    if key.pattern is not None:
        out["pattern"] = key.pattern
    if key.table is None or key.kind is Kind.TABLES:
        out["description"] = key.doc
    return out


def _table_schema(table: Table) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if table.required:
        out["required"] = table.required
    if table.doc:
        out["description"] = table.doc
    if table.needs:
        out["dependentRequired"] = {key: [other] for key, other, _ in table.needs}
    out["properties"] = {name: _key_schema(key) for name, key in table.keys.items()}
    return out


def _variable_rules() -> list[dict[str, Any]]:
    default_schema = {
        Type.INTEGER: {"type": "integer"},
        Type.BOOLEAN: {"type": "boolean"},
        Type.TEXT: {"type": "string"},
        Type.TAGS: {"type": "array", "items": {"type": "string"}},
    }
    rules: list[dict[str, Any]] = [
        {
            "if": {"properties": {"type": {"const": name}}},
            "then": {"properties": {"default": default_schema[type_]}},
        }
        for name, type_ in VARIABLE_TYPES.items()
    ]
    rules.append(
        {
            "if": {"properties": {"show": {"const": "bar"}}, "required": ["show"]},
            "then": {"required": ["min", "max"]},
        }
    )
    return rules


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one story file, generated from the tables above."""
    defs = {name: _table_schema(table) for name, table in TABLES.items()}
    defs["variable"]["allOf"] = _variable_rules()

    def ref(name: str) -> dict[str, str]:
        return {"$ref": f"#/$defs/{name}"}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/relocant/relocant/docs/schema/{SCHEMA_FILE}",
        "title": "Relocant story file",
        "description": "One TOML file of a Relocant story folder (docs/scene-format.md). "
        "Any file may hold any of these tables; the loader merges them.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "story": ref("story"),
            "journey": {
                "description": "Either [[journey]] tables, or (at the top of a scene file) "
                "the id of the journey its scenes belong to.",
                "oneOf": [
                    {
                        "type": "string",
                        "pattern": IDENTIFIER_PATTERN,
                        "description": "The journey this file's scenes belong to, unless a scene says otherwise.",
                    },
                    {"type": "array", "items": ref("journey")},
                ],
            },
            "variables": {
                "type": "object",
                "description": "[variables.NAME]: every variable a scene reads or writes.",
                "propertyNames": {"pattern": IDENTIFIER_PATTERN, "not": {"enum": sorted(RESERVED)}},
                "additionalProperties": ref("variable"),
            },
            "glossary": {
                "type": "object",
                "description": "[glossary.KEY]: words explained to the player.",
                "additionalProperties": ref("glossary"),
            },
            "source": {
                "type": "object",
                "description": "[source.KEY]: the reports scene facts rest on.",
                "additionalProperties": ref("source"),
            },
            "scene": {"type": "array", "description": "[[scene]] tables.", "items": ref("scene")},
        },
        "$defs": defs,
    }


def json_schema_text() -> str:
    """:func:`json_schema` as it is written to ``docs/schema/``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m engine.loading.schema > docs/schema/relocant-story.schema.json
    print(json_schema_text(), end="")
