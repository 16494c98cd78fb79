"""Shared fixtures: the story folders the tests play."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.model import Story
from engine.loading.loader import load_story

ROOT = Path(__file__).resolve().parent.parent
STORY_DIR = ROOT / "story"
STORIES = Path(__file__).resolve().parent / "stories"


@pytest.fixture(scope="session")
def tiny() -> Story:
    return load_story(STORIES / "tiny")


@pytest.fixture(autouse=True, scope="session")
def _private_story_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the player's own cache of checked stories."""
    import os

    os.environ["RELOCANT_CACHE"] = str(tmp_path_factory.mktemp("story-cache"))
