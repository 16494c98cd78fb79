"""A story in another language: its string tables read, checked, and put in place of the English.

The tables (docs/translating.md) are read as story files are, and trusted no
more: regular files of limited size, UTF-8, TOML placed at its line when it
does not parse, no control characters. Each entry is checked against the
English string it names: missing, stale (its lock is not the English's hash),
an orphan (it names no string), or a translation that leaves out an
interpolation or condition of the English. The translated story is the
English one with its strings replaced: the same ids, variables, effects and
fingerprint, so a game and its saves move between languages unchanged. A
stale entry is still used; a missing one leaves the English in place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from engine.core.diagnostics import Code, Diagnostic, Severity, relative_name, shown
from engine.core.expressions import Expression, ExpressionError, Type, tokenize
from engine.core.model import Ending, GlossaryEntry, Scene, Story, Variable
from engine.core.names import IDENTIFIER_RULE, did_you_mean, is_identifier, suggest
from engine.core.text import Conditional, GlossaryMarker, Interpolation, Part, Template, parse_template
from engine.loading import story_checks
from engine.loading.files import StoryFile, control_characters, list_files, parse, read_bytes
from engine.loading.heading import LANGUAGE_RULE, TRANSLATIONS, is_language, languages
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter
from engine.loading.strings import English, Form, lock_of, table_path
from engine.loading.tables import Gathered

_LOCK = re.compile(r"[0-9a-f]{8}")
_ENTRY_KEYS = ("lock", "text")
_OMIT_KEYS = ("omit", "lock")
_NEW_KEYS = ("new", "term", "text", "also")


@attrs.define
class Counts:
    """Strings and their English words: all, translated (up to date), stale and missing."""

    strings: int = 0
    words: int = 0
    translated: int = 0
    translated_words: int = 0
    stale: int = 0
    stale_words: int = 0
    missing: int = 0
    missing_words: int = 0

    def add(self, state: str, words: int) -> None:
        self.strings += 1
        self.words += words
        setattr(self, state, getattr(self, state) + 1)
        setattr(self, f"{state}_words", getattr(self, f"{state}_words") + words)

    @property
    def percent(self) -> float:
        """Words translated and up to date, as a percentage of the English words."""
        return 100.0 * self.translated_words / self.words if self.words else 100.0

    def to_dict(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "percent": round(self.percent, 1)}


@attrs.define
class Coverage:
    """How much of a story one language's tables translate, in all and per story file."""

    language: str
    total: Counts = attrs.field(factory=Counts)
    files: dict[str, Counts] = attrs.field(factory=dict)  # by the English file, relative to the story

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            **self.total.to_dict(),
            "files": {name: counts.to_dict() for name, counts in self.files.items()},
        }


@attrs.frozen
class _Entry:
    file: StoryFile
    id: str
    body: dict[str, Any]


