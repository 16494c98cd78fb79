"""The Textual game in another language: switched from the palette mid-game, kept in the settings.

The story is tests/stories/translated (whole Russian tables).
"""

from __future__ import annotations

import json
from pathlib import Path

from app_support import language_app, run_async, settings_path

from engine.frontends.tui.app import RelocantApp
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.menu import Menu
from engine.frontends.tui.widgets.passage import Passage
from engine.frontends.tui.widgets.transcript import Transcript
from engine.present import catalogs

STORY = Path(__file__).resolve().parent / "stories" / "translated"


def make_app(saves: Path, language: str = "en", explicit: bool = False) -> RelocantApp:
    return language_app(saves, STORY, language, explicit)


def shown(app: RelocantApp) -> str:
    entries = app.screen.query_one(Transcript).entries
    return "\n".join(p.plain for p in entries if isinstance(p, Passage))


def footer_words(app: RelocantApp) -> list[str]:
    assert app.screen.query(KeysFooter)
    return [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]


@run_async
async def test_switching_language_from_the_palette_keeps_the_game_where_it_is(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("n", "1")
            await pilot.pause()
            await pilot.press("2")  # rest: a once-only choice, with a reply
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            game = app.session.game
            assert game is not None
            before = (list(game.states), list(game.steps), game.seed)
            assert "The office" in shown(app) and "Journal" in footer_words(app)
            await pilot.press("ctrl+p")
            await pilot.press(*"Language")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            game = app.session.game
            assert game is not None
            assert (game.states, game.steps, game.seed) == before
            assert app.session.story.language == "ru"
            assert "Контора" in shown(app) and "Документы: ИИН" in shown(app)
            assert "Журнал" in footer_words(app) and "Journal" not in footer_words(app)
            assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))["language"] == "ru"
            app.switch_language("en")
            await pilot.pause()
            game = app.session.game
            assert game is not None and (game.states, game.steps) == before[:2]
            assert "The office" in shown(app) and "Journal" in footer_words(app)
    finally:
        catalogs.use("en")


@run_async
async def test_the_language_chosen_in_the_game_is_kept_for_next_time_unless_lang_says_otherwise(
    tmp_path: Path,
) -> None:
    settings_path(tmp_path).write_text(json.dumps({"language": "ru"}), encoding="utf-8")
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert app.session.story.language == "ru"
            menu = app.screen.query_one("#menu", Menu)
            assert "Новое путешествие" in [
                str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)
            ]
        asked = make_app(tmp_path, "en", explicit=True)
        async with asked.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert asked.session.story.language == ""
    finally:
        catalogs.use("en")
