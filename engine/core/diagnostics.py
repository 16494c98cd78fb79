"""Problems found in a story, reported as ``file:line: severity: message``.

Every message an author sees goes through :class:`Diagnostic`, so the format
(file, line, the offending source line and a caret) is the same everywhere.
"""

from __future__ import annotations

import enum
from pathlib import Path

import attrs


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Diagnostic:
    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self, root: Path | None = None) -> str:
        if self.file is None:
            return "story"
        name = str(self.file)
        if root is not None:
            try:
                name = str(self.file.relative_to(root.parent))
            except ValueError:
                pass
        return f"{name}:{self.line}" if self.line else name

    def format(self, root: Path | None = None) -> str:
        """The message as an author reads it, with the line and a caret."""
        out = [f"{self.location(root)}: {self.severity.value}: {self.message}"]
        if self.source_line is not None:
            text = self.source_line.rstrip("\n")
            out.append(f"    {text}")
            if self.column is not None:
                pad = "".join("\t" if c == "\t" else " " for c in text[: self.column - 1])
                out.append(f"    {pad}^")
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return "\n".join(out)

    def sort_key(self) -> tuple[str, int, int]:
        return (str(self.file or ""), self.line or 0, self.column or 0)


class StoryError(Exception):
    """Raised when a story cannot be loaded; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        super().__init__(f"{len(errors)} error(s) in the story")


class RunTimeError(Exception):
    """An expression that could not be evaluated while playing (e.g. x / 0).

    Names the scene and the expression so an author can find it.
    """

    def __init__(self, message: str, scene: str = "", expression: str = "") -> None:
        self.scene = scene
        self.expression = expression
        self.bare = message
        where = f" in scene '{scene}'" if scene else ""
        what = f" (`{expression}`)" if expression else ""
        super().__init__(f"{message}{where}{what}")
