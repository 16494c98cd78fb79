"""The two front ends, driven the same way for the play-session tests.

A sitting is a list of steps a player takes, in the words of
:data:`STEPS`; each front end turns them into what its player types or
presses: the plain player reads them as lines on its standard input (the
real ``relocant play --plain``), the Textual game as keys through Pilot.
Both play the story ``story`` with their saves in ``saves``.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from app_support import make_app, screen_text

STEPS = (
    "new N",  # at the start of a sitting: the journey with that number
    "continue",  # at the start of a sitting: go on with the last game
    "choose N",
    "undo",
    "save NAME",
    "load NAME",
    "quicksave",
    "quickload",
    "keep",  # answers to "your game in progress would be replaced"
    "replace",
    "cancel",
)


class PlainFront:
    name = "plain"

    def sit(self, story: Path, saves: Path, steps: list[str]) -> str:
        """Play a sitting; return everything the player was shown."""
        lines = [self.line(step) for step in steps]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "engine.cli",
                "play",
                "--plain",
                "--story",
                str(story),
                "--saves",
                str(saves),
            ],
            input="".join(f"{line}\n" for line in lines) + "quit\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    @staticmethod
    def line(step: str) -> str:
        word, _, rest = step.partition(" ")
        return {
            "new": rest,
            "choose": rest,
            "keep": "k",
            "replace": "r",
            "cancel": "",
        }.get(word, step)


class TextualFront:
    name = "textual"

    def sit(self, story: Path, saves: Path, steps: list[str]) -> str:
        return asyncio.run(self._sit(story, saves, steps))

    async def _sit(self, story: Path, saves: Path, steps: list[str]) -> str:
        from engine.frontends.tui.screens.saves import SavesScreen

        app = make_app(saves, story=story)
        shown: list[str] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for step in steps:
                word, _, rest = step.partition(" ")
                if word == "load":
                    await pilot.press("l")
                    await pilot.pause()
                    assert isinstance(app.screen, SavesScreen)
                    slots = [m.slot for m in app.screen.metas]
                    await pilot.press(*["down"] * slots.index(rest), "enter")
                elif word == "save":
                    await pilot.press("s", *rest, "enter")
                else:
                    keys = {
                        "new": ["n", rest],
                        "continue": ["c"],
                        "choose": [rest],
                        "undo": ["u"],
                        "quicksave": ["f5"],
                        "quickload": ["f9"],
                        "keep": ["k"],
                        "replace": ["r"],
                        "cancel": ["escape"],
                    }[word]
                    await pilot.press(*keys)
                await pilot.pause()
                shown.append(screen_text(app))
            await pilot.press("ctrl+q")
            await pilot.pause()
        return "\n".join(shown)


FRONTS = (PlainFront(), TextualFront())
