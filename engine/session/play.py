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
from engine.saves import QUICKSAVE, Loaded, SaveError, SaveMeta, SaveStore

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

    # ------------------------------------------------------------ time

    @property
    def play_seconds(self) -> float:
        return self.clock() - self.started

    # ------------------------------------------------------------ games

    def start(self, journey: str, seed: int | None = None) -> Game:
        self.game = Game.start(self.story, journey, seed=seed)
        self.started = self.clock()
        self.unsaved = False
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
        return None

    # ------------------------------------------------------------ slots

    def save(self, slot: str) -> SaveMeta:
        assert self.game is not None
        meta = self.store.save(slot, self.game, self.play_seconds)
        self.unsaved = False
        return meta

    def quicksave(self) -> SaveMeta:
        assert self.game is not None
        meta = self.store.quicksave(self.game, self.play_seconds)
        self.unsaved = False
        return meta

    def load(self, slot: str) -> list[str]:
        return self.adopt(self.store.load(slot, self.story))

    def load_newest(self) -> list[str] | None:
        loaded = self.store.load_newest(self.story)
        return None if loaded is None else self.adopt(loaded)

    def slots(self) -> list[SaveMeta]:
        try:
            return self.store.list()
        except SaveError:
            return []

    def endings_found(self) -> set[str]:
        try:
            return self.store.endings_found(self.story)
        except SaveError:
            return set()

    # ------------------------------------------------------------ reading

    def history(self) -> list[tuple[View, str | None]]:
        """Each earlier moment of this game with the choice taken there, oldest first."""
        game = self.game
        assert game is not None
        first = max(0, len(game.steps) - HISTORY)
        out: list[tuple[View, str | None]] = []
        for i in range(first, len(game.steps)):
            past = Game(self.story, game.states[: i + 1], game.steps[:i], game.seed)
            out.append((past.view(), game.steps[i].text))
        return out

    def journal_markdown(self) -> str:
        """The journal of the game in progress, as a Markdown document."""
        assert self.game is not None
        view = self.game.view()
        journey = self.story.journeys.get(view.journey)
        lines = [f"# {self.story.title}: {journey.title if journey else view.journey}", ""]
        for entry in self.game.journal():
            lines.append(f"{entry.number}. **{entry.when}**, {entry.scene_title}: {entry.text}")
        if not self.game.journal():
            lines.append("No decisions yet.")
        lines += ["", f"Now: {view.title}, {view.when}."]
        return "\n".join(lines) + "\n"

    def journal_file_name(self) -> str:
        assert self.game is not None
        return f"journal-{self.game.view().journey}-{time.strftime('%Y%m%d-%H%M%S')}.md"

    def export_journal(self) -> Path:
        """Write the journal as Markdown beside the saves; return where."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / self.journal_file_name()
        path.write_text(self.journal_markdown(), encoding="utf-8")
        return path
