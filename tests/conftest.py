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
