"""The numbered choices of a scene: keys 1–9, arrows and Enter, or the mouse.

An OptionList (keys, mouse, highlight and look as Textual gives them), whose
options a step replaces in one go: each choice is an option drawn once per
width and look and kept on the option, so the next scene's choices can be
drawn ahead while the player reads (:meth:`ChoiceList.options_for`), and a
step that keeps the list's height repaints the list without laying out the
screen again.
"""

from __future__ import annotations

from typing import cast

from textual import on
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engine.core.controls import visible
from engine.core.game import ChoiceView
from engine.frontends.tui.shown import shown
from engine.frontends.tui.wrapped import Wrapped


def choice_prompt(choice: ChoiceView) -> Content:
    number = Content.styled(f"{choice.number}. ", "bold")
    if choice.enabled:
        return number + shown(choice.text)
    return number + shown(choice.text) + shown(f"  ({choice.reason})", "italic")


class ChoiceOption(Option):
    """A choice as an option: its place in the list, and its lines as drawn in each look."""

    def __init__(self, choice: ChoiceView, index: int) -> None:
        super().__init__(
            Wrapped(choice_prompt(choice)), id=f"choice-{choice.number}", disabled=not choice.enabled
        )
        self.index = index
        self.drawn: dict[tuple[Style, int], list[Strip]] = {}  # (style, width) -> its lines


class ChoiceList(OptionList):
    """Lists a scene's choices; posts :class:`ChoiceList.Chosen` with the number shown."""

    class Chosen(Message):
        def __init__(self, number: int) -> None:
            self.number = number
            super().__init__()

    noted: str | None = None  # what the bottom edge says

    def note(self, text: str | None) -> None:
        """Say ``text`` in the box's bottom edge (None: nothing): a word about the choices
        that takes no line, so the panes above keep their place and are not drawn again."""
        if self.noted != text:
            self.noted = text
            self.border_subtitle = None if text is None else Content(visible(text))

    def options_for(self, choices: tuple[ChoiceView, ...]) -> list[ChoiceOption]:
        """Options for ``choices``, drawn now in the look they will have when shown (the first
        open one highlighted): what :meth:`show` takes when they were drawn ahead."""
        options = [ChoiceOption(c, i) for i, c in enumerate(choices)]
        width = self._option_width()
        if width > 0:
            first = next((o.index for o in options if not o.disabled), None)
            for option in options:
                self._get_option_render(option, self._option_style(option, first))
        return options

    def show(self, choices: tuple[ChoiceView, ...], options: list[ChoiceOption] | None = None) -> None:
        """Show ``choices`` (``options``: the same, drawn ahead), the first open one highlighted."""
        if options is None:
            options = self.options_for(choices)
        before = self.virtual_size
        self._options = list(options)
        self._option_to_index = {option: option.index for option in options}
        self._id_to_option = {option.id: option for option in options if option.id is not None}
        self._line_cache.clear()
        self._option_render_cache.clear()
        self.set_reactive(OptionList.highlighted, next((o.index for o in options if not o.disabled), None))
        self.set_reactive(OptionList._mouse_hovering_over, None)
        if self.scroll_y:
            self.scroll_to(y=0, animate=False)
        self._fill_lines(before)
        self.refresh()

    def _fill_lines(self, before: Size) -> None:
        """Where each option's lines are; the screen is laid out again only when the list's
        height changed (its width is the layout's)."""
        width = self._option_width()
        if width <= 0:
            return
        cache = self._line_cache
        padding = self.get_component_styles("option-list--option").padding
        for index, option in enumerate(self._options):
            cache.index_to_line[index] = len(cache.lines)
            height = self._get_visual(option).get_height(cast(RulesMap, self.styles), width - padding.width)
            cache.heights[index] = height
            cache.lines.extend((index, line) for line in range(height))
        size = Size(width, len(cache.lines))
        if size.height == before.height:
            self.set_reactive(ScrollView.virtual_size, size)
        else:  # laid out again, which shows or hides the scrollbar for the new height
            self.virtual_size = size

    def _option_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _option_style(self, option: Option, highlighted: int | None) -> Style:
        """The look of ``option`` when ``highlighted`` is the highlighted one (as OptionList draws it)."""
        index = option.index if isinstance(option, ChoiceOption) else self._option_to_index[option]
        if option.disabled:
            return self.get_visual_style("option-list--option", "option-list--option-disabled")
        if index == highlighted:
            return self.get_visual_style("option-list--option", "option-list--option-highlighted")
        if self._mouse_hovering_over == index:
            return self.get_visual_style("option-list--option", "option-list--option-hover")
        return self.get_visual_style("option-list--option")

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """An option's lines in ``style``, drawn once and kept on the option."""
        if not isinstance(option, ChoiceOption):
            return super()._get_option_render(option, style)
        width = self._option_width()
        key = (style, width)
        strips = option.drawn.get(key)
        if strips is None:
            visual: Visual = self._get_visual(option)
            padding = self.get_component_styles("option-list--option").padding
            if padding:
                visual = Padding(visual, padding)
            meta = {"option": option.index}
            strips = [
                strip.extend_cell_length(width, style.rich_style).apply_meta(meta)
                for strip in Visual.to_strips(self, visual, width, None, style)
            ]
            option.drawn[key] = strips
        return strips

    def notify_style_update(self) -> None:
        for option in self._options:
            if isinstance(option, ChoiceOption):
                option.drawn.clear()
        super().notify_style_update()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("choice-"):
            self.post_message(self.Chosen(int(event.option.id.removeprefix("choice-"))))
