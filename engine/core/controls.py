"""Control characters in text that came from a file, a save or a player.

Story files, saves and names are not trusted: an escape sequence in a title
could retitle the terminal or clear it. Stories that hold one are refused by
the checker (:func:`find_control`); anything shown from elsewhere passes
through :func:`visible` first, so a terminal only ever receives the
characters a person can read.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, but not the tab and newline that text may hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def find_control(text: str, *, allow_breaks: bool = True) -> int | None:
    """The offset of the first control character in ``text``, or None."""
    found = (_CONTROL if allow_breaks else _CONTROL_OR_BREAK).search(text)
    return found.start() if found else None


def visible(text: str, *, allow_breaks: bool = False) -> str:
    """``text`` with each control character written out as an escape (``\\x1b``)."""
    pattern = _CONTROL if allow_breaks else _CONTROL_OR_BREAK
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
