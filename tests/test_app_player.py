"""What a new player meets in the Textual game: notices, the side panel, Continue, new games,
help and the footer at every size, the journal, the save dialog, settings kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import STORIES, make_app, notices, run_async, screen_text, settings_path
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input

from engine.frontends.tui.screens.confirm import AskScreen
from engine.frontends.tui.screens.help import HelpScreen
from engine.frontends.tui.screens.journal import JournalScreen
from engine.frontends.tui.screens.play import PlayScreen
from engine.frontends.tui.screens.saves import SavesScreen
from engine.frontends.tui.screens.title import TitleScreen
from engine.frontends.tui.screens.too_small import TooSmallScreen
from engine.frontends.tui.widgets.status import StatusPanel, item_lines

LONG = STORIES / "long"
SIZES = [(120, 36), (80, 24), (60, 20)]


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


def unframed(text: str) -> str:
    """The screen's words in order, without box borders and line breaks."""
    for frame in "│╭╮╰╯─▏▕▁▂▃▄▅▆▇█▌":
        text = text.replace(frame, " ")
    return " ".join(text.split())


# ---------------------------------------------------------------- notices never cover the choices


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@run_async
async def test_changes_show_on_a_line_of_their_own_and_never_over_the_choices(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1", "1", "2", "1")  # quick choices, as a player in a hurry
        await pilot.pause()
        assert not app._notifications  # no toast floating over anything
        shown = screen_text(app)
        lines = shown.splitlines()
        assert "1. Go on, and spend a little" in shown
        assert "2. Wait and change roubles at the next" in shown
        assert "Changed: Tenge −12,500 ₸" in unframed(shown)
        notice_row = next(i for i, line in enumerate(lines) if "Changed:" in line)
        choices_bottom = max(i for i, line in enumerate(lines) if "╰" in line)
        assert notice_row > choices_bottom  # under the choices, above the footer
        assert "? Help" in lines[-1]


# ---------------------------------------------------------------- the side panel


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (100, 30)])
@run_async
async def test_the_side_panel_scrolls_and_brings_a_change_into_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        if size[0] < 100:
            await pilot.press("p")
        await pilot.press("1", "1", "1")  # the third adds two documents
        await pilot.pause()
        panel = status = app.screen.query_one("#panel", StatusPanel)
        assert (panel.display and panel.max_scroll_y > 0) or size == (100, 30)
        line = status.first_change_line
        assert line is not None
        assert panel.scroll_y <= line < panel.scroll_y + panel.scrollable_content_region.height
        panel.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Dmitry from the train" in screen_text(app)  # the last row can be reached


def test_a_list_item_in_the_side_panel_wraps_under_its_text() -> None:
    lines = [line.plain for line in item_lines("Lease for a room with a view of the river")]
    assert lines[0].startswith("  • Lease") and len(lines) > 1
    assert all(line.startswith("    ") and not line.startswith("     ") for line in lines[1:])


