"""The limits of docs/scene-format.md: the parsers refuse what play could not do,
with a position, and play turns what only a run can reach into a RunTimeError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.core import calendar
from engine.core.diagnostics import RunTimeError
from engine.core.expressions import ExpressionError, Type, parse_effect, parse_expression
from engine.core.game import Game
from engine.core.limits import MAX_INTEGER, MAX_NESTING, MAX_TEXT
from engine.core.state import StateError
from engine.core.text import parse_template
from engine.loading.loader import load, load_story

TYPES = {"n": Type.INTEGER, "flag": Type.BOOLEAN, "name": Type.TEXT}


class Ctx:
    def __init__(self) -> None:
        self.vars = {"n": 2, "flag": True, "name": "a"}
        self.visits: dict[str, int] = {}
        self.scene = "here"
        self.clock = 0
        self.rng = 1


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("source", "offset"),
    [
        ("(" * 130 + "1" + ")" * 130, 32),  # the 33rd bracket
        ("not " * 1000 + "true", 32 * 4),  # the 33rd not
        ("-" * 1000 + "1", 32),
        ("abs(" * 200 + "1" + ")" * 200, 32 * 4),
        ("1" + " + 1" * 1000, 32 * 4 + 2),  # the 33rd '+' of a chain
        ("flag" + " and flag" * 1000, 32 * 9 + 5),
        ("n" + " * n" * 40, 32 * 4 + 2),
    ],
)
def test_nesting_past_the_limit_is_an_error_at_its_place(source: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(source, TYPES)
    assert f"more than {MAX_NESTING} levels" in info.value.message
    assert info.value.offset == offset


def test_nesting_up_to_the_limit_parses_and_evaluates() -> None:
    brackets = "(" * MAX_NESTING + "n" + ")" * MAX_NESTING
    assert parse_expression(brackets, TYPES).eval(Ctx()) == 2
    chain = "n" + " + 1" * MAX_NESTING
    assert parse_expression(chain, TYPES).eval(Ctx()) == 2 + MAX_NESTING
    nots = "not " * MAX_NESTING + "flag"
    assert parse_expression(nots, TYPES).eval(Ctx()) is True


def test_an_effect_nested_too_deep_is_an_error() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_effect("n = " + "(" * 500 + "1" + ")" * 500, TYPES)
    assert info.value.offset == 4 + 32


@pytest.mark.parametrize("digits", [19, 4_301, 100_000])
def test_an_integer_literal_with_too_many_digits_is_an_error(digits: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression("n + " + "7" * digits, TYPES)
    assert "more than 18 digits" in info.value.message
    assert info.value.offset == 4


def test_the_largest_literal_is_accepted_with_underscores() -> None:
    assert parse_expression("999_999_999_999_999_999", TYPES).eval(Ctx()) == MAX_INTEGER
    assert parse_expression("-999999999999999999", TYPES).eval(Ctx()) == -MAX_INTEGER


def test_a_text_literal_past_the_limit_is_an_error() -> None:
    assert parse_expression('"' + "x" * MAX_TEXT + '"', TYPES).eval(Ctx()) == "x" * MAX_TEXT
    with pytest.raises(ExpressionError) as info:
        parse_expression('name + "' + "x" * (MAX_TEXT + 1) + '"', TYPES)
    assert "longer than 10,000 characters" in info.value.message
    assert info.value.offset == 7


def test_a_chain_in_text_is_an_error_with_its_offset_in_the_text() -> None:
    source = "Money: {n" + " + n" * 1000 + "}."
    with pytest.raises(ExpressionError) as info:
        parse_template(source, TYPES)
    assert info.value.offset == len("Money: {n") + 32 * 4 + 1


def test_if_blocks_nested_past_the_limit_are_an_error() -> None:
    def nested(depth: int) -> str:
        return "{if flag}a" * depth + "b" + "{end}" * depth

    assert parse_template(nested(MAX_NESTING), TYPES).render(Ctx(), lambda _v, x: str(x)) == "a" * 32 + "b"
    with pytest.raises(ExpressionError) as info:
        parse_template(nested(249), TYPES)
    assert "more than 32" in info.value.message
    assert info.value.offset == len("{if flag}a") * 32


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("99999999999w", "longer than 36,525 days"),
        ("5219w", "longer than 36,525 days"),
        ("36526d", "longer than 36,525 days"),
        ("1" * 5000 + "m", "longer than 36,525 days"),
        ("36525d 1m", "longer than 36,525 days"),
    ],
)
def test_a_duration_past_a_hundred_years_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        calendar.parse_duration(text)


def test_the_longest_duration_is_accepted() -> None:
    assert calendar.parse_duration("36525d") == 36_525 * 24 * 60


# ---------------------------------------------------------------- loading: check refuses, with a line

STORY = """
[story]
id = "lim"
title = "Limits"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "A walk."
start = "start"
date = "{date}"
effects = [{journey_effects}]

[variables.n]
type = "integer"
default = 1
label = "N"

[variables.name]
type = "text"
default = "a"
label = "Name"

[[scene]]
id = "start"
title = "Start"
advance = "{advance}"
text = "{text}"
effects = [{effects}]

[[scene.choice]]
id = "again"
text = "Again"
goto = "start"
effects = [{choice_effects}]

[[scene.choice]]
id = "stop"
text = "Stop"
goto = "end"

[[scene]]
id = "end"
title = "End"
text = "Done."

