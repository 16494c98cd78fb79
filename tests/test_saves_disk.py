"""A failed write (a full disk) loses nothing: the old save stays, the message is clear."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest
from plain_support import plain_player

from engine.core.game import Game
from engine.core.model import Story
from engine.saves import SaveError, SaveStore, files


class FullDisk:
    """``os`` as seen by the writer, except that writes stop after ``room`` bytes."""

    def __init__(self, room: int, fail: str = "write") -> None:
        self.room = room
        self.fail = fail

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        if self.fail == "write":
            if self.room <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            n = min(self.room, len(data))
            self.room -= n
            return os.write(fd, data[:n])
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        if self.fail == "fsync":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)


def two_games(tiny: Story) -> tuple[Game, Game]:
    old = Game.start(tiny, "walk", seed=1)
    new = Game.start(tiny, "walk", seed=1)
    new.choose(1)
    return old, new


@pytest.mark.parametrize("fail", ["write", "fsync"])
@pytest.mark.parametrize("room", [0, 100])
def test_a_full_disk_keeps_the_old_save(
    tiny: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str, room: int
) -> None:
    store = SaveStore(tmp_path)
    old, new = two_games(tiny)
    store.save("slot", old, 1)
    store.save("slot", old, 2)
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    monkeypatch.setattr(files, "os", FullDisk(room, fail))
    with pytest.raises(SaveError) as info:
        store.save("slot", new, 3)
    monkeypatch.undo()
    assert str(info.value) == (
        "The game could not be saved as 'slot': the disk is full. The earlier save in 'slot' is unchanged."
    )
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before
    assert store.load("slot", tiny).game.to_dict() == old.to_dict()


def test_a_full_disk_on_a_new_slot_writes_nothing(
    tiny: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path)
    monkeypatch.setattr(files, "os", FullDisk(10))
    with pytest.raises(
        SaveError, match=r"could not be saved as 'fresh': the disk is full\. Nothing was written\."
    ):
        store.save("fresh", Game.start(tiny, "walk", seed=1), 0)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_the_player_is_told_and_plays_on_when_the_autosave_fails(
    tiny: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path)
    old, _ = two_games(tiny)
    store.autosave(old, 0)
    out = io.StringIO()
    player = plain_player(Game.start(tiny, "walk", seed=1), out, store)
    monkeypatch.setattr(files, "os", FullDisk(0))
    player.handle("1")
    monkeypatch.undo()
    assert (
        "(The autosave failed: The game could not be saved as 'autosave': the disk is full." in out.getvalue()
    )
    assert "== The office ==" in out.getvalue()
    assert store.load("autosave", tiny).game.to_dict() == old.to_dict()


def test_a_read_only_folder_gets_its_own_message(
    tiny: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path)

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path))

    proxy = FullDisk(10**9)
    proxy.open = refuse  # type: ignore[attr-defined]
    monkeypatch.setattr(files, "os", proxy)
    with pytest.raises(SaveError, match=r"could not be saved as 'x': the disk is read-only \("):
        store.save("x", Game.start(tiny, "walk", seed=1), 0)
