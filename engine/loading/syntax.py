"""TOML syntax errors: where the mistake probably is, and what of the file is left.

``tomli`` stops where the text stops making sense, which is often far from
the mistake: a ``\"\"\"`` left open swallows the next table and fails a
screen later. :func:`diagnose` reads the file up to that point the way
tomli did and names the likely cause at its own line. :func:`recover` then
blanks the table that holds the mistake and parses the rest, so one typo
costs one table, not the whole file, and the tables it cost are listed
(:class:`Lost`) so that nothing is reported that only follows from them.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import tomli

from engine.core.diagnostics import shown
from engine.loading.positions import _HEADER, Scanner, Statement, _split_key

MAX_RETRIES = 20  # syntax errors reported per file
_STRUCTURE = re.compile(
    r"^[ \t]*(?:\[\[?[ \t]*[A-Za-z0-9_\"'][^\n\]]*\]\]?[ \t]*(?:#.*)?$|[A-Za-z0-9_-]+[ \t]*=[ \t]*\S)", re.M
)
_ID_LINE = re.compile(r"^[ \t]*id\b[^\"'\n]*[\"']([^\"'\n]*)[\"']", re.M)  # lenient: the line may be broken
_NEAR_LINES = 3  # an error this close after a runaway text follows from it

_HINTS = {
    "Cannot overwrite a value": "a key or table is written twice; each key may appear once per table",
    "Invalid value": 'text values need quotes: title = "Pushkin Square"',
    "Invalid statement": 'each line is a [table], a key = value, or a # comment; text values need quotes: title = "Pushkin Square"',
    "Expected '=' after a key in a key/value pair": 'each key is followed by = and its value: title = "Pushkin Square"',
    "Unclosed array": "a list [ … ] is not closed with ]",
    "Unclosed inline table": "a table { … } is not closed with } on the same line",
    "Unterminated string": 'a quote is not closed; multi-line text needs three quotes """',
    "Invalid initial character for a key part": "keys are letters, digits, _ and -; text values need quotes",
}


@attrs.frozen
class SyntaxProblem:
    index: int  # where, in the text, the mistake probably is
    message: str
    hint: str | None


@attrs.define
class Lost:
    """What syntax errors cost: the tables dropped, by kind, and the names known in them."""

    kinds: set[str] = attrs.field(factory=set)  # "scene", "journey", "variables", …; "*" for anything
    names: dict[str, set[str]] = attrs.field(factory=dict)
    unnamed: set[str] = attrs.field(factory=set)  # kinds some of whose lost tables had no name found

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def anything(self) -> None:
        self.kinds.add("*")

    def add(self, kind: str, name: str | None) -> None:
        self.kinds.add(kind)
        if name is None:
            self.unnamed.add(kind)
        else:
            self.names.setdefault(kind, set()).add(name)

    def may_hold(self, kind: str, name: str | None = None) -> bool:
        """Whether a ``kind`` table (named ``name``) may be among the lost ones."""
        if "*" in self.kinds:
            return True
        if kind not in self.kinds:
            return False
        return name is None or kind in self.unnamed or name in self.names.get(kind, ())

    def merge(self, other: Lost) -> None:
        self.kinds |= other.kinds
        self.unnamed |= other.unnamed
        for kind, names in other.names.items():
            self.names.setdefault(kind, set()).update(names)


def diagnose(text: str, exc: tomli.TOMLDecodeError) -> SyntaxProblem:
    """The likely mistake behind ``exc``, placed at its own line."""
    pos = min(max(exc.pos, 0), len(text))
    msg = exc.msg
    reader = Scanner(text, keep_statements=True)
    reader.run()
    statements = [s for s in (reader.statements or []) if s.start <= pos]
    last = statements[-1] if statements else None
    if last is not None:
        runaway = _runaway_text(text, statements, pos)
        if runaway is not None:
            return runaway
        if last.opener in ("[", "{") and last.value_end < 0:
            unclosed = _unclosed_list(text, last, pos)
            if unclosed is not None:
                return unclosed
    unterminated = msg == "Unterminated string" or msg.startswith("Illegal character")
    if (
        unterminated
        and last is not None
        and last.opener in ('"', "'")
        and text.count("\n", last.start, pos) == 0
    ):
        return SyntaxProblem(
            pos,
            f"TOML syntax: this text is not closed: a closing {last.opener} is probably missing on this line",
            'text on one line is written "like this"; multi-line text between three quotes """',
        )
    if msg == "Unclosed array" or msg.startswith("Expected ']"):
        hint = "a table header is written [name] or [[name]], on one line"
        if last is None or last.opener == "header" or text.startswith("[", _line_start(text, pos)):
            return SyntaxProblem(pos, f"TOML syntax: {_lower(msg)}; a ']' is probably missing", hint)
    return SyntaxProblem(pos, f"TOML syntax: {_lower(shown(msg, 200))}", _hint(msg))


def _lower(msg: str) -> str:
    return msg[0].lower() + msg[1:] if msg else "invalid TOML"


def _hint(msg: str) -> str | None:
    if msg in _HINTS:
        return _HINTS[msg]
    if msg.startswith(("Cannot declare", "Cannot mutate", "Cannot redefine", "Duplicate")):
        return "a key or table is written twice; each key may appear once per table"
    return None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _end_before(text: str, index: int, floor: int) -> int:
    """The end of the last line with text on it before ``index`` (not before ``floor``)."""
    end = index
    while end > floor:
        line_start = _line_start(text, end - 1)
        if text[line_start:end].strip():
            return line_start + len(text[line_start:end].rstrip())
        end = line_start - 1 if line_start > 0 else 0
    return floor


