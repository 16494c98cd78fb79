"""A language's string tables as a gettext ``.po`` file, and back: for translators' own tools.

Export writes one message per string of the story (docs/translating.md):
``msgctxt`` is its id (``scene.nm_queue.text``), ``msgid`` the English,
``msgstr`` the translation from the tables (empty when there is none), a
comment the entry's lock, and the English file and line as its reference. A
list (a scene's facts, a glossary entry's forms) is one item per line. An
entry whose English has changed since it was translated (a stale lock) is
marked ``fuzzy``, as gettext marks a translation to review; a value's label
with no English label is exported with the value as its English; the strings
of a glossary entry the language leaves out (``omit``) are not exported.

Import writes what a ``.po`` file translates into the tables, with locks:
the lock of the ``msgid`` the translator saw (so an entry translated from an
English that has changed since is stale), and for a ``fuzzy`` one the lock it
was exported with, so it stays stale until someone reviews it. An empty
``msgstr`` changes nothing. The tables are then checked like any other
(``relocant check --lang``). What a ``.po`` file cannot say is kept as it is
in the tables: glossary entries dropped (``omit``) or added (``new``) for the
language, forms added to an English entry that has none, and every entry the
file does not mention. An entry a file leaves unchanged keeps its text and
its comments byte for byte.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import attrs
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from engine.core.diagnostics import Diagnostic, relative_name
from engine.core.model import Story
from engine.loading.files import (
    TRANSLATIONS,
    StoryFile,
    control_characters,
    list_files,
    parse,
    read_bytes,
    read_folder,
)
from engine.loading.loader import load
from engine.loading.reporter import Reporter
from engine.loading.strings import English, Form, english_strings, lock_of, table_path
from engine.loading.tables import gather
from engine.loading.translations import is_language

_LOCK = re.compile(r"lock: ([0-9a-f]{8})")
STALE_LOCK = "00000000"  # for a fuzzy translation with no lock to keep: stale until reviewed


class PoError(Exception):
    """The story, its tables or the ``.po`` file cannot be used; ``problems`` says why, each
    as a diagnostic at its file and line where there is one."""

    def __init__(self, message: str, problems: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@attrs.frozen
class Tables:
    """The English strings of a story and one language's tables, as read from the files."""

    root: Path
    lang: str
    story: Story
    english: dict[str, English]
    files: dict[Path, StoryFile]  # each table, by its path


def read(root: Path, lang: str) -> Tables:
    """The story's English strings and its tables in ``lang``; PoError when either cannot be read."""
    if not is_language(lang):
        raise PoError(f"'{lang}' is not a language code such as ru, kk, de or pt_BR")
    result = load(root)
    if result.story is None:
        raise PoError("the story has errors: `relocant check` shows them", result.errors)
    reading = read_folder(root)
    raw = gather(reading.files, Reporter(root, reading.lost))
    english = english_strings(raw, result.story)
    folder = root / TRANSLATIONS / lang
    files: dict[Path, StoryFile] = {}
    problems: list[Diagnostic] = []
    if folder.is_dir():
        paths, problems = list_files(folder)
        for path in paths:
            data = read_bytes(path)
            if isinstance(data, Diagnostic):
                problems.append(data)
                continue
            parsed = parse(path, data, problems)
            if parsed is not None:
                files[path] = parsed
    errors = [d for d in problems if d.is_error]
    if errors:
        raise PoError(
            f"the tables in {lang} cannot be read: `relocant check --lang {lang}` shows why", errors
        )
    held = [relative_name(f.path, root) for f in files.values() if control_characters(f)]
    if held:  # a .po file would carry them on to a terminal or a translator's tool
        raise PoError(
            f"{', '.join(held)}: a text holds a control character; `relocant check --lang {lang}` shows where"
        )
    return Tables(root, lang, result.story, english, files)


# ---------------------------------------------------------------- export


