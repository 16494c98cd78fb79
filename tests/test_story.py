"""The shipped story: clean under the checker, every ending reachable by its
scripted route, and the scale the game promises (so it cannot silently shrink)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from story_routes import all_routes, played

from engine.core.expressions import Type, parse_expression
from engine.core.game import Game
from engine.core.model import Story
from engine.core.state import State
from engine.core.text import plain
from engine.loading.loader import load
from engine.present.presenter import Presenter

STORY_DIR = Path(__file__).resolve().parent.parent / "story"
RESULT = load(STORY_DIR)
ROUTES = all_routes()


@pytest.fixture(scope="module")
def story() -> Story:
    assert RESULT.story is not None, "\n".join(d.format(STORY_DIR) for d in RESULT.errors[:20])
    return RESULT.story


def test_check_is_clean_with_no_errors_and_no_warnings() -> None:
    assert [d.format(STORY_DIR) for d in RESULT.diagnostics] == []


def words(text: str) -> int:
    return len(re.sub(r"\{[^{}]*\}", " ", text).split())


def test_scale(story: Story) -> None:
    scene_words = sum(words(s.text.source) for s in story.scenes.values())
    assert len(story.scenes) >= 90
    assert scene_words >= 25_000
    assert len(story.endings) >= 9
    per_journey = Counter(s.journey for s in story.endings.values())
    assert set(per_journey) == set(story.journeys)
    assert min(per_journey.values()) >= 2
    for ending in story.endings.values():
        assert words(ending.text.source) >= 120, f"{ending.id} has a bare epilogue"


def test_at_least_a_dozen_choices_can_be_shown_disabled(story: Story) -> None:
    gated = [c for s in story.scenes.values() for c in s.choices if c.requires is not None]
    assert len(gated) >= 12


def test_no_scene_text_is_a_copy_of_another(story: Story) -> None:
    texts = Counter(" ".join(s.text.source.split()) for s in story.scenes.values())
    assert [t[:60] for t, n in texts.items() if n > 1] == []


def test_the_calendar_runs_on_the_documented_dates(story: Story) -> None:
    from engine.core.calendar import format_day

    days = {format_day(s.date) for s in story.scenes.values() if s.date is not None}
    for day in ("24 February 2022", "28 February 2022", "21 September 2022"):
        assert day in days


def test_every_ending_has_a_route() -> None:
    assert RESULT.story is not None
    routed = {r["ending"] for r in ROUTES}
    assert set(RESULT.story.endings) <= routed


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r['file']}:{r['name']}" for r in ROUTES])
def test_route_reaches_its_ending(story: Story, route: dict) -> None:  # type: ignore[type-arg]
    game = Game.start(story, route["journey"], seed=route.get("seed", 1))
    for choice in route["choices"]:
        game.choose(choice)
    assert game.view().scene_id == route["ending"]
    if route["ending"] in story.endings:
        assert game.is_over


READING_WORDS_PER_MINUTE = 200


def words_shown(story: Story, route: dict) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    """The words a route shows, journey by journey: a route that crosses into The Number
    reads as two journeys, each of which must stand as one."""
    game = Game.start(story, route["journey"], seed=route.get("seed", 1))
    view = game.view()
    parts = [(view.journey, len(plain(view.paragraphs).split()))]
    for choice in route["choices"]:
        view = game.choose(choice)
        words = len(plain(view.paragraphs).split()) + sum(len(c.text.split()) for c in view.choices)
        if view.journey == parts[-1][0]:
            parts[-1] = (view.journey, parts[-1][1] + words)
        else:
            parts.append((view.journey, words))
    return parts


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r['file']}:{r['name']}" for r in ROUTES])
def test_a_journey_reads_in_15_to_40_minutes(story: Story, route: dict) -> None:  # type: ignore[type-arg]
    parts = words_shown(story, route)
    finished = parts if route["ending"] in story.endings else parts[:-1]
    assert finished, "the route finishes no journey"
    for journey, words in finished:
        minutes = words / READING_WORDS_PER_MINUTE
        assert 15 <= minutes <= 40, f"{journey}: {minutes:.1f} minutes"


# ---------------------------------------------------------------- text that agrees with the state
#
# A scene must not name a person the player has not met, nor a thing they did not do. "Met"
# is read from the story's own variables: the `contacts` tag whose label gives the person's
# name; a visit to a scene that introduces them (one whose effects or choices add the tag,
# or one listed below for people a scene names before any choice adds them); and, for the
# people a protagonist knows before the story starts, the journey they begin in.

KNOWN_FROM_THE_START = {
    "nika_artist": "origin == 'square'",
    "aigerim_friend": "origin == 'square'",
    "gleb_actor": "origin == 'square'",
    "zhenya_director": "origin == 'square'",
    "lyuda_neighbour": "origin == 'border'",
}

INTRODUCED_ALSO_IN = {
    "bakhyt_apai": ("nm_first_month",),
    "nurlan_neighbour": ("nm_first_month", "nm_nurlan"),
    "daulet_admin": ("nm_rules", "nm_volunteer"),
    "olena_kharkiv": ("sq_camp",),
}

# Facts a choice or passage may state only when the state holds them: (words, condition).
FACTS = [
    ("the man from Kazan", "visits('nm_q_kazan') > 0"),
    ("the man from the Kazan firm", "visits('nm_q_kazan') > 0"),
    ("needs an accountant", "origin == 'number'"),
    ("brought sandwiches", "false"),
    ("bags of food to the bus station", "nm_wave == 'tables'"),
    ("off the bus station floor", "nm_wave == 'guests'"),
    ("The Moscow studio has stopped", "nm_first_job == 'studio'"),
    ("Nadya's Moscow clients", "nm_first_job == 'remote' or nm_first_job == 'garage'"),
    ("blue folder with your passports", "'foreign_passport' in documents"),
    ("it was your heater", "false"),
    ("back to your seat", "not nm_late"),
]

RANDOM_RUNS = 150


@attrs.define
class _Reading:
    """What an expression in this test reads: one state of a game."""

    vars: dict[str, Any]
    visits: Mapping[str, int]
    scene: str
    clock: int
    rng: int


def _reading(state: State) -> _Reading:
    return _Reading(dict(state.vars), state.visits, state.scene, state.clock, state.rng)


def _people(story: Story) -> dict[str, list[str]]:
    """Each person's first name, from the contacts labels, and the tags that stand for them."""
    names: dict[str, list[str]] = {}
    for tag, label in story.variables["contacts"].labels.items():
        first = label.split(",")[0].split()[0]
        if first[0].isupper() and first != "The":
            names.setdefault(first, []).append(tag)
    return names


