"""The plain-text player, driven as a player would: text piped into the real
command, the screen read back."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import attrs
from plain_support import session_for

from engine.core.controls import find_control
from engine.core.game import Game
from engine.core.model import Story
from engine.core.text import parse_template
from engine.frontends.plain.opening import Opening
from engine.frontends.plain.player import PlainPlayer
from engine.saves import SaveStore

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
    assert "Changed: Money −5 ₸, Documents +IIN" in out.stdout  # each change with its label
    assert out.stdout.rstrip().endswith(
        "THE END: Home (hopeful)\nYou have found 1 of the story's 1 endings.\n"
        "Type undo to go back a step, journal to read your decisions, or quit.\n>"
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


# ---------------------------------------------------------------- odd input


def test_digits_that_are_not_a_number_and_huge_numbers_are_answered(tmp_path: Path) -> None:
    """`²` passes str.isdigit() and 5,000 digits pass int()'s limit: both must be plain replies."""
    huge = "9" * 5000
    out = play(input=f"²\n{huge}\n1\n²\n{huge}\n0\n", saves=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    text = out.stdout
    assert "'²' is not a journey or a command" in text
    assert "There is no journey with that number: type a number from 1 to 1." in text
    assert "== The gate ==" in text
    assert "'²' is not a choice or a command" in text
    assert "You cannot choose that: there is no choice with that number here." in text
    assert "You cannot choose that: there is no choice 0 here." in text


def test_the_journey_prompt_answers_commands(tmp_path: Path) -> None:
    out = play(
        input="help\njournal\nglossary IIN\nsaves\nlook\nload nothing\nwalk\nsave s1\nquit\n", saves=tmp_path
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Type a number" not in text
    assert "load NAME       go on with the game saved in NAME" in text  # help
    assert "There is no game yet: choose a journey first" in text  # journal
    assert "IIN: A number." in text
    assert "No saved games." in text
    assert text.count("1. A walk") == 2  # look lists them again
    assert "no save" in text.lower() and "nothing" in text  # load of a missing slot, then the prompt again
    assert "== The gate ==" in text  # a journey's id chooses it
    assert "Saved as 's1'." in text
    again = play(input="load s1\n1\n", saves=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Loaded 's1'." in again.stdout and "== The office ==" in again.stdout


def test_quit_at_the_journey_prompt_ends_quietly(tmp_path: Path) -> None:
    for word in ("quit", "q", "exit", "QUIT"):
        out = play(input=f"{word}\n1\n", saves=tmp_path)
        assert out.returncode == 0 and "== The gate ==" not in out.stdout, word


def test_a_story_without_subtitle_or_places_lists_no_empty_parts(tmp_path: Path) -> None:
    out = play(input="", saves=tmp_path)
    assert out.stdout.startswith("Tiny\n")
    assert "  1. A walk\n" in out.stdout  # no "( ; )"


# ---------------------------------------------------------------- control characters

ESCAPES = "\x1b]0;PWN\x07\x1b[2J\x9b"


def test_control_characters_from_a_story_reach_the_screen_escaped(tiny: Story, tmp_path: Path) -> None:
    """Whatever the checker lets through, the plain player writes no raw control character."""
    gate = tiny.scenes["gate"]
    choice = attrs.evolve(gate.choices[0], text=parse_template(f"Pay{ESCAPES}", {}))
    scenes = {
        **tiny.scenes,
        "gate": attrs.evolve(
            gate, title=f"Gate{ESCAPES}", location=f"Almaty{ESCAPES}", choices=(choice, *gate.choices[1:])
        ),
    }
    journeys = {"walk": attrs.evolve(tiny.journeys["walk"], title=f"Walk{ESCAPES}", blurb=f"Blurb{ESCAPES}")}
    glossary = {"iin": attrs.evolve(tiny.glossary["iin"], text=f"A number{ESCAPES}")}
    story = attrs.evolve(
        tiny,
        title=f"Tiny{ESCAPES}",
        subtitle=f"Sub{ESCAPES}",
        content_note=f"Note{ESCAPES}",
        scenes=scenes,
        journeys=journeys,
        glossary=glossary,
    )
    out = io.StringIO()
    session = session_for(story, SaveStore(tmp_path))
    opened = Opening(session, out).run(io.StringIO("glossary\n1\n"))
    assert opened and session.game is not None and session.game.state.journey == "walk"
    player = PlainPlayer(session, out)
    player.run(io.StringIO("glossary\n1\njournal\n"))
    text = out.getvalue()
    assert "Tiny\\x1b]0;PWN\\x07\\x1b[2J\\x9b" in text and "== Gate\\x1b" in text and "Pay\\x1b" in text
    assert find_control(text) is None


def test_control_characters_from_a_save_reach_the_screen_escaped(tmp_path: Path) -> None:
    """A save file is not trusted either: its titles are listed by `saves`."""
    saves = tmp_path / "saves"
    assert play("walk", input="save s1\nquit\n", saves=saves).returncode == 0
    path = saves / "s1.save.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["meta"]["journey_title"] = f"Walk{ESCAPES}"
    doc["meta"]["scene_title"] = f"Gate{ESCAPES}"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = play("walk", input="saves\nload s1\n", saves=saves)
    assert "Traceback" not in out.stderr
    assert "s1" in out.stdout
    assert find_control(out.stdout) is None and find_control(out.stderr) is None


def test_the_journey_list_gives_when_then_where_as_the_textual_list_does() -> None:
    """In Russian «(Март 2022 — 2023 · Алматы)», not «(Алматы; Март…)» with a capital after «;»."""
    from engine.loading.loader import load_story

    story = load_story(Path(__file__).resolve().parent.parent / "story")
    out = io.StringIO()
    Opening(session_for(story), out).show()
    assert "1. The Square (24 February – March 2022 · Moscow → Novosibirsk → Almaty)" in out.getvalue()
    assert "3. The Number (March 2022 – 2023 · Almaty)" in out.getvalue()
