"""The Textual player, driven with keys through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_app, notice_severity, notices, run_async, screen_text
from textual.widgets import DataTable, Input, OptionList

from engine.core.text import source_of
from engine.frontends.tui.screens.confirm import ConfirmScreen
from engine.frontends.tui.screens.ending import EndingScreen
from engine.frontends.tui.screens.glossary import GlossaryScreen
from engine.frontends.tui.screens.help import HelpScreen
from engine.frontends.tui.screens.journal import JournalScreen
from engine.frontends.tui.screens.journeys import JourneyScreen
from engine.frontends.tui.screens.play import PlayScreen
from engine.frontends.tui.screens.saves import SavesScreen
from engine.frontends.tui.screens.sources import SourcesScreen
from engine.frontends.tui.screens.title import TitleScreen
from engine.frontends.tui.widgets.menu import Menu
from engine.frontends.tui.widgets.passage import Passage
from engine.frontends.tui.widgets.status import StatusPanel
from engine.frontends.tui.widgets.transcript import Transcript
from engine.loading.loader import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


def text_of(app: object) -> str:
    """Everything the current screen shows, as plain text."""
    screen = app.screen  # type: ignore[attr-defined]
    parts = []
    for widget in screen.query("*"):
        render = getattr(widget, "render", None)
        if isinstance(widget, Transcript):  # draws its passages line by line, not from render()
            parts.append(widget.plain)
        elif widget.display and render is not None:
            try:
                parts.append(str(getattr(widget.render(), "plain", widget.render())))
            except Exception:
                continue
    return "\n".join(parts)


async def start(pilot: object, journey_key: str) -> None:
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.press(journey_key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


# ---------------------------------------------------------------- whole journeys


@pytest.mark.parametrize(
    ("journey_key", "keys", "ending"),
    [
        ("1", ["1", "1"], "Arrived"),
        ("2", ["1", "enter"], "The number"),
        ("3", ["down", "enter"], "Turned back"),
    ],
)
@run_async
async def test_each_journey_plays_from_title_to_an_ending(
    tmp_path: Path, journey_key: str, keys: list[str], ending: str
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")  # New journey: highlighted while there is no save
        assert isinstance(app.screen, JourneyScreen)
        await pilot.press(journey_key)
        assert isinstance(app.screen, PlayScreen)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        shown = text_of(app)
        assert ending in shown
        assert "You have found 1 of the story's 4 endings." in shown
        await pilot.press("enter")
        assert isinstance(app.screen, TitleScreen)


@run_async
async def test_endings_found_add_up_across_games(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "3")
        await pilot.press("1")  # stay: "Stayed"
        await pilot.pause()
        await pilot.press("enter")
        await start(pilot, "3")
        await pilot.press("2")  # go back: "Turned back"
        await pilot.pause()
        assert "You have found 2 of the story's 4 endings." in text_of(app)


@run_async
async def test_choices_by_mouse_and_disabled_choice_with_reason(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        choices = app.screen.query_one("#choices", OptionList)
        third = choices.get_option_at_index(2)
        assert third.disabled
        assert "needs 1,000 ₸" in str(third.prompt)
        await pilot.press("3")  # disabled: nothing happens but a notice
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "n_start"
        await pilot.click("#choices", offset=(4, 1))  # the first choice's line
        await pilot.pause()
        assert app.session.game.view().scene_id == "n_exchange"


@run_async
async def test_transcript_keeps_earlier_passages_dimmed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        passages = [e for e in app.screen.query_one(Transcript).entries if isinstance(e, Passage)]
        assert [p.view.scene_id for p in passages] == ["n_start", "n_exchange"]
        assert passages[0].earlier and not passages[1].earlier
        assert passages[0].chosen == "Change 40,000 roubles into tenge"


@run_async
async def test_side_panel_shows_the_change_of_the_last_choice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        panel = app.screen.query_one(StatusPanel)
        assert panel.display
        before = str(panel.render())
        assert "50,000 ₽" in before and "Passport" in before and "3/10" in before
        await pilot.press("1")
        await pilot.pause()
        after = str(panel.render())
        assert "−40,000 ₽" in after and "+240,000 ₸" in after and "+1" in after
        panel.fade()
        assert "−40,000 ₽" not in str(panel.render())
        await pilot.press("p")
        assert not app.screen.query_one("#panel").display


@run_async
async def test_narrow_terminal_hides_the_panel_and_still_plays(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot, "2")
        panel = app.screen.query_one("#panel")
        assert not panel.display
        await pilot.press("1")
        await pilot.pause()
        assert "Stress +2" in notices(app)
        await pilot.press("p")
        assert panel.display
        await pilot.press("p", "1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)


# ---------------------------------------------------------------- undo, journal, glossary, sources, help


@run_async
async def test_undo_steps_back_to_the_start_and_no_further(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        game = app.session.game
        assert game is not None and game.view().scene_id == "n_exchange"
        await pilot.press("u")
        await pilot.pause()
        assert game.view().scene_id == "n_start"
        assert [p.view.scene_id for p in app.screen.query_one(Transcript).entries] == ["n_start"]
        await pilot.press("u")
        await pilot.pause()
        assert game.view().scene_id == "n_start"
        assert "Nothing to undo" in notices(app)


@run_async
async def test_undo_from_an_ending_returns_to_play(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "3")
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game is not None and app.session.game.view().scene_id == "e_start"


@run_async
async def test_journal_lists_decisions_and_exports_markdown(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "2")
        await pilot.press("1", "1")
        await pilot.pause()
        await pilot.press("u")  # back from the ending, to keep playing
        await pilot.pause()
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        shown = screen_text(app)
        assert "1. Wait for your number" in shown
        assert "Monday, 14 March 2022, 09:00 · The public service centre" in shown
        assert "2. " not in shown
        await pilot.press("e")
        await pilot.pause()
        written = list(tmp_path.glob("journal-*.md"))
        assert len(written) == 1
        assert "1. **Monday, 14 March 2022, 09:00**, The public service centre: Wait for your number" in (
            written[0].read_text(encoding="utf-8")
        )
        assert str(written[0]) in notices(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)


@run_async
async def test_glossary_terms_of_the_scene_click_and_full_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "2")
        await pilot.press("t")
        assert isinstance(app.screen, GlossaryScreen)
        terms = app.screen.query_one("#terms", OptionList)
        assert [terms.get_option_at_index(i).id for i in range(terms.option_count)] == ["iin"]
        assert "twelve-digit number" in str(app.screen.query_one("#meaning").render())
        await pilot.press("escape")
        await pilot.press("g")
        terms = app.screen.query_one("#terms", OptionList)
        assert terms.option_count == 2
        await pilot.press("escape")
        # clicking an underlined term runs the screen's term action
        await app.screen.run_action("term('iin')")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "twelve-digit number" in str(app.screen.query_one("#meaning").render())


@run_async
async def test_sources_of_a_scene_and_about_the_sources(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, SourcesScreen)
        about = text_of(app)
        assert "A report on the border" in about and "Second Outlet" in about
        await pilot.press("escape")
        await start(pilot, "2")
        await pilot.press("r")
        shown = text_of(app)
        assert "IINs are issued at the public service centres" in shown and "(Second Outlet)" in shown


@run_async
async def test_help_lists_the_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = [str(static.render()) for static in app.screen.query(".help-keys")]
        for key in (
            "1 – 9",
            "u",
            "s",
            "l",
            "F5",
            "F9",
            "j",
            "t",
            "r",
            "Ctrl+P",
            "Ctrl+Q",
            "PgUp PgDn, space",
        ):
            assert key in keys


def test_every_key_of_every_screen_is_in_help_footer_and_palette_from_one_definition() -> None:
    """Each screen's keys are made from its commands, and help lists every one of them."""
    from engine.frontends.tui.commands.command import Command
    from engine.frontends.tui.commands.game import HELP_ORDER, Back, Choose
    from engine.frontends.tui.commands.palette import offered
    from engine.frontends.tui.screens.help import help_sections

    helped = {keys for rows in help_sections().values() for keys, _ in rows}
    screens = [TitleScreen, JourneyScreen, PlayScreen, EndingScreen, SavesScreen]
    screens += [JournalScreen, GlossaryScreen, SourcesScreen, HelpScreen]
    for screen in screens:
        for binding in screen.BINDINGS:
            assert not isinstance(binding, tuple)
            if binding.action == "slots":  # the saves screen's ↓ from the name field to the list
                continue
            name = binding.action.removeprefix("command('").split("'")[0]
            command = Command.REGISTRY[name]
            assert command in HELP_ORDER, (screen, command)
            shown_with = HELP_ORDER[HELP_ORDER.index(command) - 1] if not command.HELP else command
            assert shown_with.keys_for_help() in helped, (screen, command)
        for command in offered(screen):
            assert command not in (Choose, Back) and command.TITLE and command.HELP