class _Tables:
    """The entries of one language, each checked; what can be used is kept in ``values``."""

    def __init__(self, reporter: Reporter, story: Story, english: dict[str, English], lang: str) -> None:
        self.reporter = reporter
        self.story = story
        self.english = english
        self.lang = lang
        self.values: dict[str, Any] = {}  # id -> the translation to use (str, tuple or Template)
        self.stale: set[str] = set()
        self.omitted: set[str] = set()
        self.added: dict[str, GlossaryEntry] = {}
        self.entry_at: dict[str, _Entry] = {}
        self.types = {name: v.type for name, v in story.variables.items()}
        self.memo: dict[tuple[str, Type | None], Expression] = {}

    # ------------------------------------------------------------ reading

    def read(self, folder: Path) -> list[StoryFile]:
        paths, problems = list_files(folder)
        for problem in problems:
            self.reporter.add(problem)
        files: list[StoryFile] = []
        for path in paths:
            raw = read_bytes(path)
            if isinstance(raw, Diagnostic):
                self.reporter.add(raw)
                continue
            diagnostics: list[Diagnostic] = []
            f = parse(path, raw, diagnostics)
            for d in diagnostics:
                self.reporter.add(d)
            if f is not None:
                files.append(f)
        return files

    def check_controls(self, f: StoryFile) -> bool:
        found = control_characters(f)
        for path, text, offset in found:
            message = "this text holds a control character, which could change the player's terminal"
            if path and path[-1] == text:
                self.reporter.error(Code.CONTROL_CHARACTER, f, path, message, at=At.KEY)
            else:
                self.reporter.error(Code.CONTROL_CHARACTER, f, path, message, offset=offset, value=text)
        return not found

    # ------------------------------------------------------------ entries

    def take(self, f: StoryFile) -> None:
        for key, body in f.data.items():
            if not isinstance(body, dict):
                self.reporter.error(
                    Code.WRONG_TYPE,
                    f,
                    (key,),
                    f"'{shown(key)}' is not an entry",
                    hint='each entry is a table: ["scene.start.title"], then its lock and text',
                    at=At.KEY,
                )
                continue
            seen = self.entry_at.get(key)
            if seen is not None:
                self.reporter.error(
                    Code.DUPLICATE,
                    f,
                    (key,),
                    f"'{shown(key)}' is translated twice",
                    hint=f"the other is in {relative_name(seen.file.path, self.reporter.root)}",
                    name=key,
                    at=At.KEY,
                )
                continue
            entry = _Entry(f, key, body)
            self.entry_at[key] = entry
            english = self.english.get(key)
            if english is not None:
                self.string(entry, english)
            elif key.startswith("glossary.") and key.count(".") == 1:
                self.glossary_entry(entry, key.split(".", 1)[1])
            elif (label := self.label_value(key)) is not None:
                self.value_label(entry, label)
            elif self.added_forms(key):
                self.forms(entry)
            else:
                self.orphan(entry)

    def entry_error(self, entry: _Entry, code: Code, message: str, hint: str | None = None) -> None:
        """An error about a whole entry, shown at its ``["id"]`` line."""
        self.reporter.error(code, entry.file, (entry.id,), message, hint=hint, name=entry.id, at=At.KEY)

    def unknown_keys(self, entry: _Entry, allowed: tuple[str, ...]) -> None:
        for key in entry.body:
            if key not in allowed:
                self.reporter.error(
                    Code.UNKNOWN_KEY,
                    entry.file,
                    (entry.id, key),
                    f"'{shown(key)}' is not a key of this entry",
                    hint=did_you_mean(str(key), allowed, "an entry has " + " and ".join(allowed)),
                    name=entry.id,
                    at=At.KEY,
                )

    def check_lock(self, entry: _Entry, expected: str) -> bool:
        """Whether the entry's lock is the English's; a missing or malformed lock is an error."""
        lock = entry.body.get("lock")
        if lock is None:
            self.entry_error(
                entry,
                Code.MISSING_KEY,
                f"'{shown(entry.id)}' has no lock",
                hint=f'write lock = "{expected}" once the text translates the English as it is now',
            )
            return False
        if not isinstance(lock, str) or not _LOCK.fullmatch(lock):
            self.reporter.error(
                Code.BAD_VALUE,
                entry.file,
                (entry.id, "lock"),
                "a lock is 8 hexadecimal digits, the start of the SHA-256 of the English",
                hint=f'the English is now "{expected}"',
                name=entry.id,
            )
            return False
        if lock != expected:
            self.reporter.warn(
                Code.STALE_TRANSLATION,
                entry.file,
                (entry.id, "lock"),
                f"'{shown(entry.id)}' is stale: the English has changed since it was translated",
                hint=f'read the English again, update the translation, then write lock = "{expected}"',
                name=entry.id,
            )
            return False
        return True

    def string(self, entry: _Entry, english: English) -> None:
        self.unknown_keys(entry, _ENTRY_KEYS)
        if not self.check_lock(entry, english.lock):
            self.stale.add(entry.id)
        if _mirror(self.reporter.root, self.lang, english) != entry.file.path:
            self.reporter.warn(
                Code.MISPLACED_TRANSLATION,
                entry.file,
                (entry.id,),
                f"'{shown(entry.id)}' belongs in the table of "
                f"{relative_name(english.file.path, self.reporter.root)}",
                hint=f"move it to {relative_name(_mirror(self.reporter.root, self.lang, english), self.reporter.root)}",
                name=entry.id,
                at=At.KEY,
            )
        if "text" not in entry.body:
            self.entry_error(
                entry,
                Code.MISSING_KEY,
                f"'{shown(entry.id)}' has no text",
                hint="text = the translation",
            )
            return
        value = self.text_value(entry, english.form is Form.LIST)
        if value is None:
            return
        if english.form is Form.TEMPLATE:
            assert isinstance(value, str)
            template = self.template(entry, value)
            if template is not None and self.keeps_markup(entry, english, template):
                self.values[entry.id] = template
        elif english.form is Form.FORMAT:
            if "{value}" in str(english.value) and "{value}" not in str(value):
                self.reporter.error(
                    Code.TRANSLATION_MARKUP,
                    entry.file,
                    (entry.id, "text"),
                    "the translation leaves out {value}, where the English shows the value",
                    hint=f"the English is '{shown(english.value)}'",
                    name=entry.id,
                )
                return
            self.values[entry.id] = value
        elif entry.id.startswith("choice.") and "{" in str(value):
            # A reason or a journal line is plain in the English; a translation may fork it
            # on what its grammar needs ({if protagonist == 'Nika'}пришла{else}пришёл{end}).
            template = self.template(entry, str(value))
            if template is not None:
                self.values[entry.id] = template
        elif entry.id.endswith(".facts"):
            facts = self.facts(entry, value)
            if facts is not None:
                self.values[entry.id] = facts
        else:
            self.values[entry.id] = value

    def text_value(self, entry: _Entry, is_list: bool) -> str | tuple[str, ...] | None:
        text = entry.body["text"]
        path: Path_ = (entry.id, "text")
        if is_list:
            if not isinstance(text, list) or not all(isinstance(t, str) and t.strip() for t in text):
                self.reporter.error(
                    Code.WRONG_TYPE,
                    entry.file,
                    path,
                    "this text is a list of texts, as the English is",
                    hint='text = ["…", "…"]',
                    name=entry.id,
                )
                return None
            return tuple(text)
        if not isinstance(text, str):
            self.reporter.error(
                Code.WRONG_TYPE, entry.file, path, "the text is a string", hint='text = "…"', name=entry.id
            )
            return None
        if not text.strip():
            self.reporter.error(
                Code.BAD_VALUE,
                entry.file,
                path,
                "the text is empty",
                hint="write the translation, or remove the entry so the English is shown",
                name=entry.id,
            )
            return None
        return text

    def template(self, entry: _Entry, source: str) -> Template | None:
        try:
            template = parse_template(source, self.types, suggest, self.memo)
        except ExpressionError as exc:
            self.reporter.error(
                Code.EXPRESSION,
                entry.file,
                (entry.id, "text"),
                exc.message,
                hint=exc.hint,
                name=entry.id,
                offset=exc.offset,
                value=source,
            )
            return None
        for expr in template.expressions:
            for sid, _ in expr.scenes:
                if sid not in self.story.scenes:
                    self.reporter.error(
                        Code.NO_SCENE,
                        entry.file,
                        (entry.id, "text"),
                        f"there is no scene '{shown(sid)}'",
                        hint=did_you_mean(sid, self.story.scenes),
                        name=sid,
                        offset=max(source.find(sid), 0),
                        value=source,
                    )
                    return None
        return template

    def keeps_markup(self, entry: _Entry, english: English, template: Template) -> bool:
        """Whether the translation has every interpolation and condition of the English."""
        assert isinstance(english.value, str)
        want = self.english_marks(english)
        have = {(kind, tokens) for kind, tokens, _ in _marks(template.parts)}
        lost = [mark for mark in want if mark[:2] not in have]
        for kind, _, source in lost:
            source = " ".join(source.split())
            written = f"{{if {source}}}" if kind == "if" else f"{{{source}}}"
            self.reporter.error(
                Code.TRANSLATION_MARKUP,
                entry.file,
                (entry.id, "text"),
                f"the translation leaves out {shown(written)}, which the English has",
                hint="keep every {expression} and every {if}/{elif} condition of the English "
                "(whitespace aside); the words around them are free",
                name=entry.id,
            )
        return not lost

    def english_marks(self, english: English) -> list[tuple[str, tuple[str, ...], str]]:
        template = _english_template(self.story, english.id)
        if template is None or template.static:
            return []
        marks = {(kind, tokens): (kind, tokens, source) for kind, tokens, source in _marks(template.parts)}
        return list(marks.values())

    def facts(self, entry: _Entry, items: Any) -> tuple[tuple[str, str], ...] | None:
        out = []
        for i, fact in enumerate(items):
            key, sep, note = fact.partition(":")
            key = key.strip()
            if not sep or not note.strip() or key not in self.story.sources:
                self.reporter.error(
                    Code.NO_SOURCE if sep and note.strip() else Code.BAD_VALUE,
                    entry.file,
                    (entry.id, "text", i),
                    f"there is no source '{shown(key)}'" if sep else 'a fact is written "SOURCE: the fact"',
                    hint="keep the source key of the English before the colon: "
                    + ", ".join(sorted(self.story.sources)),
                    name=entry.id,
                )
                return None
            out.append((key, note.strip()))
        return tuple(out)

    # ------------------------------------------------------------ glossary and labels

    def glossary_entry(self, entry: _Entry, key: str) -> None:
        body = entry.body
        if body.get("omit") is not None and body.get("new") is not None:
            self.entry_error(
                entry,
                Code.RULE,
                "an entry either omits the English's glossary entry or adds a new one, not both",
            )
            return
        english = self.story.glossary.get(key)
        if "omit" in body:
            self.unknown_keys(entry, _OMIT_KEYS)
            if english is None:
                self.orphan(entry)
                return
            if body["omit"] is not True:
                self.reporter.error(
                    Code.BAD_VALUE,
                    entry.file,
                    (entry.id, "omit"),
                    "omit is true, or the entry is left out",
                    name=entry.id,
                )
                return
            self.check_lock(entry, lock_of(english.text))
            self.omitted.add(key)
            return
        if "new" not in body:
            self.orphan(entry)
            return
        self.unknown_keys(entry, _NEW_KEYS)
        if english is not None:
            self.entry_error(
                entry,
                Code.DUPLICATE,
                f"the story's glossary already has '{shown(key)}'",
                hint=f"translate it in glossary.{key}.term and .text, or choose another key",
            )
            return
        if not is_identifier(key):
            self.entry_error(
                entry,
                Code.BAD_NAME,
                f"'{shown(key)}' cannot be a glossary key",
                hint=IDENTIFIER_RULE,
            )
            return
        problems = []
        if body["new"] is not True:
            problems.append(("new", "new is true for an entry the English does not have"))
        term, text, also = body.get("term"), body.get("text"), body.get("also", [])
        if not isinstance(term, str) or not term.strip():
            problems.append(("term", "a new glossary entry has a term: the word it explains"))
        if not isinstance(text, str) or not text.strip():
            problems.append(("text", "a new glossary entry has a text: what the term means"))
        if not isinstance(also, list) or not all(isinstance(a, str) and a.strip() for a in also):
            problems.append(("also", 'also is a list of the other forms of the term: ["…", "…"]'))
        for key_name, message in problems:
            self.reporter.error(
                Code.MISSING_KEY if key_name not in body else Code.BAD_VALUE,
                entry.file,
                (entry.id, key_name) if key_name in body else (entry.id,),
                message,
                name=entry.id,
                at=At.VALUE if key_name in body else At.KEY,
            )
        if not problems:
            assert isinstance(term, str) and isinstance(text, str)
            self.added[key] = GlossaryEntry(key, term, text, tuple(also))

    def label_value(self, key: str) -> tuple[Variable, str] | None:
        """The variable and value an id ``variable.<name>.labels.<value>`` shows, for a value with no English label."""
        parts = key.split(".", 3)
        if len(parts) != 4 or parts[0] != "variable" or parts[2] != "labels":
            return None
        variable = self.story.variables.get(parts[1])
        if variable is None:
            return None
        if variable.type is Type.TEXT or (
            variable.type is Type.TAGS and (variable.values is None or parts[3] in variable.values)
        ):
            return variable, parts[3]
        return None

    def value_label(self, entry: _Entry, label: tuple[Variable, str]) -> None:
        self.unknown_keys(entry, _ENTRY_KEYS)
        if not self.check_lock(entry, lock_of(label[1])):
            self.stale.add(entry.id)
        if "text" in entry.body:
            value = self.text_value(entry, False)
            if value is not None:
                self.values[entry.id] = value

    def added_forms(self, key: str) -> bool:
        """Whether ``key`` is ``glossary.<key>.also`` for an English entry with no other forms."""
        parts = key.split(".")
        return (
            len(parts) == 3
            and parts[0] == "glossary"
            and parts[2] == "also"
            and parts[1] in self.story.glossary
        )

    def forms(self, entry: _Entry) -> None:
        self.unknown_keys(entry, _ENTRY_KEYS)
        if not self.check_lock(entry, lock_of("")):
            self.stale.add(entry.id)
        if "text" in entry.body:
            value = self.text_value(entry, True)
            if value is not None:
                self.values[entry.id] = value

    def orphan(self, entry: _Entry) -> None:
        near = suggest(
            entry.id, [e.id for e in self.english.values() if e.file.path.name == entry.file.path.name]
        )
        self.reporter.warn(
            Code.ORPHAN_TRANSLATION,
            entry.file,
            (entry.id,),
            f"'{shown(entry.id)}' translates nothing: the story has no such string",
            hint=f"did you mean `{near}`?"
            if near
            else "a misspelt or removed id; docs/translating.md lists them",
            name=entry.id,
            at=At.KEY,
        )


