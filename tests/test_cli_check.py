"""relocant check: what it exits with, as its --help and docs/scene-format.md promise.

0: no errors (warnings reported, failing only with --strict); 1: errors, or
warnings with --strict, or no story folder; 2: a wrong command line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

STORIES = Path(__file__).resolve().parent / "stories"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "check", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """The tiny story with one warning: a variable declared and never used."""
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    with (folder / "story.toml").open("a") as f:
        f.write('\n[variables.spare]\ntype = "integer"\ndefault = 0\n')
    return folder


def test_warnings_alone_exit_0_and_are_shown(warned: Path) -> None:
    out = check(str(warned))
    assert out.returncode == 0, out.stdout
    assert "warning: " in out.stdout and "'spare'" in out.stdout
    assert out.stdout.rstrip().endswith("0 error(s), 1 warning(s)")


def test_strict_fails_on_warnings(warned: Path) -> None:
    out = check("--strict", str(warned))
    assert out.returncode == 1
    assert "'spare'" in out.stdout
    assert check("--strict", str(STORIES / "tiny")).returncode == 0


def test_errors_only_hides_warnings(warned: Path) -> None:
    out = check("--errors-only", str(warned))
    assert out.returncode == 0 and "warning: " not in out.stdout


def test_errors_exit_1(warned: Path) -> None:
    scenes = warned / "scenes.toml"
    scenes.write_text(scenes.read_text().replace('goto = "home"', 'goto = "hom"', 1))
    out = check(str(warned))
    assert out.returncode == 1 and "error: " in out.stdout


def test_a_missing_folder_exits_1_with_a_hint(tmp_path: Path) -> None:
    out = check(str(tmp_path / "nope"))
    assert out.returncode == 1
    assert "there is no story folder at" in out.stderr and "    hint: " in out.stderr


def test_a_wrong_command_line_exits_2() -> None:
    assert check("--strict", "--errors-only").returncode == 2
    assert check("--no-such-option").returncode == 2


def test_help_gives_the_exit_codes() -> None:
    out = check("--help")
    assert "exit status:" in out.stdout and "  2  the command line was wrong" in out.stdout
