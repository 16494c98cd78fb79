"""Text from stories and saves is shown as typed: never read as Textual markup, never raw controls.

The story in ``stories/markup`` puts ``[/]`` (which Textual's markup parser
rejects) and ``[bold]x`` (which it would apply) in every title a player sees.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import STORIES, make_app, run_async, screen_text
from textual.widgets import DataTable

from engine.frontends.tui.screens.ending import EndingScreen
from engine.frontends.tui.screens.glossary import GlossaryScreen
from engine.frontends.tui.screens.journal import JournalScreen
from engine.frontends.tui.screens.journeys import JourneyScreen
from engine.frontends.tui.screens.play import PlayScreen
from engine.frontends.tui.screens.saves import SavesScreen
from engine.frontends.tui.screens.sources import SourcesScreen
from engine.frontends.tui.screens.title import TitleScreen

MARKUP = STORIES / "markup"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


@run_async
async def test_markup_in_every_story_title_is_shown_as_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=MARKUP)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        shown = screen_text(app)
        assert "TAGS [/] AND [BOLD]X" in shown
        assert "A subtitle with [/] and [bold]x" in shown
        assert "A note with [/] and [@click=app.quit]y[/]" in shown
        await pilot.press("a")
        assert isinstance(app.screen, SourcesScreen)
        shown = screen_text(app)
        assert "A report [/]" in shown and "Outlet [bold]x" in shown and "About [/]." in shown
        await pilot.press("escape", "n")
        assert isinstance(app.screen, JourneyScreen)
        shown = screen_text(app)
        assert "1. Walk [/] [bold]x" in shown and "Now [bold]x · Here [/]" in shown
        assert "A blurb with [/] and [bold]x" in shown
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        shown = screen_text(app)
        assert "Scene [/] [bold]x" in shown and "Place [/]" in shown
        assert "the sign [/] and [bold]x in it" in shown and "1. Go on [/] [bold]x" in shown
        assert "Money [/]" in shown and "10 [/]" in shown and "GROUP [BOLD]X" in shown
        await pilot.press("r")
        assert "a fact with [/] and [bold]x (Outlet [bold]x)" in screen_text(app)
        await pilot.press("escape", "g")
        assert isinstance(app.screen, GlossaryScreen)
        assert "A meaning with [/] and [bold]x." in screen_text(app)
        assert "Also: Word [/]" in screen_text(app)
        await pilot.press("escape", "s", *"kept", "enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        shown = screen_text(app)
        assert "Ending [/] [bold]x" in shown and "A decision [/] [bold]x" in shown
        assert "The end [/]." in shown and "Walk [/] [bold]x" in shown
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        await pilot.pause()
        shown = screen_text(app)
        assert "1. A decision [/] [bold]x" in shown and " · Scene [/] [bold]x" in shown
        await pilot.press("escape", "enter")
        assert isinstance(app.screen, TitleScreen)
        assert "Continue: Walk [/] [bold]x, Home [/]" in screen_text(app)
        await pilot.press("l")
        assert isinstance(app.screen, SavesScreen)
        table = app.screen.query_one("#slots", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert [str(cell) for cell in rows["kept"][1:3]] == ["Walk [/] [bold]x", "Scene [/] [bold]x"]


def write_save(folder: Path, slot: str, journey_title: str, scene_title: str) -> None:
    """A save of the trio story whose listed titles were edited by hand. Its journey and scene
    are gone from the story (as after an edit), so a list shows the titles the save recorded."""
    doc = json.loads((folder / "autosave.save.json").read_text(encoding="utf-8"))
    doc["slot"] = slot
    doc["meta"]["journey"] = "gone_journey"
    doc["meta"]["scene_id"] = "gone_scene"
    doc["meta"]["journey_title"] = journey_title
    doc["meta"]["scene_title"] = scene_title
    (folder / f"{slot}.save.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (folder / f"{slot}.save.json.bak").unlink(missing_ok=True)


@run_async
async def test_markup_and_control_characters_in_a_save_are_shown_escaped(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
    write_save(tmp_path, "autosave", "North [/] [bold]x", "Road \x1b]0;PWN\x07\x1b[2J [/]")
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 36)) as pilot:
        shown = screen_text(again)
        assert "Continue: North [/] [bold]x, Road \\x1b]0;PWN\\x07\\x1b[2J [/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.press("l")
        table = again.screen.query_one("#slots", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert [str(cell) for cell in rows["autosave"][1:3]] == [
            "North [/] [bold]x",
            "Road \\x1b]0;PWN\\x07\\x1b[2J [/]",
        ]
