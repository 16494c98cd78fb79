"""Where the game finds its story and keeps its saves.

Playing from a checkout uses the checkout's ``story/`` and ``saves/``; an
installed copy uses the story shipped inside the package and the platform's
user data folder. ``RELOCANT_SAVES`` names another saves folder. Any story
but the game's own keeps its saves in ``stories/ID/`` inside it, so playing
a story of one's own never replaces the game's autosave; ``--saves DIR``
names the folder itself, for whichever story.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import tomli

from engine.core.names import is_identifier

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


def story_saves_dir(story_id: str | None, explicit: str | os.PathLike[str] | None = None) -> Path:
    """The saves folder of the story ``story_id``: the game's own, or ``stories/ID`` inside it."""
    if explicit:
        return Path(explicit)
    base = saves_dir()
    if story_id is None or story_id == game_story_id():
        return base
    return base / "stories" / _folder_name(story_id)


def _folder_name(story_id: str) -> str:
    """The story's id as a folder name; an id that is no identifier (or a long one) by its hash."""
    if is_identifier(story_id) and len(story_id) <= 64:
        return story_id
    import hashlib  # only here: loading OpenSSL's hashes is a cost the game's start-up does without

    return "story-" + hashlib.sha256(story_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def story_id_in(root: Path) -> str | None:
    """The id in ``root/story.toml``'s ``[story]`` table, without loading the story; None if unreadable."""
    try:
        data = tomli.loads((root / "story.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError):
        return None
    story = data.get("story")
    found = story.get("id") if isinstance(story, dict) else None
    return found if isinstance(found, str) else None


@lru_cache(maxsize=1)
def game_story_id() -> str | None:
    """The id of the story the game ships."""
    return story_id_in(default_story_dir())
