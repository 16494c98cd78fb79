"""A process killed at any instant while saving leaves each slot whole: old or new."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore

STORY = load_story(Path(__file__).parent / "stories" / "saves_loop")
SLOTS = ("a", "b", "c")
ROUNDS = 40


def test_this_platform_can_fork() -> None:
    """The crash tests fork a saver and kill it mid-write; the game supports only such platforms."""
    assert hasattr(os, "fork")


def game_number(i: int) -> Game:
    """A different game for every i, so a slot's content tells which save wrote it."""
    game = Game.start(STORY, "city", seed=i)
    for _ in range(i % 7):
        open_ = [c for c in game.view().choices if c.enabled]
        game.choose(open_[i % len(open_)].number)
    return game


def saver(folder: Path, start: int, report: int) -> None:
    """The child: save game i to slot i % 3, forever, reporting each finished save."""
    store = SaveStore(folder)
    i = start
    while True:
        store.save(SLOTS[i % len(SLOTS)], game_number(i), float(i))
        os.write(report, f"{i}\n".encode())
        i += 1


def test_a_killed_saver_never_leaves_a_broken_slot(tmp_path: Path) -> None:
    rng = random.Random(2024)
    store = SaveStore(tmp_path)
    finished: dict[str, int] = {}  # slot -> the number of the last save reported finished in it
    for i, slot in enumerate(SLOTS):
        store.save(slot, game_number(i), float(i))
        finished[slot] = i
    start = len(SLOTS)
    mid_write = 0  # kills that landed while a temporary file was open: the window under test
    for _ in range(ROUNDS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(read_end)
            try:
                saver(tmp_path, start, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0.0005, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end) as pipe:
            done = [int(line) for line in pipe.read().split()]
        mid_write += bool(list(tmp_path.glob(".*.tmp")))
        for i in done:
            finished[SLOTS[i % len(SLOTS)]] = i
        under_way = done[-1] + 1 if done else start  # killed while writing it, or just after
        for slot in SLOTS:
            loaded = SaveStore(tmp_path).load(slot, STORY)
            i = int(loaded.meta.play_seconds)
            allowed = {finished[slot]} | ({under_way} if SLOTS[under_way % len(SLOTS)] == slot else set())
            assert i in allowed, (slot, i, allowed)
            assert loaded.game.to_dict() == game_number(i).to_dict()
            if i >= len(SLOTS):  # the slot's previous version is whole too
                assert SaveStore(tmp_path).read(slot, backup=True)["play_seconds"] <= i
            finished[slot] = i
        start = under_way + 1 + rng.randrange(3)  # never reuse a number: each save is unique
    assert mid_write > 0
    assert not [p for p in tmp_path.iterdir() if p.suffix not in (".json", ".bak", ".tmp")]
    # Temporary files of killed savers are swept by the next save.
    SaveStore(tmp_path).save("a", game_number(0), 0.0)
    assert not list(tmp_path.glob(".*.tmp"))
