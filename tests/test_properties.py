"""Property: random playthroughs never crash, and a game survives a round trip
through a plain dict unchanged, wherever it stands."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.game import Game
from engine.loading.loader import load

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [ROOT / "tests" / "stories" / "tiny", ROOT / "story"]
STORIES = [r.story for r in (load(p) for p in CANDIDATES) if r.story is not None]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), seed=st.integers(0, 2**32), which=st.integers(0, 10))
def test_random_playthroughs_never_crash_and_round_trip(data, seed, which) -> None:  # type: ignore[no-untyped-def]
    story = STORIES[which % len(STORIES)]
    journey = data.draw(st.sampled_from(sorted(story.journeys)))
    game = Game.start(story, journey, seed=seed)
    for _ in range(data.draw(st.integers(0, 60))):
        view = game.view()
        if view.ending is not None:
            break
        open_ = [c for c in view.choices if c.enabled]
        assert open_, f"scene {view.scene_id} offers no open choice"
        action = data.draw(st.integers(0, 9))
        if action == 0 and game.can_undo:
            game.undo()
        else:
            game.choose(data.draw(st.sampled_from(open_)).id)
    dumped = json.loads(json.dumps(game.to_dict()))
    again = Game.from_dict(story, dumped)
    assert again.states == game.states
    assert again.steps == game.steps
    assert again.view() == game.view()
