"""Where a line of text may break, for both front ends: an amount keeps its currency.

A terminal's wrapping breaks at any space, so "138,000 ₸" could end one line
with the number and start the next with the sign. Both players wrap with
:func:`break_offsets` instead: a space between a number and a currency sign
(either way round) never breaks, nor does one inside a grouped number.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CURRENCY = "₸₽$€£¥₴₾"
_GLUED = re.compile(rf"(?<=\d) (?=[{CURRENCY}])|(?<=[{CURRENCY}]) (?=[\d−-])")
_WORD = re.compile(r"[^ ]+ *| +")


@lru_cache(maxsize=4096)
def _char_cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    return len(text) if text.isascii() else sum(_char_cells(ch) for ch in text)


def glued_spaces(text: str) -> set[int]:
    """The offsets of the spaces that hold an amount to its currency sign."""
    return {m.start() for m in _GLUED.finditer(text)}


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break one line (no newlines) so each piece fits ``width`` cells.

    Greedy, at spaces: a piece ends after the spaces that follow its last
    word (drawn as nothing at the end of a line). A word wider than the
    line is cut where it has to be.
    """
    if width < 1 or cell_len(text) <= width:
        return []
    glued = glued_spaces(text)
    units: list[tuple[int, int]] = []  # (start, end) of each unbreakable unit with its trailing spaces
    start = 0
    for match in _WORD.finditer(text):
        end = match.end()
        if end < len(text) and (end - 1) in glued:
            continue  # the space after this word holds it to the next: one unit
        units.append((start, end))
        start = end
    offsets: list[int] = []
    line_start = 0
    for unit_start, unit_end in units:
        unit_text = text[unit_start:unit_end]
        used = cell_len(text[line_start:unit_start])
        if used + cell_len(unit_text.rstrip(" ")) <= width:
            continue
        if unit_start > line_start:
            offsets.append(unit_start)
            line_start = unit_start
        while cell_len(text[line_start:unit_end].rstrip(" ")) > width:  # a unit wider than the line
            cut = line_start
            while cut < unit_end and cell_len(text[line_start : cut + 1]) <= width:
                cut += 1
            cut = max(cut, line_start + 1)
            offsets.append(cut)
            line_start = cut
    return offsets


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one paragraph or several lines) as lines of at most ``width`` cells."""
    out: list[str] = []
    for line in text.split("\n"):
        offsets = break_offsets(line, width)
        pieces = [line[a:b] for a, b in zip([0, *offsets], [*offsets, len(line)], strict=True)]
        out.extend(piece.rstrip(" ") if i < len(pieces) - 1 else piece for i, piece in enumerate(pieces))
    return out
