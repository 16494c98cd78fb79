"""What the first frame after a key shows: the new scene already at the top, in one frame.

No timing here: each test records the frames the game hands to its display
and looks at what the first one after a key showed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_support import STORIES, make_app, run_async, screen_text

from engine.frontends.tui.screens.play import PlayScreen
from engine.frontends.tui.widgets.choices import ChoiceList, choice_prompt
from engine.frontends.tui.widgets.passage import Passage, Reply
from engine.frontends.tui.widgets.status import StatusPanel, panel_lines
from engine.frontends.tui.widgets.transcript import Transcript
from engine.session.play import HISTORY

LONG = STORIES / "long"


class Frames:
    """What each frame showed at the top of the story: the entry there, or None when none was."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.tops: list[object] = []
        display = app._display

        def noted(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.tops.append(self.top())

        app._display = noted

    def top(self) -> object:
        screen = self.app.screen
        if not isinstance(screen, PlayScreen):
            return None
        transcript = screen.query_one(Transcript)
        for entry in transcript.entries:
            if transcript.top_of(entry) == transcript.scroll_offset.y:
                return entry
        return None


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (60, 20)])
@run_async
async def test_the_first_frame_after_a_choice_has_the_new_scene_at_the_top(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        frames = Frames(app)
        await pilot.press("n", "1")
        await pilot.pause()
        for key in ("1", "1"):
            frames.tops.clear()
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayScreen)
            assert frames.tops and frames.tops[0] is screen.current, size


@run_async
async def test_the_first_frame_after_a_choice_has_its_reply_at_the_top(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=STORIES / "replies")
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        await pilot.press("n", "1")
        await pilot.pause()
        frames.tops.clear()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(frames.tops[0], Reply)


@run_async
async def test_undo_keeps_the_transcript_and_its_first_frame_has_the_scene_before_at_the_top(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        await pilot.press("n", "1", "1", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        first, second, third = screen.query_one(Transcript).entries
        frames.tops.clear()
        await pilot.press("u")
        await pilot.pause()
        entries = screen.query_one(Transcript).entries
        assert len(entries) == 2 and entries[0] is first and entries[1] is second  # nothing rebuilt
        assert screen.current is second and not second.earlier and second.chosen is None
        assert frames.tops and frames.tops[0] is second
        assert all(entry is not third for entry in entries)


@run_async
async def test_a_long_game_keeps_the_last_passages_and_its_place(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=STORIES / "saves_loop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        frames = Frames(app)
        for _ in range(HISTORY + 5):
            open_ = [c for c in screen.game.view().choices if c.enabled]
            frames.tops.clear()
            await pilot.press(str(open_[0].number))
            await pilot.pause()
            assert frames.tops[0] is screen.top_entry
        passages = [e for e in screen.query_one(Transcript).entries if isinstance(e, Passage)]
        assert len(passages) == HISTORY + 1


@run_async
async def test_undo_says_so_without_moving_the_panes(tmp_path: Path) -> None:
    """Undo's "One step back." takes no line of its own: the story and the panel keep their place
    (so undo draws only what changed), and it goes at the next choice."""
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1", "1", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        regions = {name: screen.query_one(name).region for name in ("#transcript", "#panel", "#choices")}
        await pilot.press("u")
        await pilot.pause()
        assert "One step back." in screen_text(app)
        assert {name: screen.query_one(name).region for name in regions} == regions
        await pilot.press("1")
        await pilot.pause()
        assert "One step back." not in screen_text(app)
        assert {name: screen.query_one(name).region for name in regions} == regions


async def journey_drawn_ahead(pilot: Any) -> PlayScreen:
    """The first journey started, and its play screen once each open choice is drawn ahead
    (or twenty pauses have passed: the test then finds what is missing)."""
    await pilot.press("n", "1")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    numbers = {c.number for c in screen.game.view().choices if c.enabled}
    for _ in range(20):
        if numbers <= screen.ahead.keys():
            break
        await pilot.pause()
    return screen


@run_async
async def test_a_choice_adds_its_reply_and_passage_as_drawn_ahead_while_the_player_read(
    tmp_path: Path,
) -> None:
    """While the player reads, each open choice's reply and next passage are drawn; the key
    adds those very entries, which say what the game, taking the choice, says."""
    app = make_app(tmp_path, story=STORIES / "replies")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await journey_drawn_ahead(pilot)
        ready = screen.ahead[1]
        assert ready is not None and all(entry.drawn is not None for entry in ready.entries)
        assert isinstance(ready.entries[0], Reply)
        await pilot.press("1")
        await pilot.pause()
        entries = screen.query_one(Transcript).entries
        assert all(a is b for a, b in zip(entries[-len(ready.entries) :], ready.entries, strict=True))
        assert screen.current.plain == Passage(screen.game.view()).plain
        assert entries[-2].plain == Reply(screen.game.reply_paragraphs()).plain


@run_async
async def test_a_choice_shows_the_choices_and_side_panel_drawn_ahead_which_say_what_the_game_says(
    tmp_path: Path,
) -> None:
    """The next scene's choices and side panel are drawn ahead with its passage; the key shows
    those very options and lines, and they say what the game, taking the choice, shows."""
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await journey_drawn_ahead(pilot)
        ready = screen.ahead[2]
        assert ready is not None
        await pilot.press("2")
        await pilot.pause()
        game = screen.game
        choices = screen.query_one(ChoiceList)
        assert all(a is b for a, b in zip(choices.options, ready.options, strict=True))
        assert [str(option.prompt) for option in choices.options] == [
            choice_prompt(c).plain for c in game.view().choices
        ]
        assert [o.disabled for o in choices.options] == [not c.enabled for c in game.view().choices]
        assert choices.highlighted == next(i for i, c in enumerate(game.view().choices) if c.enabled)
        panel = screen.query_one(StatusPanel)
        assert panel.lines is ready.panel.lines
        changes = {c.name: c for c in game.changes()}
        assert changes  # the choice changed something the panel shows
        fresh, first = panel_lines(app.session.story, game.panel(), changes)
        assert [line.plain for line in panel.lines] == [line.plain for line in fresh]
        assert panel.first_change_line == first
