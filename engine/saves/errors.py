"""What a save store tells its callers: the values, and the errors with their fields.

Every error is a :class:`SaveError` whose ``str()`` a player can read as is;
callers that need more than the sentence (a list line, a hint of their own)
read the fields, never the text. The text is not escaped: a front end shows
it as text, not as markup or terminal codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from engine.core import calendar

if TYPE_CHECKING:
    from engine.core.game import Game


class SaveError(Exception):
    """A save could not be written or read; ``str()`` is fit to show a player as is."""

    @property
    def summary(self) -> str:
        """What is wrong, as a line in a list of saves shows it after "cannot be read:"."""
        return str(self).rstrip(".")


# ---------------------------------------------------------------- names


class BadSlotName(SaveError):
    """A name a save cannot have. ``reason`` is one of the constants below; ``limit``
    is how many characters of this kind fit, ``bad`` the characters not allowed."""

    NOT_TEXT = "not text"
    EMPTY = "empty"
    TOO_LONG = "too long"
    CHARACTERS = "characters"
    SPACES = "spaces"
    RESERVED = "reserved"

    def __init__(self, name: object, reason: str, *, limit: int = 0, bad: tuple[str, ...] = ()) -> None:
        super().__init__(name, reason, limit, bad)
        self.name = name if isinstance(name, str) else ""
        self.reason = reason
        self.limit = limit
        self.bad = bad

    def __str__(self) -> str:
        name = self.name
        if self.reason == self.NOT_TEXT:
            return "A save name must be text."
        if self.reason == self.EMPTY:
            return "A save needs a name, for example: before-the-border."
        if self.reason == self.TOO_LONG:
            return f"The save name '{name[:20]}…' is too long: keep it to {self.limit} characters."
        if self.reason == self.CHARACTERS:
            shown = " ".join(repr(c) for c in self.bad)
            return f"The save name '{name}' cannot contain {shown}: use letters, digits, spaces, - and _."
        if self.reason == self.SPACES:
            return f"The save name '{name}' cannot start or end with a space."
        return f"'{name}' cannot be a save name: some systems reserve it; choose another."


class NoSuchSave(SaveError):
    def __init__(self, slot: str, known: tuple[str, ...]) -> None:
        super().__init__(slot, known)
        self.slot = slot
        self.known = known  # the slots that are there, to help with a typo

    def __str__(self) -> str:
        hint = f" Saves: {', '.join(self.known)}." if self.known else " There are no saves yet."
        return f"There is no save named '{self.slot}'.{hint}"


class NoPreviousVersion(SaveError):
    def __init__(self, slot: str) -> None:
        super().__init__(slot)
        self.slot = slot

    def __str__(self) -> str:
        return f"The save '{self.slot}' has no previous version."


class SlotTaken(SaveError):
    """An import would replace a save, and replacing was not asked for."""

    def __init__(self, slot: str) -> None:
        super().__init__(slot)
        self.slot = slot

    def __str__(self) -> str:
        return f"There is already a save named '{self.slot}'."


# ---------------------------------------------------------------- reading


class UnreadableSave(SaveError):
    """A file that cannot become a game. ``slot`` is the name it is known by (a slot,
    or a file name for an import); ``previous`` is set when the file is the slot's
    previous version; ``restorable`` when that previous version is kept and loads.
    """

    def __init__(self, slot: str, *fields: object) -> None:
        super().__init__(slot, *fields)
        self.slot = slot
        self.previous = False
        self.restorable = False

    @property
    def problem(self) -> str:
        """What is wrong, after "The save 'x' " (each kind says it)."""
        raise NotImplementedError

    @property
    def summary(self) -> str:
        return self.problem

    @property
    def label(self) -> str:
        return f"{self.slot} (previous version)" if self.previous else self.slot

    def __str__(self) -> str:
        text = f"The save '{self.label}' {self.problem}."
        if self.restorable:
            text += f' Its previous version is kept: `relocant saves restore "{self.slot}"` brings it back.'
        return text


class _Is(UnreadableSave):
    """A kind said as "The save 'x' is …"; a list line shows what follows "is"."""

    @property
    def state(self) -> str:
        raise NotImplementedError

    @property
    def problem(self) -> str:
        return f"is {self.state}"

    @property
    def summary(self) -> str:
        return self.state


class EmptySave(_Is):
    @property
    def state(self) -> str:
        return "empty: the file holds nothing"


class NotASave(_Is):
    @property
    def state(self) -> str:
        return "not a Relocant save file"


class DamagedSave(_Is):
    """``detail`` says what is wrong; ``where`` is the place in the file when known
    (``line 3``, ``meta.clock``, ``step 2``)."""

    def __init__(self, slot: str, detail: str, where: str = "") -> None:
        super().__init__(slot, detail, where)
        self.detail = detail
        self.where = where

    @property
    def state(self) -> str:
        return f"damaged: {self.detail}"


class UnknownFormat(UnreadableSave):
    def __init__(self, slot: str, version: str, newer: bool, reads: int) -> None:
        super().__init__(slot, version, newer, reads)
        self.version = version  # as the file states it, shortened for showing
        self.newer = newer
        self.reads = reads

    @property
    def problem(self) -> str:
        text = f"has save format {self.version}, which this version of Relocant does not read"
        text += f" (it reads format {self.reads})"
        if self.newer:
            text += ". It was written by a newer Relocant; update the game to load it"
        return text


class OtherStory(UnreadableSave):
    def __init__(self, slot: str, story_id: str, open_id: str) -> None:
        super().__init__(slot, story_id, open_id)
        self.story_id = story_id
        self.open_id = open_id

    @property
    def problem(self) -> str:
        return f"belongs to the story '{self.story_id}', not to '{self.open_id}' that is open now"


class JourneyGone(_Is):
    def __init__(self, slot: str, journey: str) -> None:
        super().__init__(slot, journey)
        self.journey = journey

    @property
    def state(self) -> str:
        return f"of the journey '{self.journey}', which is no longer in the story"


class CannotRebuild(UnreadableSave):
    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(slot, reason)
        self.reason = reason

    @property
    def problem(self) -> str:
        return f"cannot be rebuilt: the story fails at its start ({self.reason})"


class NotAFile(_Is):
    """Something other than a file holds the save's name: ``kind`` says what."""

    def __init__(self, slot: str, kind: str) -> None:
        super().__init__(slot, kind)
        self.kind = kind

    @property
    def state(self) -> str:
        return f"not a file: it is {self.kind}"


