"""A choice's reply: checked at load, rendered once the choice is taken, and
shown by every front end, replays and the journal; undo takes it away."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from app_support import make_app, notices, run_async, screen_text

from engine.core.game import Game
from engine.frontends.tui.screens.journal import JournalScreen
from engine.frontends.tui.widgets.passage import Reply
from engine.frontends.tui.widgets.transcript import Transcript
from engine.loading.loader import load, load_story
from engine.saves import SaveStore
from engine.tools.replay import compare, dumps, loads, play

STORIES = Path(__file__).resolve().parent / "stories"
REPLIES = STORIES / "replies"
PAID = "The clerk counts the coins twice. 5 ₸ left."
STAMPED = "She stamps the form without looking up."
MARKED = "The clerk counts the coins twice. *5 ₸ left.*"  # as the plain player writes it: emphasis shown


def replies_in(app: Any) -> list[Reply]:
    """The replies the story pane shows."""
    return [e for e in app.screen.query_one(Transcript).entries if isinstance(e, Reply)]


def with_reply(tmp_path: Path, reply: str) -> Path:
    """The replies story with the first choice's reply replaced by ``reply`` (a TOML line)."""
    root = tmp_path / "story"
    shutil.copytree(REPLIES, root)
    scenes = root / "scenes.toml"
    text = scenes.read_text(encoding="utf-8")
    start = text.index('reply = """')
    end = text.index('"""', start + 11) + 3
    scenes.write_text(text[:start] + reply + text[end:], encoding="utf-8")
    return root


# ---------------------------------------------------------------- the loader


def test_a_bad_reply_template_is_an_error_at_its_file_and_line(tmp_path: Path) -> None:
    root = with_reply(tmp_path, 'reply = "You have {mony}."')
    errors = load(root).errors
    assert [(d.file.name, d.line, d.column) for d in errors] == [("scenes.toml", 19, 20)]
    assert "'mony' is not a declared variable" in errors[0].message
    assert errors[0].hint == "did you mean `money`?"


def test_a_reply_is_checked_like_scene_text(tmp_path: Path) -> None:
    unclosed = load(with_reply(tmp_path / "a", 'reply = "{if money > 1}Rich."')).errors
    assert len(unclosed) == 1 and unclosed[0].line == 19
    assert "{if}" in unclosed[0].message or "never closed" in unclosed[0].message
    drawn = load(with_reply(tmp_path / "b", 'reply = "{random(1, 6)}"')).errors
    assert len(drawn) == 1 and drawn[0].line == 19 and "random" in drawn[0].message
    deep = "(" * 40 + "money" + ")" * 40
    nested = load(with_reply(tmp_path / "c", f'reply = "{{{deep}}}"')).errors
    assert len(nested) == 1 and nested[0].line == 19 and "32" in nested[0].message
    wrong = load(with_reply(tmp_path / "d", "reply = 3")).errors
    assert len(wrong) == 1 and wrong[0].line == 19 and "'reply' must be text" in wrong[0].message


def test_a_misspelt_reply_key_is_named(tmp_path: Path) -> None:
    (error,) = load(with_reply(tmp_path, 'replay = "Yes."')).errors
    assert (error.line, error.message, error.hint) == (
        19,
        "unknown key 'replay' in [[scene.choice]]",
        "did you mean `reply`?",
    )


# ---------------------------------------------------------------- the game


def test_the_reply_reads_the_moment_after_the_choice_and_before_the_next_scene() -> None:
    story = load_story(REPLIES)
    game = Game.start(story, "walk", seed=1)
    assert game.reply == ""
    game.choose(1)
    # money after the choice's own effect (10 - 5); first_visit still of the gate, the choice's scene
    assert game.steps[-1].reply == f"The clerk counts the coins twice. *5 ₸ left.*\n\n{STAMPED}"
    assert game.reply == game.steps[-1].reply
    assert [[s.text for s in p] for p in game.reply_paragraphs()] == [
        ["The clerk counts the coins twice. ", "5 ₸ left."],
        [STAMPED],
    ]
    assert game.reply_paragraphs()[0][1].emphasis


def test_a_reply_that_renders_empty_is_none_and_visits_count_before_the_next_scene() -> None:
    story = load_story(REPLIES)
    game = Game.start(story, "walk", seed=1)
    game.choose(2)  # Rest: its reply speaks only after a visit to the office
    assert game.reply == "" and game.reply_paragraphs() == ()
    game.choose(1)
    assert game.reply == PAID.replace("5 ₸ left.", "*5 ₸ left.*")  # no longer the gate's first visit


def test_undo_takes_the_reply_away_and_saves_keep_it() -> None:
    story = load_story(REPLIES)
    game = Game.start(story, "walk", seed=1)
    game.choose(1)
    again = Game.from_dict(story, json.loads(json.dumps(game.to_dict())))
    assert again.reply == game.reply != ""
    assert again.journal()[0].reply == game.reply
    game.undo()
    assert game.reply == "" and game.journal() == []


