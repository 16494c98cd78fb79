"""A system call that fails at any point of a save leaves the slot and its backup whole.

The writer's calls (open, write, fsync, close, stat, link, rename, unlink,
read) are counted in a save that succeeds; then the save is repeated once
for each of them, with that one call failing. After each: the save either
raised WriteFailed and the slot still loads as the earlier game, or it
returned and the slot loads as the new one; the previous version loads too.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveStore, files
from engine.saves.errors import WriteFailed

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
CALLS = ("open", "write", "fsync", "close", "stat", "lstat", "fstat", "link", "replace", "unlink", "read")


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


class Faulty:
    """``os`` as the writer sees it, counting its calls and failing the ``fail``-th one."""

    def __init__(self, fail: int = 0) -> None:
        self.fail = fail
        self.count = 0
        self.failed: str | None = None

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in CALLS:
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            if self.count == self.fail:
                self.failed = name
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            return real(*args, **kwargs)

        return call


def game(story: Story, *choices: str) -> Game:
    g = Game.start(story, "city", seed=5)
    for choice in choices:
        g.choose(choice)
    return g


@pytest.mark.parametrize("existing", [True, False], ids=["over a save", "a new slot"])
def test_a_failure_at_each_call_of_a_save_loses_nothing(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    older, old, new = game(story), game(story, "market"), game(story, "market", "work")
    counter = Faulty()
    probe = tmp_path / "probe"
    SaveStore(probe).save("slot", older, 0)
    SaveStore(probe).save("slot", old, 1)
    monkeypatch.setattr(files, "os", counter)
    SaveStore(probe).save("slot", new, 2)  # a new store: it checks the file it keeps as the backup
    monkeypatch.undo()
    assert counter.count > 10
    failed_calls = set()
    for k in range(1, counter.count + 1):
        folder = tmp_path / f"run{k}"
        if existing:
            SaveStore(folder).save("slot", older, 0)
            SaveStore(folder).save("slot", old, 1)
        faulty = Faulty(k)
        monkeypatch.setattr(files, "os", faulty)
        try:
            SaveStore(folder).save("slot", new, 2)
        except WriteFailed as exc:
            saved = False
            assert exc.earlier_kept == existing
        else:
            saved = True
        finally:
            monkeypatch.undo()
        failed_calls.add(faulty.failed)
        store = SaveStore(folder)
        if not existing and not saved:
            assert not store.exists("slot"), (k, faulty.failed)
            continue
        expected = new if saved else old
        assert store.load("slot", story).game.to_dict() == expected.to_dict(), (k, faulty.failed)
        if existing:
            kept = store.read("slot", backup=True)
            # Saved: the earlier game is the previous version. Not saved: either may be, both whole.
            assert kept["play_seconds"] in ((1,) if saved else (0, 1)), (k, faulty.failed)
        SaveStore(folder).save("slot", new, 3)  # and the slot takes the next save
    assert {"open", "write", "fsync", "close", "replace"} | ({"link"} if existing else set()) <= failed_calls
