"""Continue (the newest save of the story, loaded) reads each save file once."""

from __future__ import annotations

import gc
import json
from collections import Counter
from pathlib import Path

import attrs
import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore
from engine.saves import store as store_module

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


def played(story: Story, choices: tuple[str, ...]) -> Game:
    game = Game.start(story, "city", seed=11)
    for choice in choices:
        game.choose(choice)
    return game


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file of the saves folder is read."""
    counted: Counter[str] = Counter()
    real = store_module.read_limited

    def counting(path: Path, limit: int) -> bytes:
        counted[Path(path).name] += 1
        return real(path, limit)

    monkeypatch.setattr(store_module, "read_limited", counting)
    return counted


def test_continue_reads_each_save_once(story: Story, tmp_path: Path, reads: Counter[str]) -> None:
    store = SaveStore(tmp_path)
    older = played(story, ("market",))
    newer = played(story, ("market", "sim", "work"))
    store.save("older", older, 1)
    store.save("newer", newer, 2)
    reads.clear()
    loaded = SaveStore(tmp_path).load_newest(story)
    assert loaded is not None
    assert loaded.meta.slot == "newer" and loaded.notices == []
    assert reads == {"older.save.json": 1, "newer.save.json": 1}
    assert loaded.game.to_dict() == newer.to_dict()
    assert loaded.meta == SaveStore(tmp_path).load("newer", story).meta


def test_continue_passes_over_a_newest_save_whose_game_does_not_load(story: Story, tmp_path: Path) -> None:
    """A save whose layout reads but whose game is damaged is listed as healthy; Continue
    still says so and plays the next newest, as it did when it read each save twice."""
    store = SaveStore(tmp_path)
    older = played(story, ("market",))
    store.save("older", older, 1)
    store.save("newer", played(story, ("market", "sim")), 2)
    path = store.path("newer")
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["steps"][1][3] = "noon"  # the clock of the moment the step led to
    path.write_text(json.dumps(doc, indent=1), "utf-8")
    assert [m.problem for m in store.list()] == [None, None]
    with pytest.raises(SaveError) as direct:
        store.load("newer", story)
    loaded = SaveStore(tmp_path).load_newest(story)
    assert loaded is not None and loaded.meta.slot == "older"
    assert loaded.game.to_dict() == older.to_dict()
    assert loaded.notices == [f"{direct.value} Continuing from 'older' instead."]


def test_continue_takes_the_newest_save_of_this_story_only(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    mine = played(story, ("market",))
    store.save("mine", mine, 1)
    store.save("theirs", played(story, ("market", "sim")), 2)
    path = store.path("theirs")
    doc = json.loads(path.read_text("utf-8"))
    doc["story"]["id"] = "another_story"
    path.write_text(json.dumps(doc, indent=1), "utf-8")
    loaded = SaveStore(tmp_path).load_newest(story)
    assert loaded is not None and loaded.meta.slot == "mine" and loaded.notices == []
    assert loaded.game.to_dict() == mine.to_dict()


def test_loading_leaves_the_collector_as_it_found_it(story: Story, tmp_path: Path) -> None:
    """The cyclic collector waits while a save is parsed and rebuilt, and runs again after,
    whether the load worked or not; one that was off stays off."""
    store = SaveStore(tmp_path)
    store.save("good", played(story, ("market",)), 1)
    store.save("bad", played(story, ("market",)), 1)
    store.path("bad").write_text('{"kind": "relocant save", "format": 1}', "utf-8")
    assert gc.isenabled()
    store.load("good", story)
    assert store.load_newest(story) is not None
    with pytest.raises(SaveError):
        store.load("bad", story)
    assert gc.isenabled()
    gc.disable()
    try:
        store.load("good", story)
        store.list()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_loaded_game_is_made_of_frozen_values(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    game = played(story, ("market", "sim", "work"))
    store.save("trip", game, 1)
    loaded = store.load("trip", story).game
    assert loaded.states == game.states and loaded.steps == game.steps
    for value in (loaded.states[-1], loaded.steps[-1]):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.scene = "elsewhere"  # type: ignore[misc]
    assert hash(loaded.steps[-1]) == hash(game.steps[-1])


def test_listing_again_reads_only_the_saves_that_changed(
    story: Story, tmp_path: Path, reads: Counter[str]
) -> None:
    """The title lists the saves to name Continue's; pressing Continue lists them again and
    loads the newest: each unchanged file is read once for the listing, and the newest
    once more to load it."""
    store = SaveStore(tmp_path)
    store.save("older", played(story, ("market",)), 1)
    store.save("newer", played(story, ("market", "sim")), 2)
    playing = SaveStore(tmp_path)
    reads.clear()
    first = playing.list()
    assert reads == {"older.save.json": 1, "newer.save.json": 1}
    assert playing.list() == first
    assert reads == {"older.save.json": 1, "newer.save.json": 1}
    loaded = playing.load_newest(story)
    assert loaded is not None and loaded.meta.slot == "newer"
    assert reads == {"older.save.json": 1, "newer.save.json": 2}
    store.save("older", played(story, ("market", "sim", "work")), 3)  # replaced: read again
    again = playing.list()
    assert reads["older.save.json"] == 2 and reads["newer.save.json"] == 2
    assert [m.slot for m in again] == ["older", "newer"]


def test_a_save_damaged_after_it_was_listed_is_listed_as_damaged(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.save("one", played(story, ("market",)), 1)
    assert store.list()[0].problem is None
    path = tmp_path / "one.save.json"
    path.write_bytes(path.read_bytes()[:100])
    (meta,) = store.list()
    assert meta.problem is not None
