"""The game in Russian, on the story's own Russian tables: screenshots at 120×36 and 80×24.

They were looked at for what Cyrillic text asks of the layout: its width in
cells, wrapping inside the passage and the side panel, the footer's longer
words, the dates and amounts. Regenerate them (--snapshot-update) when the
Russian text of these screens changes, and look again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import language_app

from engine.frontends.tui.app import RelocantApp
from engine.present import catalogs

STORY = Path(__file__).resolve().parent.parent / "story"
SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)
    yield
    catalogs.use("en")


def russian_app(saves: Path) -> RelocantApp:
    return language_app(saves, STORY, "ru", explicit=True)


@SIZES
def test_title_in_russian(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(russian_app(tmp_path), terminal_size=size)


@SIZES
def test_the_square_begins_in_russian(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The first scene of The Square, its choices, the footer; at 80 columns the panel opened with p."""
    keys = ["n", "1"] + ([] if size == (120, 36) else ["p"])
    assert snap_compare(russian_app(tmp_path), press=keys, terminal_size=size)


@SIZES
def test_help_in_russian(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(russian_app(tmp_path), press=["n", "1", "question_mark"], terminal_size=size)
