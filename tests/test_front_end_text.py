"""How both front ends write story text: changes with their labels, emphasis
kept visible in plain text, and an amount never parted from its currency."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from app_support import make_app, run_async, screen_text

from engine.frontends.lines import break_offsets, wrap
from engine.frontends.plain.player import say

STORIES = Path(__file__).resolve().parent / "stories"
AMOUNTS = " ".join(f"{'w' * (i % 7 + 1)} {i + 1},{i:03d} ₸" for i in range(40))
SPLIT = re.compile(r"[\d,]+\s*[│▏▎▌|]*\s*\n[\s│▏▎▌|]*₸")  # a number ending a line, its sign starting the next


def story_with(tmp_path: Path, scenes_edit: dict[str, str], story_edit: dict[str, str] | None = None) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STORIES / "tiny", root)
    for name, edits in (("scenes.toml", scenes_edit), ("story.toml", story_edit or {})):
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits.items():
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return root


def plain(root: Path, keys: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "play",
            "--plain",
            "--story",
            str(root),
            "--saves",
            str(root.parent),
        ]
        + ["walk"],
        input=keys,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# ---------------------------------------------------------------- what a choice changed


DEBT = """
[variables.debt]
type = "integer"
default = 0
min = 0
label = "Owed to the landlord"
format = "{value} ₸"
show = "number"

[variables.record]
type = "boolean"
default = false
label = "Police record"
show = "flag"
"""


def test_plain_names_each_change_and_a_debt_never_reads_as_money_received(tmp_path: Path) -> None:
    root = story_with(
        tmp_path,
        {
            'effects = ["money -= 5", "papers += \'iin\'"]': 'effects = ["money -= 5", "papers += \'iin\'", '
            '"debt += 138000", "record = true"]'
        },
        {"[glossary.iin]": DEBT + "\n[glossary.iin]"},
    )
    text = plain(root, "1\n")
    assert "Changed: Money −5 ₸, Documents +IIN, Owed to the landlord +138,000 ₸, Police record: yes" in text
    assert "(+138,000 ₸" not in text and "; " not in text


# ---------------------------------------------------------------- emphasis


def test_plain_keeps_emphasis_visible(tmp_path: Path) -> None:
    root = story_with(tmp_path, {"You need an IIN.": "You need *an IIN before Monday*, **really**."})
    text = plain(root, "2\n")
    assert "It is *new*." in text  # the first visit
    assert "You are **back**." in text
    assert "You need *an IIN before Monday*, **really**." in text  # a glossary term inside does not break it


# ---------------------------------------------------------------- amounts


def test_our_wrapping_never_parts_an_amount_from_its_currency() -> None:
    for width in range(8, 60):
        lines = wrap(AMOUNTS, width)
        assert all(len(line) <= width for line in lines), width
        joined = "\n".join(lines)
        assert not SPLIT.search(joined), (width, joined)
        assert " ".join(lines).split() == AMOUNTS.split()  # nothing lost, nothing added


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("a " + "x" * 25 + " b", 10) == ["a", "x" * 10, "x" * 10, "xxxxx b"]
    assert break_offsets("short", 10) == []


def test_the_plain_player_wraps_amounts_whole() -> None:
    for width in (20, 33, 47):
        out = io.StringIO()
        say(out, AMOUNTS, width)
        assert not SPLIT.search(out.getvalue()), width


@run_async
async def test_the_game_keeps_amounts_whole_in_the_story_and_the_choices(tmp_path: Path) -> None:
    root = story_with(
        tmp_path,
        {
            "You need an IIN.": AMOUNTS,
            'text = "Rest"': 'text = "Rest: '
            + " ".join(f"{'w' * (i % 5 + 1)} {i},000 ₸" for i in range(12))
            + '"',
        },
    )
    for size in ((60, 40), (73, 40), (80, 40)):
        app = make_app(tmp_path / f"saves{size[0]}", story=root)
        async with app.run_test(size=size) as pilot:
            await pilot.press("n", "1")
            await pilot.pause()
            shown = screen_text(app)
            assert "w 1,000 ₸" in shown
            assert not SPLIT.search(shown), (size, shown)
