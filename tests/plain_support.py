"""The plain player built in-process for tests, on a session as `relocant play --plain` builds it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from engine.core.game import Game
from engine.core.model import Story
from engine.frontends.plain.player import PlainPlayer
from engine.saves import SaveStore
from engine.session.play import Session


def session_for(story: Story, store: SaveStore | None = None) -> Session:
    """A session on ``store`` (a fresh temporary folder when None)."""
    if store is None:
        store = SaveStore(Path(tempfile.mkdtemp(prefix="relocant-test-")))
    return Session(story, store, store.folder, clock=lambda: 0.0)


def plain_player(game: Game, out: TextIO, store: SaveStore | None = None) -> PlainPlayer:
    """A plain player already playing ``game``, autosaving into ``store``."""
    session = session_for(game.story, store)
    session.take(game)
    return PlainPlayer(session, out)


def run_relocant(
    *args: str, input: str = "", home: Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`relocant ARGS` in a fresh process, its saves and settings under ``home``; never a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "RELOCANT_SAVES": str(home / "saves"),
            "RELOCANT_CONFIG": str(home / "settings.json"),
            **(env or {}),
        },
        cwd=cwd,
    )
    assert "Traceback" not in done.stderr
    return done
