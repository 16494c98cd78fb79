"""Where a key or value of a TOML file was written, found only when asked.

``tomli`` returns data without positions. When a problem must be shown, the
loader asks for one key path, such as ``("scene", 2, "choice", 0, "goto")``.
The :class:`Locator` finds the file's table headers with one regular
expression, checks them against the parsed data (so a header-like line
inside a text is never taken for one), and reads the statements of just the
table that holds the path. A clean story never pays for any of it, and a
story with many warnings pays per table asked about, not per character.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

Path_ = tuple[str | int, ...]


@attrs.frozen
class Position:
    line: int  # 1-based
    column: int  # 1-based


@attrs.frozen
class Statement:
    """One ``key = value`` (or header) read by the scanner."""

    start: int  # where the key (or header) starts
    path: Path_
    value_start: int  # -1 for a header
    value_end: int  # -1 when the value could not be read to its end
    opener: str  # how the value starts: '"""', "'''", '"', "'", "[", "{", "" (a bare value), "header"


_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_SPACE = re.compile(r"[ \t]*")
_REST_OF_LINE = re.compile(r"[ \t]*(?:#[^\n]*)?")
# Strings are matched "unrolled" (runs of plain characters between escapes),
# which keeps a ten-megabyte value to one quick pass.
_KEY_PART = re.compile(r"[ \t]*(?:([A-Za-z0-9_-]+)|\"([^\"\\\n]*(?:\\.[^\"\\\n]*)*)\"|'([^'\n]*)')[ \t]*")
_ML_BASIC = re.compile(r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*""""{0,2}')
_ML_LITERAL = re.compile(r"'''[\s\S]*?''''{0,2}")
_BASIC = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_BARE = re.compile(r"[^,\]}\n#]*")
_KEY = r"(?:[A-Za-z0-9_-]+|\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"|'[^'\n]*')"
_HEADER = re.compile(
    rf"^[ \t]*(\[\[?)[ \t]*({_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*(\]\]?)[ \t]*(?:#[^\n]*)?\r?$", re.M
)
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[ \t]*\r?\n[ \t\r\n]*|[\s\S])")
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_DEEPEST = 64  # nested values deeper than this are skipped, not mapped


def _past(pattern: re.Pattern[str], s: str, i: int) -> int:
    """Where a match of ``pattern`` at ``i`` ends (these patterns match at least nothing)."""
    m = pattern.match(s, i)
    return m.end() if m else i


def unquote(part: str) -> str:
    """A key part as TOML reads it: quotes removed, escapes in "…" applied."""
    if part.startswith('"'):
        body = part[1:-1]

        def one(m: re.Match[str]) -> str:
            esc = m.group()
            if esc[1] in "uUx":
                return chr(int(esc[2:], 16))
            return _SIMPLE_ESCAPES.get(esc[1], esc[1])

        return _ESCAPE.sub(one, body) if "\\" in body else body
    if part.startswith("'"):
        return part[1:-1]
    return part


def _split_key(text: str) -> list[str] | None:
    parts = []
    i, n = 0, len(text)
    while True:
        m = _KEY_PART.match(text, i)
        if m is None:
            return None
        parts.append(m.group(1) if m.group(1) is not None else unquote(m.group().strip()))
        i = m.end()
        if i >= n:
            return parts
        if text[i] != ".":
            return None
        i += 1


class Scanner:
    """Reads TOML statements as tomli does, noting where each key and value starts.

    It follows the same rules for strings, arrays and inline tables, so on a
    file tomli refused it stops where tomli stopped: what it read before that
    is what tomli read.
    """

    def __init__(self, text: str, keep_statements: bool = False) -> None:
        self.text = text
        self.values: dict[Path_, int] = {}
        self.keys: dict[Path_, int] = {}
        self.statements: list[Statement] | None = [] if keep_statements else None
        self.aot: dict[Path_, int] = {}
        self.table: Path_ = ()
        self.stopped_at = -1  # where reading failed, if it did
        self.at = 0  # where reading goes on
        self.end = len(text)

    def run(self, start: int = 0, end: int | None = None, table: Path_ = ()) -> None:
        """Read the statements from ``start`` to ``end`` as if in ``table``."""
        self.at, self.end, self.table = start, len(self.text) if end is None else end, table
        self.read_until(None)

    def read_until(self, path: Path_ | None, keys: bool = False) -> None:
        """Read on until ``path`` is found (or to the end); what was read stays known."""
        s, end = self.text, self.end
        found = self.keys if keys else self.values
        i = self.at
        while path is None or path not in found:
            i = _past(_BLANK, s, i)
            if i >= end:
                break
            at = i
            i = self.header(i) if s[i] == "[" else self.key_value(i, self.table, top=True)
            if i < 0:
                self.stopped_at = at
                i = end
                break
            i = _past(_REST_OF_LINE, s, i)
            if i < len(s) and s[i] not in "\r\n":
                self.stopped_at = i
                i = end
                break
        self.at = i

    def note_key(self, path: Path_, at: int) -> None:
        """Record where ``path`` and each table a dotted key implies first appear."""
        for cut in range(len(self.table) + 1, len(path) + 1):
            self.keys.setdefault(path[:cut], at)

    def header(self, i: int) -> int:
        s = self.text
        aot = s.startswith("[[", i)
        close = "]]" if aot else "]"
        j = s.find(close, i + len(close))
        line_end = s.find("\n", i)
        if j < 0 or (0 <= line_end < j):
            return -1
        keys = _split_key(s[i + len(close) : j].strip(" \t"))
        if keys is None:
            return -1
        path: Path_ = ()
        for key in keys[:-1]:
            path += (key,)
            if path in self.aot:
                path += (self.aot[path],)
        path += (keys[-1],)
        if aot:
            index = self.aot.get(path, -1) + 1
            self.aot[path] = index
            for known in [k for k in self.aot if k[: len(path)] == path and len(k) > len(path)]:
                del self.aot[known]
            path += (index,)
        for cut in range(1, len(path) + 1):
            self.keys.setdefault(path[:cut], i)
        self.values[path] = i
        self.table = path
        if self.statements is not None:
            self.statements.append(Statement(i, path, -1, j + len(close), "header"))
        return j + len(close)

    def key_value(self, i: int, table: Path_, top: bool = False, depth: int = 0) -> int:
        s = self.text
        key_start = i
        j = s.find("=", i)
        line_end = s.find("\n", i)
        if j < 0 or (0 <= line_end < j):
            return -1
        keys = _split_key(s[i:j])
        if keys is None:
            return -1
        path = table + tuple(keys)
        if top:
            self.note_key(path, key_start)
        else:
            for cut in range(len(table) + 1, len(path) + 1):
                self.keys.setdefault(path[:cut], key_start)
        i = _past(_SPACE, s, j + 1)
        end = self.value(i, path, depth)
        if self.statements is not None and top:
            self.statements.append(Statement(key_start, path, i, end, self.opener(i)))
        return end

    def opener(self, i: int) -> str:
        s = self.text
        for quote in ('"""', "'''", '"', "'", "[", "{"):
            if s.startswith(quote, i):
                return quote
        return ""

    def value(self, i: int, path: Path_, depth: int = 0) -> int:
        """Read the value at ``i``; return where it ends, or -1."""
        s = self.text
        self.values[path] = i
        if i >= len(s):
            return -1
        c = s[i]
        if c == '"':
            m = (_ML_BASIC if s.startswith('"""', i) else _BASIC).match(s, i)
            return m.end() if m else -1
        if c == "'":
            m = (_ML_LITERAL if s.startswith("'''", i) else _LITERAL).match(s, i)
            return m.end() if m else -1
        if c == "[":
            i += 1
            index = 0
            while True:
                i = _past(_BLANK, s, i)
                if i >= len(s):
                    return -1
                if s[i] == "]":
                    return i + 1
                i = self.value(i, path + (index,), depth + 1) if depth < _DEEPEST else _skip(s, i)
                if i < 0:
                    return -1
                i = _past(_BLANK, s, i)
                if i < len(s) and s[i] == ",":
                    i += 1
                    index += 1
                elif i >= len(s) or s[i] != "]":
                    return -1
        if c == "{":
            i += 1
            while True:
                i = _past(_SPACE, s, i)
                if i >= len(s):
                    return -1
                if s[i] == "}":
                    return i + 1
                i = self.key_value(i, path, depth=depth + 1) if depth < _DEEPEST else _skip(s, i)
                if i < 0:
                    return -1
                i = _past(_SPACE, s, i)
                if i < len(s) and s[i] == ",":
                    i += 1
                elif i >= len(s) or s[i] != "}":
                    return -1
        m = _BARE.match(s, i)
        end = m.end() if m else i
        while end > i and s[end - 1] in " \t\r":
            end -= 1
        return end if end > i else -1


def _skip(s: str, i: int) -> int:
    """The end of a deeply nested value, read without noting positions."""
    depth = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in "\"'":
            m = (_BASIC if c == '"' else _LITERAL).match(s, i)
            if m is None:
                return -1
            i = m.end()
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
            if depth < 0:
                return i
        elif c == "," and depth == 0:
            return i
        elif c == "#":
            i = s.find("\n", i)
            if i < 0:
                return -1
            continue
        i += 1
    return -1


@attrs.frozen
class _Header:
    start: int
    end: int
    path: Path_


class Locator:
    """Positions in one file's text, for the paths of its parsed ``data``."""

    def __init__(self, text: str, data: dict[str, Any] | None = None) -> None:
        self.text = text
        self.data = data
        self._headers: list[_Header] | None = None
        self._exact: Scanner | None = None  # the whole file, read when headers cannot be trusted
        self._regions: dict[int, Scanner] = {}
        self._by_path: dict[Path_, int] = {}
        self._arrays: dict[str, list[int] | None] = {}
        self._counted = (0, 1)  # the last index placed, and its line

    # -- lines
    def position(self, index: int) -> Position:
        # Problems are mostly placed in the order they are written: count lines on from the last.
        counted, line = self._counted
        if index < counted:
            counted, line = 0, 1
        line += self.text.count("\n", counted, index)
        self._counted = (index, line)
        return Position(line, index - (self.text.rfind("\n", 0, index) + 1) + 1)

    def line_text(self, line: int) -> str | None:
        """The text of ``line`` (1-based); only for lines near the start, or use :meth:`line_at`."""
        start = 0
        for _ in range(line - 1):
            start = self.text.find("\n", start) + 1
            if start == 0:
                return None
        return self.line_at(start)

    def line_at(self, index: int) -> str:
        start = self.text.rfind("\n", 0, index) + 1
        end = self.text.find("\n", index)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    # -- paths
    def value_index(self, path: Path_) -> int | None:
        """Where the value at ``path`` starts (a table's header), or its nearest parent's."""
        while path:
            found = self._lookup(path, keys=False)
            if found is not None:
                return found
            path = path[:-1]
        return None

    def key_index(self, path: Path_) -> int | None:
        """Where the key of ``path`` is written (its header for a table), or its nearest parent's."""
        while path:
            found = self._lookup(path, keys=True)
            if found is not None:
                return found
            path = path[:-1]
        return None

    def char_index(self, path: Path_, offset: int, value: str) -> int | None:
        """Where character ``offset`` of the string value at ``path`` is written."""
        start = self._lookup(path, keys=False)
        if start is None:
            return self.value_index(path)
        s = self.text
        if s.startswith(('"""', "'''"), start):
            basic = s[start] == '"'
            start += 3
            if s.startswith("\r\n", start):
                start += 2
            elif s.startswith("\n", start):
                start += 1
        elif start < len(s) and s[start] in "\"'":
            basic = s[start] == '"'
            start += 1
        else:
            return start
        if not basic:
            return start + offset
        # Each escape is one character of the value but several of the source.
        raw, decoded = start, 0
        for m in _ESCAPE.finditer(s, start):
            if decoded + (m.start() - raw) >= offset:
                break
            decoded += m.start() - raw
            raw = m.end()
            decoded += 0 if m.group()[1] in " \t\r\n" else 1
            if decoded > offset:
                return m.start()
        return raw + (offset - decoded)

    # -- finding tables
    def _lookup(self, path: Path_, keys: bool) -> int | None:
        table = self._exact
        if table is None and len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            found = self._in_array(path[0], path[1], path, keys)
            if found is not None:
                return found
        if table is None:
            headers = self._header_index()
            if headers is None:
                table = self._exact = Scanner(self.text)
                table.run()
            else:
                return self._in_region(headers, path, keys)
        return (table.keys if keys else table.values).get(path)

    def _in_array(self, name: str, index: int, path: Path_, keys: bool) -> int | None:
        """The fast way to a path in the ``index``-th ``[[name]]``: from its header to the next one."""
        starts = self._array_starts(name)
        if starts is None or index >= len(starts):
            return None
        start = starts[index]
        if len(path) == 2:
            return start
        region = self._regions.get(start)
        if region is None:
            region = self._regions[start] = Scanner(self.text)
            region.aot[(name,)] = index - 1
            region.at = start
            region.end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        region.read_until(path, keys)
        return (region.keys if keys else region.values).get(path)

    def _array_starts(self, name: str) -> list[int] | None:
        """Where each ``[[name]]`` header starts, if they are exactly the tables the data holds."""
        if name in self._arrays:
            return self._arrays[name]
        starts: list[int] | None = None
        listed = self.data.get(name) if self.data is not None else None
        if isinstance(listed, list) and _BARE_KEY.fullmatch(name):
            starts = self._plain_headers(f"[[{name}]]")
            if len(starts) != len(listed):  # written with spaces inside: [[ scene ]]
                header = re.compile(rf"^[ \t]*\[\[[ \t]*{name}[ \t]*\]\]", re.M)
                starts = [m.end() - len(m.group().lstrip(" \t")) for m in header.finditer(self.text)]
            if len(starts) != len(listed):
                starts = None
        self._arrays[name] = starts
        return starts

    def _plain_headers(self, header: str) -> list[int]:
        """Where ``header`` starts a line (after spaces), found by plain search."""
        text = self.text
        find = text.find
        out = []
        i = find(header)
        while i >= 0:
            if i == 0 or text[i - 1] == "\n":
                out.append(i)
            else:
                line_start = text.rfind("\n", 0, i) + 1
                if not text[line_start:i].strip(" \t"):
                    out.append(i)
            i = find(header, i + len(header))
        return out

    def _in_region(self, headers: list[_Header], path: Path_, keys: bool) -> int | None:
        by_path = self._by_path
        n = next((by_path[path[:cut]] for cut in range(len(path), 0, -1) if path[:cut] in by_path), None)
        if n is not None and headers[n].path == path:
            return headers[n].start
        table: Path_ = ()
        if n is None:
            start, end = 0, (headers[0].start if headers else None)
        else:
            start, table = headers[n].end, headers[n].path
            end = headers[n + 1].start if n + 1 < len(headers) else None
        region = self._regions.get(start)
        if region is None:
            region = self._regions[start] = Scanner(self.text)
            region.run(start, end, table)
        found = (region.keys if keys else region.values).get(path)
        if found is not None:
            return found
        # A table that only dotted headers imply ([variabls.money] implies variabls).
        for header in headers:
            if header.path[: len(path)] == path:
                return header.start
        return None

    def _header_index(self) -> list[_Header] | None:
        """The file's headers, or None when they do not match the data exactly."""
        if self._headers is not None:
            return self._headers
        if self.data is None:
            return None
        headers: list[_Header] = []
        aot: dict[Path_, int] = {}
        seen: set[Path_] = set()
        for m in _HEADER.finditer(self.text):
            double = m.group(1) == "[["
            if double != (m.group(3) == "]]"):
                return None
            keys = _split_key(m.group(2))
            if keys is None:
                return None
            path: Path_ = ()
            for key in keys[:-1]:
                path += (key,)
                if path in aot:
                    path += (aot[path],)
            path += (keys[-1],)
            if double:
                index = aot.get(path, -1) + 1
                aot[path] = index
                for known in [k for k in aot if k[: len(path)] == path and len(k) > len(path)]:
                    del aot[known]
                path += (index,)
            elif path in seen or not isinstance(_get(self.data, path), dict):
                return None
            seen.add(path)
            start = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))
            headers.append(_Header(start, m.end(), path))
        counts: dict[Path_, int] = {}
        for header in headers:
            if isinstance(header.path[-1], int):
                counts[header.path[:-1]] = counts.get(header.path[:-1], 0) + 1
        for array, count in counts.items():
            listed = _get(self.data, array)
            if not isinstance(listed, list) or len(listed) != count:
                return None
        self._by_path = {h.path: n for n, h in enumerate(headers)}
        self._headers = headers
        return headers


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(data, list) or key >= len(data):
                return None
        elif not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data
