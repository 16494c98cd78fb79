"""Whatever a player types at the plain player's prompts, the answer is text, never a traceback,
and nothing typed comes back to the terminal raw (issue 11, "Input and names")."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plain_support import plain_player, session_for

from engine.core.controls import find_control
from engine.core.game import Game
from engine.core.model import Story
from engine.frontends.plain.opening import Opening
from engine.saves import SaveStore

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
WORDS = ["1", "2", "3", "0", "²", "١", "9" * 5000, "undo", "save", "load", "saves", "journal", "state"]
WORDS += ["glossary", "sources", "look", "help", "?", "walk", "x\x1b[2J", "\x00", "\u202e"]
LINES = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(WORDS),
        st.tuples(st.sampled_from(WORDS), st.text(max_size=20)).map(" ".join),
    ),
    max_size=12,
)


@FUZZ
@given(lines=LINES)
def test_any_line_at_the_journey_prompt(tiny: Story, tmp_path: Path, lines: list[str]) -> None:
    out = io.StringIO()
    opening = Opening(session_for(tiny, SaveStore(tmp_path / "saves")), out)
    for line in lines:
        chosen = opening.answer(line.strip())
        assert chosen is (opening.session.game is not None) or chosen is False
    assert find_control(out.getvalue()) is None


@FUZZ
@given(lines=LINES)
def test_any_line_at_the_choice_prompt(tiny: Story, tmp_path: Path, lines: list[str]) -> None:
    out = io.StringIO()
    player = plain_player(Game.start(tiny, "walk", seed=1), out, SaveStore(tmp_path / "saves"))
    for line in lines:
        player.handle(line.strip())
    assert find_control(out.getvalue()) is None
