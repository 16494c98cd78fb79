"""The Textual game. ``run`` is what ``relocant`` and ``relocant play`` call.

The story is loaded and checked before Textual starts, so a broken story
prints the checker's messages and returns 1, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.frontends.language import Languages


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
    from engine.frontends.language import Languages, story_language
    from engine.frontends.report import load_and_report
    from engine.loading import paths

    languages = languages or Languages(story_dir)
    story = load_and_report(story_dir, sys.stderr, story_language(story_dir, languages.language))
    if story is None:
        return 1
    if journey is not None and journey not in story.journeys:
        names = ", ".join(story.journeys)
        print(f"relocant: there is no journey '{journey}'; journeys: {names}", file=sys.stderr)
        return 1

    from engine.frontends.tui.app import RelocantApp
    from engine.saves import SaveStore
    from engine.session.play import Session

    folder = paths.story_saves_dir(story.id, saves)
    session = Session(story, SaveStore(folder), folder)
    languages.keep(languages.language, story)
    app = RelocantApp(
        session, journey=journey, resume=resume, watch=story_dir if watch else None, languages=languages
    )
    app.quit_after_first_frame = first_frame
    app.run(headless=first_frame)
    return app.return_code or 0
