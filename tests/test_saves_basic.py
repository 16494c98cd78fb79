"""The save store's promises in the simplest cases: slots, listing, endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.saves import SaveError, SaveStore


def test_save_and_load_give_back_the_same_game(tiny: Story, tmp_path: Path) -> None:
    game = Game.start(tiny, "walk", seed=5)
    game.choose(1)
    store = SaveStore(tmp_path)
    meta = store.save("before the office", game, 61.0)
    assert meta.scene_id == "office" and meta.play_seconds == 61.0
    loaded = SaveStore(tmp_path).load("before the office", tiny)
    assert loaded.game.to_dict() == game.to_dict()
    assert loaded.notices == []
    assert loaded.meta.scene_title == "The office"


def test_list_is_newest_first_and_load_newest_takes_it(tiny: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    game = Game.start(tiny, "walk", seed=1)
    store.save("one", game, 1)
    game.choose(1)
    store.quicksave(game, 2)
    store.autosave(game, 3)
    assert [m.slot for m in store.list()] == ["autosave", "quicksave", "one"]
    newest = store.load_newest(tiny)
    assert newest is not None and newest.meta.slot == "autosave"


@pytest.mark.parametrize("name", ["../up", "a/b", "a\\b", ".hidden", "", "x" * 65, "con", " lead"])
def test_bad_slot_names_are_refused_with_a_message(tiny: Story, tmp_path: Path, name: str) -> None:
    store = SaveStore(tmp_path)
    with pytest.raises(SaveError) as info:
        store.save(name, Game.start(tiny, "walk", seed=1), 0)
    assert "name" in str(info.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["autosave", "Before the border", "перед границей", "step_2-b", "x" * 64])
def test_good_slot_names_are_accepted(tiny: Story, tmp_path: Path, name: str) -> None:
    store = SaveStore(tmp_path)
    store.save(name, Game.start(tiny, "walk", seed=1), 0)
    assert [m.slot for m in store.list()] == [name]


def test_endings_found_are_kept_across_stores(tiny: Story, tmp_path: Path) -> None:
    game = Game.start(tiny, "walk", seed=1)
    game.choose(1)
    game.choose(1)
    assert game.is_over
    SaveStore(tmp_path).autosave(game, 1)
    assert SaveStore(tmp_path).endings_found(tiny) == {"home"}
    SaveStore(tmp_path).record_ending(tiny, "home")
    assert SaveStore(tmp_path).endings_found(tiny) == {"home"}
