"""A save loads back into exactly the game that was saved, after any walk."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore

STORY = load_story(Path(__file__).parent / "stories" / "saves_loop")

# Each move is a pick among the open choices (by position, modulo how many
# there are) or, for -1, an undo.
moves = st.lists(st.integers(min_value=-1, max_value=5), max_size=60)


def walk(game: Game, picks: list[int]) -> None:
    for pick in picks:
        if pick < 0:
            game.undo()
            continue
        open_ = [c for c in game.view().choices if c.enabled]
        if not open_:
            break
        game.choose(open_[pick % len(open_)].number)


def seen(game: Game) -> tuple[object, ...]:
    view = game.view()
    return (
        view.scene_id,
        view.title,
        view.when,
        view.text,
        view.paragraphs,
        view.choices,
        view.ending,
        game.journal(),
        game.changes(),
        game.can_undo,
    )


@settings(max_examples=60, deadline=None)
@given(
    journey=st.sampled_from(sorted(STORY.journeys)),
    seed=st.integers(min_value=0, max_value=2**63 - 1),
    picks=moves,
    later=moves,
    seconds=st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_a_loaded_game_is_the_saved_game(
    journey: str, seed: int, picks: list[int], later: list[int], seconds: float
) -> None:
    game = Game.start(STORY, journey, seed=seed)
    walk(game, picks)
    with tempfile.TemporaryDirectory() as folder:
        meta = SaveStore(Path(folder)).save("walk", game, seconds)
        loaded = SaveStore(Path(folder)).load("walk", STORY)
    copy = loaded.game
    assert isinstance(copy, Game)
    assert loaded.notices == []
    assert copy.to_dict() == game.to_dict()
    assert seen(copy) == seen(game)
    assert loaded.meta == meta
    # The copy plays on exactly as the original would, random draws included.
    walk(game, later)
    walk(copy, later)
    assert copy.to_dict() == game.to_dict()
    assert seen(copy) == seen(game)


@settings(max_examples=40, deadline=None)
@given(rounds=st.lists(st.tuples(moves, st.integers(min_value=0, max_value=4)), min_size=1, max_size=6))
def test_a_store_saving_the_same_game_again_writes_exactly_the_game(
    rounds: list[tuple[list[int], int]],
) -> None:
    """The store keeps each step's text between saves; play and undo must never make it stale."""
    game = Game.start(STORY, "city", seed=99)
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        for picks, undos in rounds:
            walk(game, picks)
            game.undo(undos)
            store.autosave(game, 0)
            written = json.loads(store.path("autosave").read_text("utf-8"))
            assert written["game"] == game.to_dict()
            assert written["replay"]["choices"] == [
                {"scene": s.scene, "choice": s.choice} for s in game.steps
            ]
