"""One game process per player, started the same way for everyone.

The command is built here from the server's own Python and paths, quoted for
the shell textual-serve runs it through; nothing a visitor sends goes into it.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import time
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

log = logging.getLogger("relocant.serve")


def game_command(python: str, story_dir: Path, saves: Path) -> str:
    """``relocant play`` for one player's folder, as one shell-quoted line.

    ``exec`` makes the game the process the server started (not a shell's
    child), so ending that process ends the game. ``-P`` keeps the current
    folder off ``sys.path``, so the game imports the same installed engine as
    the server, whatever folder it was started in.
    """
    argv = [python, "-P", "-m", "engine.cli", "play", "--story", str(story_dir), "--saves", str(saves)]
    return "exec " + shlex.join(argv)


class GameProcess(AppService):
    """textual-serve's process runner, knowing whose game it is and when they last typed."""

    def __init__(self, command: str, player: str, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.player = player
        self.last_input = time.monotonic()  # and from the game's first frame: starting is not idling
        self._drawn = False
        self._ending: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def on_data(self, payload: bytes) -> None:
        if not self._drawn:
            self._drawn = True
            self.last_input = time.monotonic()
        await super().on_data(payload)

    async def typed(self, data: str) -> None:
        self.last_input = time.monotonic()
        await self.send_bytes(data.encode("utf-8"))

    async def end(self, grace: float = 10.0) -> None:
        """Ask the game to quit (its autosave keeps the game); kill it if it has not within ``grace`` s.

        Safe to call from several places at once (the tab closing and the
        server stopping): they wait for one ending.
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        await asyncio.shield(self._ending)

    async def _end(self, grace: float) -> None:
        process = self._process
        try:
            await asyncio.wait_for(self.stop(), grace)
            if process is not None:
                await asyncio.wait_for(process.wait(), grace)
            return
        except TimeoutError:
            pass
        if process is not None and process.returncode is None:
            process.kill()
            try:
                await asyncio.wait_for(process.wait(), grace)
            except TimeoutError:
                log.error("game %s did not end when killed", process.pid)
