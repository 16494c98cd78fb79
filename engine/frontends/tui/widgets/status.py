"""The side panel: what the player carries, as the story chose to show it.

The engine decides which variables show now (``Game.panel``: ``show`` set and
``show_if`` holding); each appears in its ``group``; the changes of the
last step stay highlighted until the next, so a choice's weight is seen
where it lands.
"""

from __future__ import annotations

import textwrap
from typing import Any

import attrs
from rich.style import Style as RichStyle
from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from engine.core.game import Change, PanelRow
from engine.core.model import Story, Variable
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.indicator import Indicated
from engine.frontends.wording import change_text
from engine.present.catalogs import _
from engine.present.presenter import current

BAR = 8


def bar(var: Variable, value: int) -> str:
    low = var.min or 0
    high = var.max if var.max is not None else max(value, 1)
    filled = round(BAR * (value - low) / (high - low)) if high > low else 0
    filled = max(0, min(BAR, filled))
    present = current()
    return "█" * filled + "░" * (BAR - filled) + f" {present.number(value)}/{present.number(high)}"


def show_value(var: Variable, value: Any) -> str:
    if var.show == "bar" and isinstance(value, int):
        return bar(var, value)
    if var.show == "flag":
        return "✓ " + _("yes") if value else "✗ " + _("no")
    return current().value(var, value)


WIDTH = 25  # the panel's text width, beside its scrollbar


def row(label: str, value: str, style: str) -> list[Content]:
    """``Label      value`` on one line when it fits, else on two."""
    gap = WIDTH - len(label) - len(value)
    if gap >= 1:
        return [shown(label, "bold") + Content(" " * gap) + shown(value, style)]
    return [shown(label, "bold"), shown("  " + value, style)]


def item_lines(text: str) -> list[Content]:
    """A list item ("• Temporary registration") wrapped with its later lines indented under the text."""
    wrapped = textwrap.wrap(text, WIDTH - 4) or [""]
    return [shown(("  • " if i == 0 else "    ") + part) for i, part in enumerate(wrapped)]


def panel_lines(
    story: Story, rows: list[PanelRow], changes: dict[str, Change]
) -> tuple[list[Content], int | None]:
    """The panel's lines, grouped, changes highlighted; and the index of the first changed line."""
    groups: dict[str, list[Content]] = {}
    first: dict[str, int] = {}  # group -> index of its first changed line
    for panel_row in rows:
        name = panel_row.name
        var = story.variables[name]
        change = changes.get(name)
        style = "reverse" if change else ""
        lines_of_group = groups.setdefault(panel_row.group, [])
        if change is not None:
            first.setdefault(panel_row.group, len(lines_of_group))
        value = panel_row.value
        if var.show == "tags":
            lines_of_group.append(shown(var.label, "bold"))
            tags = sorted(value, key=var.tag_label) if value else []
            for tag in tags:
                lines_of_group.extend(item_lines(var.tag_label(tag)))
            if not tags:
                lines_of_group.append(Content.styled("  " + _("none"), "italic"))
        else:
            lines_of_group.extend(row(var.label, show_value(var, value), style))
        if change is not None and var.show in ("number", "bar", "tags"):
            text = change_text(var, change)
            lines_of_group.append(Content(" " * max(1, WIDTH - len(text))) + shown(text, "reverse bold"))
    lines: list[Content] = []
    first_line: int | None = None
    for group, group_lines in groups.items():
        if lines:
            lines.append(Content(""))
        if group:
            lines.append(shown(group.upper(), "dim bold"))
        if group in first and first_line is None:
            first_line = len(lines) + first[group]
        lines.extend(group_lines)
    return lines, first_line


def panel_content(story: Story, rows: list[PanelRow], changes: dict[str, Change]) -> Content:
    """The rows the engine says are visible now (``Game.panel``), grouped, changes highlighted."""
    return Content("\n").join(panel_lines(story, rows, changes)[0])


@attrs.frozen
class PanelAhead:
    """The panel as a choice would leave it, worded (and its new lines drawn) before it is taken."""

    story: Story
    rows: list[PanelRow]
    changes: list[Change]
    lines: list[Content]
    first_change_line: int | None


