"""One sitting at the game: the story, the saves, the game in progress.

Kept apart from the screens so every rule about saving (autosave after each
step, what counts as unsaved, how play time adds up) lives in one place and
is the same whichever screen asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from engine.core.game import Game, View
from engine.core.model import Story
from engine.core.state import Step
from engine.present.presenter import current
from engine.saves import AUTOSAVE, QUICKSAVE, Loaded, SaveError, SaveMeta, SaveStore

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
        self._last_slot: str | None = None
        self.on_last_slot: Callable[[str | None], None] | None = None  # a front end keeping it for next time

    @property
    def last_slot(self) -> str | None:
        """The save last loaded or written (the autosave after a choice): what Continue resumes."""
        return self._last_slot

    @last_slot.setter
    def last_slot(self, slot: str | None) -> None:
        changed = slot != self._last_slot
        self._last_slot = slot
        if changed and self.on_last_slot is not None:
            self.on_last_slot(slot)

    # ------------------------------------------------------------ time

    @property
    def play_seconds(self) -> float:
        return self.clock() - self.started

    # ------------------------------------------------------------ games

    def start(self, journey: str, seed: int | None = None) -> Game:
        self.game = Game.start(self.story, journey, seed=seed)
        self.started = self.clock()
        self.unsaved = False
        self.last_slot = None
        return self.game

    def adopt(self, loaded: Loaded) -> list[str]:
        """Play a loaded game; return the notices the player should read."""
        self.game = cast(Game, loaded.game)
        self.started = self.clock() - loaded.meta.play_seconds
        self.unsaved = False
        return list(loaded.notices)

    def choose(self, number: int) -> str | None:
        """Take a choice and autosave; return the autosave's failure, if any."""
        assert self.game is not None
        self.game.choose(number)
        if self.game.is_over:
            try:
                self.store.record_ending(self.story, self.game.state.scene)
            except SaveError:
                pass
        return self.autosave()

    def undo(self) -> str | None:
        assert self.game is not None
        self.game.undo()
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
        """Load the save :meth:`continue_meta` names; None when there is none."""
        meta = self.continue_meta()
        if meta is None:
            return None
        return self.load(meta.slot)

    def autosave_at_risk(self, loading: str | None = None) -> SaveMeta | None:
        """The autosave, when it holds an unfinished game that no other save holds.

        Another game's first autosave would replace it: the player is asked
        first. Loading an earlier save of the same game (``loading``, the same
        journey and seed) steps back in it, as undo does, and is not asked about.
        """
        metas = {m.slot: m for m in self.slots()}
        auto = metas.get(AUTOSAVE)
        if auto is None or auto.problem is not None or auto.story_id not in ("", self.story.id):
            return None
        if auto.scene_id in self.story.endings:
            return None
        try:
            held = self.store.read(AUTOSAVE)["game"]
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
        """The saves, newest first, and why the folder could not be read (then no saves)."""
        try:
            return self.store.list(), None
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
            out.append((past.view(), game.steps[i]))
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
            lines.append("No decisions yet.")
        lines += ["", f"Now: {view.title}, {current().clock(view.clock)}."]
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


def _lineage(doc: dict[str, object]) -> tuple[object, object]:
    """Which game a save document holds: its journey and its seed."""
    replay = doc["replay"]
    assert isinstance(replay, dict)
    return replay["journey"], replay["seed"]