def export(tables: Tables) -> Catalog:
    """The tables as a catalog: every string of the story, translated or not, in the story's order."""
    catalog = Catalog(
        locale=_locale(tables.lang), project=tables.story.id, version=tables.story.version, fuzzy=False
    )
    entries = {key: (f, body) for f in tables.files.values() for key, body in f.data.items()}
    omitted = {
        key.split(".")[1]
        for key, (_f, body) in entries.items()
        if key.startswith("glossary.") and key.count(".") == 1 and isinstance(body, dict) and "omit" in body
    }
    for string in tables.english.values():
        if string.id.startswith("glossary.") and string.id.split(".")[1] in omitted:
            continue  # this language leaves the entry out of its glossary
        f, body = entries.get(string.id, (None, None))
        where = (_relative(tables.root, string.file.path), _line(string.file, string.path))
        message = Message(
            _joined(string.value), locations=[where], context=string.id, auto_comments=_notes(string.form)
        )
        if isinstance(body, dict) and _text(body.get("text"), string.form) is not None:
            message.string = _text(body.get("text"), string.form) or ""
            lock = body.get("lock")
            message.auto_comments.append(f"lock: {lock}")
            if lock != string.lock:
                message.flags.add("fuzzy")
        _plain(message)
        catalog[message.id] = message  # kept apart from another string of the same English by its context
    for f in tables.files.values():
        english_file = f.path.relative_to(tables.root / TRANSLATIONS / tables.lang)
        for key, body in f.data.items():
            value = _labelled_value(tables.story, key)
            if value is None or key in tables.english or not isinstance(body, dict):
                continue
            text = _text(body.get("text"), Form.TEXT)
            message = Message(value, string=text or "", locations=[(english_file.as_posix(), 0)], context=key)
            message.auto_comments.append(f"lock: {body.get('lock')}")
            if body.get("lock") != lock_of(value):
                message.flags.add("fuzzy")
            _plain(message)
            catalog[message.id] = message
    return catalog


def _plain(message: Message) -> None:
    """The story's markup is not Python's: no tool should check it as a Python format."""
    message.flags -= {"python-format", "python-brace-format"}


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False, include_lineno=True)
    return out.getvalue()


def _notes(form: Form) -> list[str]:
    if form is Form.LIST:
        return ["a list: one item per line"]
    if form is Form.TEMPLATE:
        return ["story markup: keep every {expression} and {if …}…{end} as it is"]
    return []


