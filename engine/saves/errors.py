"""What a save store tells its callers: the values, and the errors with their fields.

Every error is a :class:`SaveError` that says itself to a player in a given
language, ``describe(words)`` with ``words`` a gettext catalog
(:mod:`engine.present.catalogs`); ``str()`` is the same sentence in the
language the game is being played in (English unless a front end chose
another). Each sentence is written here once, in English, and translated in
the catalogs. Callers that need more than the sentence (a list line, a hint of
their own) read the fields, never the text. The text is not escaped: a front
end shows it as text, not as markup or terminal codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from engine.core import calendar
from engine.core.state import StateError
from engine.present.catalogs import ENGLISH, N_, Words
from engine.present.catalogs import words as words_in_use

if TYPE_CHECKING:
    from engine.core.game import Game
    from engine.core.model import Story
    from engine.present.presenter import Presenter


# What is wrong with a damaged save, said from more than one place.
NESTED_TOO_DEEPLY = N_("it is nested too deeply to be a save")


@attrs.frozen
class Reason:
    """Why the system refused, as a player reads it: a fixed phrase marked for the catalogs
    (``N_``), said in the player's language where it is shown, and the file it concerns."""

    text: str
    path: str = ""

    def describe(self, words: Words) -> str:
        text = words.gettext(self.text)
        return f"{text} ({self.path})" if self.path else text

    def __str__(self) -> str:
        return self.describe(ENGLISH)


def said(words: Words, reason: Reason | str) -> str:
    """A reason in ``words``: a :class:`Reason`, or a fixed phrase the catalog may have (else as it is)."""
    return reason.describe(words) if isinstance(reason, Reason) else words.gettext(reason)


class SaveError(Exception):
    """A save could not be written or read; :meth:`describe` says it to a player."""

    def describe(self, words: Words) -> str:
        """The whole message, in the language of ``words``."""
        raise NotImplementedError

    def summarise(self, words: Words) -> str:
        """What is wrong, as a line in a list of saves shows it after "cannot be read:"."""
        return self.describe(words).rstrip(".")

    @property
    def summary(self) -> str:
        return self.summarise(words_in_use())

    def __str__(self) -> str:
        return self.describe(words_in_use())


class Refused:
    """Mixed into the errors of a system that refused: ``cause`` says why."""

    cause: Reason | str

    def reason_in(self, words: Words) -> str:
        return said(words, self.cause)

    @property
    def reason(self) -> str:
        """Why the system refused, in English."""
        return self.reason_in(ENGLISH)


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

    def describe(self, words: Words) -> str:
        _ = words.gettext
        name = self.name
        if self.reason == self.NOT_TEXT:
            return _("A save name must be text.")
        if self.reason == self.EMPTY:
            return _("A save needs a name, for example: before-the-border.")
        if self.reason == self.TOO_LONG:
            return words.ngettext(
                "The save name '{name}…' is too long: keep it to {limit} character.",
                "The save name '{name}…' is too long: keep it to {limit} characters.",
                self.limit,
            ).format(name=name[:20], limit=self.limit)
        if self.reason == self.CHARACTERS:
            shown = " ".join(repr(c) for c in self.bad)
            return _(
                "The save name '{name}' cannot contain {characters}: use letters, digits, spaces, - and _."
            ).format(name=name, characters=shown)
        if self.reason == self.SPACES:
            return _("The save name '{name}' cannot start or end with a space.").format(name=name)
        return _("'{name}' cannot be a save name: some systems reserve it; choose another.").format(name=name)


class NoSuchSave(SaveError):
    def __init__(self, slot: str, known: tuple[str, ...]) -> None:
        super().__init__(slot, known)
        self.slot = slot
        self.known = known  # the slots that are there, to help with a typo

    def describe(self, words: Words) -> str:
        _ = words.gettext
        if self.known:
            return _("There is no save named '{slot}'. Saves: {saves}.").format(
                slot=self.slot, saves=", ".join(self.known)
            )
        return _("There is no save named '{slot}'. There are no saves yet.").format(slot=self.slot)


class NoPreviousVersion(SaveError):
    def __init__(self, slot: str) -> None:
        super().__init__(slot)
        self.slot = slot

    def describe(self, words: Words) -> str:
        return words.gettext("The save '{slot}' has no previous version.").format(slot=self.slot)


class SlotTaken(SaveError):
    """An import would replace a save, and replacing was not asked for."""

    def __init__(self, slot: str) -> None:
        super().__init__(slot)
        self.slot = slot

    def describe(self, words: Words) -> str:
        return words.gettext("There is already a save named '{slot}'.").format(slot=self.slot)


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

    def problem_in(self, words: Words) -> str:
        """What is wrong, after "The save 'x' " (each kind says it)."""
        raise NotImplementedError

    def summarise(self, words: Words) -> str:
        return self.problem_in(words)

    @property
    def problem(self) -> str:
        return self.problem_in(words_in_use())

    def label_in(self, words: Words) -> str:
        if self.previous:
            return words.gettext("{slot} (previous version)").format(slot=self.slot)
        return self.slot

    @property
    def label(self) -> str:
        return self.label_in(words_in_use())

    def describe(self, words: Words) -> str:
        _ = words.gettext
        text = _("The save '{label}' {problem}.").format(
            label=self.label_in(words), problem=self.problem_in(words)
        )
        if self.restorable:
            text += " " + _(
                'Its previous version is kept: `relocant saves restore "{slot}"` brings it back.'
            ).format(slot=self.slot)
        return text


