"""Two players saving one slot at once, while a third loads it: every save and load succeeds,
and the slot and its backup always hold one whole save of the ones written."""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore

STORY = load_story(Path(__file__).parent / "stories" / "saves_loop")
ROUNDS = 60


def game_number(i: int) -> Game:
    game = Game.start(STORY, "city", seed=i)
    for _ in range(i % 5):
        open_ = [c for c in game.view().choices if c.enabled]
        game.choose(open_[i % len(open_)].number)
    return game


def in_child(work: object, *args: int) -> tuple[int, int]:
    """Run ``work`` in a forked process; return its pid and the read end of its report."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child leaves by os._exit
        os.close(read_end)
        code = 0
        try:
            work(*args)  # type: ignore[operator]
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def writer(folder: Path, first: int) -> None:
    store = SaveStore(folder)
    for i in range(first, first + ROUNDS):
        store.save("shared", game_number(i), float(i))


def reader(folder: Path, _: int) -> None:
    store = SaveStore(folder)
    for _ in range(ROUNDS * 2):
        loaded = store.load("shared", STORY)
        i = int(loaded.meta.play_seconds)
        assert loaded.game.to_dict() == game_number(i).to_dict(), i
        store.list()


def test_two_writers_and_a_reader_on_one_slot(tmp_path: Path) -> None:
    SaveStore(tmp_path).save("shared", game_number(0), 0.0)
    children = [
        in_child(writer, tmp_path, 1000),
        in_child(writer, tmp_path, 2000),
        in_child(reader, tmp_path, 0),
    ]
    for pid, report in children:
        _, status = os.waitpid(pid, 0)
        with os.fdopen(report) as pipe:
            problem = pipe.read()
        assert os.waitstatus_to_exitcode(status) == 0, problem
    store = SaveStore(tmp_path)
    last = int(store.load("shared", STORY).meta.play_seconds)
    assert last in (1000 + ROUNDS - 1, 2000 + ROUNDS - 1)
    previous = store.read("shared", backup=True)
    assert int(previous["play_seconds"]) in {*range(1000, 1000 + ROUNDS), *range(2000, 2000 + ROUNDS)}
    assert not list(tmp_path.glob(".*.tmp"))
