"""Screenshots of the main screens, compared with accepted SVGs.

Fixed terminal sizes, the dark theme, no animation, no blinking, a fixed
seed, a stopped play clock and fixed save times: nothing here may vary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_support import freeze_save_times, make_app
from textual.pilot import Pilot

WIDE = (120, 36)
NARROW = (60, 20)


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


def test_title(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24))


def test_play_wide(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n", "1", "1"], terminal_size=WIDE)


def test_play_narrow(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n", "1"], terminal_size=NARROW)


def test_journeys(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n"], terminal_size=(80, 24))


def test_load_screen(snap_compare: Any, tmp_path: Path) -> None:
    async def save_two(pilot: Pilot[Any]) -> None:
        await pilot.press("n", "2", "s", *"at the centre", "enter", "1")
        await pilot.pause()
        freeze_save_times(tmp_path)
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), run_before=save_two, terminal_size=WIDE)


def test_journal(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), press=["n", "1", "1", "j"], terminal_size=WIDE)


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
