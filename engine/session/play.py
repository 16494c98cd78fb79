"""One sitting at the game: the story, the saves, the game in progress.

Both front ends (the plain player and the Textual game) play through a
:class:`Session`, so every rule about saving lives here once: the autosave
after each choice and undo, the endings found, what Continue resumes, a new
game never replacing the one only the autosave holds, quicksaves, and how
play time adds up.

When the autosave is written: a choice or an undo makes it due, and the
front end writes it (:meth:`Session.write_due`) once the new scene is on
screen, so the write never delays the frame. Anything that comes next (the
next choice, an undo, starting or loading a game, quitting) writes it
first if it is still due. So a choice is on disk before the game acts on
any later input; a game killed in the moment between the frame and the
write resumes at the choice before. Each write replaces the autosave
atomically, so a kill never leaves it damaged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import attrs

from engine.core.game import Game, View
from engine.core.model import Story
from engine.core.state import Step
from engine.present.catalogs import _
from engine.present.presenter import current
from engine.saves import AUTOSAVE, QUICKSAVE, Loaded, SaveError, SaveMeta, SaveStore
from engine.session.settings import Settings

QUICK = QUICKSAVE
HISTORY = 40  # earlier passages kept in the transcript


class Session:
    def __init__(
        self, story: Story, store: SaveStore, folder: Path, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.story = story
        self.store = store
        self.folder = folder
        self.clock = clock
        self.game: Game | None = None
        self.started = clock()
        self.unsaved = False  # progress the autosave failed to keep
        self.due = False  # a choice or an undo whose autosave is not written yet
        self._last_slot: str | None = None
        self.settings: Settings | None = None  # where Continue's save is kept for the next sitting

    @property
    def last_slot(self) -> str | None:
        """The save last loaded or written (the autosave after a choice): what Continue resumes."""
        return self._last_slot

    @last_slot.setter
    def last_slot(self, slot: str | None) -> None:
        changed = slot != self._last_slot
        self._last_slot = slot
        if changed and self.settings is not None:
            self.settings.set_continue_slot(self.folder, slot)

    def remember_in(self, settings: Settings) -> None:
        """Keep what Continue resumes in ``settings``, and take up what an earlier sitting kept there."""
        self.settings = None
        self.last_slot = settings.continue_slot(self.folder)
        self.settings = settings

    # ------------------------------------------------------------ time

    @property
    def play_seconds(self) -> float:
        return self.clock() - self.started

    # ------------------------------------------------------------ games

    def start(self, journey: str, seed: int | None = None) -> Game:
        """A new game of ``journey``, in play at once; its first autosave is due (:meth:`write_due`)."""
        game = Game.start(self.story, journey, seed=seed)
        self.write_due()  # the game it replaces keeps its last step
        self.game = game
        self.started = self.clock()
        self.unsaved = False
        self.last_slot = None
        self.due = True
        return self.game

    def take(self, game: Game, play_seconds: float = 0.0, new: bool = False) -> None:
        """Play ``game``, made elsewhere, as the game in progress, autosaved like any other.

        ``new``: a game just begun (``--at``, ``--set``), whose first autosave is due at once.
        """
        self.write_due()
        self.game = game
        self.started = self.clock() - play_seconds
        self.unsaved = False
        self.due = new
        if new:
            self.last_slot = None

    def adopt(self, loaded: Loaded) -> list[str]:
        """Play a loaded game; return the notices the player should read."""
        self.write_due()
        self.game = cast(Game, loaded.game)
        self.started = self.clock() - loaded.meta.play_seconds
        self.unsaved = False
        self.due = False
        return list(loaded.notices)

    def choose(self, number: int) -> Game:
        """Take a choice (``ChoiceUnavailable``, ``RunTimeError``: nothing changed).

        The autosave is then due: :meth:`write_due` writes it. A front end
        calls that once the new scene is on screen, before it acts on any
        later input, so a choice is on disk before the next one is taken.
        """
        assert self.game is not None
        self.write_due()  # the one before, if the front end has not written it yet
        self.game.choose(number)
        self.due = True
        return self.game

    def undo(self) -> bool:
        """Step back one choice; False at the start. The autosave is then due, as after a choice."""
        assert self.game is not None
        if not self.game.can_undo:
            return False
        self.write_due()
        self.game.undo()
        self.due = True
        return True

    def write_due(self) -> str | None:
        """Write the autosave a choice or an undo made due (and an ending found); its failure, if any."""
        if not self.due or self.game is None:
            return None
        self.due = False
        if self.game.is_over:
            try:
                self.store.record_ending(self.story, self.game.state.scene)
            except SaveError:
                pass  # the endings found are a tally: the game itself is in the autosave
        return self.autosave()

    def autosave(self) -> str | None:
        assert self.game is not None
        try:
            self.store.autosave(self.game, self.play_seconds)
        except SaveError as exc:
            self.unsaved = True
            return str(exc)
        self.unsaved = False
        self.last_slot = AUTOSAVE
        return None

    # ------------------------------------------------------------ slots

    def save(self, slot: str) -> SaveMeta:
        assert self.game is not None
        meta = self.store.save(slot, self.game, self.play_seconds)
        self.unsaved = False
        self.last_slot = meta.slot
        return meta

    def quicksave(self) -> SaveMeta:
        assert self.game is not None
        meta = self.store.quicksave(self.game, self.play_seconds)
        self.unsaved = False
        return meta

    def has_quicksave(self) -> bool:
        return any(m.slot == QUICK for m in self.slots())

    def load(self, slot: str) -> list[str]:
        notices = self.adopt(self.store.load(slot, self.story))
        self.last_slot = slot
        return notices

    def load_newest(self) -> list[str] | None:
        loaded = self.store.load_newest(self.story)
        return None if loaded is None else self.adopt(loaded)

    def continue_meta(self) -> SaveMeta | None:
        """The save Continue resumes, so it can be named before it is loaded.

        The save last loaded or written (the autosave once a choice was made
        since), while it holds a game of this story; otherwise the newest
        readable save of this story. A damaged save is never the one named.
        """
        metas = [m for m in self.slots() if m.problem is None and m.story_id in ("", self.story.id)]
        last = next((m for m in metas if m.slot == self.last_slot), None)
        return last or (metas[0] if metas else None)

    def continue_game(self) -> list[str] | None:
        """Load the save :meth:`continue_meta` names; None when there is none.

        When it cannot be loaded after all, or a newer save of this story is
        damaged, the newest save that loads is played, and the notices say
        what was passed over.
        """
        meta = self.continue_meta()
        if meta is not None and meta.slot == self.last_slot:
            try:
                return self.load(meta.slot)
            except SaveError:
                pass  # the newest that loads, with a notice of what failed
        loaded = self.store.load_newest(self.story)
        if loaded is None:
            return None
        notices = self.adopt(loaded)
        self.last_slot = loaded.meta.slot
        return notices

    def would_replace(self, loading: str | None = None) -> SaveMeta | None:
        """The autosave's game, when starting a game (or loading ``loading``) would lose it; else None.

        Loading the autosave itself, or the save the game in progress follows,
        loses nothing.
        """
        if loading is not None and loading in (AUTOSAVE, self.last_slot):
            return None
        self.write_due()  # the autosave must hold the game in progress before it is judged
        return self.autosave_at_risk(loading)

    def autosave_at_risk(self, loading: str | None = None) -> SaveMeta | None:
        """The autosave, when it holds an unfinished game that no other save holds.

        Another game's first autosave would replace it: the player is asked
        first. Loading an earlier save of the same game (``loading``, the same
        journey and seed) steps back in it, as undo does, and is not asked about;
        nor is an author's trial of a scene (begun with ``--at``, not at its
        journey's start), which the next trial replaces.
        """
        metas = {m.slot: m for m in self.slots()}
        auto = metas.get(AUTOSAVE)
        if auto is None or auto.problem is not None or auto.story_id not in ("", self.story.id):
            return None
        if auto.scene_id in self.story.endings:
            return None
        try:
            held = self.store.read(AUTOSAVE)["game"]
            if _is_trial(self.story, held):
                return None
            if loading is not None and _lineage(self.store.read(loading)) == _lineage(
                self.store.read(AUTOSAVE)
            ):
                return None
        except (SaveError, KeyError, TypeError):
            return None
        for slot in metas:
            if slot == AUTOSAVE or metas[slot].problem is not None:
                continue
            try:
                if self.store.read(slot)["game"] == held:
                    return None
            except (SaveError, KeyError, TypeError):
                continue
        return auto

    def keep_autosave(self) -> str:
        """Copy the autosave to a slot of its own ("north kept", "north kept 2"…); return the name."""
        meta = self.store.read(AUTOSAVE)["meta"]
        base = f"{meta['journey']} kept" if isinstance(meta.get("journey"), str) else "kept"
        names = {m.slot.casefold() for m in self.slots()}
        name, n = base, 1
        while name.casefold() in names:
            n += 1
            name = f"{base} {n}"
        self.store.import_(self.store.path(AUTOSAVE), name, self.story)
        return name

    def delete(self, slot: str) -> None:
        self.store.delete(slot)
        if self.last_slot == slot:
            self.last_slot = None

    def slots(self) -> list[SaveMeta]:
        return self.slots_and_problem()[0]

    def slots_and_problem(self) -> tuple[list[SaveMeta], str | None]:
        """The saves, newest first, each titled as the story now names its journey and scene (in
        the language it is played in), and why the folder could not be read (then no saves)."""
        try:
            return [meta.titled_by(self.story) for meta in self.store.list()], None
        except SaveError as exc:
            return [], str(exc)

    def endings_found(self) -> set[str]:
        try:
            return self.store.endings_found(self.story)
        except SaveError:
            return set()

    # ------------------------------------------------------------ reading

    def history(self) -> list[tuple[View, Step]]:
        """Each earlier moment of this game with the step taken there, oldest first."""
        game = self.game
        assert game is not None
        first = max(0, len(game.steps) - HISTORY)
        out: list[tuple[View, Step]] = []
        for i in range(first, len(game.steps)):
            past = Game(self.story, game.states[: i + 1], game.steps[:i], game.seed)
            text, journal, reply = game.taken(i)  # in the words of the story now shown
            out.append((past.view(), attrs.evolve(game.steps[i], text=text, journal=journal, reply=reply)))
        return out

    def journal_markdown(self) -> str:
        """The journal of the game in progress, as a Markdown document."""
        assert self.game is not None
        view = self.game.view()
        journey = self.story.journeys.get(view.journey)
        lines = [f"# {self.story.title}: {journey.title if journey else view.journey}", ""]
        for entry in self.game.journal():
            lines.append(
                f"{entry.number}. **{current().clock(entry.clock)}**, {entry.scene_title}: {entry.text}"
            )
            if entry.reply:
                lines.append(f"   > {_one_line(entry.reply)}")
        if not self.game.journal():
            lines.append(_("No decisions yet."))
        lines += ["", _("Now: {title}, {when}.").format(title=view.title, when=current().clock(view.clock))]
        return "\n".join(lines) + "\n"

    def journal_file_name(self, n: int = 1) -> str:
        """``journal-north-20260102-100000.md``; the ``n``th export within one second gets ``-n``."""
        assert self.game is not None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return f"journal-{self.game.view().journey}-{stamp}{'' if n == 1 else f'-{n}'}.md"

    def export_journal(self) -> Path:
        """Write the journal as Markdown beside the saves, never over an earlier export; return where."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = self.journal_markdown().encode("utf-8")
        for n in range(1, 1000):
            path = self.folder / self.journal_file_name(n)
            try:
                with path.open("xb") as out:  # never over an earlier export
                    out.write(data)
            except FileExistsError:
                continue
            return path
        raise FileExistsError(f"every journal name for this second is taken in {self.folder}")


def _one_line(text: str) -> str:
    """A reply's paragraphs on one line: a quote inside its list item (its emphasis is Markdown's)."""
    return " ".join(text.split())


def _is_trial(story: Story, game: object) -> bool:
    """Whether a stored game began away from its journey's start: a scene tried with ``--at``."""
    start = game.get("start") if isinstance(game, dict) else None
    if not isinstance(start, dict):
        return False
    journey = story.journeys.get(start.get("journey"))  # type: ignore[arg-type]
    return journey is not None and start.get("scene") != journey.start


def _lineage(doc: dict[str, object]) -> tuple[object, object]:
    """Which game a save document holds: its journey and its seed."""
    replay = doc["replay"]
    assert isinstance(replay, dict)
    return replay["journey"], replay["seed"]