class _Is(UnreadableSave):
    """A kind said as "The save 'x' is …"; a list line shows what follows "is"."""

    def state_in(self, words: Words) -> str:
        raise NotImplementedError

    @property
    def state(self) -> str:
        return self.state_in(words_in_use())

    def problem_in(self, words: Words) -> str:
        return words.gettext("is {state}").format(state=self.state_in(words))

    def summarise(self, words: Words) -> str:
        return self.state_in(words)


class EmptySave(_Is):
    def state_in(self, words: Words) -> str:
        return words.gettext("empty: the file holds nothing")


class NotASave(_Is):
    def state_in(self, words: Words) -> str:
        return words.gettext("not a Relocant save file")


class DamagedSave(_Is):
    """``template`` says what is wrong, in English with ``{placeholders}`` that ``values``
    fill (marked ``N_`` where it is written, translated where it is shown); ``where``
    is the place in the file when known (``line 3``, ``meta.clock``, ``step 2``)."""

    def __init__(self, slot: str, template: str, where: str = "", **values: Any) -> None:
        super().__init__(slot, template, where, values)
        self.template = template
        self.where = where
        self.values = values

    def detail_in(self, words: Words) -> str:
        if not self.values:
            return words.gettext(self.template)
        values = {k: v.describe(words) if isinstance(v, StateError) else v for k, v in self.values.items()}
        return words.gettext(self.template).format(**values)

    @property
    def detail(self) -> str:
        """What is wrong, in English."""
        return self.detail_in(ENGLISH)

    def state_in(self, words: Words) -> str:
        return words.gettext("damaged: {detail}").format(detail=self.detail_in(words))


class UnknownFormat(UnreadableSave):
    def __init__(self, slot: str, version: str, newer: bool, reads: int) -> None:
        super().__init__(slot, version, newer, reads)
        self.version = version  # as the file states it, shortened for showing
        self.newer = newer
        self.reads = reads

    def problem_in(self, words: Words) -> str:
        _ = words.gettext
        text = _(
            "has save format {version}, which this version of Relocant does not read (it reads format {reads})"
        ).format(version=self.version, reads=self.reads)
        if self.newer:
            text += _(". It was written by a newer Relocant; update the game to load it")
        return text


class OtherStory(UnreadableSave):
    def __init__(self, slot: str, story_id: str, open_id: str) -> None:
        super().__init__(slot, story_id, open_id)
        self.story_id = story_id
        self.open_id = open_id

    def problem_in(self, words: Words) -> str:
        return words.gettext("belongs to the story '{story}', not to '{open}' that is open now").format(
            story=self.story_id, open=self.open_id
        )


class JourneyGone(_Is):
    def __init__(self, slot: str, journey: str) -> None:
        super().__init__(slot, journey)
        self.journey = journey

    def state_in(self, words: Words) -> str:
        return words.gettext("of the journey '{journey}', which is no longer in the story").format(
            journey=self.journey
        )


class CannotRebuild(UnreadableSave):
    def __init__(self, slot: str, reason: str) -> None:
        super().__init__(slot, reason)
        self.reason = reason  # the story's own run-time error, as the author wrote the story

    def problem_in(self, words: Words) -> str:
        return words.gettext("cannot be rebuilt: the story fails at its start ({reason})").format(
            reason=self.reason
        )


class NotAFile(_Is):
    """Something other than a file holds the save's name: ``kind`` says what (a phrase
    marked for the catalogs where it is written)."""

    def __init__(self, slot: str, kind: str) -> None:
        super().__init__(slot, kind)
        self.kind = kind

    def state_in(self, words: Words) -> str:
        return words.gettext("not a file: it is {kind}").format(kind=words.gettext(self.kind))


class TooLarge(_Is):
    def __init__(self, slot: str, limit: int) -> None:
        super().__init__(slot, limit)
        self.limit = limit  # bytes

    def state_in(self, words: Words) -> str:
        return words.gettext("too large to be a save (a save is at most {megabytes} MB)").format(
            megabytes=self.limit // (1024 * 1024)
        )


class ReadFailed(Refused, UnreadableSave):
    """The system refused to read the file; ``reason`` says why."""

    def __init__(self, slot: str, cause: Reason | str) -> None:
        super().__init__(slot, cause)
        self.cause = cause

    def problem_in(self, words: Words) -> str:
        return words.gettext("could not be read: {reason}").format(reason=self.reason_in(words))