def _mirror(root: Path, lang: str, english: English) -> Path:
    return table_path(root, lang, english.file.path)


def _tokens(source: str) -> tuple[str, ...]:
    try:
        return tuple(t.text for t in tokenize(source))
    except ExpressionError:
        return (source,)


def _marks(parts: tuple[Part, ...]) -> list[tuple[str, tuple[str, ...], str]]:
    """The interpolations and conditions of a template, each as its tokens (whitespace aside)."""
    out: list[tuple[str, tuple[str, ...], str]] = []
    for part in parts:
        if isinstance(part, Interpolation):
            out.append(("{}", _tokens(part.expr.source), part.expr.source))
        elif isinstance(part, Conditional):
            for cond, body in part.branches:
                if cond is not None:
                    out.append(("if", _tokens(cond.source), cond.source))
                out.extend(_marks(body.parts))
    return out


def _english_template(story: Story, sid: str) -> Template | None:
    parts = sid.split(".")
    if parts[0] == "scene" and parts[-1] == "text":
        text = story.scenes[parts[1]].text
        return text if isinstance(text, Template) else None
    if parts[0] == "choice":
        scene = story.scenes[parts[1]]
        cid = ".".join(parts[2:-1])
        choice = next(c for c in scene.choices if c.id == cid)
        value = getattr(choice, parts[-1], None)
        return value if isinstance(value, Template) else None
    return None