class StatusPanel(Indicated, can_focus=True):
    """Money, documents, stress and the rest; what the last choice changed stays highlighted
    until the next one, so it can be read at leisure (and a screenshot never depends on a timer).

    Drawn line by line (Textual's Line API), each line kept as strips: a step
    repaints only the lines that changed, and those below them when the
    number of lines changed, not the whole panel.
    """

    def __init__(self, story: Story, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.story = story
        self.rows: list[PanelRow] = []
        self.changes: dict[str, Change] = {}
        self.first_change_line: int | None = None
        self.lines: list[Content] = []
        self._keys: list[tuple[str, tuple[Span, ...]]] = []  # each line's text and styles, to compare
        self._drawn: dict[tuple[str, tuple[Span, ...]], list[Strip]] = {}  # each line's rows, at _width
        self._rows: list[Strip] = []  # what it draws, one strip a row
        self._width = -1  # the width the rows were drawn at
        self._ahead: dict[tuple[str, tuple[Span, ...]], list[Strip]] = {}  # lines drawn ahead, at _width

    def show(
        self, story: Story, rows: list[PanelRow], changes: list[Change], ahead: PanelAhead | None = None
    ) -> None:
        """Draw ``rows`` of ``story`` (the one just reloaded, under ``relocant play --watch``);
        ``ahead``: the same rows and changes, worded and drawn ahead."""
        self.story = story
        self.rows = rows
        self.changes = {c.name: c for c in changes}
        if ahead is not None and ahead.story is story and ahead.rows == rows and ahead.changes == changes:
            lines, self.first_change_line = ahead.lines, ahead.first_change_line
        else:
            lines, self.first_change_line = panel_lines(self.story, self.rows, self.changes)
        self._draw(lines)
        self._ahead = {}

    def draw_ahead(self, story: Story, rows: list[PanelRow], changes: list[Change]) -> PanelAhead:
        """Word and draw the panel as a choice would leave it, while the player reads."""
        lines, first = panel_lines(story, rows, {c.name: c for c in changes})
        width = self.text_width
        if width > 0 and self.display and width == self._width:
            blank, style = self._looks()
            for line in lines:
                key = (line.plain, tuple(line.spans))
                if key not in self._drawn and key not in self._ahead:
                    self._ahead[key] = self._strips(line, width, blank, style)
        return PanelAhead(story, rows, changes, lines, first)

    def fade(self) -> None:
        self.changes = {}
        self.first_change_line = None
        self._draw(panel_lines(self.story, self.rows, self.changes)[0])

    def render(self) -> Content:
        """The whole panel as one text (what it draws line by line)."""
        return Content("\n").join(self.lines)

    def _draw(self, lines: list[Content]) -> None:
        """Repaint the rows that changed (and all below them, when rows came or went)."""
        self.lines = lines
        self._keys = [(line.plain, tuple(line.spans)) for line in lines]
        old = self._rows
        width = self.text_width
        if width <= 0 or not self.display:  # hidden: drawn when it is shown
            self._rows, self._width = [], -1
            return
        rows = self._layout(width)
        if len(rows) != len(old):
            bar = self.indicator()
            first = next((i for i, (a, b) in enumerate(zip(old, rows, strict=False)) if a is not b), len(old))
            self._resize(Size(width, len(rows)))
            self.refresh_lines(first, max(len(old), len(rows)) - first)
            self.refresh_indicator(bar)
            return
        for y, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a is not b:
                self.refresh_line(y)

    def _resize(self, size: Size) -> None:
        """A new scrollable size: the panel's own box is the same, so nothing is laid out again
        (the rows that changed are repainted by the caller)."""
        self.set_reactive(ScrollView.virtual_size, size)
        self._refresh_scrollbars()

    def _layout(self, width: int) -> list[Strip]:
        """Every row at ``width``: a line drawn before (same text, same styles) is reused."""
        blank, style = self._looks()
        drawn: dict[tuple[str, tuple[Span, ...]], list[Strip]] = {}
        rows: list[Strip] = []
        ahead = self._ahead if width == self._width else {}
        for line, key in zip(self.lines, self._keys, strict=True):
            strips = drawn.get(key) or self._drawn.get(key) or ahead.get(key)
            if strips is None:
                strips = self._strips(line, width, blank, style)
            drawn[key] = strips
            rows.extend(strips)
        self._drawn, self._rows, self._width = drawn, rows, width
        return rows

    def _looks(self) -> tuple[RichStyle, Style]:
        """The blank after a line, and the panel's style."""
        base_background, background = self.background_colors
        return Style(background=base_background + background).rich_style, self.visual_style

    def _strips(self, line: Content, width: int, blank: RichStyle, style: Style) -> list[Strip]:
        """One line's rows at ``width``."""
        return [
            strip.adjust_cell_length(width, blank)
            for strip in Visual.to_strips(self, line, width, None, style, apply_selection=False)
        ]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()
        self._ahead.clear()
        self._width = -1

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """A new width: every row drawn again at it."""
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.text_width
        if width > 0 and width != self._width:
            self._drawn.clear()
            self._layout(width)
            self.virtual_size = Size(width, len(self._rows))
            self.refresh()
        return changed

    def content_line(self, y: int) -> Strip:
        width = self.text_width
        if width != self._width:
            self._drawn.clear()
            self._layout(width)
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._rows):
            return self._rows[index]
        return Strip.blank(width, self.visual_style.rich_style)
