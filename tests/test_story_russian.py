"""The game in Russian: complete, current, and grammatical for whoever is playing.

The Russian string tables (story/translations/ru/) must translate every string
of the story and be up to date with the English. Russian marks gender in the
past tense ("ты пришла" / "ты пришёл"), and The Number's scenes are reached by
Nika, a woman, as well as by Kostya and Ilnur: every view along the scripted
routes and seeded random playthroughs must speak to the protagonist who is
playing in the right gender.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from story_routes import played

from engine.core.model import Story
from engine.loading.loader import load

STORY_DIR = Path(__file__).resolve().parent.parent / "story"
RESULT = load(STORY_DIR, lang="ru")
RANDOM_RUNS = 40

# "ты" (or "Ты"), perhaps a particle or two, then a past-tense verb.
_PARTICLES = r"(?:(?:не|ни|уже|ещё|всё|же|так|тоже|только|даже|сама?|и|вдруг|почти|давно|сразу|снова)\s+)*"
_MASCULINE = re.compile(
    r"\b[Тт]ы\s+" + _PARTICLES + r"(\w+(?:л|лся)|(?:с|по|за)?мог|[а-я]*?(?:лёг|нёс|вёз|вык|мёрз))\b"
)
_FEMININE = re.compile(r"\b[Тт]ы\s+" + _PARTICLES + r"(\w+(?:ла|лась))\b")
_NOT_VERBS = {"ела", "мила", "цела", "смела", "весела", "бела", "пол", "стол", "угол", "зла"}


@pytest.fixture(scope="module")
def story() -> Story:
    assert RESULT.story is not None, "\n".join(d.format(STORY_DIR) for d in RESULT.errors[:20])
    return RESULT.story


def test_the_russian_tables_are_complete_current_and_clean() -> None:
    assert [d.format(STORY_DIR) for d in RESULT.diagnostics] == []
    coverage = RESULT.coverage
    assert coverage is not None
    assert (coverage.total.missing, coverage.total.stale) == (0, 0)
    assert coverage.total.translated == coverage.total.strings > 1000


def _shown(story: Story) -> Iterator[tuple[str, str, str]]:
    """(protagonist, scene id, text) for every passage, choice and reply a player is shown."""
    for game in played(story, RANDOM_RUNS):
        view = game.view()
        who = str(game.state.vars.get("protagonist", ""))
        yield who, view.scene_id, view.text
        yield who, view.scene_id, game.reply
        for choice in view.choices:
            yield who, view.scene_id, choice.text


def test_the_past_tense_agrees_with_the_protagonist(story: Story) -> None:
    wrong: set[tuple[str, str, str]] = set()
    for who, scene, text in _shown(story):
        if not who:
            continue
        pattern = _MASCULINE if who == "Nika" else _FEMININE
        for match in pattern.finditer(text):
            if match.group(1).lower() not in _NOT_VERBS:
                wrong.add((who, scene, match.group(0)))
    assert sorted(wrong) == []
