"""Which story and which saves folder a command works on, wherever the options stand.

The rule (docs/writing-scenes.md, "The commands"): `--story DIR` or a
STORY_DIR argument names the story; else it is the story you stand in, the
nearest folder upwards holding story.toml or story/story.toml; else the
game's own. `--story` and `--saves` may stand before or after a command and
its action.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import build_parser
from engine.loading import paths

STORIES = Path(__file__).resolve().parent / "stories"


def relocant(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    (folder / "more").mkdir()
    return folder


def summary_of(out: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in out.stderr, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_check_inside_a_story_folder_checks_that_story(tiny: Path) -> None:
    out = relocant("check", cwd=tiny)
    assert summary_of(out).startswith(f"{tiny}: 3 scenes, 1 journey(s)"), out.stdout
    assert out.returncode == 0


def test_check_in_a_subfolder_of_a_story_checks_that_story(tiny: Path) -> None:
    out = relocant("check", cwd=tiny / "more")
    assert summary_of(out).startswith(f"{tiny}: 3 scenes"), out.stdout


def test_check_beside_a_story_folder_named_story_checks_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(STORIES / "tiny", project / "story")
    out = relocant("check", cwd=project)
    assert summary_of(out).startswith(f"{project / 'story'}: 3 scenes"), out.stdout


def test_a_named_story_wins_over_the_one_you_stand_in(tiny: Path) -> None:
    other = STORIES / "trio"
    for argv in (["check", str(other)], ["check", "--story", str(other)], ["--story", str(other), "check"]):
        out = relocant(*argv, cwd=tiny)
        assert summary_of(out).startswith(f"{other}:"), (argv, out.stdout)


def test_outside_any_story_the_game_story_is_checked(tmp_path: Path) -> None:
    out = relocant("check", cwd=tmp_path)
    assert summary_of(out).startswith(f"{paths.default_story_dir()}:"), out.stdout


def test_play_and_explore_use_the_story_you_stand_in(tiny: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", "play", "--plain", "walk", "--saves", str(tmp_path / "s")],
        input="",
        capture_output=True,
        text=True,
        cwd=tiny,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "== The gate ==" in out.stdout
    out = relocant("explore", "--no-cache", cwd=tiny)
    assert "Explored 'tiny' exhaustively" in out.stdout, out.stdout + out.stderr


def test_new_scene_adds_to_the_story_its_file_is_in(tiny: Path) -> None:
    out = relocant("new", "scene", "cafe", "--in", "tiny/cafe.toml", "--to", "home", cwd=tiny.parent)
    assert out.returncode == 0, out.stderr
    assert "Added the scene 'cafe' to tiny/cafe.toml" in out.stdout
    assert 'goto = "home"' in (tiny / "cafe.toml").read_text()


# ---------------------------------------------------------------- option positions


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


def test_every_command_and_action_takes_story_and_saves() -> None:
    parser, _ = build_parser()
    seen = list(parsers(parser))
    assert ("saves", "list") in [p for p, _ in seen] and ("new", "scene") in [p for p, _ in seen]
    for path, sub in seen:
        for option in ("--story", "--saves"):
            assert option in sub._option_string_actions, (path, option)


@pytest.fixture
def saved(tiny: Path, tmp_path: Path) -> Path:
    """A saves folder holding one game of the tiny story, saved as 'here' (and its autosave)."""
    saves = tmp_path / "mine"
    played = subprocess.run(
        [sys.executable, "-m", "engine.cli", "play", "--plain", "walk", "--saves", str(saves)],
        input="save here\n",
        capture_output=True,
        text=True,
        cwd=tiny,
        timeout=120,
    )
    assert played.returncode == 0, played.stderr
    return saves


@pytest.mark.parametrize(
    "argv",
    [
        ["--saves", "{d}", "saves", "list"],
        ["saves", "--saves", "{d}", "list"],
        ["saves", "list", "--saves", "{d}"],
    ],
)
def test_saves_folder_before_or_after_the_command_and_action(
    argv: list[str], saved: Path, tmp_path: Path
) -> None:
    out = relocant(*[a.format(d=saved) for a in argv], cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("here — A walk, The gate"), out.stdout


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["--story", "{s}", "saves", "check", "--saves", "{d}"], "2 save(s) of tiny; 0 would not load"),
        (["saves", "--story", "{s}", "--saves", "{d}", "check"], "2 save(s) of tiny; 0 would not load"),
        (["saves", "check", "--story", "{s}", "--saves", "{d}"], "2 save(s) of tiny; 0 would not load"),
        (["new", "--story", "{s}", "scene", "cafe", "--in", "{s}/cafe.toml"], "Added the scene 'cafe'"),
        (["--story", "{s}", "stats", "--runs", "1"], "Tiny: 3 scenes"),
        (["graph", "--story", "{s}"], '"gate"'),
    ],
)
def test_story_option_before_or_after_the_command(
    argv: list[str], shown: str, tiny: Path, saved: Path, tmp_path: Path
) -> None:
    out = relocant(*[a.format(s=tiny, d=saved) for a in argv], cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert shown in out.stdout, out.stdout


def test_messages_name_files_as_seen_from_where_you_stand(tiny: Path) -> None:
    """Standing in the story (or below it), a problem's file:line opens from there."""
    scenes = tiny / "scenes.toml"
    scenes.write_text(scenes.read_text().replace('goto = "home"', 'goto = "hom"', 1))
    out = relocant("check", cwd=tiny)
    assert out.returncode == 1
    assert out.stdout.startswith("scenes.toml:"), out.stdout
    line = int(out.stdout.split(":")[1])
    assert 'goto = "hom"' in scenes.read_text().splitlines()[line - 1]
    below = relocant("check", cwd=tiny / "more")
    assert below.stdout.startswith("../scenes.toml:"), below.stdout
    assert summary_of(below).startswith(f"{tiny}: the story could not be built")
