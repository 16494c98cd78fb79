"""Reading a story folder: which files, their bytes, their fingerprint, their TOML.

Nothing in the folder is trusted. Only regular files are read, each up to
:data:`MAX_FILE_BYTES`; a folder, a link to nothing or to itself, a pipe or
a file that cannot be opened is reported by name, never followed, waited on
or skipped in silence. A file that is not UTF-8 or not TOML is reported at
its line, and as much of it as can be read is kept (:mod:`engine.loading.syntax`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Any

import attrs
import tomli

from engine.core.controls import find_control
from engine.core.diagnostics import Code, Diagnostic, Severity
from engine.loading import syntax
from engine.loading.heading import TRANSLATIONS
from engine.loading.positions import Locator

MAX_FILE_BYTES = 32 * 1024 * 1024
_NESTING = re.compile(r"[\[{.]")


@attrs.define(eq=False)
class StoryFile:
    """One ``.toml`` file: where it is, its text, and the tables read from it."""

    path: Path
    text: str
    data: dict[str, Any]
    lost: syntax.Lost = attrs.field(factory=syntax.Lost)  # tables dropped for syntax errors
    may_hold_controls: bool = True  # False only when no value can hold a control character
    # Tables under a misspelt top-level key, read as if spelt right: where each is written.
    aliases: dict[tuple[str | int, ...], tuple[str | int, ...]] = attrs.field(factory=dict)
    _tables: dict[str, Any] | None = None
    _locator: Locator | None = None

    @property
    def tables(self) -> dict[str, Any]:
        """The tables the story is built from: ``data``, with misspelt top-level keys read right."""
        return self.data if self._tables is None else self._tables

    @tables.setter
    def tables(self, tables: dict[str, Any]) -> None:
        self._tables = tables

    def written_at(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """Where ``path`` of :attr:`tables` is in the file as written."""
        for n in (3, 2, 1):
            if path[:n] in self.aliases:
                return self.aliases[path[:n]] + path[n:]
        return path

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text, self.data)
        return self._locator


@attrs.define
class Reading:
    files: list[StoryFile]
    fingerprint: str
    diagnostics: list[Diagnostic]
    lost: syntax.Lost


def _problem(path: Path, message: str, hint: str | None = None, line: int | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, path, line, hint=hint, code=Code.UNREADABLE)


def list_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``*.toml`` under ``root`` in a stable order, and the folders that could not be read.

    Linked folders are followed once each, so a link back up the tree ends.
    The top-level ``translations`` folder holds string tables, not story files.
    """
    found: list[Path] = []
    problems: list[Diagnostic] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append(
                _problem(folder, f"the folder cannot be read ({_reason(exc)})", "check its permissions")
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.endswith(".toml"):
                found.append(path)
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder and not (folder == root and entry.name == TRANSLATIONS):
                stack.append(path)
    return sorted(found), problems


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def read_bytes(path: Path) -> bytes | Diagnostic:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or why it cannot be read."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return _problem(path, "the file is a link to nothing", f"it points to {os.readlink(path)}")
        return _problem(path, "the file disappeared while the story was read")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _problem(path, "the file is a link that leads back to itself")
        return _problem(path, f"the file cannot be read ({_reason(exc)})", "check its permissions")
    if stat.S_ISDIR(info.st_mode):
        return _problem(
            path,
            "this is a folder, not a story file",
            "a name ending in .toml is read as a story file; rename it",
        )
    if not stat.S_ISREG(info.st_mode):
        return _problem(
            path, "this is not a regular file (a pipe, a device or a socket)", "story files are text files"
        )
    if info.st_size > MAX_FILE_BYTES:
        return _too_large(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return _problem(path, f"the file cannot be read ({_reason(exc)})", "check its permissions")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # it was replaced after the first look
            return _problem(path, "this is not a regular file (a pipe, a device or a socket)")
        chunks = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return _problem(path, f"the file cannot be read ({_reason(exc)})")
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        return _too_large(path)
    return b"".join(chunks)


def _too_large(path: Path) -> Diagnostic:
    limit = MAX_FILE_BYTES
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return _problem(
        path, f"the file is larger than {size}", "a story is split into files of a few hundred scenes"
    )


def parse(path: Path, raw: bytes, diagnostics: list[Diagnostic]) -> StoryFile | None:
    """Decode and parse one file; report its problems; keep what can be read."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "the file is not UTF-8 text",
                path,
                line,
                hint="save it as UTF-8",
                code=Code.NOT_UTF8,
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = (b"\xc2" in raw and _C1_BYTES.search(raw) is not None) or (
        "\\" in text and _CONTROL_ESCAPE.search(text) is not None
    )
    try:
        return StoryFile(path, text, tomli.loads(text), may_hold_controls=controls)
    except tomli.TOMLDecodeError as exc:
        data, problems, lost = syntax.recover(text, exc)
        locator = Locator(text)
        for problem in problems:
            at = locator.position(problem.index)
            diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    problem.message,
                    path,
                    at.line,
                    at.column,
                    problem.hint,
                    locator.line_at(problem.index),
                    code=Code.TOML_SYNTAX,
                )
            )
        return StoryFile(path, text, data or {}, lost)
    except RecursionError:
        index = _deepest_line(text)
        at = Locator(text).position(index)
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "TOML nested too deeply to read",
                path,
                at.line,
                hint="tables, lists and dotted keys may nest a few levels, not hundreds",
                code=Code.TOO_DEEP,
            )
        )
        lost = syntax.Lost()
        lost.anything()
        return StoryFile(path, text, {}, lost)
    except ValueError:
        # Python will not turn more than 4,300 digits into an int, and tomli passes its ValueError on.
        found = _LONG_NUMBER.search(text)
        locator = Locator(text)
        index = found.start() if found else 0
        at = locator.position(index)
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                "this number is too long to read",
                path,
                at.line,
                at.column,
                "a whole number in a story has at most 18 digits",
                locator.line_at(index),
                code=Code.NUMBER_TOO_LONG,
            )
        )
        lost = syntax.Lost()
        lost.anything()
        return StoryFile(path, text, {}, lost)


_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _deepest_line(text: str) -> int:
    """The start of the line with the most brackets and dots: where nesting runs too deep."""
    best, best_count, start = 0, -1, 0
    for line in text.split("\n"):
        count = len(_NESTING.findall(line))
        if count > best_count:
            best, best_count = start, count
        start += len(line) + 1
    return best


def read_folder(root: Path) -> Reading:
    """Read and parse every story file under ``root``."""
    diagnostics: list[Diagnostic] = []
    paths, problems = list_files(root)
    diagnostics.extend(problems)
    if not paths and not problems:
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                f"no .toml files in {root}",
                hint="is this the story folder?",
                code=Code.NO_FILES,
            )
        )
    digest = hashlib.sha256()
    files: list[StoryFile] = []
    lost = syntax.Lost()
    if problems:
        lost.anything()
    for path in paths:
        raw = read_bytes(path)
        if isinstance(raw, Diagnostic):
            diagnostics.append(raw)
            lost.anything()
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(raw)
        digest.update(b"\0")
        story_file = parse(path, raw, diagnostics)
        if story_file is None:
            lost.anything()
            continue
        lost.merge(story_file.lost)
        files.append(story_file)
    return Reading(files, digest.hexdigest()[:16], diagnostics, lost)


# TOML refuses C0 controls and DEL written raw, so a control character in a
# value comes from a C1 control written raw (UTF-8 C2 80 to C2 9F) or from an
# escape; a file with neither needs no closer look. Both searches start with
# a fixed character, which the regular expression engine finds fast.
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_CONTROL_ESCAPE = re.compile(
    r"\\(?:[bfre]|x(?:[01][0-9A-Fa-f]|7[Ff]|[89][0-9A-Fa-f])"
    r"|u00(?:[01][0-9A-Fa-f]|7[Ff]|[89][0-9A-Fa-f])|U000000(?:[01][0-9A-Fa-f]|7[Ff]|[89][0-9A-Fa-f]))"
)


def control_characters(story_file: StoryFile) -> list[tuple[tuple[str | int, ...], str, int]]:
    """Each key or text of the file holding a control character: (path, text, offset)."""
    if not story_file.may_hold_controls:
        return []
    found = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), story_file.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                at = find_control(key)
                if at is not None:
                    found.append(((*path, key), key, at))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
        elif isinstance(value, str):
            at = find_control(value)
            if at is not None:
                found.append((path, value, at))
    return found
