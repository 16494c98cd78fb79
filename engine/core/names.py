"""Names in a story: what an identifier may look like, and "did you mean" hints.

Scene ids, variable names, journey ids and choice ids all follow one
pattern, written here once and used by the loader, the tools and the
schema that editors check while typing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

IDENTIFIER_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"
IDENTIFIER_RULE = "letters, digits and _, starting with a letter"
_LONGEST_GUESS = 200  # longer names are not compared: difflib is quadratic in length


def is_identifier(name: object) -> bool:
    """Whether ``name`` matches :data:`IDENTIFIER_PATTERN` as a whole (nothing after it, not
    even a line break), told by string methods: every scene id is asked once per load."""
    return isinstance(name, str) and name.isascii() and name.isidentifier() and name[0] != "_"


def suggest(name: str, names: Iterable[str]) -> str | None:
    """The nearest known name, for 'did you mean' hints."""
    if len(name) > _LONGEST_GUESS:
        return None
    known = [n for n in names if len(n) <= _LONGEST_GUESS]
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, names: Iterable[str], otherwise: str | None = None) -> str | None:
    """A hint naming the nearest known name, or ``otherwise``."""
    near = suggest(name, names)
    return f"did you mean `{near}`?" if near else otherwise
