"""Building the Textual app for tests: fixed seed, clock, theme and no blinking.

Snapshots must not flake, so every app made here has animations off, the
dark theme, no blinking cursor and a play clock that stands still.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

from rich.console import Console
from textual.app import App

from engine.core.model import Story
from engine.frontends.language import Languages
from engine.frontends.tui.app import RelocantApp
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.session.play import Session
from engine.session.settings import Settings

STORIES = Path(__file__).resolve().parent / "stories"
P = ParamSpec("P")


def make_app(saves: Path, story: Path = STORIES / "trio", seed: int = 7, **kwargs: object) -> RelocantApp:
    """The game on ``saves``, with its settings file beside that folder (never the player's own)."""
    return _app(load_story(story), saves, seed, **kwargs)


def language_app(saves: Path, story: Path, language: str, explicit: bool = False) -> RelocantApp:
    """:func:`make_app`, played in ``language`` (``explicit``: as if asked for with ``--lang``)."""
    languages = Languages(story, explicit=explicit)
    languages.use(language)
    loaded = languages.story(language)
    assert loaded is not None
    return _app(loaded, saves, 7, languages=languages)


def _app(story: Story, saves: Path, seed: int, **kwargs: object) -> RelocantApp:
    session = Session(story, SaveStore(saves), saves, clock=lambda: 0.0)
    kwargs.setdefault("settings", Settings(settings_path(saves)))
    app = RelocantApp(session, seed=seed, **kwargs)  # type: ignore[arg-type]
    app.blink = False
    app.animation_level = "none"
    app.theme = "textual-dark"
    return app


def settings_path(saves: Path) -> Path:
    return saves.parent / f"{saves.name}-settings.json"


def freeze_save_times(saves: Path) -> None:
    """Give the saves fixed saved-at times, in their order, so a screenshot of the list is stable."""
    docs = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in saves.glob("*.save.json")]
    docs.sort(key=lambda pair: pair[1]["saved_at"])
    for minute, (path, doc) in enumerate(docs):
        doc["saved_at"] = f"2026-01-02T10:{minute:02d}:00.000000+00:00"
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def run_async(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def notices(app: App[Any]) -> str:
    """What the current screen's notice line says, and any toast."""
    from engine.frontends.tui.widgets.notice import Notice

    lines = [notice.text for notice in app.screen.query(Notice)]
    lines += [str(n.message) for n in app._notifications]
    return "\n".join(lines)


def notice_severity(app: App[Any]) -> str:
    from engine.frontends.tui.widgets.notice import Notice

    found = app.screen.query(Notice)
    return found.first().severity if found else ""


def screen_text(app: App[Any]) -> str:
    """The whole terminal as the player sees it now, as plain text, one line per row."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)