def _joined(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else "\n".join(value)


def _text(value: Any, form: Form) -> str | None:
    if form is Form.LIST:
        ok = isinstance(value, list) and all(isinstance(v, str) and "\n" not in v for v in value)
        return "\n".join(value) if ok else None
    return value if isinstance(value, str) else None


def _labelled_value(story: Story, key: str) -> str | None:
    """The value ``variable.<name>.labels.<value>`` labels, when it names a variable of the story."""
    parts = key.split(".", 3)
    if len(parts) == 4 and parts[0] == "variable" and parts[2] == "labels" and parts[1] in story.variables:
        return parts[3]
    return None


def _line(f: StoryFile, path: tuple[str | int, ...]) -> int:
    """The line the English is written on; 0 (no line) when it cannot be found."""
    index = f.locator.value_index(f.written_at(path))
    return 0 if index is None else f.locator.position(index).line


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _locale(lang: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return lang


# ---------------------------------------------------------------- import


@attrs.frozen
class Imported:
    written: list[Path]  # the tables changed
    entries: int  # entries written or changed
    unchanged: int
    untranslated: int  # messages with no translation, left out
    problems: list[str]  # messages that could not be placed, each said


def import_po(tables: Tables, data: bytes) -> Imported:
    """Write what the ``.po`` file ``data`` translates into the tables; PoError when it is no .po file."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise PoError(f"this is not a .po file that can be read: {exc}") from None
    wanted: dict[Path, dict[str, dict[str, Any]]] = {}
    problems: list[str] = []
    untranslated = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        key = message.context
        if not key:
            problems.append(f"line {message.lineno}: a message with no msgctxt names no string; left out")
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            problems.append(f"{key}: a message with plural forms is no string of the story; left out")
            continue
        if not message.string:
            untranslated += 1
            continue
        english = tables.english.get(key)
        table = _table_of(tables, message, english)
        if table is None:
            problems.append(f"{key}: the story has no such string and the message names no file; left out")
            continue
        lock = lock_of(message.id)
        if message.fuzzy:
            kept = [m.group(1) for c in message.auto_comments if (m := _LOCK.fullmatch(c.strip()))]
            lock = kept[0] if kept else STALE_LOCK
        text: str | list[str] = message.string
        if english is not None and english.form is Form.LIST:
            text = [line for line in message.string.split("\n") if line.strip()]
        wanted.setdefault(table, {})[key] = {"lock": lock, "text": text}
    written: list[Path] = []
    changed = unchanged = 0
    for path, entries in wanted.items():
        f = tables.files.get(path)
        new_text, n_changed = _merged(f, entries)
        unchanged += len(entries) - n_changed
        if n_changed:
            _write(path, new_text)
            written.append(path)
            changed += n_changed
    return Imported(written, changed, unchanged, untranslated, problems)


def _table_of(tables: Tables, message: Message, english: English | None) -> Path | None:
    """The table an entry belongs in: its English file's, or the file its reference names."""
    if english is not None:
        return table_path(tables.root, tables.lang, english.file.path)
    for name, _line in message.locations:
        relative = Path(name)
        if not relative.is_absolute() and ".." not in relative.parts and relative.suffix == ".toml":
            return tables.root / TRANSLATIONS / tables.lang / relative
    return None


def _merged(f: StoryFile | None, entries: dict[str, dict[str, Any]]) -> tuple[str, int]:
    """The table's new text with ``entries`` in place (or appended), and how many entries changed.

    An entry whose lock and text are already as given is kept as written, with
    its comments; a changed one is written anew below its comments.
    """
    chunks = _chunks(f) if f is not None else None
    if f is not None and chunks is None:  # cannot be cut into entries safely: written anew whole
        chunks = ("", {key: _entry(key, body) for key, body in f.data.items()})
    head, by_key = chunks if chunks is not None else ("", {})
    bodies = dict(f.data) if f is not None else {}
    changed = 0
    for key, body in entries.items():
        before = bodies.get(key)
        if (
            isinstance(before, dict)
            and before.get("lock") == body["lock"]
            and before.get("text") == body["text"]
        ):
            continue
        changed += 1
        new_body = {**before, **body} if isinstance(before, dict) else body
        bodies[key] = new_body
        comments = _comments(by_key.get(key, ""))
        by_key[key] = comments + _entry(key, new_body)
    text = head + "\n".join(chunk.rstrip("\n") + "\n" for chunk in by_key.values())
    if tomllib.loads(text) != bodies:  # never write a table that would not read back as meant
        raise PoError("the table could not be written so that it reads back as meant")  # pragma: no cover
    return text, changed


def _chunks(f: StoryFile) -> tuple[str, dict[str, str]] | None:
    """The file's text before its first entry, and each entry's text with the comments above it;
    None when the entries cannot be told apart safely (the whole file is then written anew)."""
    starts: list[tuple[int, str]] = []
    for key in f.data:
        index = f.locator.key_index((key,))
        if index is None:
            return None
        line_start = f.text.rfind("\n", 0, index) + 1
        starts.append((line_start, key))
    starts.sort()
    if [key for _, key in starts] != list(f.data):
        return None
    bounds: list[int] = []
    for start, _key in starts:  # comment lines right above a header belong to its entry
        while start > 0:
            previous = f.text.rfind("\n", 0, start - 1) + 1
            if not f.text[previous:start].lstrip().startswith("#"):
                break
            start = previous
        bounds.append(start)
    head = f.text[: bounds[0]] if bounds else f.text
    by_key: dict[str, str] = {}
    for i, (_start, key) in enumerate(starts):
        end = bounds[i + 1] if i + 1 < len(bounds) else len(f.text)
        chunk = f.text[bounds[i] : end].rstrip() + "\n"
        try:
            if tomllib.loads(chunk) != {key: f.data[key]}:
                return None
        except tomllib.TOMLDecodeError:
            return None
        by_key[key] = chunk
    return head, by_key


def _comments(chunk: str) -> str:
    lines = []
    for line in chunk.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _entry(key: str, body: Any) -> str:
    if not isinstance(body, dict):
        return f"{_string(key)} = {_value(body)}\n"
    lines = [f"[{_string(key)}]"]
    for name, value in body.items():
        lines.append(f"{_key(name)} = {_value(value)}")
    return "\n".join(lines) + "\n"


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else _string(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return _multiline(value) if value.endswith("\n") and "\n" in value[:-1] else _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return _string(str(value))  # dates and times: the table is checked afterwards


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, less DEL, which TOML wants escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _multiline(text: str) -> str:
    """A multi-line text as the story writes it: between lines of three quotes."""
    if _CONTROL.search(text.replace("\t", "").replace("\r\n", "\n").replace("\n", "")) or "\r" in text:
        return _string(text)
    body = text.replace("\\", "\\\\").replace('"""', '""\\"')
    return '"""\n' + body + '"""'


def _write(path: Path, text: str) -> None:
    """Replace the table at ``path`` whole, or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