@run_async
async def test_command_palette_offers_game_commands(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"undo")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "n_start"


# ---------------------------------------------------------------- saving and loading


@run_async
async def test_autosave_after_every_choice_and_continue(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
    assert (tmp_path / "autosave.save.json").is_file()
    again = make_app(tmp_path)
    async with again.run_test(size=(120, 36)) as pilot:
        menu = again.screen.query_one("#menu", Menu)
        assert "The exchange office" in str(menu.get_option_at_index(0).prompt)
        await pilot.press("enter")  # Continue is highlighted
        await pilot.pause()
        assert isinstance(again.screen, PlayScreen)
        assert again.session.game is not None and again.session.game.view().scene_id == "n_exchange"


@run_async
async def test_save_to_a_slot_overwrite_load_and_delete(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("s")
        assert isinstance(app.screen, SavesScreen)
        await pilot.press(*"before", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert (tmp_path / "before.save.json").is_file()
        await pilot.press("1")
        await pilot.pause()
        # saving over an existing slot asks first; "n" keeps the old save
        await pilot.press("s", *"before", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.session.store.load("before", app.session.story).meta.scene_id == "n_start"
        app.screen.query_one("#slot-name", Input).value = ""
        await pilot.press("escape")
        # load it: back to the start scene
        await pilot.press("l")
        table = app.screen.query_one("#slots", DataTable)
        slots = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press(*["down"] * slots.index("before"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game is not None and app.session.game.view().scene_id == "n_start"
        # delete it, with confirmation
        await pilot.press("l")
        await pilot.press(*["down"] * slots.index("before"), "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not (tmp_path / "before.save.json").exists()


@run_async
async def test_quicksave_and_quickload(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("f9")
        assert "no quicksave" in notices(app)
        await pilot.press("f5", "1")
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "n_exchange"
        await pilot.press("f9")
        await pilot.pause()
        assert app.session.game is not None and app.session.game.view().scene_id == "n_start"


@run_async
async def test_a_damaged_save_is_reported_and_the_game_goes_on(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("s", *"broken", "enter")
        await pilot.pause()
        (tmp_path / "broken.save.json").write_bytes(b"\x00garbage{{{ not json")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("l")
        table = app.screen.query_one("#slots", DataTable)
        slots = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press(*["down"] * slots.index("broken"), "enter")
        await pilot.pause()
        assert notice_severity(app) == "error" and "broken" in notices(app)
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game is not None and app.session.game.view().scene_id == "n_exchange"
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)


# ---------------------------------------------------------------- quitting


@run_async
async def test_quit_does_not_ask_when_the_autosave_holds_everything(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


@run_async
async def test_quit_asks_when_the_autosave_failed(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    app = make_app(saves)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        (saves / "autosave.save.json").unlink()
        (saves / "autosave.save.json").mkdir()  # a folder where the file must go: the write fails
        await pilot.press("1")
        await pilot.pause()
        assert "autosave failed" in notices(app)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.return_code == 0


# ---------------------------------------------------------------- the real story


@run_async
async def test_a_real_journey_plays_to_an_ending(tmp_path: Path) -> None:
    story_dir = ROOT / "story"
    assert load(story_dir).story is not None, "the shipped story must load cleanly"
    app = make_app(tmp_path, story=story_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        for _ in range(400):
            if isinstance(app.screen, EndingScreen):
                break
            game = app.session.game
            assert game is not None
            # the first open choice; a scene already seen twice takes its last open one
            open_ = [c for c in game.view().choices if c.enabled]
            pick = open_[-1] if game.state.visits.get(game.state.scene, 0) > 1 else open_[0]
            await pilot.press(str(pick.number) if pick.number < 10 else "enter")
            await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "You have found 1 of the story's" in text_of(app)


# ---------------------------------------------------------------- live reload (relocant play --watch)


@run_async
async def test_watch_reloads_the_story_keeps_the_game_and_shows_check_errors(tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "story"
    shutil.copytree(ROOT / "tests" / "stories" / "trio", story)
    app = make_app(tmp_path / "saves", story=story, watch=story)
    notes: list[str] = []
    original_notify = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notes.append(f"{kwargs.get('title', '')}: {message}")
        original_notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        game = app.session.game
        assert game is not None
        scene, steps = game.state.scene, len(game.steps)
        scenes = story / "scenes.toml"
        first_line = source_of(app.session.story.scenes[scene].text).strip().splitlines()[0]
        scenes.write_text(scenes.read_text(encoding="utf-8").replace(first_line, "EDITED WHILE PLAYING."))
        app.reload_if_changed()
        await pilot.pause()
        assert "EDITED WHILE PLAYING." in text_of(app)
        assert app.session.game is not None
        assert (app.session.game.state.scene, len(app.session.game.steps)) == (scene, steps)
        assert any("The story was reloaded." in n for n in notes)

        scenes.write_text(scenes.read_text(encoding="utf-8") + '\n[[scene]]\nid = "broken"\ntitel = "x"\n')
        app.reload_if_changed()
        await pilot.pause()
        assert any("relocant check:" in n and "unknown key 'titel'" in n for n in notes)
        assert isinstance(app.screen, PlayScreen)
        assert "EDITED WHILE PLAYING." in text_of(app)  # plays on with the last good version


@run_async
async def test_watch_shows_a_variable_the_author_adds_to_the_side_panel(tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "story"
    shutil.copytree(ROOT / "tests" / "stories" / "trio", story)
    app = make_app(tmp_path / "saves", story=story, watch=story)
    async with app.run_test(size=(120, 36)) as pilot:
        await start(pilot, "1")
        meta = story / "story.toml"
        meta.write_text(
            meta.read_text(encoding="utf-8")
            + '\n[variables.courage]\ntype = "integer"\ndefault = 2\nmin = 0\nmax = 10\n'
            + 'label = "Courage"\nshow = "bar"\ngroup = "You"\n',
            encoding="utf-8",
        )
        scenes = story / "scenes.toml"
        scenes.write_text(
            scenes.read_text(encoding="utf-8").replace(
                'effects = ["money_rub -= 40000",', 'effects = ["courage += 1", "money_rub -= 40000",'
            ),
            encoding="utf-8",
        )
        app.reload_if_changed()
        await pilot.pause()
        assert "Courage" in str(app.screen.query_one(StatusPanel).render())
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "3/10" in str(app.screen.query_one(StatusPanel).render())


@run_async
async def test_the_glossary_shows_the_meaning_the_first_time_it_opens(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, "2")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "twelve-digit number" in screen_text(app)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
@run_async
async def test_help_opens_from_the_title_screen(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


@run_async
async def test_the_title_menu_keeps_its_highlight_until_continue_changes(tmp_path: Path) -> None:
    """Help over the title leaves the highlight where the player moved it; a game played
    since makes Continue (now naming it) the highlighted line."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#menu", Menu)
        assert menu.highlighted == 1  # New journey: there is nothing to continue
        await pilot.press("down", "down")
        assert menu.highlighted == 3
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert menu.highlighted == 3
        await start(pilot, "1")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert menu.highlighted == 0
