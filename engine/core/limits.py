"""What a story may hold: the limits that keep every checked story playable.

Python's own limits would otherwise surface as tracebacks far from their
cause: its recursion limit while a deep expression is parsed or evaluated,
its 4,300-digit limit when a number is shown or saved, ``datetime``'s year
9999 when the calendar is shown. The parsers refuse what passes these limits
at load, with a position; play turns what only a run can reach (a number
that keeps growing) into a :class:`~engine.core.diagnostics.RunTimeError`.
docs/scene-format.md states them for authors.
"""

from __future__ import annotations

from datetime import datetime

MAX_NESTING = 32
"""Levels in an expression (brackets, ``not``, ``-``, calls, each operator of a
chain) and, separately, ``{if}`` blocks inside one another in a text. Each level
costs a few Python frames while parsing and rendering; 32 of each stays far
below the interpreter's limit of 1,000, wherever the engine is called from."""

MAX_DIGITS = 18
"""Digits in an integer literal."""

MAX_INTEGER = 10**MAX_DIGITS - 1
"""The largest magnitude an integer may reach (999,999,999,999,999,999), in a
literal, in any arithmetic result, in a variable, and in a save."""

MAX_TEXT = 10_000
"""Characters in a text value: a literal in an expression, a join, a variable."""

MAX_DURATION_DAYS = 36_525
"""The longest ``advance``: a hundred years."""

FIRST_MOMENT = datetime(1, 1, 1)
LAST_MOMENT = datetime(9999, 12, 31, 23, 59)
"""The calendar can show any minute from 1 January 0001 to 31 December 9999."""
