"""The title screen's menu: a few lines of text, one of them highlighted.

Textual's OptionList is a scrolling view that caches, measures and lays out
each option; a menu of five short lines needs none of it, and on the title
screen, drawn before anything else, its stylesheet and machinery were a
good part of the wait for the first frame. This menu draws its options as
one piece of text: ↑↓, Home and End move the highlight over the options
that can be chosen, Enter or a click chooses, and the option under the
mouse is marked as OptionList marks it.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget


class MenuOption(NamedTuple):
    id: str
    prompt: Content
    disabled: bool = False


class Menu(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter", "select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"menu--highlighted", "menu--disabled", "menu--hover"}
    DEFAULT_CSS = """
    Menu {
        height: auto;
        padding: 0 1;
        background: $surface;
        border: tall $border-blurred;
        & > .menu--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .menu--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .menu--disabled { color: $text-disabled; }
        & > .menu--hover { background: $block-hover-background; }
    }
    """

    class Selected(Message):
        """An option was chosen (Enter, or a click)."""

        def __init__(self, menu: Menu, option: MenuOption) -> None:
            super().__init__()
            self.menu = menu
            self.option = option

        @property
        def control(self) -> Menu:
            return self.menu

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options: list[MenuOption] = []
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._rows: list[int] = []  # the option each line of the last drawing shows

    # ---------------------------------------------------------------- options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> MenuOption:
        return self._options[index]

    def set_options(self, options: list[MenuOption], highlighted: int | None = None) -> None:
        """Show ``options``, highlighting ``highlighted`` (or the next one that can be chosen)."""
        self._options = list(options)
        self._hover = None
        self._highlighted = None
        self.highlighted = highlighted
        self.refresh(layout=True)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = self._enabled_from(max(0, min(index, len(self._options) - 1)), 1)
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()

    def _move(self, index: int | None) -> None:
        """The player moved the highlight: the menu is brought into view if the screen scrolls."""
        if index is not None:
            self.highlighted = index
            self.scroll_visible(animate=False)

    def _enabled_from(self, index: int, step: int) -> int | None:
        """The first option that can be chosen from ``index`` on, going by ``step``; else None."""
        while 0 <= index < len(self._options):
            if not self._options[index].disabled:
                return index
            index += step
        return None

    # ---------------------------------------------------------------- drawing

    def _lines(self, width: int) -> list[tuple[int, Content]]:
        """Each line drawn at ``width``, with the index of the option it belongs to."""
        lines: list[tuple[int, Content]] = []
        for index, option in enumerate(self._options):
            for part in option.prompt.split("\n", allow_blank=True):
                for line in part.wrap(max(width, 1)) or [Content("")]:
                    lines.append((index, line))
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        width = self.content_region.width
        drawn: list[Content] = []
        rows: list[int] = []
        for index, line in self._lines(width):
            line = line.pad_right(max(0, width - line.cell_length))
            option = self._options[index]
            if option.disabled:
                line = line.stylize_before(self._style("menu--disabled"))
            elif index == self._highlighted:
                line = line.stylize_before(self._style("menu--highlighted"))
            elif index == self._hover:
                line = line.stylize_before(self._style("menu--hover"))
            drawn.append(line)
            rows.append(index)
        self._rows = rows
        return Content("\n").join(drawn)

    def _style(self, component: str) -> Style:
        return Style.from_rich_style(self.get_component_rich_style(component))

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ---------------------------------------------------------------- keys

    def action_cursor_down(self) -> None:
        start = 0 if self._highlighted is None else self._highlighted + 1
        self._move(self._enabled_from(start, 1))

    def action_cursor_up(self) -> None:
        start = len(self._options) - 1 if self._highlighted is None else self._highlighted - 1
        self._move(self._enabled_from(start, -1))

    def action_first(self) -> None:
        self._move(self._enabled_from(0, 1))

    def action_last(self) -> None:
        self._move(self._enabled_from(len(self._options) - 1, -1))

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._options[self._highlighted]))

    # ---------------------------------------------------------------- mouse

    def _option_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < len(self._rows):
            return None
        return self._rows[offset.y]

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._option_at(event)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._option_at(event)
        if index is None or self._options[index].disabled:
            return
        self.highlighted = index
        self.action_select()
