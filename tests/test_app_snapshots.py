"""Screenshots of the main screens at 120×36, 80×24 and 60×20, compared with accepted SVGs.

Fixed terminal sizes, the dark theme, no animation, no blinking, a fixed
seed, a stopped play clock and fixed save times; no toast or highlight
that ends on a timer: nothing here may vary from run to run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_support import STORIES, freeze_save_times, make_app
from textual.pilot import Pilot

WIDE = (120, 36)
MIDDLE = (80, 24)
NARROW = (60, 20)
SIZES = pytest.mark.parametrize("size", [WIDE, MIDDLE, NARROW], ids=["120x36", "80x24", "60x20"])
LONG = STORIES / "long"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


@SIZES
def test_title(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, story=LONG), terminal_size=size)


@SIZES
def test_play_long_passage(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The second scene at the top after a choice, the choices below, one change told."""
    assert snap_compare(make_app(tmp_path, story=LONG), press=["n", "1", "2"], terminal_size=size)


@SIZES
def test_panel_open(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The side panel after three choices: shown by default at 120 columns, with p below 100."""
    keys = ["n", "1", "1", "1", "1"] + ([] if size == WIDE else ["p"])
    assert snap_compare(make_app(tmp_path, story=LONG), press=keys, terminal_size=size)


@SIZES
def test_glossary(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, story=LONG), press=["n", "1", "g"], terminal_size=size)


@SIZES
def test_journal(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    keys = ["n", "1", "2", "1", "2", "j"]
    assert snap_compare(make_app(tmp_path, story=LONG), press=keys, terminal_size=size)


@SIZES
def test_help(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, story=LONG), press=["n", "1", "question_mark"], terminal_size=size)


@SIZES
def test_save_dialog(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def save_two(pilot: Pilot[Any]) -> None:
        await pilot.press("n", "1", "s", *"on the train", "enter", "1", "f5")
        await pilot.pause()
        freeze_save_times(tmp_path)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, story=LONG), run_before=save_two, terminal_size=size)


def test_journeys(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=MIDDLE)


def test_load_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def save_two(pilot: Pilot[Any]) -> None:
        await pilot.press("n", "2", "s", *"at the centre", "enter", "1")
        await pilot.pause()
        freeze_save_times(tmp_path)
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), run_before=save_two, terminal_size=WIDE)


def test_ending(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n", "2", "1", "1"], terminal_size=WIDE)


def test_play_in_the_light_theme(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("n", "1", "1")
        await pilot.pause()

    assert snap_compare(app, run_before=light, terminal_size=WIDE)


def test_play_with_no_color(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR gives a monochrome game that still shows emphasis, disabled choices and the panel."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(tmp_path), press=["n", "1"], terminal_size=WIDE)


def test_terminal_too_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n", "1"], terminal_size=(50, 16))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x36", "60x20"])
def test_a_reply_above_the_next_scene(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A reply stands above the scene it led to; an earlier one is dimmed with its passage."""
    app = make_app(tmp_path, story=STORIES / "replies")
    assert snap_compare(app, press=["n", "1", "1", "3"], terminal_size=size)
