"""relocant explore: the problems it must name, on stories with known answers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

from engine.cli import main
from engine.cli.explore import Bar
from engine.core.expressions import Type, parse_effect, parse_expression
from engine.core.game import Game
from engine.core.model import Story
from engine.core.state import State
from engine.loading.loader import load_story
from engine.tools.explore import Keyer, explore_exhaustive, explore_random

STORIES = Path(__file__).resolve().parent / "stories"


@pytest.fixture(scope="module")
def flawed() -> Story:
    return load_story(STORIES / "flawed")


@pytest.fixture(scope="module")
def counted() -> Story:
    return load_story(STORIES / "counted")


def test_exhaustive_names_every_planted_problem(flawed: Story) -> None:
    r = explore_exhaustive(flawed)
    assert r.complete
    assert set(r.unreached_scenes) == {"outside", "lost"}
    assert set(r.unreached_endings) == {"outside", "lost"}
    assert r.never_enabled == ("hall/door",)
    kinds = {f.kind: f for f in r.errors}
    assert set(kinds) == {"error", "trap"}
    assert "division by zero" in kinds["error"].message
    assert kinds["error"].scene == "dinner"
    assert kinds["error"].path == ("dinner", "leaves", "leaves")  # the shortest route to it
    assert "maze_a, maze_b" in kinds["trap"].message
    assert kinds["trap"].path == ("maze",)
    (bound,) = r.warnings
    assert (bound.kind, bound.path) == ("max", ("worry", "more"))
    assert "'stress'" in bound.message
    assert r.has_errors


def test_exhaustive_counts_distinct_states_exactly(counted: Story) -> None:
    """tests/stories/counted has exactly 18 distinct states, reached by 21 choices.

    A state there is (scene, coins 0..2, visits of b capped at 2 since b tests
    first_visit, whether the once-only b/back was taken). From the start
    a(0, b unseen, not taken): `earn` gives a(0..2, 0, no) = 3 states, `leave`
    b(0..2, once, no) = 3, `done` end(0..2, once, no) = 3. Going `back` once
    gives a(c, once, taken) and by earning a(0..2, once, taken) = 3, then
    b(0..2, twice, taken) = 3 (no `back` any more) and end(0..2, twice, taken)
    = 3. Total 6 + 6 + 6 = 18. Choices: 6 a-states x 2 + 3 b-states x 2 +
    3 b-states x 1 = 21. The earn loop is infinite as a path, so the count
    also shows equal states merge.
    """
    r = explore_exhaustive(counted)
    assert (r.states, r.steps, r.complete) == (18, 21, True)
    assert r.scene_counts == {"a": 6, "b": 6, "end": 6}
    assert not r.errors and not r.unreached_scenes and not r.never_enabled


def test_exhaustive_bound_makes_the_report_partial(counted: Story) -> None:
    r = explore_exhaustive(counted, max_states=5)
    assert r.states == 5 and not r.complete
    assert not any(f.kind == "trap" for f in r.errors)  # unexpanded states are not traps


def test_random_is_reproducible_and_finds_the_error(flawed: Story) -> None:
    a = explore_random(flawed, 40, seed=3, max_steps=50)
    b = explore_random(flawed, 40, seed=3, max_steps=50)
    assert a.to_dict() | {"seconds": 0} == b.to_dict() | {"seconds": 0}
    assert any("division by zero" in f.message for f in a.errors)
    assert any(f.kind == "unfinished" and f.scene in ("maze_a", "maze_b") for f in a.warnings)
    assert a.never_enabled == ("hall/door",)
    assert all(n >= 1 for n in a.path_lengths)


def test_random_reports_choices_never_taken(counted: Story) -> None:
    r = explore_random(counted, 1, seed=0)
    assert r.never_taken  # one playthrough cannot take every open choice
    assert not set(r.never_taken) & set(r.never_enabled)


def test_cli_text_json_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "explore.json"
    assert main(["explore", str(STORIES / "flawed"), "--cache", str(cache)]) == 1
    out = capsys.readouterr().out
    for needle in (
        "scene never reached: lost",
        "choice never enabled: hall/door",
        "division by zero",
        "no way out",
        "'stress' was held at its maximum 3 (an effect would have made it 4)",
        "path (main): dinner, leaves, leaves",
    ):
        assert needle in out
    assert json.loads(cache.read_text())["scene_counts"]["hall"] >= 1
    assert main(["explore", str(STORIES / "counted"), "--json", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["states"], data["mode"]) == (18, "exhaustive")


def test_cli_bad_input_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(STORIES / "counted"), "--journey", "nope", "--no-cache"]) == 1
    assert "there is no journey 'nope'" in capsys.readouterr().err
    assert main(["explore", str(STORIES / "counted"), "--random", "0", "--no-cache"]) == 1
    assert "--random must be at least 1" in capsys.readouterr().err


def test_per_scene_bound_keeps_the_walk_broad(counted: Story) -> None:
    r = explore_exhaustive(counted, max_per_scene=2)
    assert r.cut_by == ("max-per-scene",) and not r.complete
    assert r.scene_counts == {"a": 2, "b": 2, "end": 2}
    assert not any(f.kind in ("trap", "stuck") for f in r.errors)


def test_cli_says_which_bound_cut_the_walk(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(STORIES / "counted"), "--max-per-scene", "2", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "cut by a bound (--max-per-scene)" in out
    assert "exhaustively" not in out  # a cut walk is not called exhaustive
    assert "Explored 'counted' state by state, until a bound stopped it:" in out


def test_random_playthroughs_complete_a_cut_walk(flawed: Story) -> None:
    cut = explore_exhaustive(flawed, max_states=3)
    assert "dinner" in cut.unreached_scenes and cut.random_runs == 0
    assert not cut.errors  # the division by zero lies beyond the bound
    more = explore_exhaustive(flawed, max_states=3, then_random=200)
    assert more.random_runs == 200 and more.states == 3
    assert set(more.unreached_scenes) == {"outside", "lost"}
    assert more.never_enabled == ("hall/door",)
    assert any("division by zero" in f.message for f in more.errors)
    assert sum(more.scene_counts.values()) == 3  # the counts stay the walk's
    assert sum(more.random_visits.values()) >= 200 * 2  # every playthrough enters two scenes at least
    assert more.random_visits["hall"] >= 200
    complete = explore_exhaustive(flawed, then_random=200)
    assert complete.random_runs == 0  # a complete walk needs no help


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_bar_only_on_a_terminal(counted: Story) -> None:
    seen: list[tuple[int, int]] = []
    explore_random(counted, 5, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]
    for tty, drawn in ((True, True), (False, False)):
        stream = _Stream(tty)
        bar = Bar(stream, "exploring")
        bar(3, 5)
        bar.close()
        assert ("exploring [" in stream.getvalue()) is drawn
        assert ("3/5" in stream.getvalue()) is drawn


def test_only_visit_counts_an_expression_reads_make_states_distinct(tiny: Story, counted: Story) -> None:
    """tiny reads visits('gate') (exact counts matter); counted's b tests first_visit (1 or more)."""
    keyer = Keyer(tiny)
    assert keyer.mode == {"gate": True}
    base = Game.start(tiny, "walk", seed=0).state

    def key(keyer: Keyer, base: State, visits: dict[str, int]) -> tuple[object, ...]:
        return keyer.key(attrs.evolve(base, visits=visits))

    assert key(keyer, base, {"gate": 1, "office": 1}) == key(keyer, base, {"gate": 1, "office": 5})
    assert key(keyer, base, {"gate": 1}) != key(keyer, base, {"gate": 2})
    keyer = Keyer(counted)
    assert keyer.mode == {"b": False}
    base = Game.start(counted, "main", seed=0).state
    assert key(keyer, base, {"a": 1, "b": 2}) == key(keyer, base, {"a": 9, "b": 7})
    assert key(keyer, base, {"b": 1}) != key(keyer, base, {"b": 2})
    assert key(keyer, base, {}) != key(keyer, base, {"b": 1})
    assert keyer.key(attrs.evolve(base, clock=5)) != keyer.key(base)
    assert keyer.key(attrs.evolve(base, rng=5)) != keyer.key(base)
    assert keyer.key(attrs.evolve(base, taken={"b/back": 1})) != keyer.key(base)


