"""The shipped story: clean under the checker, every ending reachable by its
scripted route, and the scale the game promises (so it cannot silently shrink)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from story_routes import all_routes

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load

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


def words_shown(story: Story, route: dict) -> int:  # type: ignore[type-arg]
    from engine.core.text import plain

    game = Game.start(story, route["journey"], seed=route.get("seed", 1))
    shown = len(plain(game.view().paragraphs).split())
    for choice in route["choices"]:
        view = game.choose(choice)
        shown += len(plain(view.paragraphs).split()) + sum(len(c.text.split()) for c in view.choices)
    return shown


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r["ending"] != "nm_queue"],
    ids=[f"{r['file']}:{r['name']}" for r in ROUTES if r["ending"] != "nm_queue"],
)
def test_a_journey_reads_in_15_to_40_minutes(story: Story, route: dict) -> None:  # type: ignore[type-arg]
    minutes = words_shown(story, route) / READING_WORDS_PER_MINUTE
    assert 15 <= minutes <= 40, f"{minutes:.1f} minutes"