# ---------------------------------------------------------------- help and the footer


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_the_footer_always_shows_how_to_get_help_and_to_quit(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        for keys in ([], ["n"], ["1"], ["j"], ["escape", "s"], ["escape", "g"], ["escape", "r"]):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()  # the footer is drawn once the screen's keys are known
            footer = screen_text(app).splitlines()[-1]
            assert "? Help" in footer and "^q Quit" in footer, (keys, footer)
            assert "Sources" not in footer


@run_async
async def test_help_at_60x20_fits_with_one_scrollbar(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n", "1", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert box.region.right <= 60
        scrolling = [
            w for w in app.screen.query("*") if w.display and getattr(w, "show_vertical_scrollbar", False)
        ]
        assert scrolling == [box]
        assert not any(w.show_horizontal_scrollbar for w in app.screen.query("*") if w.display)
        box.scroll_end(animate=False, immediate=True)  # type: ignore[attr-defined]
        await pilot.pause()
        assert "quit (the game is saved after every choice)" in unframed(screen_text(app))


# ---------------------------------------------------------------- the journal


@pytest.mark.parametrize("size", [(120, 36), (60, 20)])
@run_async
async def test_the_journal_shows_each_decision_in_full(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "1", "2", "1", "j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        shown = unframed(screen_text(app))
        assert "2. At dmitry's list, you went on and paid for it." in shown
        app.screen.query_one("#journal", VerticalScroll).scroll_home(animate=False, immediate=True)
        await pilot.pause()
        shown = unframed(screen_text(app))
        assert (
            "1. At the night train, you waited and changed 10,000 roubles into tenge at the next station."
            in shown
        )


@run_async
async def test_exporting_the_journal_twice_keeps_both(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "1", "j", "e", "e")
        await pilot.pause()
        written = sorted(tmp_path.glob("journal-*.md"))
        assert len(written) == 2
        assert written[0].read_text(encoding="utf-8") == written[1].read_text(encoding="utf-8")


# ---------------------------------------------------------------- the save dialog and messages


@run_async
async def test_down_from_the_name_field_reaches_the_saves(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "s", *"first", "enter", "s")
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        await pilot.press("down")
        table = app.screen.query_one("#slots", DataTable)
        assert app.screen.focused is table
        await pilot.press("enter")  # save over the highlighted one: asked first
        assert "Save over" in screen_text(app)


@run_async
async def test_up_from_the_first_saved_game_goes_back_to_the_name_field(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "s", *"first", "enter", "s", *"second", "enter", "s")
        await pilot.pause()
        table = app.screen.query_one("#slots", DataTable)
        await pilot.press("down", "down")
        assert app.screen.focused is table and table.cursor_row == 1
        await pilot.press("up")
        assert app.screen.focused is table and table.cursor_row == 0  # up the list first
        await pilot.press("up")
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"third", "enter")
        await pilot.pause()
        assert "Saved as 'third'." in notices(app)


@run_async
async def test_up_in_the_load_list_stays_in_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1", "s", *"first", "enter", "l")
        await pilot.pause()
        table = app.screen.query_one("#slots", DataTable)
        await pilot.press("up")
        assert app.screen.focused is table


@run_async
async def test_a_saves_path_that_is_a_file_is_named_as_the_problem(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.write_text("not a folder", encoding="utf-8")
    app = make_app(saves, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        shown = unframed(screen_text(app))
        assert "No saved games yet" not in shown
        assert f"The saves folder {saves} could not be read" in shown


@run_async
async def test_the_quit_question_after_a_failed_autosave_reads_whole(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_app(saves, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        (saves / "autosave.save.json").unlink()
        (saves / "autosave.save.json").mkdir()
        await pilot.press("1")
        await pilot.pause()
        told = notices(app)
        assert "The autosave failed" in told and ".." not in told and "Your game goes on." in told
        await pilot.press("ctrl+q")
        assert "Quit and lose them?" in unframed(screen_text(app))


@run_async
async def test_played_time_has_its_unit(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1", "escape", "l")
        await pilot.pause()
        table = app.screen.query_one("#slots", DataTable)
        assert str(table.get_row_at(0)[5]) == "under a minute"


# ---------------------------------------------------------------- Continue names what it loads


def damage(folder: Path, slot: str) -> None:
    (folder / f"{slot}.save.json").write_bytes(b'{"kind": "relocant save", "broken')


@run_async
async def test_continue_names_the_save_it_loads_even_when_the_newest_is_damaged(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "1", "s", *"kept", "enter")
        await pilot.pause()
    damage(tmp_path, "newer")  # the newest file in the folder, and unreadable
    (tmp_path / "autosave.save.json").unlink()
    settings_path(tmp_path).unlink()
    again = make_app(tmp_path, story=LONG)
    async with again.run_test(size=(100, 30)) as pilot:
        shown = screen_text(again)
        assert "Continue: The road, Dmitry's list" in shown and "'kept'" in shown
        assert "newer" not in shown
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        assert again.session.game is not None and again.session.game.view().scene_id == "two"


@run_async
async def test_continue_remembers_a_loaded_save_when_no_choice_was_made(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "s", *"early", "enter", "1", "1")
        await pilot.pause()
        await pilot.press("l")
        table = app.screen.query_one("#slots", DataTable)
        rows = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press(*["down"] * rows.index("early"), "enter")
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "one"
    again = make_app(tmp_path, story=LONG)
    async with again.run_test(size=(100, 30)) as pilot:
        assert "Continue: The road, The night train" in screen_text(again)
        await pilot.press("c")
        await pilot.pause()
        assert again.session.game is not None and again.session.game.view().scene_id == "one"


# ---------------------------------------------------------------- a new journey never destroys a game


async def game_in_progress(pilot: object, app: object) -> None:
    await pilot.press("n", "1", "1")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("escape", "n", "1")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@run_async
async def test_a_new_journey_asks_and_can_keep_the_game_in_progress(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await game_in_progress(pilot, app)
        assert isinstance(app.screen, AskScreen)
        assert "The road, Dmitry's list" in unframed(screen_text(app))
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game is not None and app.session.game.view().scene_id == "one"
        assert "kept as 'road kept'" in notices(app)
        await pilot.press("1", "1")
        await pilot.pause()
    kept = json.loads((tmp_path / "road kept.save.json").read_text(encoding="utf-8"))
    assert kept["meta"]["scene_id"] == "two"


@run_async
async def test_a_new_journey_can_replace_the_game_or_be_cancelled(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(60, 20)) as pilot:
        await game_in_progress(pilot, app)
        assert isinstance(app.screen, AskScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.store.load("autosave", app.session.story).meta.scene_id == "two"
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.store.load("autosave", app.session.story).meta.scene_id == "one"
        assert [m.slot for m in app.session.slots()] == ["autosave"]


# ---------------------------------------------------------------- settings, a small terminal


@run_async
async def test_the_theme_is_kept_for_the_next_game(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
    assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))["theme"] == "textual-light"
    again = make_app(tmp_path, story=LONG)
    again.settings.data.pop("unused", None)
    assert again.theme == "textual-dark"  # make_app sets the tests' theme; the setting is read before
    from engine.frontends.tui.app import RelocantApp
    from engine.session.settings import Settings

    fresh = RelocantApp(again.session, settings=Settings(settings_path(tmp_path)))
    assert fresh.theme == "textual-light"


def test_a_damaged_settings_file_means_the_defaults(tmp_path: Path) -> None:
    from engine.session.settings import Settings

    path = tmp_path / "settings.json"
    path.write_text("[" * 5000, encoding="utf-8")
    assert Settings(path).theme is None
    path.write_text('{"theme": 7, "continue": []}', encoding="utf-8")
    settings = Settings(path)
    assert settings.theme is None and settings.continue_slot(tmp_path) is None
    settings.set_continue_slot(tmp_path, "s1")
    assert Settings(path).continue_slot(tmp_path) == "s1"


@run_async
async def test_below_60x20_the_game_says_the_terminal_is_too_small_and_goes_on_after(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.resize_terminal(59, 24)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "too small" in screen_text(app) and "60×20" in screen_text(app)
        await pilot.resize_terminal(80, 19)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1")
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "two"


@run_async
async def test_the_title_screen_names_where_continue_goes(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(60, 20)) as pilot:
        assert "Continue (no saved game yet)" in screen_text(app)
        await pilot.press("n", "1", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Continue: The road, The night train" in screen_text(app)


@run_async
async def test_after_saving_in_a_slot_a_later_choice_is_what_continue_resumes(tmp_path: Path) -> None:
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "1", "s", *"early", "enter", "1")
        await pilot.pause()
    again = make_app(tmp_path, story=LONG)
    async with again.run_test(size=(100, 30)) as pilot:
        assert "Continue: The road, Dmitry's list" in screen_text(again)
        await pilot.press("c")
        await pilot.pause()
        assert again.session.game is not None and again.session.game.view().scene_id == "two"


@run_async
async def test_a_choice_is_saved_when_the_game_is_ended_before_its_autosave_was_written(
    tmp_path: Path,
) -> None:
    """Ended from outside (a served game whose tab another one replaced) right after a choice:
    the autosave still has that choice, though its write after the frame never came."""
    app = make_app(tmp_path, story=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        screen.choose(1)
        app.exit()  # the message a web driver's "quit" posts, before any refresh
    saved = json.loads((tmp_path / "autosave.save.json").read_text(encoding="utf-8"))
    assert len(saved["game"]["steps"]) == 1
