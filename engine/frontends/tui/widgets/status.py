"""The side panel: what the player carries, as the story chose to show it.

The engine decides which variables show now (``Game.panel``: ``show`` set and
``show_if`` holding); each appears in its ``group``; the changes of the
last step are drawn highlighted for a few seconds, so a choice's weight is
seen where it lands.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from engine.core.game import Change, PanelRow
from engine.core.model import Story, Variable
from engine.frontends.tui.shown import shown

BAR = 8
HIGHLIGHT_SECONDS = 4.0


def bar(var: Variable, value: int) -> str:
    low = var.min or 0
    high = var.max if var.max is not None else max(value, 1)
    filled = round(BAR * (value - low) / (high - low)) if high > low else 0
    filled = max(0, min(BAR, filled))
    return "█" * filled + "░" * (BAR - filled) + f" {value}/{high}"


def show_value(var: Variable, value: Any) -> str:
    if var.show == "bar" and isinstance(value, int):
        return bar(var, value)
    if var.show == "flag":
        return "✓ yes" if value else "✗ no"
    return var.display(value)


WIDTH = 26  # the panel's text width


def row(label: str, value: str, style: str) -> list[Content]:
    """``Label      value`` on one line when it fits, else on two."""
    gap = WIDTH - len(label) - len(value)
    if gap >= 1:
        return [shown(label, "bold") + Content(" " * gap) + shown(value, style)]
    return [shown(label, "bold"), shown("  " + value, style)]


def change_text(var: Variable, change: Change) -> str:
    if var.show == "bar" and change.delta is not None:
        return f"{change.delta:+d}".replace("-", "−")
    return change.text


def panel_content(story: Story, rows: list[PanelRow], changes: dict[str, Change]) -> Content:
    """The rows the engine says are visible now (``Game.panel``), grouped, changes highlighted."""
    groups: dict[str, list[Content]] = {}
    for panel_row in rows:
        name = panel_row.name
        var = story.variables[name]
        change = changes.get(name)
        style = "reverse" if change else ""
        lines_of_group = groups.setdefault(panel_row.group, [])
        value = panel_row.value
        if var.show == "tags":
            lines_of_group.append(shown(var.label, "bold"))
            tags = sorted(value, key=var.tag_label) if value else []
            lines_of_group.extend(shown("  • " + var.tag_label(t)) for t in tags)
            if not tags:
                lines_of_group.append(Content.styled("  none", "italic"))
        else:
            lines_of_group.extend(row(var.label, show_value(var, value), style))
        if change is not None and var.show in ("number", "bar", "tags"):
            text = change_text(var, change)
            lines_of_group.append(Content(" " * max(1, WIDTH - len(text))) + shown(text, "reverse bold"))
    lines: list[Content] = []
    for group, group_lines in groups.items():
        if lines:
            lines.append(Content(""))
        if group:
            lines.append(shown(group.upper(), "dim bold"))
        lines.extend(group_lines)
    return Content("\n").join(lines)


class StatusPanel(Static):
    """Money, documents, stress and the rest; highlights what just changed."""

    def __init__(self, story: Story, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.story = story
        self.rows: list[PanelRow] = []
        self.changes: dict[str, Change] = {}
        self._fade: Timer | None = None

    def show(self, story: Story, rows: list[PanelRow], changes: list[Change]) -> None:
        """Draw ``rows`` of ``story`` (the one just reloaded, under ``relocant play --watch``)."""
        self.story = story
        self.rows = rows
        self.changes = {c.name: c for c in changes}
        self.update(panel_content(self.story, self.rows, self.changes))
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        if self.changes:
            self._fade = self.set_timer(HIGHLIGHT_SECONDS, self.fade)

    def fade(self) -> None:
        self.changes = {}
        self.update(panel_content(self.story, self.rows, self.changes))