# ---------------------------------------------------------------- the translated story


def translate(
    story: Story, raw: Gathered, lang: str, reporter: Reporter, english: dict[str, English]
) -> tuple[Story, Coverage]:
    """The story with its strings in ``lang``; every problem with the tables goes to ``reporter``."""
    root = reporter.root
    tables = _Tables(reporter, story, english, lang)
    folder = root / TRANSLATIONS / lang
    files = tables.read(folder)
    clean = {id(f) for f in files if tables.check_controls(f)}
    for f in files:
        if id(f) in clean:
            tables.take(f)
    lost = {f.path for f in files if f.lost or id(f) not in clean}
    written = {f.path for f in files}
    _report_missing(reporter, english, tables, lang, written, lost)
    translated = _apply(story, tables, lang)
    _report_unused_glossary(reporter, translated, tables)
    return translated, _coverage(root, english, tables, lang)


def _report_missing(
    reporter: Reporter,
    english: dict[str, English],
    tables: _Tables,
    lang: str,
    written: set[Path],
    lost: set[Path],
) -> None:
    by_table: dict[Path, list[English]] = {}
    for string in english.values():
        if string.id.startswith("glossary.") and string.id.split(".")[1] in tables.omitted:
            continue
        if string.id not in tables.entry_at:
            by_table.setdefault(_mirror(reporter.root, lang, string), []).append(string)
    for path, strings in by_table.items():
        if path in lost:
            continue  # what a syntax error cost is not reported again as missing
        if path not in written:
            source = relative_name(strings[0].file.path, reporter.root)
            reporter.add(
                Diagnostic(
                    Severity.WARNING,
                    f"there is no string table for {source}: its {len(strings):,} "
                    f"string{'s' if len(strings) != 1 else ''} are shown in English",
                    path,
                    hint="docs/translating.md says how to start one",
                    code=Code.MISSING_TRANSLATION,
                    name=str(path.relative_to(reporter.root)),
                )
            )
            continue
        table = relative_name(path, reporter.root)
        for string in strings:
            reporter.warn(
                Code.MISSING_TRANSLATION,
                string.file,
                string.path,
                f"'{string.id}' has no entry in {table}: the English is shown",
                hint=f'add ["{string.id}"] with lock = "{string.lock}" and its text',
                name=string.id,
            )