def _runaway_text(text: str, statements: list[Statement], pos: int) -> SyntaxProblem | None:
    """A multi-line text left open, which ran on into the tables after it."""
    for statement in reversed(statements):
        if statement.opener not in ('"""', "'''"):
            continue
        quote = statement.opener
        body_start = statement.value_start + 3
        body_end = statement.value_end - 3 if statement.value_end >= 0 else len(text)
        if statement.value_end >= 0 and text.count("\n", statement.value_end, pos) > _NEAR_LINES:
            return None
        structure = _STRUCTURE.search(text, body_start, max(body_start, body_end))
        if structure is None:
            return None
        where = _end_before(text, structure.start(), body_start)
        opened = text.count("\n", 0, statement.value_start) + 1
        return SyntaxProblem(
            where,
            f"TOML syntax: the text opened with {quote} at line {opened} is not closed: "
            f"a closing {quote} is probably missing after this line",
            f"without it, the text runs on into the next table, where TOML fails at line {text.count(chr(10), 0, pos) + 1}",
        )
    return None


def _unclosed_list(text: str, statement: Statement, pos: int) -> SyntaxProblem | None:
    line_end = text.find("\n", pos)
    bound = len(text) if line_end < 0 else line_end
    structure = _STRUCTURE.search(text, statement.value_start + 1, max(bound, statement.value_start + 1))
    if structure is None or text.count("\n", statement.start, structure.start()) == 0:
        return None
    where = _end_before(text, structure.start(), statement.value_start + 1)
    closer = "]" if statement.opener == "[" else "}"
    return SyntaxProblem(
        where,
        f"TOML syntax: the list opened at line {text.count(chr(10), 0, statement.value_start) + 1} "
        f"is not closed: a '{closer}' is probably missing after this line",
        "a list may run over several lines, but it ends with ] before the next key or table",
    )


# ---------------------------------------------------------------- recovery


def recover(
    text: str, first: tomli.TOMLDecodeError
) -> tuple[dict[str, Any] | None, list[SyntaxProblem], Lost]:
    """Parse what is left of ``text`` once each table holding a syntax error is blanked."""
    problems: list[SyntaxProblem] = []
    lost = Lost()
    current = text
    exc: tomli.TOMLDecodeError | None = first
    for _ in range(MAX_RETRIES):
        assert exc is not None
        problem = diagnose(current, exc)
        problems.append(problem)
        start, end, headers = _table_around(current, min(problem.index, exc.pos), max(problem.index, exc.pos))
        _note_lost(current, start, end, headers, lost)
        current = current[:start] + re.sub(r"[^\n]", " ", current[start:end]) + current[end:]
        try:
            return tomli.loads(current), problems, lost
        except tomli.TOMLDecodeError as again:
            exc = again
        except (RecursionError, ValueError):
            break
    lost.anything()
    return None, problems, lost


def _headers(text: str, broken_at: int) -> list[tuple[int, list[str], bool]]:
    """The header lines (start, keys, is [[…]]), with the broken line at ``broken_at`` if it is one."""
    found = []
    for m in _HEADER.finditer(text):
        keys = _split_key(m.group(2))
        if keys is not None:
            found.append((m.start(), keys, m.group(1) == "[["))
    line_start = text.rfind("\n", 0, broken_at) + 1
    line_end = text.find("\n", broken_at)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if line.startswith("[") and all(start != line_start for start, _, _ in found):
        rough = [re.sub(r"[^A-Za-z0-9_-]", "", part) for part in line.strip("[] \t").split(".")]
        found.append((line_start, [part for part in rough if part], line.startswith("[[")))
        found.sort(key=lambda header: header[0])
    return found


def _table_around(text: str, first: int, last: int) -> tuple[int, int, list[tuple[int, list[str], bool]]]:
    """The span of the whole top-level table (with its sub-tables) from ``first`` to ``last``.

    A header continues the table before it when it is a part of it: a
    ``[[scene.choice]]`` of a ``[[scene]]``, a ``[variables.x.labels]`` of a
    ``[variables.x]`` (even when that header is the broken line).
    """
    arrays: set[str] = set()
    unit: list[str] = []
    start = 0
    end = len(text)
    headers = _headers(text, last)
    for at, keys, aot in headers:
        if aot and len(keys) == 1:
            arrays.add(keys[0])
        part_of_array = len(keys) > 1 and keys[0] in arrays and not (aot and len(keys) == 1)
        part_of_unit = bool(unit) and len(keys) > len(unit) and keys[: len(unit)] == unit
        if part_of_array or part_of_unit:
            continue
        unit = keys
        if at <= first:
            start = at
        elif at > last and text.count("\n", last, at) > 0:
            end = at
            break
    return start, end, [h for h in headers if start <= h[0] < end]


def _note_lost(
    text: str, start: int, end: int, headers: list[tuple[int, list[str], bool]], lost: Lost
) -> None:
    """Note the tables between ``start`` and ``end``, with the names found for them, as lost."""
    if not headers or headers[0][0] > start:
        lost.anything()  # the top of the file: its journey = "…", or anything before the first table
    for n, (at, keys, _) in enumerate(headers):
        if len(keys) >= 2 and keys[0] in ("variables", "glossary", "source"):
            lost.add(keys[0], keys[1])
        elif len(keys) == 1:
            # The table's own id is written before its first sub-table; the line may be the broken one.
            line_end = text.find("\n", at)
            body_end = headers[n + 1][0] if n + 1 < len(headers) else end
            found = _ID_LINE.search(text, line_end if 0 <= line_end < body_end else body_end, body_end)
            lost.add(keys[0], found.group(1) if found else None)
        elif not keys:
            lost.anything()