def test_a_save_from_before_replies_still_loads(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.start(tiny, "walk", seed=1)
    game.choose(1)
    data = game.to_dict(1)
    assert "reply" not in data["steps"][0]["step"]  # a choice with no reply writes none
    assert Game.from_dict(tiny, data).reply == ""
    rows = game.to_dict()
    assert all("reply" not in other for other in rows["steps"][0][6:])  # nor does a row
    assert Game.from_dict(tiny, rows).reply == ""


def test_a_reply_in_a_save_must_be_text() -> None:
    from engine.core.state import StateError

    story = load_story(REPLIES)
    game = Game.start(story, "walk", seed=1)
    game.choose(1)
    data = game.to_dict(1)
    data["steps"][0]["step"]["reply"] = 7
    with pytest.raises(StateError, match="reply"):
        Game.from_dict(story, data)
    rows = game.to_dict()
    assert rows["steps"][0][6]["reply"] == game.reply != ""
    rows["steps"][0][6]["reply"] = 7
    with pytest.raises(StateError, match="reply"):
        Game.from_dict(story, rows)


# ---------------------------------------------------------------- the plain player


def plain(*keys: str, saves: Path) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "play",
            "--plain",
            "--story",
            str(REPLIES),
            "--saves",
            str(saves),
        ]
        + ["walk"],
        input="".join(k + "\n" for k in keys),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_plain_prints_the_reply_after_the_choice_and_before_the_next_scene(tmp_path: Path) -> None:
    text = plain("1", saves=tmp_path)
    assert f"> \n{MARKED}\n\n{STAMPED}\n\n== The office ==" in text


def test_plain_journal_keeps_the_reply_and_undo_removes_it(tmp_path: Path) -> None:
    text = plain("1", "journal", "undo", "journal", saves=tmp_path)
    first, _, after_undo = text.partition("(One step back.)")
    assert (
        f"1. Thursday, 24 February 2022, 18:00, The gate: You paid for the IIN.\n   {MARKED} {STAMPED}"
        in first
    )
    assert "You paid for the IIN" not in after_undo
    assert "No decisions yet." in after_undo


# ---------------------------------------------------------------- the Textual game


@run_async
async def test_the_game_shows_the_reply_above_the_new_scene_in_the_story(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=REPLIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        reply = next(
            i for i, line in enumerate(lines) if "The clerk counts the coins twice. 5 ₸ left." in line
        )
        stamped = next(i for i, line in enumerate(lines) if STAMPED in line)
        office = next(i for i, line in enumerate(lines) if line.strip() == "The office")
        assert reply == 1 < stamped < office  # at the top of the story, under its padding
        assert "clerk" not in notices(app)  # part of the story, not a toast or the notice line
        replies = replies_in(app)
        assert len(replies) == 1 and not replies[0].earlier
        assert app.screen.query_one("#transcript").place == (replies[0], 0.0)  # brought to the top


@run_async
async def test_a_long_story_brings_the_reply_to_the_top_of_the_story(tmp_path: Path) -> None:
    root = tmp_path / "story"
    shutil.copytree(REPLIES, root)
    scenes = root / "scenes.toml"
    long_text = "\n\n".join(f"Paragraph {i} of the office." for i in range(30))
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace(
            "Papers: {papers}.", long_text.replace("\n", "\\n") + " Papers: {papers}."
        ),
        encoding="utf-8",
    )
    app = make_app(tmp_path / "saves", story=root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert "The clerk counts the coins twice. 5 ₸ left." in lines[1]  # under the transcript's padding
        assert "The gate" not in "\n".join(lines)


@run_async
async def test_undo_removes_the_reply_from_the_story(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=REPLIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert replies_in(app) == []
        assert "The clerk counts" not in screen_text(app)


@run_async
async def test_an_earlier_reply_stays_in_the_transcript_dimmed_also_after_a_load(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=REPLIES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", "3")
        await pilot.pause()
        assert [r.earlier for r in replies_in(app)] == [True, False]
        for _ in range(2):
            kinds = [(type(e).__name__, e.earlier) for e in app.screen.query_one(Transcript).entries]
            assert kinds == [
                ("Passage", True),
                ("Reply", True),
                ("Passage", True),
                ("Reply", False),
                ("Passage", False),
            ]
            app.screen.redraw()  # as after a load or a reload
            await pilot.pause()


@run_async
async def test_the_journal_screen_and_its_export_keep_the_reply(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=REPLIES)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "1", "j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        shown = screen_text(app)
        assert "1. You paid for the IIN." in shown
        assert PAID in shown
        await pilot.press("e")
        await pilot.pause()
    (exported,) = tmp_path.glob("journal-*.md")
    assert (
        f"1. **Thursday, 24 February 2022, 18:00**, The gate: You paid for the IIN.\n   > {PAID.replace('5 ₸ left.', '*5 ₸ left.*')} {STAMPED}\n"
        in exported.read_text(encoding="utf-8")
    )


def test_a_loaded_save_shows_the_reply_it_was_taken_with(tmp_path: Path) -> None:
    story = load_story(REPLIES)
    game = Game.start(story, "walk", seed=1)
    game.choose(1)
    store = SaveStore(tmp_path)
    store.save("one", game, 0.0)
    assert store.load("one", story).game.reply == game.reply


# ---------------------------------------------------------------- golden replays


def test_a_replay_records_the_reply_and_shows_a_changed_one_as_a_diff(tmp_path: Path) -> None:
    recorded = play(load_story(REPLIES), "walk", 0, ["gate->office"])
    assert recorded.screens[1].startswith(f"-- {PAID}\n\n{STAMPED}\n\n== The office ==")
    assert loads(dumps(recorded), "x") == recorded
    changed = with_reply(tmp_path, 'reply = "The clerk shrugs."')
    now, diff = compare(recorded, load_story(changed))
    assert now.problem is None
    assert f"-{STAMPED}" in diff and "+-- The clerk shrugs." in diff