class TooLarge(_Is):
    def __init__(self, slot: str, limit: int) -> None:
        super().__init__(slot, limit)
        self.limit = limit  # bytes

    @property
    def state(self) -> str:
        return f"too large to be a save (a save is at most {self.limit // (1024 * 1024)} MB)"


class ReadFailed(UnreadableSave):
    """The system refused to read the file; ``reason`` says why."""

    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(slot, reason)
        self.reason = reason

    @property
    def problem(self) -> str:
        return f"could not be read: {self.reason}"


class SourceUnreadable(SaveError):
    """A file given to import could not be read as a file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"The file {self.path} could not be read: {self.reason}."


class FolderUnreadable(SaveError):
    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(folder, reason)
        self.folder = folder
        self.reason = reason

    def __str__(self) -> str:
        return f"The saves folder {self.folder} could not be read: {self.reason}."


# ---------------------------------------------------------------- writing


class WriteFailed(SaveError):
    """Nothing of the new save was written; ``earlier_kept`` says whether the slot
    still holds an earlier save (unchanged) or nothing at all."""

    def __init__(self, slot: str, reason: str, earlier_kept: bool) -> None:
        super().__init__(slot, reason, earlier_kept)
        self.slot = slot
        self.reason = reason
        self.earlier_kept = earlier_kept

    def __str__(self) -> str:
        kept = (
            f"The earlier save in '{self.slot}' is unchanged."
            if self.earlier_kept
            else "Nothing was written."
        )
        return f"The game could not be saved as '{self.slot}': {self.reason}. {kept}"


class DeleteFailed(SaveError):
    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(slot, reason)
        self.slot = slot
        self.reason = reason

    def __str__(self) -> str:
        return f"The save '{self.slot}' could not be deleted: {self.reason}."


class ExportFailed(SaveError):
    def __init__(self, slot: str, target: str, reason: str) -> None:
        super().__init__(slot, target, reason)
        self.slot = slot
        self.target = target
        self.reason = reason

    def __str__(self) -> str:
        return f"The save '{self.slot}' could not be exported to {self.target}: {self.reason}."


class EndingNotKept(SaveError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return f"The ending found could not be remembered: {self.reason}."


# ---------------------------------------------------------------- values


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
