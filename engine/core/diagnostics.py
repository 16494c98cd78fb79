"""Problems found in a story, reported as ``file:line: severity: message``.

Every message an author sees goes through :class:`Diagnostic`, so the format
(file, line, the offending source line and a caret) is the same everywhere.
A diagnostic also says what kind of problem it is (:class:`Code`) and which
name it is about, so tools and tests tell problems apart without reading
the English.
"""

from __future__ import annotations

import enum
from pathlib import Path

import attrs

from engine.core.controls import visible

SHOWN_LINE = 120  # characters of a source line shown around the caret
SHOWN_VALUE = 60  # characters of a value quoted in a message


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.Enum):
    """What kind of problem a diagnostic reports."""

    NO_FILES = "no-files"
    UNREADABLE = "unreadable"  # a folder, link, special or too large file, or no permission
    NOT_UTF8 = "not-utf8"
    TOML_SYNTAX = "toml-syntax"
    TOO_DEEP = "too-deep"
    NUMBER_TOO_LONG = "number-too-long"
    CONTROL_CHARACTER = "control-character"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    WRONG_TYPE = "wrong-type"
    DUPLICATE = "duplicate"
    BAD_NAME = "bad-name"
    BAD_VALUE = "bad-value"
    EXPRESSION = "expression"
    NO_VARIABLE = "no-variable"
    NO_SCENE = "no-scene"
    NO_JOURNEY = "no-journey"
    NO_SOURCE = "no-source"
    NO_TAG = "no-tag"
    NO_STORY = "no-story"
    RULE = "rule"
    UNREACHABLE = "unreachable"
    DEAD_END = "dead-end"
    UNUSED_VARIABLE = "unused-variable"
    UNUSED_GLOSSARY = "unused-glossary"
    # string tables (docs/translating.md)
    NO_LANGUAGE = "no-language"
    MISSING_TRANSLATION = "missing-translation"
    STALE_TRANSLATION = "stale-translation"
    ORPHAN_TRANSLATION = "orphan-translation"
    MISPLACED_TRANSLATION = "misplaced-translation"
    TRANSLATION_MARKUP = "translation-markup"


# Problems that keep a file, or part of it, from being read at all.
FILE_PROBLEMS = frozenset(
    {Code.NO_FILES, Code.UNREADABLE, Code.NOT_UTF8, Code.TOML_SYNTAX, Code.TOO_DEEP, Code.NUMBER_TOO_LONG}
)


def relative_name(path: Path, root: Path | None) -> str:
    """``path`` as an author reads it: from the story folder's parent when inside it."""
    if root is not None:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            pass
    return str(path)


def shown(value: object, limit: int = SHOWN_VALUE) -> str:
    """A value from a file, fit to quote in a message: short, with no raw control character."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return visible(text)


@attrs.frozen
class Diagnostic:
    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    source_line: str | None = None
    code: Code | None = None
    name: str | None = None  # the name the problem is about (a key, a scene id, …)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self, root: Path | None = None) -> str:
        if self.file is None:
            return "story"
        name = relative_name(self.file, root)
        return f"{name}:{self.line}" if self.line else name

    def format(self, root: Path | None = None) -> str:
        """The message as an author reads it, with the line and a caret.

        Nothing from a file reaches the terminal raw: control characters are
        written out as escapes, and a long line is cut to the part around
        the caret.
        """
        out = [f"{visible(self.location(root))}: {self.severity.value}: {visible(self.message)}"]
        if self.source_line is not None:
            text, column = _window(self.source_line.rstrip("\r\n"), self.column)
            out.append(f"    {visible(text, allow_breaks=True)}")
            if column is not None:
                pad = "".join(
                    "\t" if c == "\t" else " " * len(visible(c, allow_breaks=True))
                    for c in text[: column - 1]
                )
                out.append(f"    {pad}^")
        if self.hint:
            out.append(f"    hint: {visible(self.hint)}")
        return "\n".join(out)

    def sort_key(self) -> tuple[bool, str, int, int]:
        """Files that could not be read come first (what else is reported may follow from
        them), then by file, line and column."""
        return (self.code not in FILE_PROBLEMS, str(self.file or ""), self.line or 0, self.column or 0)


def _window(text: str, column: int | None) -> tuple[str, int | None]:
    """At most :data:`SHOWN_LINE` characters of ``text`` around ``column``."""
    if len(text) <= SHOWN_LINE:
        return text, column
    at = (column or 1) - 1
    start = max(0, min(at - SHOWN_LINE // 2, len(text) - SHOWN_LINE))
    end = start + SHOWN_LINE
    shown_text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return shown_text, None if column is None else at - start + 1 + (1 if start else 0)


class StoryError(Exception):
    """Raised when a story cannot be loaded; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        super().__init__(f"{len(errors)} error(s) in the story")


class RunTimeError(Exception):
    """A story that cannot go on while playing: x / 0, a number or a text past its limit.

    ``reason`` says what went wrong. The context is added once, by whoever knows
    it: the expression where it is evaluated (``expression``: the source of the
    expression or effect), and where it happened (the ``scene``, or the
    ``journey`` whose opening effects failed) where the error is raised.
    """

    def __init__(self, reason: str, scene: str = "", expression: str = "", journey: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.scene = scene
        self.expression = expression
        self.journey = journey

    def __str__(self) -> str:
        where = f" in scene '{self.scene}'" if self.scene else ""
        if self.journey and not self.scene:
            where = f" in journey '{self.journey}'"
        what = f" (`{self.expression}`)" if self.expression else ""
        return f"{self.reason}{where}{what}"
