"""Saves made on an older release of a story load on the newer one, with notices."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore

STORIES = Path(__file__).parent / "stories"


@pytest.fixture(scope="module")
def v1() -> Story:
    return load_story(STORIES / "saves_v1")


@pytest.fixture(scope="module")
def v2() -> Story:
    return load_story(STORIES / "saves_v2")


def saved_at(story: Story, folder: Path, *choices: str) -> SaveStore:
    game = Game.start(story, "trip", seed=9)
    for choice in choices:
        game.choose(choice)
    store = SaveStore(folder)
    store.save("trip", game, 100)
    return store


def test_changed_variables_are_added_dropped_and_clamped(v1: Story, v2: Story, tmp_path: Path) -> None:
    store = saved_at(v1, tmp_path, "go")
    loaded = store.load("trip", v2)
    game = loaded.game
    assert isinstance(game, Game)
    assert game.state.scene == "market"
    assert dict(game.state.vars) == {"money": 30, "stress": 5, "luck": 3}
    assert sorted(loaded.notices) == [
        "'Luck' is new in the story and starts at 3.",
        "'Stress' was 8, outside what the story now allows; it is now 5.",
        "The variable 'rumour' is no longer in the story and was dropped.",
    ]
    assert loaded.meta.story_version == "1"
    game.undo()
    assert game.state.scene == "home" and game.state.vars["stress"] == 5  # defaults: 6 clamped
    game.choose("go")
    assert game.choose("leave").ending is not None


def test_a_removed_current_scene_falls_back_to_the_nearest_earlier_one(
    v1: Story, v2: Story, tmp_path: Path
) -> None:
    store = saved_at(v1, tmp_path, "go", "listen")
    loaded = store.load("trip", v2)
    game = loaded.game
    assert isinstance(game, Game)
    assert game.state.scene == "market"
    assert loaded.meta.scene_id == "market" and loaded.meta.scene_title == "The market"
    assert (
        "The scene 'bus' where this save stopped is no longer in the story. You are back at "
        "'The market', the nearest earlier scene of your journey that still exists (1 step back)."
    ) in loaded.notices
    assert [e.text for e in game.journal()] == ["Go to the market"]
    assert [c.id for c in game.view().choices] == ["leave"]


def test_a_removed_scene_earlier_in_the_history_keeps_the_player_where_they_are(
    v1: Story, v2: Story, tmp_path: Path
) -> None:
    store = saved_at(v1, tmp_path, "go", "listen", "ride")
    loaded = store.load("trip", v2)
    game = loaded.game
    assert isinstance(game, Game)
    assert game.state.scene == "border" and game.is_over
    assert "Undo goes back only as far as 'The border': earlier scenes of this save have changed." in (
        loaded.notices
    )
    assert not game.can_undo


def test_an_unreadable_stored_game_is_rebuilt_by_replaying_the_choices(v1: Story, tmp_path: Path) -> None:
    changed = tmp_path / "story"
    shutil.copytree(STORIES / "saves_v1", changed)
    scenes = changed / "scenes.toml"
    scenes.write_text(scenes.read_text("utf-8").replace("You pack.", "You pack slowly."), "utf-8")
    v1b = load_story(changed)
    assert v1b.fingerprint != v1.fingerprint
    original = Game.start(v1, "trip", seed=9)
    for choice in ("go", "listen"):
        original.choose(choice)
    store = saved_at(v1, tmp_path / "saves", "go", "listen")
    path = store.path("trip")
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["format"] = 99  # a stored game in a layout this version cannot read
    path.write_text(json.dumps(doc), "utf-8")
    loaded = store.load("trip", v1b)
    assert loaded.game.to_dict() == original.to_dict()
    assert loaded.notices == [
        "The saved state no longer fits the story (the stored game is in a layout this version "
        "does not read), so the game was rebuilt by replaying your choices on the current story."
    ]
    assert store.rebuild("trip", v1b).how == "replayed"


def test_a_replay_stops_at_the_first_choice_the_story_no_longer_has(
    v1: Story, v2: Story, tmp_path: Path
) -> None:
    store = saved_at(v1, tmp_path, "go", "listen", "ride")
    path = store.path("trip")
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["steps"] = "lost"
    path.write_text(json.dumps(doc), "utf-8")
    loaded = store.load("trip", v2)
    game = loaded.game
    assert isinstance(game, Game)
    assert game.state.scene == "market"
    assert loaded.notices[1] == (
        "Only 1 of 3 choices could be replayed (the choice 'listen' in 'market' is no longer open). "
        "You are at 'The market'."
    )


def test_the_same_story_loads_exactly_and_never_migrates(v1: Story, tmp_path: Path) -> None:
    store = saved_at(v1, tmp_path, "go")
    path = store.path("trip")
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["start"]["vars"]["rumour"] = "yes"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(SaveError, match="'rumour' should be true or false"):
        store.load("trip", v1)


def test_a_save_of_a_journey_the_story_dropped_is_refused(v1: Story, tmp_path: Path) -> None:
    changed = tmp_path / "story"
    shutil.copytree(STORIES / "saves_v1", changed)
    toml = changed / "story.toml"
    toml.write_text(toml.read_text("utf-8").replace('id = "trip"', 'id = "voyage"'), "utf-8")
    store = saved_at(v1, tmp_path / "saves", "go")
    with pytest.raises(SaveError, match="The save 'trip' is of the journey 'trip', which is no longer in"):
        store.load("trip", load_story(changed))