def _report_unused_glossary(reporter: Reporter, story: Story, tables: _Tables) -> None:
    """A translated glossary term none of whose forms the translated text holds is never marked."""
    asked = {
        key: entry
        for key, entry in story.glossary.items()
        if key in tables.added or f"glossary.{key}.term" in tables.values
    }
    if not asked:
        return
    texts = story_checks.texts_shown(story.journeys.values(), story.scenes.values(), story.variables.values())
    texts.extend(label for v in story.variables.values() for label in v.labels.values())
    for key in story_checks.unused_glossary(asked, texts):
        at = tables.entry_at.get(f"glossary.{key}.term") or tables.entry_at[f"glossary.{key}"]
        reporter.warn(
            Code.UNUSED_GLOSSARY,
            at.file,
            (at.id,),
            f"the glossary term '{shown(story.glossary[key].term)}' appears in no translated text, in any of its forms",
            hint="list the forms the text uses (the cases: ИИНа, ИИНу, ИИНом) in the entry's also",
            name=key,
            at=At.KEY,
        )


def _coverage(root: Path, english: dict[str, English], tables: _Tables, lang: str) -> Coverage:
    coverage = Coverage(lang)
    for string in english.values():
        if string.id in tables.values and string.id in tables.stale:
            state = "stale"
        elif string.id in tables.values or (
            string.id.startswith("glossary.") and string.id.split(".")[1] in tables.omitted
        ):
            state = "translated"
        else:
            state = "missing"
        coverage.total.add(state, string.words)
        name = string.file.path.relative_to(root).as_posix()
        coverage.files.setdefault(name, Counts()).add(state, string.words)
    return coverage