def _introducing(story: Story) -> dict[str, set[str]]:
    """tag -> the scenes where the player meets that person."""
    out: dict[str, set[str]] = {tag: set(scenes) for tag, scenes in INTRODUCED_ALSO_IN.items()}
    for scene in story.scenes.values():
        effects = list(scene.effects) + [e for c in scene.choices for e in c.effects]
        for effect in effects:
            if effect.target == "contacts" and effect.op == "+=":
                out.setdefault(effect.value.source.strip("'\""), set()).add(scene.id)
    return out


def _views(story: Story) -> Iterator[tuple[State, Any]]:
    """Every view of the scripted routes, then of seeded random playthroughs of each journey."""
    for game in played(story, RANDOM_RUNS):
        yield game.state, game.view()


@pytest.fixture(scope="module")
def views(story: Story) -> list[tuple[State, Any]]:
    return list(_views(story))


def test_no_choice_or_passage_names_a_person_not_yet_met(
    story: Story, views: list[tuple[State, Any]]
) -> None:
    types = {name: var.type for name, var in story.variables.items()}
    known = {tag: parse_expression(src, types) for tag, src in KNOWN_FROM_THE_START.items()}
    introducing = _introducing(story)

    def met(tags: list[str], state: State) -> bool:
        return any(
            tag in state.vars["contacts"]
            or any(state.visits.get(scene, 0) > 0 for scene in introducing.get(tag, ()))
            or (tag in known and known[tag].eval(_reading(state)))
            for tag in tags
        )

    people = {name: (re.compile(rf"\b{name}\b"), tags) for name, tags in _people(story).items()}
    wrong: set[str] = set()
    for state, view in views:
        passage = plain(view.paragraphs)
        for name, (pattern, tags) in people.items():
            if pattern.search(passage) and not met(tags, state):
                wrong.add(f"{state.scene}: the passage names {name}, not met")
            for choice in view.choices:
                if pattern.search(choice.text) and not (pattern.search(passage) or met(tags, state)):
                    wrong.add(f"{state.scene}/{choice.id}: the choice names {name}, not met")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_choice_or_passage_states_a_fact_the_state_denies(
    story: Story, views: list[tuple[State, Any]]
) -> None:
    types = {name: var.type for name, var in story.variables.items()}
    facts = [(words, parse_expression(src, types, want=Type.BOOLEAN)) for words, src in FACTS]
    wrong: set[str] = set()
    for state, view in views:
        ctx = _reading(state)
        texts = [plain(view.paragraphs)] + [c.text for c in view.choices]
        for words, holds in facts:
            if any(words in t for t in texts) and not holds.eval(ctx):
                wrong.add(f"{state.scene}: says {words!r}")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_panel_shows_a_police_record_after_every_arrest(
    story: Story, views: list[tuple[State, Any]]
) -> None:
    arrested = [s for s, _ in views if s.vars["sq_detained"] or s.vars["sq_sunday"]]
    assert any(s.vars["sq_sunday"] and not s.vars["sq_detained"] for s in arrested)
    for state in arrested:
        rows = [r for r in Game(story, [state], [], 0).panel() if r.label.startswith("Police record")]
        assert [r.value for r in rows] == [True], state.scene


