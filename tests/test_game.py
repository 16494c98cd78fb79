"""Playing: choices, conditions, requirements, once-only choices, the calendar,
undo, the journal, changes, run-time errors and the state as a dict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game
from engine.core.model import Story
from engine.core.state import StateError
from engine.loading.loader import load_story
from engine.present.presenter import Presenter

STORIES = Path(__file__).resolve().parent / "stories"


def test_start_shows_the_first_scene_with_interpolated_text(tiny: Story) -> None:
    view = Game.start(tiny, "walk", seed=1).view()
    assert view.title == "The gate"
    assert view.when == "Thursday, 24 February 2022, 18:00"
    assert "You stand at the gate with 10 ₸. It is *new*." in view.text
    assert [(c.number, c.text, c.enabled) for c in view.choices] == [
        (1, "Pay for an IIN", True),
        (2, "Rest", True),
    ]


def test_paragraphs_carry_emphasis_and_glossary_terms(tiny: Story) -> None:
    view = Game.start(tiny, "walk", seed=1).view()
    first, second = view.paragraphs
    assert any(s.emphasis and s.text == "new" for s in first)
    assert [s.term for s in second if s.term] == ["iin"]


def test_a_once_choice_disappears_and_the_text_reads_differently_on_return(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=1)
    view = game.choose("gate->gate")
    assert "You are *back*" not in view.text and "You are **back**." in view.text
    assert [c.text for c in view.choices] == ["Pay for an IIN"]
    assert view.when == "Thursday, 24 February 2022, 19:00"


def test_requirements_disable_with_the_reason(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=1)
    view = game.choose(1)
    lease = view.choices[1]
    assert (lease.enabled, lease.reason) == (False, "needs an IIN and 50 ₸")
    with pytest.raises(ChoiceUnavailable, match="needs an IIN and 50 ₸"):
        game.choose(2)
    with pytest.raises(ChoiceUnavailable):
        game.choose(9)


def test_effects_change_state_and_changes_show_their_weight(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=1)
    game.choose(1)
    assert game.state.vars["money"] == 5
    assert game.state.vars["papers"] == frozenset({"iin"})
    changes = game.changes()  # values; the presentation layer words them
    assert (changes[0].name, changes[0].old, changes[0].new, changes[0].delta) == ("money", 10, 5, -5)
    assert (changes[1].added, changes[1].removed) == (("iin",), ())
    english = Presenter("en")
    assert [english.change(tiny.variables[c.name], c) for c in changes] == ["−5 ₸", "+IIN"]
    assert game.view().when == "Thursday, 24 February 2022, 20:00"


def test_undo_goes_back_to_any_earlier_step(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=1)
    first = game.to_dict()
    game.choose(2)
    game.choose(1)
    game.choose(1)
    assert game.is_over
    game.undo()
    assert game.view().title == "The office"
    game.undo(5)
    assert game.to_dict() == first
    assert not game.can_undo


def test_journal_records_each_decision_with_scene_and_date(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=1)
    game.choose(2)
    game.choose(1)
    entries = game.journal()
    assert [(e.number, e.scene_title, e.text) for e in entries] == [
        (1, "The gate", "Rest"),
        (2, "The gate", "You paid for the IIN."),
    ]
    assert entries[1].when == "Thursday, 24 February 2022, 19:00"


def test_state_round_trips_through_a_dict(tiny: Story) -> None:
    game = Game.start(tiny, "walk", seed=9)
    game.choose(2)
    game.choose(1)
    again = Game.from_dict(tiny, game.to_dict())
    assert again.to_dict() == game.to_dict()
    assert again.states == game.states
    older = Game.from_dict(tiny, game.to_dict(1))
    assert older.to_dict() == game.to_dict() and older.to_dict(1) == game.to_dict(1)
    assert older.states == game.states and older.steps == game.steps
    assert again.view().text == game.view().text
    again.undo()
    assert again.view().title == "The gate"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["start"].update(scene="nowhere"), "the scene 'nowhere' is not in this story"),
        (lambda d: d["start"]["vars"].update(money=1000), "'money' = 1000 is outside 0..100"),
        (lambda d: d["start"]["vars"].update(money="ten"), "'money' should be a whole number"),
        (lambda d: d["start"]["vars"].update(ghost=1), "'ghost' is not declared"),
        (lambda d: d["start"]["vars"].update(papers=["passport"]), "unknown tags"),
        (lambda d: d.update(format=99), "unknown game format 99"),
        (lambda d: d["steps"][0]["delta"].update(clock="noon"), "step 1: clock is not a whole number"),
        (
            lambda d: d["steps"][0]["step"].update(clock=True),
            "step 1: 'clock' is missing or of the wrong type",
        ),
        (lambda d: d["steps"][0]["step"].pop("goto"), "step 1: 'goto' is missing or of the wrong type"),
        (lambda d: d["steps"][0].update(step=[]), "step 1: the choice taken is not a table"),
        (lambda d: d["steps"][0]["delta"].update(rng=1.5), "step 1: rng is not a whole number"),
        (
            lambda d: d["steps"][0]["delta"].update(journey="ride"),
            "step 1: the journey 'ride' is not in this story",
        ),
        (
            lambda d: d["steps"][0]["delta"].update(visits={"gate": -1}),
            "step 1: visits: 'gate' is not a count",
        ),
        (lambda d: d["start"].pop("rng"), "the first state: it has no 'rng'"),
    ],
)
def test_from_dict_rejects_what_the_story_could_not_produce(tiny: Story, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    game = Game.start(tiny, "walk", seed=9)
    game.choose(1)
    data = game.to_dict(1)  # the steps as tables (format 1), which a save of an earlier version holds
    mutate(data)
    with pytest.raises(StateError, match=message):
        Game.from_dict(tiny, data)


def test_numbers_are_held_within_min_and_max(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(STORIES / "tiny", root)
    scenes = (root / "scenes.toml").read_text().replace('"money -= 5"', '"money -= 500"')
    (root / "scenes.toml").write_text(scenes)
    game = Game.start(load_story(root), "walk", seed=1)
    game.choose(1)
    assert game.state.vars["money"] == 0


def test_a_run_time_error_names_the_scene_and_expression_and_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(STORIES / "tiny", root)
    scenes = (
        (root / "scenes.toml").read_text().replace('"money -= 5"', '"money -= 5", "money = 10 / (money - 5)"')
    )
    (root / "scenes.toml").write_text(scenes)
    game = Game.start(load_story(root), "walk", seed=1)
    before = game.to_dict()
    with pytest.raises(RunTimeError) as info:
        game.choose(1)
    assert str(info.value) == "division by zero in scene 'gate' (`money = 10 / (money - 5)`)"
    assert game.to_dict() == before


def test_time_never_runs_backwards_when_a_dated_scene_is_entered_late(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(STORIES / "tiny", root)
    scenes = (root / "scenes.toml").read_text()
    scenes = scenes.replace('advance = "2h"', 'date = "2022-02-24 19:30"').replace(
        'advance = "1h"', 'advance = "3h"'
    )
    (root / "scenes.toml").write_text(scenes)
    story = load_story(root)
    direct = Game.start(story, "walk", seed=1)
    assert direct.choose(1).when == "Thursday, 24 February 2022, 19:30"
    late = Game.start(story, "walk", seed=1)
    assert late.choose(2).when == "Thursday, 24 February 2022, 21:00"
    assert late.choose(1).when == "Thursday, 24 February 2022, 21:00"


def test_the_panel_shows_visible_variables_while_their_condition_holds(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(STORIES / "tiny", root)
    decl = (
        (root / "story.toml")
        .read_text()
        .replace(
            'label = "Documents"\nshow = "tags"',
            'label = "Documents"\nshow = "tags"\nshow_if = "count(papers) > 0"',
        )
    )
    (root / "story.toml").write_text(decl)
    game = Game.start(load_story(root), "walk", seed=1)
    story, words = game.story, Presenter("en")
    assert [(r.label, words.value(story.variables[r.name], r.value)) for r in game.panel()] == [
        ("Money", "10 ₸")
    ]
    game.choose(1)
    assert [(r.label, words.value(story.variables[r.name], r.value)) for r in game.panel()] == [
        ("Money", "5 ₸"),
        ("Documents", "IIN"),
    ]


def test_a_conditional_effect_applies_only_when_its_condition_holds(tmp_path: Path) -> None:
    root = tmp_path / "s"
    shutil.copytree(STORIES / "tiny", root)
    scenes = (
        (root / "scenes.toml")
        .read_text()
        .replace(
            '"money -= 5", "papers += \'iin\'"', '"money -= 5", "papers += \'iin\'", "money += 50 if tired"'
        )
    )
    (root / "scenes.toml").write_text(scenes)
    story = load_story(root)
    direct = Game.start(story, "walk", seed=1)
    direct.choose(1)
    assert direct.state.vars["money"] == 5
    rested = Game.start(story, "walk", seed=1)
    rested.choose(2)
    rested.choose(1)
    assert rested.state.vars["money"] == 55
