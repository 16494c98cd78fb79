"""Files the commands read besides the story are not trusted either: a tampered explore
cache or playthrough gives no traceback and puts no raw control character on the terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest

from engine.cli import main
from engine.core.controls import find_control
from engine.tools.replay import dumps, read

STORIES = Path(__file__).resolve().parent / "stories"
ESC = "\x1b]0;PWN\x07\x1b[2J"


@pytest.mark.parametrize(
    "change",
    [
        {"random_runs": "many"},
        {"cut_by": 7},
        {"mode": ESC},
        {"scene_counts": {"gate": "x", ESC: 3, "home": 2}},
        {"random_visits": {"office": 1.5}},
    ],
    ids=["runs-text", "cut-by-number", "mode-escape", "counts-odd", "visits-float"],
)
def test_stats_survives_a_tampered_explore_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object]
) -> None:
    tiny = str(STORIES / "tiny")
    cache = tmp_path / "explore.json"
    assert main(["explore", tiny, "--cache", str(cache)]) == 0
    cache.write_text(json.dumps({**json.loads(cache.read_text()), **change}))
    capsys.readouterr()
    assert main(["stats", tiny, "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "Tiny: 3 scenes" in out and find_control(out) is None


def test_replay_shows_a_tampered_playthrough_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    target = tmp_path / "p.toml"
    argv = [
        "replay",
        "--story",
        str(folder),
        "--record",
        str(target),
        "--journey",
        "walk",
        "--choices",
        "gate->office",
    ]
    assert main(argv) == 0
    recorded = read(target)
    screens = (recorded.screens[0].replace("== The gate ==", "== The gate\x1b[2J =="), *recorded.screens[1:])
    target.write_text(dumps(attrs.evolve(recorded, screens=screens), str(target)))
    capsys.readouterr()
    assert main(["replay", "--story", str(folder), str(target)]) == 1
    out = capsys.readouterr().out
    assert "-== The gate\\x1b[2J ==" in out and find_control(out) is None
