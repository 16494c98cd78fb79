"""A damaged save never replaces a good one: the previous version survives the next save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
RELOCANT = str(Path(sys.executable).with_name("relocant"))


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


def game_after(story: Story, *choices: str, seed: int = 4) -> Game:
    game = Game.start(story, "city", seed=seed)
    for choice in choices:
        game.choose(choice)
    return game


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:120])


def wrong_type(path: Path) -> None:
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["start"]["vars"]["money"] = "lots"
    path.write_text(json.dumps(doc), "utf-8")


def not_a_save(path: Path) -> None:
    path.write_text("hello\n", "utf-8")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": truncate,
    "wrong type": wrong_type,
    "not a save": not_a_save,
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("slot", ["trip", "autosave"])
def test_saving_over_a_damaged_slot_keeps_its_good_previous_version(
    story: Story, tmp_path: Path, kind: str, slot: str
) -> None:
    store = SaveStore(tmp_path)
    first = game_after(story, "market")
    store.save(slot, first, 1)
    store.save(slot, game_after(story, "market", "work"), 2)
    DAMAGE[kind](store.path(slot))
    with pytest.raises(SaveError, match=r"previous version is kept"):
        SaveStore(tmp_path).load(slot, story)
    third = game_after(story, "market", "work", "home")
    SaveStore(tmp_path).save(slot, third, 3)  # a fresh store, as after a restart
    assert SaveStore(tmp_path).load(slot, story).game.to_dict() == third.to_dict()
    SaveStore(tmp_path).restore(slot)
    assert SaveStore(tmp_path).load(slot, story).game.to_dict() == first.to_dict()
    # The restore kept the newest good save as the previous version in turn.
    SaveStore(tmp_path).restore(slot)
    assert SaveStore(tmp_path).load(slot, story).game.to_dict() == third.to_dict()


def test_a_store_that_keeps_saving_keeps_the_good_previous_version(story: Story, tmp_path: Path) -> None:
    """The same store saving again, after the file was damaged behind its back."""
    store = SaveStore(tmp_path)
    first = game_after(story, "market")
    store.save("trip", first, 1)
    store.save("trip", game_after(story, "market", "work"), 2)
    truncate(store.path("trip"))
    store.save("trip", game_after(story, "market", "work", "home"), 3)
    store.save("trip", game_after(story, "market", "work", "home", "rest"), 4)
    assert store.read("trip", backup=True)["play_seconds"] == 3
    truncate(store.path("trip"))
    store.save("trip", game_after(story, "market"), 5)
    assert store.read("trip", backup=True)["play_seconds"] == 3


def test_a_damaged_slot_with_no_previous_version_is_kept_as_one(story: Story, tmp_path: Path) -> None:
    """Nothing good is lost by keeping it, and a person may still mend it by hand."""
    store = SaveStore(tmp_path)
    store.save("trip", game_after(story, "market"), 1)
    truncate(store.path("trip"))
    damaged = store.path("trip").read_bytes()
    store.save("trip", game_after(story, "market", "work"), 2)
    assert store.backup_path("trip").read_bytes() == damaged


def test_a_save_of_another_story_in_the_slot_is_kept_as_the_previous_version(
    story: Story, tmp_path: Path
) -> None:
    store = SaveStore(tmp_path)
    store.save("trip", game_after(story, "market"), 1)
    doc = json.loads(store.path("trip").read_text("utf-8"))
    doc["story"]["id"] = "another story"
    store.path("trip").write_text(json.dumps(doc), "utf-8")
    store.save("trip", game_after(story, "market", "work"), 2)
    assert store.read("trip", backup=True)["story"]["id"] == "another story"


def relocant(*args: str, saves: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RELOCANT_SAVES"}
    return subprocess.run(
        [RELOCANT, *args, "--saves", str(saves)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_continue_then_one_choice_then_restore_brings_the_autosave_back(story: Story, tmp_path: Path) -> None:
    """As a player meets it: the autosave is damaged, the game continues from another
    save, the next choice autosaves, and `saves restore autosave` still works."""
    store = SaveStore(tmp_path)
    good = game_after(story, "market")
    store.autosave(good, 1)
    store.autosave(game_after(story, "market", "work"), 2)
    store.save("older", game_after(story), 0)
    truncate(store.path("autosave"))
    done = relocant(
        "play", "--plain", "--continue", "--story", str(STORY_DIR), saves=tmp_path, stdin="1\nquit\n"
    )
    assert done.returncode == 0, done.stderr
    assert "The save 'autosave' is damaged" in done.stdout
    assert "Continuing from 'older' instead." in done.stdout
    assert SaveStore(tmp_path).read("autosave", backup=True)["play_seconds"] == 1
    done = relocant("saves", "restore", "autosave", saves=tmp_path)
    assert done.returncode == 0, done.stderr
    assert SaveStore(tmp_path).load("autosave", story).game.to_dict() == good.to_dict()
