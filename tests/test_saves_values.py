"""Values no game writes, in a save file, end in the store's own error, never a traceback.

Times outside the calendar, numbers too long to read, nesting deep enough to
exhaust Python's stack, and stored states without a scene or a journey, on
the path every save takes after a story update.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.saves.errors import DamagedSave, UnknownFormat
from engine.session.play import Session

STORIES = Path(__file__).parent / "stories"
STORY_DIR = STORIES / "saves_loop"
DEEP = 1200  # beyond Python's default recursion limit of 1,000


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The same story after an edit: every save takes the fix-up path on it."""
    folder = tmp_path_factory.mktemp("story")
    shutil.copytree(STORY_DIR, folder, dirs_exist_ok=True)
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text("utf-8").replace("The stalls.", "The stalls, busy."), "utf-8")
    return load_story(folder)


def saved(story: Story, folder: Path, change: Callable[[dict[str, Any]], None]) -> SaveStore:
    game = Game.start(story, "city", seed=6)
    for choice in ("market", "work", "home"):
        game.choose(choice)
    store = SaveStore(folder)
    store.save("trip", game, 10)
    path = store.path("trip")
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), "utf-8")
    return store


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def write_raw(store: SaveStore, text_of: Callable[[str], str]) -> None:
    """Rewrite the save's text: for values json.dumps cannot make (too deep, too long)."""
    path = store.path("trip")
    path.write_text(text_of(path.read_text("utf-8")), "utf-8")


def test_a_game_time_past_the_calendar_in_the_meta_is_damage(story: Story, tmp_path: Path) -> None:
    store = saved(story, tmp_path, lambda d: d["meta"].update(clock=10**12))
    [meta] = store.list()
    assert meta.problem == "damaged: its game time is outside the calendar"
    assert meta.describe() == "trip — cannot be read: damaged: its game time is outside the calendar"
    with pytest.raises(DamagedSave) as info:
        store.load("trip", story)
    assert info.value.where == "meta.clock"
    session = Session(story, store, tmp_path)
    assert [m.problem for m in session.slots()] == ["damaged: its game time is outside the calendar"]


def _other(row: list[Any]) -> dict[str, Any]:
    """The other fields of a format-2 row (scene, choice, text, clock, vars, rng, other)."""
    row += [{}, None, {}][len(row) - 4 :]
    other: dict[str, Any] = row[6]
    return other


@pytest.mark.parametrize("path", ["start", "step", "delta", "step, format 1", "delta, format 1"])
def test_a_game_time_past_the_calendar_in_the_history_is_damage(
    story: Story, changed: Story, tmp_path: Path, path: str
) -> None:
    """On its own story such a save does not load; on a changed one its choices are replayed."""

    def far(doc: dict[str, Any]) -> None:
        if path == "start":
            doc["game"]["start"]["clock"] = 10**12
        elif path == "step":  # the moment the step was taken, stated against the row above
            _other(doc["game"]["steps"][1])["clock"] = -(10**15)
        elif path == "delta":  # the moment the step led to
            doc["game"]["steps"][1][3] = -(10**15)
        else:  # a save an earlier version wrote: each step and its change as tables
            doc["format"], doc["game"] = 1, Game.from_dict(story, doc["game"]).to_dict(1)
            doc["game"]["steps"][1][path.split(",")[0]]["clock"] = -(10**15)

    store = saved(story, tmp_path, far)
    with pytest.raises(DamagedSave) as info:
        store.load("trip", story)
    assert info.value.where == ("the first state" if path == "start" else "step 2")
    assert "calendar" in info.value.detail
    loaded = store.load("trip", changed)
    assert loaded.notices[0].startswith("The saved state no longer fits the story (")
    assert [s.choice for s in loaded.game.steps] == ["market", "work", "home"]


