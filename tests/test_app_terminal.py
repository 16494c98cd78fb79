"""The installed ``relocant`` in a real terminal (tmux): start, play, quit, continue."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

STORY = Path(__file__).resolve().parent / "stories" / "trio"
RELOCANT = Path(sys.executable).parent / "relocant"


@pytest.fixture(autouse=True)
def _tmux() -> None:
    """The terminal tests need tmux; without it they fail, they are not skipped."""
    assert shutil.which("tmux"), "these tests drive a real terminal through tmux: apt-get install tmux"


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True, check=True
        ).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.3)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@pytest.fixture
def run_relocant(tmp_path: Path) -> Iterator[object]:
    names: list[str] = []

    def start(*args: str) -> Terminal:
        name = f"relocant-test-{uuid.uuid4().hex[:8]}"
        names.append(name)
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME")}
        settings = tmp_path / "settings.json"  # never the player's own (a running tmux server keeps its env)
        command = (
            " ".join(
                [
                    f"RELOCANT_CONFIG={settings}",
                    str(RELOCANT),
                    *args,
                    "--story",
                    str(STORY),
                    "--saves",
                    str(tmp_path),
                ]
            )
            + "; echo RELOCANT-EXIT=$?; sleep 60"
        )
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", "90", "-y", "28", command], env=env, check=True
        )
        return Terminal(name)

    yield start
    for name in names:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_the_installed_command_plays_saves_and_continues(run_relocant: object) -> None:
    term = run_relocant()  # type: ignore[operator]
    term.wait_for("New journey")
    term.keys("n")
    term.wait_for("1. North")
    term.keys("2")
    # The choices are drawn last (lowest on the screen): once they show, so does the rest.
    shown = term.wait_for("1. Wait for your number")
    assert "The public service centre" in shown and "Monday, 14 March 2022, 09:00" in shown
    term.keys("1")
    shown = term.wait_for("«Келесі», she calls.")  # Cyrillic and Kazakh letters come through
    term.keys("C-q")
    term.wait_for("RELOCANT-EXIT=0")

    again = run_relocant()  # type: ignore[operator]
    again.wait_for("Continue: South, The window")
    again.keys("c")
    again.wait_for("Take the paper with the number")
    again.keys("1")
    shown = again.wait_for("THE END")
    assert "You have found 1 of the story's 4 endings." in shown
    again.keys("Enter")
    again.wait_for("New journey")
    again.keys("q")
    again.wait_for("RELOCANT-EXIT=0")


def test_a_broken_story_prints_the_checker_messages_and_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "story.toml").write_text(
        '[story]\nid = "x"\ntitle = "X"\nversion = "1"\n\n'
        '[[journey]]\nid = "j"\ntitle = "J"\nblurb = "b"\nstart = "a"\n',
        encoding="utf-8",
    )
    (broken / "scenes.toml").write_text(
        '[[scene]]\nid = "a"\ntitle = "A"\ntext = "A."\n\n[[scene.choice]]\ntext = "On"\ngoto = "nowhere"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(RELOCANT), "--story", str(broken), "--saves", str(tmp_path / "saves")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "scenes.toml:" in result.stderr and "'nowhere', which is not a scene" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
