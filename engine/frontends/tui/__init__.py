"""The Textual game. ``run`` is what ``relocant`` and ``relocant play`` call.

The title screen is drawn first, from the story's heading (its title words,
read from story.toml), and the story is loaded and checked while it shows:
the engine, the loader and the story cost more than Textual itself, and the
player needs none of it to read the title. A command chosen before the story
is ready waits for it. A broken story ends the game, and the checker's
messages are printed once the terminal is back, with exit status 1: never a
traceback. A story whose heading cannot be read is loaded before Textual
starts, which reports what is wrong the same way.
"""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from engine.frontends.language import Languages
    from engine.loading.heading import Heading
    from engine.session.play import Session


class Opening(NamedTuple):
    """What the title shows while the story loads, and how to load it (in a thread): the
    session, or the report to print when the story cannot be played."""

    heading: Heading
    folder: Path  # the story's saves folder (where a served player's settings are kept too)
    load: Callable[[], Session | str]


def load_session(
    story_dir: Path, saves: str | None, languages: Languages, journey: str | None = None
) -> Session | str:
    """The story loaded and checked, in a session on its saves folder; else what stops it, as
    ``relocant check`` says it."""
    from engine.frontends.language import story_language
    from engine.frontends.report import load_and_report
    from engine.loading import paths

    report = io.StringIO()
    story = load_and_report(story_dir, report, story_language(story_dir, languages.language))
    if story is None:
        return report.getvalue()
    if journey is not None and journey not in story.journeys:
        names = ", ".join(story.journeys)
        return f"relocant: there is no journey '{journey}'; journeys: {names}\n"

    from engine.saves import SaveStore
    from engine.session.play import Session

    folder = paths.story_saves_dir(story.id, saves)
    languages.keep(languages.language, story)
    return Session(story, SaveStore(folder), folder)


def run(
    story_dir: Path,
    saves: str | None,
    journey: str | None = None,
    resume: bool = False,
    watch: bool = False,
    languages: Languages | None = None,
    first_frame: bool = False,
) -> int:
    """Play; ``first_frame``: headless, quitting once the title screen is drawn (to time start-up)."""
    # Nothing is collected until the first frame (the app turns collecting back on): starting
    # makes many long-lived objects (Textual's modules, the stylesheets, the screen) and next
    # to no garbage, and the collections rescanned them all, a full one among them.
    gc.disable()
    try:
        return _run(story_dir, saves, journey, resume, watch, languages, first_frame)
    finally:
        gc.enable()


def _run(
    story_dir: Path,
    saves: str | None,
    journey: str | None,
    resume: bool,
    watch: bool,
    languages: Languages | None,
    first_frame: bool,
) -> int:
    from engine.frontends.language import Languages, story_language
    from engine.loading import paths
    from engine.loading.heading import heading

    languages = languages or Languages(story_dir)
    chosen = languages

    def load() -> Session | str:
        return load_session(story_dir, saves, chosen, journey)

    words = heading(story_dir, story_language(story_dir, languages.language)) if story_dir.is_dir() else None
    session: Session | None = None
    if words is None:
        loaded = load()
        if isinstance(loaded, str):
            sys.stderr.write(loaded)
            return 1
        session = loaded

    from engine.frontends.tui.app import RelocantApp

    app = RelocantApp(
        session,
        journey=journey,
        resume=resume,
        watch=story_dir if watch else None,
        languages=languages,
        opening=Opening(words, paths.story_saves_dir(words.id, saves), load) if words is not None else None,
    )
    app.quit_after_first_frame = first_frame
    app.run(headless=first_frame)
    if app.report:
        sys.stderr.write(app.report)
    return app.return_code or 0
