"""Opening the Textual game: what the title screen shows first, and what it costs to show it."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_support import STORIES, run_async, settings_path
from app_support import make_app as make_trio_app
from test_app_language import make_app

from engine.frontends.language import Languages
from engine.frontends.tui import Opening, load_session
from engine.frontends.tui.app import RelocantApp
from engine.frontends.tui.screens.help import HelpScreen
from engine.frontends.tui.screens.journeys import JourneyScreen
from engine.frontends.tui.screens.sources import SourcesScreen
from engine.frontends.tui.screens.title import TitleScreen, TitleWords
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.menu import Menu
from engine.loading.heading import heading
from engine.present import catalogs
from engine.session.play import Session
from engine.session.settings import Settings

TRIO = STORIES / "trio"
GAME = Path(__file__).resolve().parent.parent / "story"


def footer(app: RelocantApp) -> str:
    return app.screen.query_one(KeysFooter).render().plain


@run_async
async def test_the_footer_shows_the_screens_keys_in_the_language_in_use(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert footer(app).startswith(" ? Help  ^q Quit  c Continue  n New  l Load  a About ")
            assert footer(app).endswith("▏^p palette ") and len(footer(app)) == 120
            app.switch_language("ru")
            await pilot.pause()
            await pilot.pause()
            assert " ? Справка " in footer(app) and " n Новое " in footer(app) and "New" not in footer(app)
            assert footer(app).endswith("▏^p команды ")
    finally:
        catalogs.use("en")


@run_async
async def test_a_narrow_footer_leaves_out_whole_keys_and_keeps_help(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = footer(app)
        assert len(shown) == 60 and shown.startswith(" ? Help ") and shown.endswith("▏^p palette ")
        assert " l Load " in shown and "About" not in shown and " a " not in shown  # never half a key


@run_async
async def test_a_click_on_a_footer_key_does_what_the_key_does(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click(KeysFooter, offset=(footer(app).index("Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@run_async
async def test_the_menu_moves_over_what_can_be_chosen_and_chooses_by_enter_and_by_click(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", Menu)
        assert menu.has_focus and menu.get_option_at_index(0).disabled  # no save yet: Continue is dimmed
        assert menu.highlighted == 1
        await pilot.press("up")  # Continue cannot be chosen: the highlight stays
        assert menu.highlighted == 1
        await pilot.press("end")
        assert menu.highlighted == 4
        await pilot.press("home", "down", "down")
        assert menu.highlighted == 3
        await pilot.press("enter")  # About the sources
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape", "end")
        await pilot.pause()
        assert await pilot.click("#menu", offset=(3, 1))  # Continue's line, under the top border
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and menu.highlighted == 4
        assert await pilot.click("#menu", offset=(3, 2))  # New journey
        await pilot.pause()
        assert isinstance(app.screen, JourneyScreen)


@run_async
async def test_the_title_and_menu_keep_two_columns_each_side_as_the_terminal_is_resized(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for columns, rows in ((120, 36), (60, 20), (80, 24)):
            await pilot.resize_terminal(columns, rows)
            await pilot.pause()
            for widget in (app.screen.query_one(TitleWords), app.screen.query_one(Menu)):
                assert widget.region.width == min(68, columns - 4)
                assert widget.region.x == (columns - widget.region.width) // 2


@run_async
async def test_moving_in_the_menu_brings_it_into_view_when_the_title_is_taller_than_the_screen(
    tmp_path: Path,
) -> None:
    app = make_trio_app(tmp_path, story=GAME)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("n", "1", "1", "escape")  # a game in progress: Continue takes three lines
        await until(pilot, lambda: isinstance(app.screen, TitleScreen))
        await pilot.pause()
        screen, menu = app.screen, app.screen.query_one(Menu)
        assert screen.max_scroll_y > 0 and menu.region.bottom > screen.region.bottom - 1  # cut off
        await pilot.press("end")
        await pilot.pause()
        assert menu.highlighted == 4 and menu.region.bottom <= screen.region.bottom - 1  # above the footer


def opened_app(saves: Path, story: Path, gate: threading.Event) -> RelocantApp:
    """The game as ``relocant`` opens it: the title first, the story loaded once ``gate`` is set."""
    languages = Languages(story)
    words = heading(story)
    assert words is not None

    def load() -> Session | str:
        assert gate.wait(30)
        return load_session(story, str(saves), languages)

    app = RelocantApp(
        None,
        seed=7,
        settings=Settings(settings_path(saves)),
        languages=languages,
        opening=Opening(words, saves, load),
    )
    app.animation_level = "none"
    return app


def menu(app: RelocantApp) -> list[str]:
    options = app.screen.query_one("#menu", Menu)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def until(pilot: Any, done: Callable[[], bool]) -> None:
    for _ in range(300):
        if done():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


@run_async
async def test_the_title_is_drawn_before_the_story_is_loaded_and_keys_typed_meanwhile_wait_for_it(
    tmp_path: Path,
) -> None:
    gate = threading.Event()
    app = opened_app(tmp_path, TRIO, gate)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not app.ready and isinstance(app.screen, TitleScreen)
        assert menu(app) == ["Continue", "New journey", "Load a saved game", "About the sources", "Quit"]
        words = app.screen.query_one(TitleWords)
        assert "TRIO" in "".join(strip.text for strip in words.render_lines(words.region.reset_offset))
        await pilot.press("n", "2")  # typed ahead: the journey list, then its second journey
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)  # nothing happens without the story
        gate.set()
        await until(pilot, lambda: app.ready and app.session.game is not None)
        assert app.session.game.state.journey == "south"  # type: ignore[union-attr]


@run_async
async def test_once_the_story_is_loaded_continue_names_the_save_it_resumes(tmp_path: Path) -> None:
    played = make_trio_app(tmp_path)
    async with played.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    gate = threading.Event()
    app = opened_app(tmp_path, TRIO, gate)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert menu(app)[0] == "Continue"
        gate.set()
        await until(pilot, lambda: app.ready and menu(app)[0].startswith("Continue: "))
        assert app.screen.query_one("#menu", Menu).highlighted == 0


@run_async
async def test_a_broken_story_ends_the_game_with_the_checkers_report(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(TRIO, broken)
    scenes = broken / "scenes.toml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8") + '\n[[scene]]\nid = "odd"\ntitle = "Odd"\ntext = "{nothing}"\n',
        encoding="utf-8",
    )
    gate = threading.Event()
    gate.set()
    app = opened_app(tmp_path / "saves", broken, gate)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: bool(app.report))
    assert app.return_code == 1
    assert "error(s); run `relocant check" in app.report and "Traceback" not in app.report


def test_served_each_player_keeps_settings_in_their_saves_folder_before_the_story_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual_serve.web_driver:WebDriver")
    languages = Languages(TRIO)
    words = heading(TRIO)
    assert words is not None
    app = RelocantApp(
        None,
        languages=languages,
        opening=Opening(words, tmp_path, lambda: load_session(TRIO, None, languages)),
    )
    assert app.settings.path == tmp_path / "settings.json"


@run_async
async def test_collecting_garbage_resumes_once_the_title_is_drawn_and_never_rescans_start_up(
    tmp_path: Path,
) -> None:
    gate = threading.Event()
    app = opened_app(tmp_path, TRIO, gate)
    gc.disable()  # as run() does until the first frame
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            # what start-up made is out of every later collection (it lasts as long as the game)
            assert gc.get_freeze_count() > 0
            gate.set()
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_title_is_drawn_with_nothing_of_the_engine_but_its_words(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from engine.cli import main\n"
        f"assert main(['--saves', {str(tmp_path)!r}, '--first-frame']) == 0\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "engine.frontends.tui.screens.title" in loaded
    unwanted = {
        "attrs",
        "babel",
        "engine.core.model",
        "engine.loading.loader",
        "engine.saves",
        "engine.session.play",
    }
    assert unwanted & loaded == set()
    assert not any(name.startswith("engine.frontends.tui.screens.") for name in loaded - TITLE_SCREENS)


TITLE_SCREENS = {"engine.frontends.tui.screens.base", "engine.frontends.tui.screens.title"}
