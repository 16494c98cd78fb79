"""Where the game finds its story and keeps its saves.

Playing from a checkout uses the checkout's ``story/`` and ``saves/``; an
installed copy uses the story shipped inside the package and the platform's
user data folder. ``--saves DIR`` and ``RELOCANT_SAVES`` override the latter.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the engine package
CHECKOUT = PACKAGE.parent
SAVES_ENV = "RELOCANT_SAVES"


def in_checkout() -> bool:
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "story" / "story.toml").is_file()


def default_story_dir() -> Path:
    shipped = PACKAGE / "_story"
    if (shipped / "story.toml").is_file():
        return shipped
    return CHECKOUT / "story"


def saves_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get(SAVES_ENV):
        return Path(os.environ[SAVES_ENV])
    if in_checkout():
        return CHECKOUT / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("relocant", appauthor=False)) / "saves"
