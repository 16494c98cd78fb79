"""Shared fixtures: the story folders the tests play."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.core.model import Story
from engine.loading.loader import load_story

ROOT = Path(__file__).resolve().parent.parent
STORY_DIR = ROOT / "story"
STORIES = Path(__file__).resolve().parent / "stories"

# The game plays in the language the environment asks for: the tests (and the games they
# start) ask for none, so they see English unless a test names a language.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True, scope="session")
def _own_settings_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The games the tests start keep their settings in a file of the tests' own, never the user's."""
    path = tmp_path_factory.mktemp("config") / "settings.json"
    before = os.environ.get("RELOCANT_CONFIG")
    os.environ["RELOCANT_CONFIG"] = str(path)
    yield
    if before is None:
        del os.environ["RELOCANT_CONFIG"]
    else:
        os.environ["RELOCANT_CONFIG"] = before


@pytest.fixture(scope="session")
def tiny() -> Story:
    return load_story(STORIES / "tiny")