def _apply(story: Story, tables: _Tables, lang: str) -> Story:
    values = tables.values

    def get(sid: str, default: Any) -> Any:
        return values.get(sid, default)

    journeys = {
        jid: attrs.evolve(
            j,
            title=get(f"journey.{jid}.title", j.title),
            blurb=get(f"journey.{jid}.blurb", j.blurb),
            where_text=get(f"journey.{jid}.where", j.where_text),
            when=get(f"journey.{jid}.when", j.when),
        )
        for jid, j in story.journeys.items()
    }
    scenes = {sid: _scene(scene, values) for sid, scene in story.scenes.items()}
    labels: dict[str, dict[str, str]] = {}
    for sid, text in values.items():
        if sid.startswith("variable.") and ".labels." in sid:
            _, name, _, value = sid.split(".", 3)
            labels.setdefault(name, {})[value] = text
    variables = {name: _variable(v, values, labels.get(name, {})) for name, v in story.variables.items()}
    glossary: dict[str, GlossaryEntry] = {}
    for key, g in story.glossary.items():
        if key in tables.omitted:
            continue
        glossary[key] = attrs.evolve(
            g,
            term=get(f"glossary.{key}.term", g.term),
            text=get(f"glossary.{key}.text", g.text),
            also=get(f"glossary.{key}.also", g.also),
        )
    glossary.update(tables.added)
    sources = {
        key: attrs.evolve(
            s,
            title=get(f"source.{key}.title", s.title),
            outlet=get(f"source.{key}.outlet", s.outlet),
            date=get(f"source.{key}.date", s.date),
            about=get(f"source.{key}.about", s.about),
        )
        for key, s in story.sources.items()
    }
    forms = {form: key for key, entry in glossary.items() for form in (entry.term, *entry.also)}
    return attrs.evolve(
        story,
        title=get("story.title", story.title),
        subtitle=get("story.subtitle", story.subtitle),
        content_note=get("story.content_note", story.content_note),
        journeys=journeys,
        scenes=scenes,
        variables=variables,
        glossary=glossary,
        sources=sources,
        marker=GlossaryMarker(forms),
        language=lang,
    )


