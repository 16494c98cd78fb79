"""Starting `relocant`: only the command being run is imported, and the game can be
started headless to quit after its first frame (how start-up is timed from outside)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import COMMANDS, command_named

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        ([], None),
        (["--saves", "play", "--story", "check"], None),  # option values are not commands
        (["play", "--plain"], "play"),
        (["--saves", "x", "check", "story"], "check"),
        (["--help"], True),
        (["saves", "--help"], "saves"),
        (["frobnicate"], True),  # argparse must know every command to say what there is
    ],
)
def test_the_command_named_is_found_without_importing_the_others(argv: list[str], named: object) -> None:
    assert command_named(argv) == named


def modules_after(*argv: str) -> set[str]:
    code = (
        "import sys, io, contextlib\n"
        "from engine.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main({list(argv)!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_a_command_imports_no_other_command() -> None:
    loaded = modules_after("check", str(ROOT / "tests" / "stories" / "tiny"))
    assert "engine.cli.check" in loaded
    others = {f"engine.cli.{name}" for name in COMMANDS if name != "check"} & loaded
    assert others == set()
    assert "textual" not in loaded and "engine.tools.explore" not in loaded


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_the_game_starts_headless_and_quits_after_its_first_frame(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", "--saves", str(tmp_path), "--first-frame"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