# ---------------------------------------------------------------- what the player built up decides later


def _gauges(story: Story, journey: str, name: str) -> tuple[list[str], list[str]]:
    """The choices a gauge gates (shown disabled, with a reason) and the endings it colours."""
    scenes = [s for s in story.scenes.values() if s.journey == journey]
    gated = [
        f"{s.id}/{c.id}"
        for s in scenes
        for c in s.choices
        if c.requires is not None and name in c.requires.variables and c.because
    ]
    coloured = [
        s.id for s in scenes if s.ending is not None and any(name in e.variables for e in s.text.expressions)
    ]
    return gated, coloured


@pytest.mark.parametrize("name", ["stress", "hope"])
def test_stress_and_hope_gate_choices_and_colour_endings_in_every_journey(story: Story, name: str) -> None:
    for journey in story.journeys:
        gated, coloured = _gauges(story, journey, name)
        assert len(gated) >= 3, f"{journey}: {name} gates only {gated}"
        assert coloured, f"{journey}: no ending reads {name}"


def test_stress_is_not_at_its_floor_on_the_night_of_the_mobilisation(
    views: list[tuple[State, Any]],
) -> None:
    lowest = min(state.vars["stress"] for state, view in views if view.scene_id == "bd_kitchen")
    assert lowest >= 2


# The Number read this many of each earlier journey's own variables (sq_*, bd_*) before
# issue 12; it must read at least four more of each, so that who you met and what you did
# on the way follow you to Almaty.
READ_BEFORE = {"square": ("sq_", 8), "border": ("bd_", 2)}


def _read_in(story: Story, journey: str, prefix: str) -> set[str]:
    read: set[str] = set()
    for scene in story.scenes.values():
        if scene.journey != journey:
            continue
        expressions = list(scene.text.expressions)
        for choice in scene.choices:
            expressions += choice.text.expressions
            expressions += [e for e in (choice.condition, choice.requires) if e is not None]
            expressions += [e.value for e in choice.effects]
            expressions += [e.condition for e in choice.effects if e.condition is not None]
        expressions += [e.value for e in scene.effects]
        expressions += [e.condition for e in scene.effects if e.condition is not None]
        for expression in expressions:
            read |= {name for name in expression.variables if name.startswith(prefix)}
    return read


