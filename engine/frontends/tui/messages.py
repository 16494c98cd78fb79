"""What screens ask of the app beyond the player's keys: a journey, a slot, the title.

Performed like the commands (``perform``), with no key of their own.
"""

from __future__ import annotations

from engine.frontends.tui.commands.command import Command


class StartJourney(Command):
    def __init__(self, journey: str) -> None:
        super().__init__()
        self.journey = journey


class SaveSlot(Command):
    """Save the game in ``slot``; the saves screen closes once it is written."""

    def __init__(self, slot: str) -> None:
        super().__init__()
        self.slot = slot


class LoadSlot(Command):
    def __init__(self, slot: str) -> None:
        super().__init__()
        self.slot = slot


class GameOver(Command):
    """The choice just taken ended the game: show the ending."""


class ToTitle(Command):
    """Close every screen down to the title screen."""
