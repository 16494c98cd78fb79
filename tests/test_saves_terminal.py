"""Text from a save reaches the terminal with its control characters shown, never obeyed.

A shared save file can hold an escape sequence in any text field; printed raw
it would retitle the terminal, clear it, or worse.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
RELOCANT = str(Path(sys.executable).with_name("relocant"))
ATTACK = "\x1b]0;PWN\x07\x1b[2J\x9b31m"
SHOWN = "\\x1b]0;PWN\\x07\\x1b[2J\\x9b31m"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


def relocant(*args: str, saves: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RELOCANT_SAVES"}
    return subprocess.run(
        [RELOCANT, *args, "--saves", str(saves)], capture_output=True, text=True, timeout=60, env=env
    )


def clean(done: subprocess.CompletedProcess[str]) -> None:
    assert not CONTROL.search(done.stdout), done.stdout
    assert not CONTROL.search(done.stderr), done.stderr


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A save file whose every shown text field carries an escape sequence."""
    game = Game.start(load_story(STORY_DIR), "city", seed=1)
    game.choose("market")
    store = SaveStore(tmp_path / "theirs")
    store.save("shared", game, 1)
    doc = json.loads(store.path("shared").read_text("utf-8"))
    doc["slot"] = f"x{ATTACK}"
    doc["saved_at"] = ATTACK
    doc["meta"].update(journey_title=ATTACK, scene_title=ATTACK, scene_id=ATTACK)
    doc["story"]["version"] = ATTACK
    path = tmp_path / "shared.save.json"
    path.write_text(json.dumps(doc), "utf-8")
    return path


def test_list_shows_titles_and_times_escaped(hostile: Path, tmp_path: Path) -> None:
    saves = tmp_path / "mine"
    saves.mkdir()
    (saves / "shared.save.json").write_bytes(hostile.read_bytes())
    done = relocant("saves", "list", saves=saves)
    assert done.returncode == 0, done.stderr
    clean(done)
    assert f"shared — {SHOWN}, {SHOWN} — Wednesday, 21 September 2022, 08:30 — saved {SHOWN}" in done.stdout


def test_import_shows_the_files_own_name_escaped_when_it_refuses_it(hostile: Path, tmp_path: Path) -> None:
    done = relocant("saves", "import", str(hostile), "--story", str(STORY_DIR), saves=tmp_path / "mine")
    assert done.returncode == 1
    clean(done)
    assert done.stderr.startswith(
        "relocant: The save name 'x\\x1b]0;PWN\\x07\\x1b[2J\\x9b31m' cannot contain "
    )
    assert done.stderr.endswith(f"Give the save a name: relocant saves import {hostile} NAME\n")
    assert not (tmp_path / "mine").exists()


def test_import_under_a_name_prints_the_imported_save_escaped(hostile: Path, tmp_path: Path) -> None:
    done = relocant("saves", "import", str(hostile), "ok", "--story", str(STORY_DIR), saves=tmp_path / "mine")
    assert done.returncode == 0, done.stderr
    clean(done)
    assert done.stdout.startswith(f"Imported as 'ok': ok — {SHOWN}, {SHOWN} — ")


def test_show_and_check_print_the_save_escaped(hostile: Path, tmp_path: Path) -> None:
    saves = tmp_path / "mine"
    saves.mkdir()
    (saves / "shared.save.json").write_bytes(hostile.read_bytes())
    done = relocant("saves", "show", "shared", "--story", str(STORY_DIR), saves=saves)
    clean(done)
    assert f"Scene:            {SHOWN} ({SHOWN})" in done.stdout
    assert f"Story:            saves_loop version {SHOWN} (" in done.stdout
    done = relocant("saves", "check", "--story", str(STORY_DIR), saves=saves)
    clean(done)


def test_an_error_naming_a_bad_slot_is_escaped(tmp_path: Path) -> None:
    done = relocant("saves", "show", "a\x1b[2Jb", saves=tmp_path)
    assert done.returncode == 1
    clean(done)
    assert "\\x1b" in done.stderr
