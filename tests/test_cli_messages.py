"""The command line's own errors: one `relocant: error:` line, a hint saying what to do, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TINY = str(Path(__file__).resolve().parent / "stories" / "tiny")


@pytest.mark.parametrize(
    ("argv", "message", "hint"),
    [
        (["check", "{tmp}/nope"], "there is no story folder at", "relocant new story DIR"),
        (
            ["play", "--plain", "--story", "{tmp}/nope"],
            "there is no story folder at",
            "relocant new story DIR",
        ),
        (
            ["play", "--story", TINY, "--at", "gate"],
            "--at and --set work with --plain",
            "relocant play --plain --at",
        ),
        (
            ["play", "--plain", "--story", TINY, "--set", "money=3"],
            "--set needs --at SCENE",
            "--at SCENE --set",
        ),
        (
            ["play", "--plain", "--story", TINY, "--at", "zzzzzz"],
            "there is no scene 'zzzzzz'",
            "relocant graph",
        ),
        (["play", "--plain", "--story", TINY, "--continue", "walk"], "cannot be combined", "load NAME"),
        (
            ["play", "--plain", "--story", TINY, "wakl"],
            "there is no journey 'wakl'; journeys: walk",
            "`walk`",
        ),
        (["explore", "--story", TINY, "--journey", "wakl"], "there is no journey 'wakl'", "`walk`"),
        (["graph", "--story", TINY, "--journey", "wakl"], "there is no journey 'wakl'", "`walk`"),
        (["graph", "--story", TINY, "-o", "{tmp}/no/such/dir/g.dot"], "cannot write", "-o FILE"),
        (["replay", "--story", TINY], "give a playthrough FILE", "relocant replay tests/playthroughs"),
        (["replay", "--story", TINY, "--record", "{tmp}/p.toml"], "--record needs --journey", "--choices"),
        (
            ["replay", "--story", TINY, "--record", "{tmp}/p.toml", "--journey", "wakl"],
            "no journey 'wakl'",
            "`walk`",
        ),
        (["new", "scene", "x", "--story", TINY, "--in", "{tmp}/x.txt"], "is not a .toml file", "--in DIR/"),
        (
            ["new", "scene", "x", "--story", TINY, "--in", "{tmp}/x.toml"],
            "not inside the story folder",
            "--story",
        ),
    ],
)
def test_each_error_has_a_hint(argv: list[str], message: str, hint: str, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", *[a.format(tmp=tmp_path) for a in argv]],
        capture_output=True,
        text=True,
        input="",
        timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert lines[0].startswith("relocant: error: ") and message in lines[0], out.stderr
    assert lines[1].startswith("    hint: ") and hint in lines[1], out.stderr
