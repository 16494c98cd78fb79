"""A question with a few answers, each with its key; Escape cancels."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engine.frontends.tui.shown import shown
from engine.present.catalogs import _

Answer = tuple[str, str, str, str]  # value, label, key, button variant


class AskScreen(ModalScreen[str | None]):
    """Dismissed with the chosen answer's value, or None for Escape (or the Cancel button)."""

    CSS_PATH = "confirm.tcss"

    def __init__(self, question: str, answers: list[Answer], cancel: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.cancel = cancel if cancel is not None else _("Cancel")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(shown(self.question), id="question")
            with Horizontal(id="buttons"):
                for value, label, key, variant in self.answers:
                    yield Button(f"{label} ({key})", id=f"answer-{value}", variant=variant)  # type: ignore[arg-type]
                if self.cancel:
                    yield Button(f"{self.cancel} (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        self.dismiss(button.removeprefix("answer-") if button.startswith("answer-") else None)

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
            return
        for value, _label, key, _variant in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return


class ConfirmScreen(ModalScreen[bool]):
    """Yes (y) or no (n, Escape); No has the focus, so Enter never destroys anything."""

    CSS_PATH = "confirm.tcss"

    def __init__(self, question: str, yes: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes if yes is not None else _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(shown(self.question), id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(_("No (n)"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("y", "n", "escape"):
            event.stop()
            self.dismiss(event.key == "y")
