"""Which values a variable of each type can hold, as read from a file.

One rule for every reader of a file: a story's defaults (TOML) and a save's
variables when the story has changed (JSON). Integers are whole numbers and
never booleans (``True`` is an ``int`` to Python); tags are a list of texts
in a file (a frozenset in play).
"""

from __future__ import annotations

from engine.core.expressions import Type

DESCRIBED = {
    Type.INTEGER: "a whole number",
    Type.BOOLEAN: "true or false",
    Type.TEXT: "text",
    Type.TAGS: "a list of tags",
}


def holds(type_: Type, value: object) -> bool:
    """Whether ``value``, read from a file, is a value of ``type_``."""
    if type_ is Type.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if type_ is Type.BOOLEAN:
        return isinstance(value, bool)
    if type_ is Type.TEXT:
        return isinstance(value, str)
    return isinstance(value, list) and all(isinstance(t, str) for t in value)


def describe(value: object) -> str:
    """What a value from a file is, in an author's words: "a number", "a list"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date" if type(value).__name__ in ("date", "datetime", "time") else type(value).__name__
