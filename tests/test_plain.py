"""The plain-text player, driven as a player would: text piped into the real
command, the screen read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TINY = Path(__file__).resolve().parent / "stories" / "tiny"


def play(*args: str, input: str, saves: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "play",
            "--plain",
            "--story",
            str(TINY),
            "--saves",
            str(saves),
            *args,
        ],
        input=input,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_full_journey_to_its_ending(tmp_path: Path) -> None:
    out = play("walk", input="2\n1\n1\n", saves=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "  2. [not available: needs an IIN and 50 ₸] Sign a lease" in out.stdout
    assert "(−5 ₸; +IIN)" in out.stdout
    assert out.stdout.rstrip().endswith(
        "THE END: Home (hopeful)\nType undo to go back a step, journal to read your decisions, or quit.\n>"
    )


def test_end_of_input_quits_cleanly(tmp_path: Path) -> None:
    out = play("walk", input="", saves=tmp_path)
    assert out.returncode == 0
    assert "== The gate ==" in out.stdout


def test_commands(tmp_path: Path) -> None:
    out = play(
        "walk",
        input="1\njournal\nundo\nstate\nglossary IIN\nsources\nhelp\nfrobnicate\n7\nquit\n2\n",
        saves=tmp_path,
    )
    assert out.returncode == 0
    text = out.stdout
    assert "1. Thursday, 24 February 2022, 18:00, The gate: You paid for the IIN." in text
    assert "(One step back.)" in text
    assert "  Money: 10 ₸" in text
    assert "IIN: A number." in text
    assert "- there is a gate (Somewhere)" in text
    assert "save NAME" in text
    assert "'frobnicate' is not a choice or a command" in text
    assert "You cannot choose that" in text
    assert "== Home ==" not in text  # nothing after quit was read


def test_choosing_a_journey_by_number(tmp_path: Path) -> None:
    out = play(input="1\n1\n", saves=tmp_path)
    assert out.returncode == 0
    assert "1. A walk" in out.stdout
    assert "== The office ==" in out.stdout


def test_an_unknown_journey_is_a_clear_error(tmp_path: Path) -> None:
    out = play("nowhere", input="", saves=tmp_path)
    assert out.returncode == 1
    assert "there is no journey 'nowhere'; journeys: walk" in out.stderr


def test_continue_cannot_be_combined_with_a_starting_point(tmp_path: Path) -> None:
    out = play("--continue", "--at", "office", input="", saves=tmp_path)
    assert out.returncode == 1
    assert "--continue resumes the newest save; it cannot be combined" in out.stderr


def test_each_journey_of_the_game_plays_to_an_ending_through_the_real_command(tmp_path: Path) -> None:
    """One scripted route per journey, typed as numbers into `relocant play --plain`."""
    import tomli

    from engine.core.game import Game
    from engine.loading.loader import load_story

    root = Path(__file__).resolve().parent.parent
    story = load_story(root / "story")
    for journey in story.journeys:
        routes = tomli.loads((root / "tests" / "routes" / f"{journey}.toml").read_text(encoding="utf-8"))[
            "route"
        ]
        route = next(r for r in routes if r["ending"] in story.endings)
        game = Game.start(story, journey, seed=route.get("seed", 1))
        numbers = []
        for choice in route["choices"]:
            numbers.append(next(c.number for c in game.view().choices if c.id == choice))
            game.choose(choice)
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "engine.cli",
                "play",
                "--plain",
                journey,
                "--seed",
                str(route.get("seed", 1)),
                "--saves",
                str(tmp_path / journey),
            ],
            input="".join(f"{n}\n" for n in numbers),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        ending = story.endings[route["ending"]].ending
        assert ending is not None
        assert f"THE END: {ending.title} ({ending.kind})" in out.stdout, journey