[scene.ending]
title = "Done"
kind = "hopeful"
"""


def write(tmp_path: Path, **parts: str) -> Path:
    values = {
        "date": "2022-02-24 09:00",
        "journey_effects": "",
        "advance": "1h",
        "text": "N is {n}; {name}.",
        "effects": "",
        "choice_effects": "",
    } | parts
    root = tmp_path / "story"
    root.mkdir(exist_ok=True)
    text = STORY
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    (root / "story.toml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("parts", "line", "message"),
    [
        ({"text": "{n" + " + n" * 1000 + "}"}, 29, "more than 32 levels"),
        ({"text": "{if n > 0}" * 249 + "x" + "{end}" * 249}, 29, "more than 32"),
        ({"effects": '"n = ' + "(" * 130 + "1" + ")" * 130 + '"'}, 30, "more than 32 levels"),
        ({"effects": '"' + "n = " + "not " * 1000 + 'true"'}, 30, "more than 32 levels"),
        ({"choice_effects": '"n = ' + "9" * 5000 + '"'}, 36, "more than 18 digits"),
        ({"advance": "99999999999w"}, 28, "longer than 36,525 days"),
    ],
)
def test_check_reports_each_limit_at_its_line(
    tmp_path: Path, parts: dict[str, str], line: int, message: str
) -> None:
    result = load(write(tmp_path, **parts))
    errors = [d for d in result.diagnostics if d.is_error]
    assert [(d.line, message in d.message) for d in errors] == [(line, True)], [d.format() for d in errors]


# ---------------------------------------------------------------- play: a typed error naming the scene


def play(game: Game, choice: str, times: int) -> None:
    for _ in range(times):
        game.choose(choice)
        json.dumps(game.to_dict())  # what an autosave writes: must never fail


def test_an_integer_that_keeps_growing_stops_with_a_run_time_error(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, choice_effects='"n = n * 1000"'))
    game = Game.start(story, "main", seed=1)
    with pytest.raises(RunTimeError) as info:
        play(game, "again", 100)
    err = info.value
    assert (err.scene, err.expression) == ("start", "n = n * 1000")
    assert "largest whole number" in err.reason
    assert str(err) == f"{err.reason} in scene 'start' (`n = n * 1000`)"
    assert abs(game.state.vars["n"]) <= MAX_INTEGER
    assert "N is " in game.view().text  # the game is as it was before the failed step


def test_an_integer_added_to_past_the_limit_stops_with_a_run_time_error(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, choice_effects='"n += 999_999_999_999_999_999"'))
    game = Game.start(story, "main", seed=1)
    with pytest.raises(RunTimeError) as info:
        play(game, "again", 3)
    assert (info.value.scene, info.value.expression) == ("start", "n += 999_999_999_999_999_999")
    assert "'n'" in info.value.reason


def test_a_text_that_doubles_stops_with_a_run_time_error(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, choice_effects='"name = name + name"'))
    game = Game.start(story, "main", seed=1)
    with pytest.raises(RunTimeError) as info:
        play(game, "again", 20)
    assert (info.value.scene, info.value.expression) == ("start", "name = name + name")
    assert "10,000 characters" in info.value.reason
    assert len(game.state.vars["name"]) <= MAX_TEXT


def test_a_calendar_past_the_year_9999_stops_with_a_run_time_error(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, date="9999-12-24 12:00", advance="1d"))
    game = Game.start(story, "main", seed=1)
    with pytest.raises(RunTimeError) as info:
        play(game, "again", 30)
    assert info.value.scene == "start"
    assert "9999" in info.value.reason
    assert game.view().when.endswith("9999, 12:00")


def test_a_journey_that_starts_past_the_end_of_the_calendar_is_a_run_time_error(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, date="9999-12-31 23:30"))
    with pytest.raises(RunTimeError) as info:
        Game.start(story, "main", seed=1)
    assert info.value.scene == "start"


def test_an_error_in_a_journeys_effects_names_the_journey(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, journey_effects='"n = 1 / (n - 1)"'))
    with pytest.raises(RunTimeError) as info:
        Game.start(story, "main", seed=1)
    err = info.value
    assert (err.journey, err.scene, err.expression, err.reason) == (
        "main",
        "",
        "n = 1 / (n - 1)",
        "division by zero",
    )
    assert str(err) == "division by zero in journey 'main' (`n = 1 / (n - 1)`)"


def test_an_error_in_text_names_the_scene_and_the_expression(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, text="{if n > 0}{100 / (n - 1)}{end}"))
    with pytest.raises(RunTimeError) as info:
        Game.start(story, "main", seed=1).view()
    assert (info.value.scene, info.value.expression) == ("start", "100 / (n - 1)")


# ---------------------------------------------------------------- saves hold only what play can


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["start"]["vars"].update(n=MAX_INTEGER + 1), "'n' = 1000000000000000000 is outside"),
        (lambda d: d["steps"][0].__setitem__(3, 10**15), "step 1: clock is not a moment"),
        (lambda d: d["start"]["vars"].update(name="x" * (MAX_TEXT + 1)), "'name' is longer than 10,000"),
    ],
)
def test_a_save_past_the_limits_is_refused(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    story = load_story(write(tmp_path))
    game = Game.start(story, "main", seed=1)
    game.choose("again")
    data = game.to_dict()
    mutate(data)
    with pytest.raises(StateError, match=message):
        Game.from_dict(story, data)


def test_a_format_1_save_past_the_calendar_is_refused(tmp_path: Path) -> None:
    story = load_story(write(tmp_path))
    game = Game.start(story, "main", seed=1)
    game.choose("again")
    data = game.to_dict(1)
    data["steps"][0]["delta"]["clock"] = 10**15
    with pytest.raises(StateError, match="step 1: clock is not a moment"):
        Game.from_dict(story, data)
