"""What a save store tells its callers: the values and the one error."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.core import calendar

if TYPE_CHECKING:
    from engine.core.game import Game


class SaveError(Exception):
    """A save could not be written or read; ``str()`` is fit to show a player as is."""


@attrs.frozen
class SaveMeta:
    """What a load screen shows of one save, read without rebuilding the game."""

    slot: str
    journey: str
    journey_title: str
    scene_id: str
    scene_title: str
    clock: int  # game minutes
    saved_at: str  # ISO 8601, real local time with its offset
    play_seconds: float
    story_version: str
    story_id: str = ""
    problem: str | None = None  # set when the file is damaged: list() still shows it

    @property
    def when(self) -> str:
        return calendar.format_clock(self.clock)

    def describe(self) -> str:
        """One line for a list of saves."""
        if self.problem is not None:
            return f"{self.slot} — cannot be read: {self.problem}"
        return (
            f"{self.slot} — {self.journey_title}, {self.scene_title} — {self.when} — "
            f"saved {saved_at_text(self.saved_at)} — played {play_time_text(self.play_seconds)}"
        )


def saved_at_text(iso: str) -> str:
    """``2024-05-01 14:03`` from the stored ISO time; the raw text if it is not one."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def play_time_text(seconds: float) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


@attrs.frozen
class Loaded:
    """A game rebuilt from a save, and what the player should be told about it."""

    game: Game
    meta: SaveMeta
    notices: list[str] = attrs.field(factory=list)