@pytest.mark.parametrize(
    "where",
    ["top", "format", "story id", "a variable", "the journey", "a step", "the replay log"],
)
def test_nesting_deeper_than_the_stack_is_damage(story: Story, tmp_path: Path, where: str) -> None:
    store = saved(story, tmp_path, lambda d: None)
    deep = nested(DEEP)
    replacements = {
        "top": ('"kind"', f'"extra": {deep}, "kind"'),
        "format": ('"format": 2', f'"format": {deep}'),
        "story id": ('"id": "saves_loop"', f'"id": {deep}'),
        "a variable": ('"money": 50', f'"money": {deep}'),
        "the journey": ('"journey": "city", "scene"', f'"journey": {deep}, "scene"'),
        "a step": ('"steps": [', f'"steps": [{deep}, '),
        "the replay log": ('"choices": [', f'"choices": [{deep}, '),
    }
    old, new = replacements[where]

    def deepen(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    write_raw(store, deepen)
    with pytest.raises(DamagedSave, match="nested too deeply"):
        store.load("trip", story)
    assert [m.problem for m in store.list()] == ["damaged: it is nested too deeply to be a save"]


@pytest.mark.parametrize("nest", [400, 900, 990])
@pytest.mark.parametrize("key", ["format", "journey"])
def test_nesting_just_inside_what_json_reads_is_refused_too(
    story: Story, tmp_path: Path, nest: int, key: str
) -> None:
    """Deep values that parse must not exhaust the stack later, when a message shows them."""
    store = saved(story, tmp_path, lambda d: None)
    old = {"format": '"format": 2', "journey": '"journey": "city", "scene"'}[key]
    new = {"format": f'"format": {nested(nest)}', "journey": f'"journey": {nested(nest)}, "scene"'}[key]
    write_raw(store, lambda text: text.replace(old, new, 1))
    with pytest.raises((DamagedSave, UnknownFormat)) as info:
        store.load("trip", story)
    assert "not valid JSON" not in str(info.value)
    assert len(str(info.value)) < 300


def test_a_number_longer_than_python_reads_is_damage(story: Story, tmp_path: Path) -> None:
    store = saved(story, tmp_path, lambda d: None)
    write_raw(store, lambda text: text.replace('"money": 50', '"money": ' + "9" * 5000, 1))
    with pytest.raises(DamagedSave, match="a number in it is too long"):
        store.load("trip", story)
    assert store.list()[0].problem == "damaged: a number in it is too long to be a save's"


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["game"]["start"].pop("scene"),
        lambda d: d["game"]["start"].pop("journey"),
        lambda d: d["game"]["start"].update(scene=["flat"]),
        lambda d: d["game"]["start"].update(journey={"id": "city"}),
        lambda d: d["game"]["steps"][1].__setitem__(0, ["market"]),
        lambda d: _other(d["game"]["steps"][1]).update(journey=[]),
    ],
    ids=["no scene", "no journey", "scene list", "journey table", "step scene list", "step journey list"],
)
def test_a_stored_state_without_a_scene_or_journey_is_rebuilt_on_a_changed_story(
    story: Story, changed: Story, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    """The fix-up cannot use such states, so the choices are replayed instead."""
    store = saved(story, tmp_path, change)
    loaded = store.load("trip", changed)
    assert loaded.notices[0].startswith("The saved state no longer fits the story (")
    assert loaded.game.state.scene == "flat"
    assert [s.choice for s in loaded.game.steps] == ["market", "work", "home"]


def test_import_checks_the_meta_before_writing_anything(story: Story, tmp_path: Path) -> None:
    source = saved(story, tmp_path / "theirs", lambda d: d["meta"].update(clock=10**12)).path("trip")
    mine = SaveStore(tmp_path / "mine")
    with pytest.raises(DamagedSave) as info:
        mine.import_(source, "shared", story)
    assert str(info.value) == "The save 'trip.save.json' is damaged: its game time is outside the calendar."
    assert not (tmp_path / "mine").exists()


def test_an_absurd_play_time_is_damage(story: Story, tmp_path: Path) -> None:
    store = saved(story, tmp_path, lambda d: d.update(play_seconds=1e300))
    with pytest.raises(DamagedSave, match=r"its play time 1e\+300 is not a duration"):
        store.load("trip", story)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["game"]["start"].update(scene="x" * 100_000),
        lambda d: d["game"]["start"].update(journey="x" * 100_000),
        lambda d: d["game"]["start"]["vars"].update({"x" * 100_000: 1}),
        lambda d: d["game"]["start"]["visits"].update({"x" * 100_000: 1}),
        lambda d: d["game"]["start"]["vars"].update(papers=["x" * 100_000]),
        lambda d: d["game"]["start"]["vars"].update(money=int("9" * 4000)),
        lambda d: d["game"]["start"].update(scene="\x1b]0;PWN\x07" + "x" * 300),
    ],
    ids=["scene", "journey", "variable name", "visited scene", "tag", "integer", "escape"],
)
def test_a_huge_or_hostile_value_is_quoted_short_and_escaped(
    story: Story, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    """The message names the value without printing 100,000 characters of it, or its escapes."""
    store = saved(story, tmp_path, change)
    with pytest.raises(DamagedSave) as caught:
        store.load("trip", story)
    message = str(caught.value)
    assert len(message) < 400, message[:400]
    assert "\x1b" not in message and "\x07" not in message
    assert "…" in message
