"""Where each key and value of a TOML file was written.

``tomli`` returns data without positions, so when (and only when) a problem
must be reported, this module scans the source once more and maps each key
path, such as ``("scene", 2, "choice", 0, "goto")``, to its line and column.
A clean story never pays for it.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs

Path_ = tuple[str | int, ...]


@attrs.frozen
class Position:
    line: int  # 1-based
    column: int  # 1-based, where the value (or header) starts


class SourceMap:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines()
        self._starts = [0]
        for i, c in enumerate(text):
            if c == "\n":
                self._starts.append(i + 1)
        self.positions: dict[Path_, Position] = {}
        self.key_lines: dict[Path_, int] = {}
        try:
            _Scanner(self).run()
        except IndexError:
            pass  # an unterminated construct: keep what was mapped before it

    def pos(self, index: int) -> Position:
        line = bisect_right(self._starts, index)
        return Position(line, index - self._starts[line - 1] + 1)

    def line_text(self, line: int) -> str | None:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None

    def find(self, path: Path_) -> Position | None:
        """The position of ``path``, or of its nearest mapped parent."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return None

    def key_line(self, path: Path_) -> int | None:
        while path:
            if path in self.key_lines:
                return self.key_lines[path]
            path = path[:-1]
        return None

    def locate(self, path: Path_, offset: int, value: str) -> Position | None:
        """The position of character ``offset`` of the string value at ``path``."""
        start = self.positions.get(path)
        if start is None:
            return self.find(path)
        index = self._starts[start.line - 1] + start.column - 1
        text = self.text
        if text.startswith(('"""', "'''"), index):
            index += 3
            if text.startswith("\r\n", index):
                index += 2
            elif text.startswith("\n", index):
                index += 1
        elif index < len(text) and text[index] in "\"'":
            index += 1
        # Walk the source and the value together so escapes do not shift columns much.
        line_breaks = value[:offset].count("\n")
        base = self.pos(index)
        if line_breaks == 0:
            return Position(base.line, base.column + offset)
        column = offset - value[:offset].rfind("\n")
        return Position(base.line + line_breaks, column)


class _Scanner:
    def __init__(self, smap: SourceMap) -> None:
        self.m = smap
        self.s = smap.text
        self.i = 0
        self.table: Path_ = ()
        self.aot_last: dict[Path_, int] = {}

    def run(self) -> None:
        s, n = self.s, len(self.s)
        while self.i < n:
            self.skip_blank(newlines=True)
            if self.i >= n:
                break
            if s[self.i] == "[":
                self.header()
            else:
                self.key_value(self.table)
            self.skip_to_eol()

    # -- lexical helpers
    def skip_blank(self, newlines: bool) -> None:
        s, n = self.s, len(self.s)
        while self.i < n:
            c = s[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                while self.i < n and s[self.i] != "\n":
                    self.i += 1
            else:
                break

    def skip_to_eol(self) -> None:
        s, n = self.s, len(self.s)
        while self.i < n and s[self.i] != "\n":
            self.i += 1

    def read_key(self, stop: str) -> list[str]:
        parts: list[str] = []
        s, n = self.s, len(self.s)
        buf: list[str] = []
        while self.i < n and s[self.i] not in stop and s[self.i] != "\n":
            c = s[self.i]
            if c in "\"'":
                end = s.index(c, self.i + 1)
                buf.append(s[self.i + 1 : end])
                self.i = end + 1
            elif c == ".":
                parts.append("".join(buf).strip())
                buf = []
                self.i += 1
            else:
                buf.append(c)
                self.i += 1
        parts.append("".join(buf).strip())
        return parts

    # -- structure
    def header(self) -> None:
        start = self.i
        aot = self.s.startswith("[[", self.i)
        self.i += 2 if aot else 1
        keys = self.read_key("]")
        self.i += 2 if aot else 1
        path: Path_ = ()
        for key in keys[:-1]:
            path += (key,)
            if path in self.aot_last:
                path += (self.aot_last[path],)
        path += (keys[-1],)
        if aot:
            index = self.aot_last.get(path, -1) + 1
            self.aot_last[path] = index
            # A new element forgets the sub-arrays of the previous one.
            for known in [k for k in self.aot_last if k[: len(path)] == path and len(k) > len(path)]:
                del self.aot_last[known]
            path += (index,)
        self.table = path
        self.m.positions[path] = self.m.pos(start)
        self.m.key_lines[path] = self.m.pos(start).line

    def key_value(self, table: Path_) -> None:
        key_start = self.i
        keys = self.read_key("=")
        if self.i >= len(self.s) or self.s[self.i] != "=":
            return
        self.i += 1
        self.skip_blank(newlines=False)
        path = table + tuple(keys)
        self.m.key_lines[path] = self.m.pos(key_start).line
        self.value(path)

    def value(self, path: Path_) -> None:
        s = self.s
        self.m.positions[path] = self.m.pos(self.i)
        if s.startswith('"""', self.i) or s.startswith("'''", self.i):
            quote = s[self.i : self.i + 3]
            j = self.i + 3
            while True:
                j = s.index(quote, j)
                if quote == '"""' and s[j - 1] == "\\" and s[j - 2] != "\\":
                    j += 1
                    continue
                break
            while s.startswith(quote[0], j + 3):
                j += 1  # up to two quotes may close the content
            self.i = j + 3
        elif s[self.i] == '"':
            j = self.i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            self.i = j + 1
        elif s[self.i] == "'":
            self.i = s.index("'", self.i + 1) + 1
        elif s[self.i] == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if s[self.i] == "]":
                    self.i += 1
                    return
                self.value(path + (index,))
                self.skip_blank(newlines=True)
                if s[self.i] == ",":
                    self.i += 1
                    index += 1
        elif s[self.i] == "{":
            self.i += 1
            while True:
                self.skip_blank(newlines=False)
                if s[self.i] == "}":
                    self.i += 1
                    return
                self.key_value(path)
                self.skip_blank(newlines=False)
                if s[self.i] == ",":
                    self.i += 1
        else:
            while self.i < len(s) and s[self.i] not in ",]}\n#":
                self.i += 1
