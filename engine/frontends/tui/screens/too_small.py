"""Shown over everything while the terminal is smaller than the game can be read in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from engine.present.catalogs import _


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; max-width: 100%; padding: 0 1; text-align: center; }
    """

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.needed = (width, height)

    def compose(self) -> ComposeResult:
        width, height = self.needed
        yield Static(
            _(
                "The terminal is too small for the game: it needs at least {width}×{height}. "
                "Make the window larger and play goes on where you were. (Ctrl+Q quits.)"
            ).format(width=width, height=height),
            markup=False,
        )