LUCKY = """
[story]
id = "lucky"
title = "Lucky"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "Come back to the gate."
start = "hall"

[variables.lucky]
type = "boolean"
default = false
label = "Lucky"

[[scene]]
id = "hall"
title = "Hall"
effects = ["lucky = false"]
text = "The hall."

[[scene.choice]]
id = "go"
text = "Go to the gate"
goto = "gate"

[[scene]]
id = "gate"
title = "Gate"
effects = ["lucky = true if first_visit"]
text = "The gate."

[[scene.choice]]
id = "prize"
text = "Take the prize"
goto = "prize"
if = "not lucky"

[[scene.choice]]
id = "back"
text = "Back to the hall"
goto = "hall"

[[scene.choice]]
id = "quit"
text = "Give up"
goto = "end"

[[scene]]
id = "prize"
title = "Prize"
text = "Yours."

[scene.ending]
title = "Prize"
kind = "hopeful"

[[scene]]
id = "end"
title = "End"
text = "Gone."

[scene.ending]
title = "Gone"
kind = "sombre"
"""


def test_first_visit_in_an_effects_condition_keeps_states_apart(tmp_path: Path) -> None:
    """The prize is open only on a second visit to the gate: back in the hall after the
    first, every value is as at the start, and only the gate's visit count differs."""
    (tmp_path / "story.toml").write_text(LUCKY, encoding="utf-8")
    story = load_story(tmp_path)
    assert Keyer(story).mode == {"gate": False}
    r = explore_exhaustive(story)
    assert r.complete
    assert r.unreached_endings == ()
    assert "gate/prize" not in r.never_enabled


