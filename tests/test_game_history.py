"""A loaded game's past is made as it is read: the game behaves as the one played.

A long game loaded from its dict keeps most of its states and steps as checked
records until they are read (engine/core/history.py). Whatever is read, in
whatever order (undo, the journal, a save, slices of the history), must be what
the game played live holds; a damaged record is refused at load, naming its step.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from engine.core.game import Game
from engine.core.history import CHECKPOINT, States, Steps
from engine.core.model import Story
from engine.core.state import StateError, check_delta, check_step, state_from_dict
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.saves.errors import DamagedSave

STORY = Path(__file__).resolve().parent / "stories" / "saves_loop"
LENGTH = 3 * CHECKPOINT + 7  # past a few checkpoints, ending between two
SOME = sorted({0, 1, CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, 2 * CHECKPOINT, LENGTH - 1, LENGTH})


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY)


def played(story: Story, steps: int, seed: int = 7) -> Game:
    """A random walk that avoids endings: chance, tags, text and numbers change along it."""
    game = Game.start(story, "city", seed=42)
    rnd = random.Random(seed)
    while len(game.steps) < steps:
        open_ = [c for c in game.view().choices if c.enabled and story.scenes[c.goto].ending is None]
        game.choose(rnd.choice(open_).number)
    return game


@pytest.fixture(params=[1, 2], ids=["format 1", "format 2"])
def layout(request: pytest.FixtureRequest) -> int:
    """The game's dict layout: format 2 (a row of what cannot be derived a step) is written,
    format 1 (every field of a step and its change) still read."""
    return int(request.param)


def loaded(game: Game, layout: int) -> Game:
    return Game.from_dict(game.story, json.loads(json.dumps(game.to_dict(layout))))


def text(game: Game, layout: int = 2) -> str:
    return json.dumps(game.to_dict(layout), ensure_ascii=False)


def test_each_state_and_step_read_alone_is_the_one_played(story: Story, layout: int) -> None:
    game = played(story, LENGTH)
    for i in range(LENGTH + 1):
        again = loaded(game, layout)  # nothing read yet: each is folded from the nearest checkpoint
        assert again.states[i] == game.states[i]
        assert loaded(game, layout).states[i - LENGTH - 1] == game.states[i]
        if i < LENGTH:
            assert again.steps[i] == game.steps[i]
        assert again.states[i] is again.states[i]  # made once and kept: a save's cache holds to it


def test_a_loaded_game_saves_journals_and_renders_as_the_game_played(story: Story, layout: int) -> None:
    game = played(story, LENGTH)
    again = loaded(game, layout)
    assert text(again, layout) == text(game, layout)  # the round trip is byte for byte
    assert again.journal() == game.journal()
    assert again.view() == game.view()
    assert again.changes() == game.changes()
    assert [again.taken(i) for i in range(LENGTH)] == [game.taken(i) for i in range(LENGTH)]
    assert again.states == game.states and again.steps == game.steps
    assert list(again.states) == list(game.states) and list(reversed(again.steps)) == game.steps[::-1]


@pytest.mark.parametrize(
    "back", [1, 2, 7, CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, 2 * CHECKPOINT + 7, LENGTH]
)
def test_undo_after_a_load_goes_back_as_in_the_game_played(story: Story, layout: int, back: int) -> None:
    game = played(story, LENGTH)
    again = loaded(game, layout)
    for _ in range(back):  # one step at a time, as a player does
        game.undo()
        again.undo()
        assert again.state == game.state
        assert again.changes() == game.changes()
        assert again.reply == game.reply
    assert again.view() == game.view()
    assert again.journal() == game.journal()
    assert text(again, layout) == text(game, layout)
    for choice in (1, 1, 2, 1):  # and plays on from there alike
        open_ = [c.number for c in game.view().choices if c.enabled and story.scenes[c.goto].ending is None]
        game.choose(open_[(choice - 1) % len(open_)])
        again.choose(open_[(choice - 1) % len(open_)])
    assert text(again, layout) == text(game, layout)
    assert again.journal() == game.journal()


def test_undo_of_many_steps_at_once_after_a_load(story: Story, layout: int) -> None:
    game = played(story, LENGTH)
    for back in SOME:
        again, live = loaded(game, layout), loaded(loaded(game, layout), layout)
        again.undo(back)
        live_states = list(game.states)[: LENGTH + 1 - back]
        assert again.state == live_states[-1]
        assert list(again.states) == live_states
        assert len(again.steps) == LENGTH - back
        live.undo(back)
        assert text(live, layout) == text(again, layout)


def test_slices_of_a_loaded_history_are_the_history_played(story: Story, layout: int) -> None:
    """As the transcript reads it: a game of each earlier moment, made of slices."""
    game = played(story, LENGTH)
    again = loaded(game, layout)
    for i in reversed(SOME[:-1]):
        past = Game(story, again.states[: i + 1], again.steps[:i], again.seed)
        assert past.view() == Game(story, game.states[: i + 1], game.steps[:i], game.seed).view()
        assert past.states == game.states[: i + 1]
        assert again.states[i] is past.states[i]  # what a slice made, the history keeps
    for cut in (slice(3, 50), slice(40, None), slice(None, None, 3), slice(-5, None), slice(60, 2, -7)):
        assert again.states[cut] == game.states[cut]
        assert again.steps[cut] == game.steps[cut]
    assert text(again, layout) == text(game, layout)


def test_the_history_acts_as_a_list(story: Story, layout: int) -> None:
    """Every change of a list, made in a random order on a loaded history and on a list."""
    game = played(story, LENGTH)
    rnd = random.Random(3)
    for _ in range(40):
        again = loaded(game, layout)
        states, model = again.states, list(game.states)
        cut = rnd.randrange(LENGTH)
        held, held_model = states[cut:], model[cut:]  # a slice, read only after its list changed
        for _ in range(6):
            at = rnd.randrange(-len(model), len(model))
            other = model[rnd.randrange(len(model))]
            move = rnd.choice(["pop", "pop at", "del", "del slice", "set", "set slice", "insert", "append"])
            if move == "pop":
                assert states.pop() == model.pop()
            elif move == "pop at":
                assert states.pop(at) == model.pop(at)
            elif move == "del":
                del states[at], model[at]
            elif move == "del slice":
                del states[at : at + 9], model[at : at + 9]
            elif move == "set":
                states[at] = model[at] = other
            elif move == "set slice":
                states[at : at + 4] = model[at : at + 4] = [other, other]
            elif move == "insert":
                states.insert(at, other)
                model.insert(at, other)
            else:
                states.append(other)
                model.append(other)
            assert len(states) == len(model)
            probe = rnd.randrange(len(model))
            assert states[probe] == model[probe]
        assert held == held_model
        assert states == model and list(states) == model
        assert [states.index(s) for s in model] == [model.index(s) for s in model]
        with pytest.raises(IndexError):
            states[len(model)]


def test_a_damaged_change_late_in_a_long_game_is_refused_at_load_naming_its_step(story: Story) -> None:
    game = played(story, 1000)
    for damage, problem in [
        (lambda d: d["steps"][776]["delta"].update(clock="noon"), "clock is not a whole number"),
        (lambda d: d["steps"][776]["delta"].update(vars={"stress": 11}), "'stress' = 11 is outside 0..10"),
        (lambda d: d["steps"][776]["delta"].update(visits={"attic": 1}), "the scene 'attic'"),
        (lambda d: d["steps"][776]["delta"].update(rng=None), "rng is not a whole number"),
        (lambda d: d["steps"][776]["delta"].update(journey=None), "the journey 'None'"),
        (lambda d: d["steps"][776]["step"].update(text=3), "'text' is missing or of the wrong type"),
        (lambda d: d["steps"][776]["step"].update(clock=-(10**15)), "outside the calendar"),
    ]:
        data = game.to_dict(1)
        damage(data)
        with pytest.raises(StateError) as info:
            Game.from_dict(story, data)
        assert info.value.step == 777 and info.value.where == "step 777"
        assert problem in str(info.value)


def _row(data: dict[str, Any], at: int) -> list[Any]:
    """Row ``at`` of a format-2 game, with all seven fields (vars, rng and other as when empty)."""
    row: list[Any] = data["steps"][at]
    row += [{}, None, {}][len(row) - 4 :]
    return row


def test_a_damaged_row_late_in_a_long_game_is_refused_at_load_naming_its_step(story: Story) -> None:
    game = played(story, 1000)
    for damage, problem in [
        (lambda d: _row(d, 776).__setitem__(3, "noon"), "clock is not a whole number"),
        (lambda d: _row(d, 776).__setitem__(3, 10**15), "clock is not a moment the calendar can show"),
        (lambda d: _row(d, 776).__setitem__(4, {"stress": 11}), "'stress' = 11 is outside 0..10"),
        (lambda d: _row(d, 776).__setitem__(4, {"money": "lots"}), "'money' should be a whole number"),
        (lambda d: _row(d, 776).__setitem__(4, {"ghost": 1}), "'ghost' is not declared"),
        (lambda d: _row(d, 776).__setitem__(4, None), "the variables are not a table"),
        (lambda d: _row(d, 776).__setitem__(5, 1.5), "rng is not a whole number"),
        (lambda d: _row(d, 776).__setitem__(0, "attic"), "the scene 'attic' is not in this story"),
        (lambda d: _row(d, 776).__setitem__(1, None), "'choice' is missing or of the wrong type"),
        (lambda d: _row(d, 776).__setitem__(2, 3), "'text' is missing or of the wrong type"),
        (lambda d: _row(d, 776).__setitem__(6, []), "its other fields are not a table"),
        (lambda d: _row(d, 776)[6].update(visits={"attic": 1}), "the scene 'attic'"),
        (lambda d: _row(d, 776)[6].update(visits={"flat": -1}), "visits: 'flat' is not a count"),
        (lambda d: _row(d, 776)[6].update(journey=None), "the journey 'None'"),
        (lambda d: _row(d, 776)[6].update(taken=[]), "taken is not a table"),
        (lambda d: _row(d, 776)[6].update(journal=3), "'journal' is missing or of the wrong type"),
        (lambda d: _row(d, 776)[6].update(reply=None), "'reply' is missing or of the wrong type"),
        (lambda d: _row(d, 776)[6].update(clock=-(10**15)), "outside the calendar"),
        (lambda d: _row(d, 776)[6].update(mood="sad"), "a field 'mood' no step has"),
        (lambda d: _row(d, 776).append(0), "it has 8 fields, not 4 to 7"),
        (lambda d: d["steps"][776].__delitem__(slice(3, None)), "it has 3 fields, not 4 to 7"),
        (lambda d: d["steps"].__setitem__(776, {"step": {}}), "it is not a list"),
    ]:
        data = json.loads(json.dumps(game.to_dict(2)))
        damage(data)
        with pytest.raises(StateError) as info:
            Game.from_dict(story, data)
        assert info.value.step == 777 and info.value.where == "step 777"
        assert problem in str(info.value)


def test_what_a_row_leaves_out_is_derived_from_the_moment_before_it(story: Story) -> None:
    """A row holds only what cannot be derived: the step's scene and clock are the moment
    before, its goto the scene entered, whose count is one more; the file is not asked."""
    game = played(story, 200)
    data = game.to_dict(2)
    assert all(type(row) is list and 4 <= len(row) <= 7 for row in data["steps"])
    assert sum(len(row) == 7 for row in data["steps"]) < len(data["steps"]) / 2  # most rows need no more
    again = Game.from_dict(story, json.loads(json.dumps(data)))
    for i, step in enumerate(again.steps):
        before, after = again.states[i], again.states[i + 1]
        assert (step.scene, step.clock, step.goto) == (before.scene, before.clock, after.scene)
        assert after.visits[after.scene] == before.visits.get(after.scene, 0) + 1
    # A count stated against what the rows derive is the file's own, and checked as such.
    _row(data, 120)[6]["visits"] = {data["steps"][120][0]: 1}
    moved = Game.from_dict(story, data)
    assert moved.states[121].visits[moved.states[121].scene] == 1
    assert list(moved.states)[:121] == game.states[:121]
    assert text(moved) != text(game)


def test_a_game_whose_steps_do_not_follow_its_states_round_trips_in_format_2(story: Story) -> None:
    """What a row cannot derive it keeps: a game whose steps were not all taken where its
    states say (a hand-made one) is written and read back as it is."""
    game = played(story, 12)
    odd = Game(story, list(game.states), list(game.steps), game.seed)
    first = game.steps[3]
    odd.steps[3] = type(first)("market", first.choice, first.text, "a line of its own", 17, "nowhere", "Yes.")
    again = Game.from_dict(story, json.loads(json.dumps(odd.to_dict(2))))
    assert again.steps == odd.steps and again.states == odd.states
    assert text(again) == text(odd)


def test_a_save_damaged_at_step_777_is_refused_by_the_store(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.save("long", played(story, 1000), 60)
    path = store.path("long")
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == 2 and doc["game"]["format"] == 2
    _row(doc["game"], 776)[4] = {"money": "lots"}
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DamagedSave) as info:
        store.load("long", story)
    assert info.value.where == "step 777"
    assert "'money' should be a whole number" in info.value.detail


def test_a_format_1_save_damaged_at_step_777_is_refused_by_the_store(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    game = played(story, 1000)
    store.save("long", game, 60)
    path = store.path("long")
    doc = json.loads(path.read_text("utf-8"))
    doc["format"], doc["game"] = 1, game.to_dict(1)
    path.write_text(json.dumps(doc), "utf-8")
    assert store.load("long", story).game.states == game.states  # a format-1 save loads
    SaveStore(tmp_path).save("again", store.load("long", story).game, 61)  # and is saved in format 2
    rewritten = json.loads(store.path("again").read_text("utf-8"))
    assert rewritten["format"] == 2 and rewritten["game"] == game.to_dict(2)
    doc["game"]["steps"][776]["delta"]["vars"] = {"money": "lots"}
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DamagedSave) as info:
        store.load("long", story)
    assert info.value.where == "step 777"
    assert "'money' should be a whole number" in info.value.detail


def test_states_made_from_checked_records_keep_no_table_of_the_save(story: Story) -> None:
    """The records are the game's own: changing the dict after the load changes nothing."""
    game = played(story, LENGTH)
    data: dict[str, Any] = json.loads(json.dumps(game.to_dict(1)))
    again = Game.from_dict(story, data)
    for raw in data["steps"]:
        for table in ("vars", "visits", "taken"):
            raw["delta"].get(table, {}).clear()
    assert again.states == game.states
    rows: dict[str, Any] = json.loads(json.dumps(game.to_dict(2)))
    again = Game.from_dict(story, rows)
    for row in rows["steps"]:
        for table in row[4:]:
            if isinstance(table, dict):
                table.clear()
    assert again.states == game.states


def test_a_history_made_from_records_equals_the_states_folded_one_by_one(story: Story) -> None:
    game = played(story, LENGTH)
    data = game.to_dict(1)
    start = state_from_dict(story, data["start"])
    deltas = [check_delta(story, raw["delta"]) for raw in data["steps"]]
    states = States.loaded(start, deltas)
    assert states == game.states
    assert Steps.loaded([check_step(raw["step"]) for raw in data["steps"]]) == game.steps