class SourceUnreadable(Refused, SaveError):
    """A file given to import could not be read as a file: ``kind`` says what it is
    instead, ``limit`` is the size it is over, else ``cause`` says why."""

    def __init__(self, path: str, cause: Reason | str = "", *, kind: str = "", limit: int = 0) -> None:
        super().__init__(path, cause, kind, limit)
        self.path = path
        self.cause = cause
        self.kind = kind
        self.limit = limit

    def reason_in(self, words: Words) -> str:
        _ = words.gettext
        if self.kind:
            return _("it is {kind}, not a file").format(kind=_(self.kind))
        if self.limit:
            return _("it is too large to be a save (a save is at most {megabytes} MB)").format(
                megabytes=self.limit // (1024 * 1024)
            )
        return said(words, self.cause)

    def describe(self, words: Words) -> str:
        return words.gettext("The file {path} could not be read: {reason}.").format(
            path=self.path, reason=self.reason_in(words)
        )


class FolderUnreadable(Refused, SaveError):
    def __init__(self, folder: str, cause: Reason | str) -> None:
        super().__init__(folder, cause)
        self.folder = folder
        self.cause = cause

    def describe(self, words: Words) -> str:
        return words.gettext("The saves folder {folder} could not be read: {reason}.").format(
            folder=self.folder, reason=self.reason_in(words)
        )


# ---------------------------------------------------------------- writing


class WriteFailed(Refused, SaveError):
    """Nothing of the new save was written; ``earlier_kept`` says whether the slot
    still holds an earlier save (unchanged) or nothing at all."""

    def __init__(self, slot: str, cause: Reason | str, earlier_kept: bool) -> None:
        super().__init__(slot, cause, earlier_kept)
        self.slot = slot
        self.cause = cause
        self.earlier_kept = earlier_kept

    def describe(self, words: Words) -> str:
        _ = words.gettext
        if self.earlier_kept:
            text = _(
                "The game could not be saved as '{slot}': {reason}. The earlier save in '{slot}' is unchanged."
            )
        else:
            text = _("The game could not be saved as '{slot}': {reason}. Nothing was written.")
        return text.format(slot=self.slot, reason=self.reason_in(words))


class DeleteFailed(Refused, SaveError):
    def __init__(self, slot: str, cause: Reason | str) -> None:
        super().__init__(slot, cause)
        self.slot = slot
        self.cause = cause

    def describe(self, words: Words) -> str:
        return words.gettext("The save '{slot}' could not be deleted: {reason}.").format(
            slot=self.slot, reason=self.reason_in(words)
        )


class ExportFailed(Refused, SaveError):
    def __init__(self, slot: str, target: str, cause: Reason | str) -> None:
        super().__init__(slot, target, cause)
        self.slot = slot
        self.target = target
        self.cause = cause

    def describe(self, words: Words) -> str:
        return words.gettext("The save '{slot}' could not be exported to {target}: {reason}.").format(
            slot=self.slot, target=self.target, reason=self.reason_in(words)
        )


class EndingNotKept(Refused, SaveError):
    def __init__(self, cause: Reason | str) -> None:
        super().__init__(cause)
        self.cause = cause

    def describe(self, words: Words) -> str:
        return words.gettext("The ending found could not be remembered: {reason}.").format(
            reason=self.reason_in(words)
        )


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
    error: UnreadableSave | None = None  # set when the file is damaged: list() still shows it

    @property
    def problem(self) -> str | None:
        """What is wrong with the file, in the language in use; None when it reads."""
        return None if self.error is None else self.error.summary

    @property
    def when(self) -> str:
        return calendar.format_clock(self.clock)

    def titled_by(self, story: Story) -> SaveMeta:
        """This save with its journey's and scene's titles as ``story`` gives them now (in the
        language it is loaded in), where the story still has them; else the titles it recorded."""
        if self.error is not None or self.story_id not in ("", story.id):
            return self
        scene, journey = story.scenes.get(self.scene_id), story.journeys.get(self.journey)
        return attrs.evolve(
            self,
            scene_title=scene.title if scene is not None else self.scene_title,
            journey_title=journey.title if journey is not None else self.journey_title,
        )

    def describe(self, present: Presenter | None = None) -> str:
        """One line for a list of saves, as ``present`` (by default the language in use) writes it."""
        from engine.present.presenter import current

        present = present or current()
        _ = present.words.gettext
        if self.error is not None:
            return _("{slot} — cannot be read: {problem}").format(
                slot=self.slot, problem=self.error.summarise(present.words)
            )
        return _("{slot} — {journey}, {scene} — {when} — saved {saved} — played {played}").format(
            slot=self.slot,
            journey=self.journey_title,
            scene=self.scene_title,
            when=present.clock(self.clock),
            saved=saved_at_text(self.saved_at),
            played=play_time_text(self.play_seconds),
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
