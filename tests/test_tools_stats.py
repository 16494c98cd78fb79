"""relocant stats: counts worked out by hand on the fixture stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.tools.stats import Reading, compute, longest_route, read_through, scene_words, words

STORIES = Path(__file__).resolve().parent / "stories"


def test_words_skip_markup() -> None:
    assert words("You have {money}. {if first_visit}It is *new*.{else}Back.{end}") == 6
    assert words("Papers: {papers}. Visits to the gate: {visits('gate')}.") == 5
    assert words("Don’t stop — a well-known café") == 5


def test_tiny_counts(tiny: Story) -> None:
    # gate: 16 words of text + "Pay for an IIN" + "Rest"; office: 5 + "Go home" + "Sign a lease";
    # home: "You have a number now."
    assert [scene_words(tiny.scenes[s]) for s in ("gate", "office", "home")] == [21, 10, 5]
    stats = compute(tiny, runs_per_journey=50)
    assert (stats.scenes, stats.words, stats.choices, stats.endings) == (3, 36, 4, 1)
    assert stats.total_minutes == round(36 / 200, 1)
    (walk,) = stats.journeys
    assert (walk.scenes, walk.words, walk.choices, walk.endings) == (3, 36, 4, 1)
    # Every playthrough is gate-office-home, or rests once at the gate first: 3 or 4 scenes.
    assert 3 < walk.mean_path < 4
    assert walk.longest == ("gate", "office", "home")


def test_one_reading_counts_what_the_player_is_shown(tiny: Story) -> None:
    """Straight through, the player reads the gate's 14 words ("…with 10 ₸. It is new.
    You need an IIN.") and its two choices (5), the office's 7 and its two choices (5),
    and home's 5: 36. Resting first shows the gate again, "You are back" and only
    "Pay for an IIN" (14 + 4): 54. Written words (36, every branch once) is not it."""
    assert {read_through(tiny, "walk", seed) for seed in range(40)} == {Reading(36, 0, 3), Reading(54, 0, 4)}
    (walk,) = compute(tiny, runs_per_journey=51).journeys
    assert walk.reading_minutes in (round(36 / 200, 1), round(54 / 200, 1))
    assert (walk.reading_low, walk.reading_high) == (round(36 / 200, 1), round(54 / 200, 1))
    assert walk.went_on == 0 and walk.own_minutes == walk.reading_minutes


def test_a_reading_that_goes_on_into_another_journey_says_so() -> None:
    """In tests/stories/trio, East may end in North's scene home_end."""
    trio = load_story(STORIES / "trio")
    east = {j.id: j for j in compute(trio, runs_per_journey=60).journeys}["east"]
    assert 0 < east.went_on < 1
    readings = [read_through(trio, "east", seed) for seed in range(60)]
    assert any(r.other for r in readings) and all(r.own for r in readings)


def test_longest_route_cuts_loops() -> None:
    counted = load_story(STORIES / "counted")
    assert longest_route(counted, "a") == ("a", "b", "end")  # a->a and b->a close loops


def test_cli_without_explore_results_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(STORIES / "tiny"), "--cache", str(tmp_path / "none.json")]) == 0
    out = capsys.readouterr().out
    assert "Tiny: 3 scenes, 36 words, 4 choices, 1 ending;" in out
    assert "longest route (loops cut): 3 scenes: gate → office → home" in out
    assert "No explore results yet" in out


def test_cli_reads_the_last_explore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "explore.json"
    flawed = str(STORIES / "flawed")
    assert main(["explore", flawed, "--cache", str(cache)]) == 1
    capsys.readouterr()
    assert main(["stats", flawed, "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "From the last explore run (exhaustive" in out
    assert "most visited:  dinner (6 states), home (6 states)" in out  # 3 divisor values x 2 stress
    assert "least visited: worry (2 states)" in out
    assert "never reached: outside, lost" in out
    data = json.loads(cache.read_text())
    cache.write_text(json.dumps({**data, "fingerprint": "older"}))
    assert main(["stats", flawed, "--cache", str(cache), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["explore"]["stale"] and "changed since" in result["note"]


def test_cli_prefers_visits_of_random_playthroughs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "explore.json"
    flawed = str(STORIES / "flawed")
    argv = ["explore", flawed, "--cache", str(cache), "--max-states", "3", "--then-random", "50"]
    assert main(argv) == 1
    capsys.readouterr()
    assert main(["stats", flawed, "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "(visits in the 50 random playthroughs that followed the walk)" in out
    assert "most visited:  maze_" in out  # playthroughs caught in the maze walk it to the step bound


def test_cli_says_how_many_readings_went_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(STORIES / "trio"), "--runs", "60", "--cache", str(tmp_path / "x.json")]) == 0
    out = capsys.readouterr().out
    assert "the median of 60 random playthroughs (replies included; a tenth read under" in out
    assert "of them went on into another journey's scenes; in its own scenes one reading takes about" in out
