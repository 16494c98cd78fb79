"""Fuzzing story files: any damage ends in diagnostics at a place, or in a story that plays.

Each mutant is a copy of a test story with one to three changes to its
files (tests/fuzz_mutations.py): flipped bits, a cut, a lost or doubled
line, invalid UTF-8, a BOM, CRLF line ends, NUL, a value of another type,
nesting thousands deep, an expression no story should hold, a doubled key
or a stray table header. The property: the loader never raises; every error
names its file and line and is shown without control characters; a story
that loads plays a random walk in each journey (a step may stop with the
engine's RunTimeError) and its games save and load back the same.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from fuzz_mutations import exercise_story, story_mutant
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

STORIES = Path(__file__).parent / "stories"
ROOTS = [STORIES / name for name in ("tiny", "saves_loop", "trio", "markup", "counted")]
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Hung(BaseException):
    """Not an OSError, so nothing under test swallows it."""


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hung("loading or playing a story took over two minutes")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@settings(FUZZ)
@given(root=st.sampled_from(ROOTS), seed=st.integers(0, 2**32), changes=st.integers(1, 3))
def test_a_damaged_story_is_reported_at_its_place_or_plays(root: Path, seed: int, changes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copy = story_mutant(root, Path(folder), seed, changes)
        assert exercise_story(copy, seed) == []
