"""The numbered choices of a scene: keys 1–9, arrows and Enter, or the mouse."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
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

    def show(self, choices: tuple[ChoiceView, ...]) -> None:
        self.clear_options()
        self.add_options(
            Option(Wrapped(choice_prompt(c)), id=f"choice-{c.number}", disabled=not c.enabled)
            for c in choices
        )
        first = next((i for i, c in enumerate(choices) if c.enabled), None)
        self.highlighted = first

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("choice-"):
            self.post_message(self.Chosen(int(event.option.id.removeprefix("choice-"))))
