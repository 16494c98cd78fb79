"""relocant new story DIR: a story that checks clean and plays to its ending, as the tutorial says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.loading.loader import load


def relocant(*args: str, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        timeout=120,
    )


def test_a_new_story_checks_clean_and_plays_to_its_ending(tmp_path: Path) -> None:
    made = relocant("new", "story", "my-story", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "my-story"
    assert sorted(p.name for p in folder.iterdir()) == ["scenes.toml", "story.toml"]
    assert "cd my-story" in made.stdout
    checked = relocant("check", "--strict", cwd=folder)
    assert checked.returncode == 0, checked.stdout
    assert (
        checked.stdout.strip() == f"{folder}: 4 scenes, 1 journey(s), 1 ending(s); 0 error(s), 0 warning(s)"
    )
    played = relocant("play", "--plain", "--saves", str(tmp_path / "saves"), cwd=folder, input="1\n" * 6)
    assert played.returncode == 0, played.stderr
    assert "My story: A short story in four scenes" in played.stdout
    assert "THE END: A room of your own (hopeful)" in played.stdout


def test_explore_finds_nothing_to_report_in_a_new_story(tmp_path: Path) -> None:
    """Every state reached: no dead end, no loop without a way out, no choice never taken."""
    assert relocant("new", "story", "s", cwd=tmp_path).returncode == 0
    out = relocant("explore", "--no-cache", cwd=tmp_path / "s")
    assert out.returncode == 0, out.stdout
    assert "Explored 's' exhaustively" in out.stdout and out.stdout.rstrip().endswith(
        "0 error(s), 0 warning(s)."
    )


def test_the_id_and_title_come_from_the_folder_or_the_options(tmp_path: Path) -> None:
    assert relocant("new", "story", "Long-Road 2", cwd=tmp_path).returncode == 0
    story = load(tmp_path / "Long-Road 2").story
    assert story is not None and (story.id, story.title) == ("long_road_2", "Long road 2")
    made = relocant("new", "story", "t", "--id", "trip", "--title", 'The "road" – east', cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    story = load(tmp_path / "t").story
    assert story is not None and (story.id, story.title) == ("trip", 'The "road" – east')


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "story", "full"], "full already exists and is not an empty folder"),
        (["new", "story", "inside/deeper"], "is inside the story"),
        (["new", "story", "x", "--id", "9lives"], "'9lives' is not a valid story id"),
        (["new", "story", "x", "--title", "bad\x1b[2J"], "the title holds a control character"),
    ],
)
def test_refusals_are_messages_and_write_nothing(tmp_path: Path, argv: list[str], message: str) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    assert relocant("new", "story", "inside", cwd=tmp_path).returncode == 0
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    out = relocant(*argv, cwd=tmp_path)
    assert out.returncode == 1
    assert message in out.stderr and "Traceback" not in out.stderr
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
