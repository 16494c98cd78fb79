"""The strings of a story a translation translates: each with its id, its English and its file.

The ids are those of docs/translating.md (``scene.<id>.text``,
``choice.<scene>.<choice>.journal``, …); they are read from the tables as
written, so a field the English leaves out has no string (a scene's title
is not its id), and each string knows the file and key it comes from, for
the string table that mirrors that file and for a message pointing at it.
"""

from __future__ import annotations

import enum
import hashlib
import re
from pathlib import Path
from typing import Any

import attrs

from engine.core.model import Story
from engine.loading.files import TRANSLATIONS, StoryFile
from engine.loading.positions import Path_
from engine.loading.tables import Gathered


class Form(enum.Enum):
    """How a string is written, and so what its translation must keep."""

    TEXT = "text"  # plain text
    TEMPLATE = "template"  # story markup: {expressions}, {if} blocks
    FORMAT = "format"  # a variable's format, holding {value}
    LIST = "list"  # a list of texts (facts, a glossary entry's other forms)


@attrs.frozen
class English:
    id: str
    value: str | tuple[str, ...]
    form: Form
    file: StoryFile
    path: Path_  # where the English is in its file

    @property
    def lock(self) -> str:
        return lock_of(self.value)

    @property
    def words(self) -> int:
        return words_in(self.value)


def lock_of(value: str | tuple[str, ...] | list[str]) -> str:
    """The first 8 hex digits of the SHA-256 of the text (of a list's items joined by newlines)."""
    text = value if isinstance(value, str) else "\n".join(value)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


_MARKUP = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words_in(value: str | tuple[str, ...] | list[str]) -> int:
    """Words a reader reads: markup left out, as ``relocant stats`` counts them."""
    text = value if isinstance(value, str) else "\n".join(value)
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


def table_path(root: Path, lang: str, english_file: Path) -> Path:
    """Where the string table of ``english_file`` is for ``lang``: the same path under translations/<lang>/."""
    return root / TRANSLATIONS / lang / english_file.relative_to(root)


_STORY_FIELDS = ("title", "subtitle", "content_note")
_JOURNEY_FIELDS = ("title", "blurb", "where", "when")
_SCENE_FIELDS = (("title", Form.TEXT), ("location", Form.TEXT), ("text", Form.TEMPLATE))
_CHOICE_FIELDS = (
    ("text", Form.TEMPLATE),
    ("because", Form.TEXT),
    ("journal", Form.TEXT),
    ("reply", Form.TEMPLATE),
)
_VARIABLE_FIELDS = (("label", Form.TEXT), ("group", Form.TEXT), ("format", Form.FORMAT))
_SOURCE_FIELDS = ("title", "outlet", "date", "about")


def english_strings(raw: Gathered, story: Story) -> dict[str, English]:
    """Every string of a story that was built (so its tables are well formed), by id, in file order."""
    out: dict[str, English] = {}

    def add(sid: str, body: Any, key: str, form: Form, f: StoryFile, path: Path_) -> None:
        value = body.get(key) if isinstance(body, dict) else None
        if form is Form.LIST:
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                out[sid] = English(sid, tuple(value), form, f, path + (key,))
        elif isinstance(value, str) and value:
            out[sid] = English(sid, value, form, f, path + (key,))

    for f, body in raw.story[:1]:
        for key in _STORY_FIELDS:
            add(f"story.{key}", body, key, Form.TEXT, f, ("story",))
    for f, path, body in raw.journeys:
        jid = body.get("id")
        if isinstance(jid, str) and jid in story.journeys:
            for key in _JOURNEY_FIELDS:
                add(f"journey.{jid}.{key}", body, key, Form.TEXT, f, path)
    for f, path, body in raw.scenes:
        sid = body.get("id")
        scene = story.scenes.get(sid) if isinstance(sid, str) else None
        if scene is None:
            continue
        for key, form in _SCENE_FIELDS:
            add(f"scene.{sid}.{key}", body, key, form, f, path)
        add(f"scene.{sid}.facts", body, "facts", Form.LIST, f, path)
        if scene.ending is not None:
            add(f"scene.{sid}.ending.title", body.get("ending"), "title", Form.TEXT, f, path + ("ending",))
        written = body.get("choice")
        if isinstance(written, list) and len(written) == len(scene.choices):
            for ci, (cbody, choice) in enumerate(zip(written, scene.choices, strict=True)):
                for key, form in _CHOICE_FIELDS:
                    cpath = path + ("choice", ci)
                    add(f"choice.{sid}.{choice.id}.{key}", cbody, key, form, f, cpath)
    for name, (f, body) in raw.variables.items():
        if name not in story.variables:
            continue
        path = ("variables", name)
        for key, form in _VARIABLE_FIELDS:
            add(f"variable.{name}.{key}", body, key, form, f, path)
        labels = body.get("labels")
        if isinstance(labels, dict):
            for value, label in labels.items():
                if isinstance(label, str) and label:
                    out[f"variable.{name}.labels.{value}"] = English(
                        f"variable.{name}.labels.{value}", label, Form.TEXT, f, path + ("labels", value)
                    )
    for key, (f, body) in raw.glossary.items():
        if key not in story.glossary:
            continue
        path = ("glossary", key)
        add(f"glossary.{key}.term", body, "term", Form.TEXT, f, path)
        add(f"glossary.{key}.text", body, "text", Form.TEXT, f, path)
        add(f"glossary.{key}.also", body, "also", Form.LIST, f, path)
    for key, (f, body) in raw.sources.items():
        if key in story.sources:
            for field in _SOURCE_FIELDS:
                add(f"source.{key}.{field}", body, field, Form.TEXT, f, ("source", key))
    return out
