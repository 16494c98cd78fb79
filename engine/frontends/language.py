"""Which language the game is played in, and the story in each language, for every front end.

A language is asked for with ``--lang``, or is the one the player last chose
in the game (kept in the settings, by both players), or is taken from the
environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext
reads them). The game's own words come from its
gettext catalog and the story's from its string tables; a language with
neither is not offered, and an environment asking only for such languages
gets English. Switching language mid-game moves the game onto the story in
the other language exactly where it is: saves and states hold no words.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from engine.loading.heading import languages as story_languages
from engine.present import catalogs

if TYPE_CHECKING:  # the engine itself is imported when a story is loaded: the title is drawn before
    from engine.core.game import Game
    from engine.core.model import Story
    from engine.loading.loader import LoadResult

SOURCE = catalogs.SOURCE_LANGUAGE
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def offered(root: Path) -> list[str]:
    """The languages the game can be played in: English, and each with a catalog or string tables."""
    return sorted({SOURCE, *catalogs.languages(), *story_languages(root)})


def from_environment(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the environment asks for, most wanted first (``ru_RU.UTF-8`` gives ru_RU, ru)."""
    environ = os.environ if environ is None else environ
    wanted: list[str] = []
    for name in _ENVIRONMENT:
        value = environ.get(name, "")
        for part in value.split(":") if name == "LANGUAGE" else [value]:
            code = part.split(".")[0].split("@")[0].replace("-", "_")
            if code and code not in ("C", "POSIX"):
                wanted += [code, code.split("_")[0]]
    return list(dict.fromkeys(wanted))


def choose(
    root: Path,
    asked: str | None = None,
    environ: Mapping[str, str] | None = None,
    kept: str | None = None,
) -> str | None:
    """The language to play in: the one asked for (None when it is not offered), else the one
    the player chose last time (``kept``) while it is offered, else the first the environment
    asks for that is offered, else English."""
    available = offered(root)
    if asked is not None:
        return asked if asked in available else None
    if kept is not None and kept in available:
        return kept
    return next((code for code in from_environment(environ) if code in available), SOURCE)


def use_chosen(root: Path, asked: str | None = None) -> str | None:
    """Answer in the language a command is asked for (``--lang``), else the one chosen in the
    game last time, else the environment's, else English; None when ``asked`` is not offered.
    For the commands that only talk about the game (``relocant saves``, ``relocant serve``)."""
    from engine.session.settings import Settings

    language = choose(root, asked, kept=None if asked is not None else Settings().language)
    if language is not None:
        catalogs.use(language)
    return language


def story_language(root: Path, language: str) -> str | None:
    """The string tables to load the story with for ``language``: None for the story's own words."""
    return language if language != SOURCE and language in story_languages(root) else None


@dataclasses.dataclass
class Languages:
    """The story in each language it is played in, loaded when first asked for, and the one in use."""

    root: Path
    language: str = SOURCE
    explicit: bool = False  # asked for with --lang: it outranks the language kept in the settings
    loaded: dict[str, Story] = dataclasses.field(default_factory=dict)

    def use(self, language: str) -> None:
        """Answer in ``language`` from now on: the game's words, its values, and (with :meth:`story`) the story."""
        self.language = language
        catalogs.use(language)

    def load(self, language: str) -> LoadResult:
        """The story in ``language``, checked; its values shown as that language writes them."""
        from engine.loading.loader import load
        from engine.present.presenter import presenter

        result = load(self.root, story_language(self.root, language))
        if result.story is not None:
            result.story = presenter(language).localise(result.story)
        return result

    def story(self, language: str | None = None) -> Story | None:
        language = language or self.language
        if language not in self.loaded:
            story = self.load(language).story
            if story is None:
                return None
            self.loaded[language] = story
        return self.loaded[language]

    def keep(self, language: str, story: Story) -> None:
        """Remember ``story`` as the story in ``language`` (loaded already, or reloaded after an edit)."""
        self.loaded = {language: story}


def move(game: Game, story: Story) -> Game:
    """``game`` on the same story in another language: every state and step as it was."""
    from engine.core.game import Game

    return Game.from_dict(story, game.to_dict())