def test_what_an_expression_reads_is_recorded_by_the_parser(counted: Story) -> None:
    """Explore reads it from there, never from the source text."""
    effect = parse_effect(
        "lucky = true if first_visit and visits('b') > coins", {"lucky": Type.BOOLEAN, "coins": Type.INTEGER}
    )
    assert (effect.value.first_visit, effect.value.variables, effect.value.scenes) == (False, frozenset(), ())
    assert effect.condition is not None
    assert effect.condition.first_visit
    assert effect.condition.variables == {"coins"}
    assert effect.condition.scenes == (("b", 16),)  # the offset in the condition's own source
    assert effect.condition.source[16:].startswith("visits")
    assert effect.variables == {"lucky", "coins"}
    assert not parse_expression("first_visit_count > 1", {"first_visit_count": Type.INTEGER}).first_visit


SAVINGS = """
[story]
id = "savings"
title = "Savings"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "Pay the debt, then worry."
start = "desk"

[variables.debt]
type = "integer"
default = 2
min = 0
label = "Debt"

[variables.worry]
type = "integer"
default = 0
min = 0
max = 3
label = "Worry"

[variables.mood]
type = "integer"
default = 4
min = 0
max = 5
label = "Mood"
show = "bar"

[[scene]]
id = "desk"
title = "Desk"
text = "Debt {debt}, worry {worry}."

[[scene.choice]]
id = "pay"
text = "Pay one back"
goto = "desk"
if = "debt > 0"
effects = ["debt -= 1"]

[[scene.choice]]
id = "fret"
text = "Fret"
goto = "desk"
if = "worry < 3"
effects = ["worry += 2", "mood += 2"]

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


@pytest.mark.parametrize("mode", ["exhaustive", "random"])
def test_only_an_effect_held_at_a_bound_is_a_warning(tmp_path: Path, mode: str) -> None:
    """Paying a debt down to its minimum 0 is the story working; fretting from 2 to a
    wanted 4 when worry stops at 3 is an effect the bound swallowed. A bar held full
    (mood) is what the player sees on screen, so it is not news to the author."""
    (tmp_path / "story.toml").write_text(SAVINGS, encoding="utf-8")
    story = load_story(tmp_path)
    r = explore_exhaustive(story) if mode == "exhaustive" else explore_random(story, 200, seed=1)
    assert [(f.kind, f.message, f.scene) for f in r.warnings] == [
        ("max", "'worry' was held at its maximum 3 (an effect would have made it 4)", "desk")
    ]
    if mode == "exhaustive":
        assert r.warnings[0].path == ("fret", "fret")
