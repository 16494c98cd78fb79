"""The Textual game. ``run`` is what ``relocant`` and ``relocant play`` call.

The story is loaded and checked before Textual starts, so a broken story
prints the checker's messages and returns 1, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run(
    story_dir: Path, saves: str | None, journey: str | None = None, resume: bool = False, watch: bool = False
) -> int:
    from engine import paths
    from engine.loader import load

    if not story_dir.is_dir():
        print(f"relocant: error: there is no story folder at {story_dir}", file=sys.stderr)
        return 1
    result = load(story_dir)
    if result.story is None:
        for diagnostic in result.errors:
            print(diagnostic.format(story_dir), file=sys.stderr)
        print(
            f"relocant: the story in {story_dir} has {len(result.errors)} error(s); "
            f"run `relocant check {story_dir}` for the full report.",
            file=sys.stderr,
        )
        return 1
    if journey is not None and journey not in result.story.journeys:
        names = ", ".join(result.story.journeys)
        print(f"relocant: there is no journey '{journey}'; journeys: {names}", file=sys.stderr)
        return 1

    from engine.app.app import RelocantApp
    from engine.app.session import Session
    from engine.saves import SaveStore

    folder = paths.saves_dir(saves)
    session = Session(result.story, SaveStore(folder), folder)
    app = RelocantApp(session, journey=journey, resume=resume, watch=story_dir if watch else None)
    app.run()
    return app.return_code or 0
