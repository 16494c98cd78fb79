"""The notice line: what just happened, above the footer, never over the choices.

Toasts float over the screen and, at 80 columns and less, over the choices
and the text. A notice takes a line of its own instead and stays until the
next thing happens (no timer, so what a screenshot shows does not depend on
how fast the machine is). Notices given together are shown together.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from engine.core.controls import visible

STYLES = {"information": "", "warning": "bold", "error": "bold"}


class Notice(Static):
    DEFAULT_CSS = """
    Notice {
        width: 100%;
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    Notice.-error { color: $text-error; background: $error-muted; }
    Notice.-warning { color: $text-warning; background: $warning-muted; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines: list[Content] = []
        self.severity = "information"
        self._shown = False

    def say(self, message: str, title: str = "", severity: str = "information") -> None:
        from engine.frontends.tui.wrapped import Wrapped  # only here: the title draws with no notice

        if self._shown:  # the last batch was on screen: this one replaces it
            self.lines = []
            self.severity = "information"
            self._shown = False
            self.remove_class("-error", "-warning")
        head = Content.styled(f"{visible(title)}: ", "bold") if title else Content("")
        self.lines.append(head + Content(visible(message, allow_breaks=True)))
        if severity in ("error", "warning") and self.severity != "error":
            self.severity = severity
        self.set_class(self.severity == "error", "-error")
        self.set_class(self.severity == "warning", "-warning")
        self.update(Wrapped(Content("\n").join(self.lines)))
        self.display = True
        self.call_after_refresh(self._mark_shown)

    def _mark_shown(self) -> None:
        self._shown = True

    def clear(self) -> None:
        self.lines = []
        self._shown = False
        self.display = False

    @property
    def text(self) -> str:
        return "\n".join(line.plain for line in self.lines)