@pytest.mark.parametrize("earlier", sorted(READ_BEFORE))
def test_the_number_remembers_the_earlier_journeys(story: Story, earlier: str) -> None:
    prefix, before = READ_BEFORE[earlier]
    read = _read_in(story, "number", prefix)
    assert len(read) >= before + 4, sorted(read)


# ---------------------------------------------------------------- paperwork as play


def _expressions(scene: Any) -> list[Any]:
    out = list(scene.text.expressions) + [e.value for e in scene.effects]
    out += [e.condition for e in scene.effects if e.condition is not None]
    for choice in scene.choices:
        out += list(choice.text.expressions) + [e.value for e in choice.effects]
        out += [e.condition for e in choice.effects if e.condition is not None]
        out += [e for e in (choice.condition, choice.requires) if e is not None]
    return out


def test_no_die_roll_decides_the_iin_window(story: Story) -> None:
    number = [s for s in story.scenes.values() if s.journey == "number"]
    assert [s.id for s in number if any(e.uses_random for e in _expressions(s))] == []
    window = story.scenes["nm_window"]
    outcome = {c.id: c.condition for c in window.choices}
    for choice in ("window_take", "window_tomorrow"):
        condition = outcome[choice]
        assert condition is not None and "nm_papers" in condition.variables


def _play_to(story: Story, route_name: str, scene: str) -> Game:
    route = next(r for r in ROUTES if r["name"] == route_name)
    game = Game.start(story, route["journey"], seed=route.get("seed", 1))
    for choice in route["choices"]:
        game.choose(choice)
        if game.view().scene_id == scene:
            return game
    raise AssertionError(f"{route_name} never reaches {scene}")


def test_the_window_reads_what_the_player_prepared(story: Story) -> None:
    turned_away = _play_to(
        story, "Moving on: the summer house, half the damages paid, a ticket to Yerevan", "nm_window"
    )
    assert "No flat number" in turned_away.view().text
    assert "iin" not in turned_away.state.vars["documents"]
    ready = _play_to(
        story,
        "Staying: the lease, the Kazakh club, a contract, the passport paid back, a permit",
        "nm_window",
    )
    assert {"name", "address", "card"} <= ready.state.vars["nm_papers"]
    assert "That's your IIN" in ready.view().text


def test_the_2023_rule_counts_days_from_the_last_crossing(story: Story) -> None:
    stayed = _play_to(
        story, "Day ninety: the passport stays in the drawer and the days are counted", "nm_decide"
    )
    assert stayed.state.vars["nm_days"] == 90
    words = Presenter("en")
    rows = {r.label: words.value(story.variables[r.name], r.value) for r in stayed.panel()}
    assert rows["Days since your last crossing"] == "90 of 90"
    ran = _play_to(
        story, "Moving on: the summer house, half the damages paid, a ticket to Yerevan", "nm_decide"
    )
    assert ran.state.vars["nm_days"] == 59
    gated = [
        c.id
        for s in story.scenes.values()
        for c in s.choices
        if c.requires is not None and {"nm_days", "nm_passport_held"} & c.requires.variables
    ]
    assert "move_study" in gated and "rules_bishkek" in gated


def test_the_rent_that_went_on_the_first_left_the_card(story: Story) -> None:
    route = next(r for r in ROUTES if r["ending"] == "sq_end_stay")
    game = Game.start(story, "square", seed=1)
    for choice in route["choices"]:
        before = game.state.vars["money_rub"]
        game.choose(choice)
        if game.view().scene_id == "sq_cash":
            assert "seventeen thousand, went on the first" in game.view().text
            assert game.state.vars["money_rub"] == max(0, before - 17000)
            return
    raise AssertionError("no route to sq_end_stay passes sq_cash")