_CHOICE_TEXTS = ("text", "because", "journal", "reply")


def _scene(scene: Scene, values: dict[str, Any]) -> Scene:
    sid = scene.id
    ending: Ending | None = scene.ending
    if ending is not None and f"scene.{sid}.ending.title" in values:
        ending = attrs.evolve(ending, title=values[f"scene.{sid}.ending.title"])
    choices = []
    for choice in scene.choices:
        changes = {
            name: values[f"choice.{sid}.{choice.id}.{name}"]
            for name in _CHOICE_TEXTS
            if f"choice.{sid}.{choice.id}.{name}" in values
        }
        if not changes:
            choices.append(choice)
            continue
        text = changes.pop("text", choice.text)
        details = attrs.evolve(choice.details, **changes) if changes else choice.details
        choices.append(attrs.evolve(choice, text=text, details=details))
    return attrs.evolve(
        scene,
        title=values.get(f"scene.{sid}.title", scene.title),
        location=values.get(f"scene.{sid}.location", scene.location),
        text=values.get(f"scene.{sid}.text", scene.text),
        facts=values.get(f"scene.{sid}.facts", scene.facts),
        choices=tuple(choices),
        ending=ending,
    )


def _variable(variable: Variable, values: dict[str, Any], translated: dict[str, str]) -> Variable:
    name = variable.name
    labels = {**variable.labels, **translated}
    return attrs.evolve(
        variable,
        label=values.get(f"variable.{name}.label", variable.label),
        group=values.get(f"variable.{name}.group", variable.group),
        format=values.get(f"variable.{name}.format", variable.format),
        labels=labels,
    )


__all__ = ["LANGUAGE_RULE", "Counts", "Coverage", "is_language", "languages", "translate"]
