"""The title screen: what the game is, the content note, and where to begin."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from engine.core.controls import visible
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown


class TitleScreen(GameScreen):
    CSS_PATH = "title.tcss"
    BINDINGS = [
        Binding("c", "pick('continue')", "Continue"),
        Binding("n", "pick('new')", "New journey"),
        Binding("l", "pick('load')", "Load"),
        Binding("a", "pick('about')", "Sources"),
        Binding("q", "pick('quit')", "Quit", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        story = self.session.story
        with Vertical(id="title-box"):
            yield Static(shown(story.title.upper()), id="game-title")
            yield Static(shown(story.subtitle), id="subtitle")
            if story.content_note:
                yield Static(Content("Content note: ") + shown(story.content_note), id="content-note")
            yield OptionList(id="menu")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.fill_menu()

    def fill_menu(self) -> None:
        menu = self.query_one("#menu", OptionList)
        newest = self.session.slots()
        menu.clear_options()
        if newest:
            last = newest[0]
            where = f"{last.journey_title}, {last.scene_title}" if last.problem is None else last.slot
            menu.add_option(Option(Content("Continue: ") + Content(visible(where)), id="continue"))
        else:
            menu.add_option(Option("Continue (no saved game yet)", id="continue", disabled=True))
        menu.add_options(
            [
                Option("New journey", id="new"),
                Option("Load a saved game", id="load"),
                Option("About the sources", id="about"),
                Option("Quit", id="quit"),
            ]
        )
        menu.highlighted = 0 if newest else 1
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_pick(event.option.id)

    def action_help(self) -> None:
        self.game_app.show_help()

    def action_pick(self, what: str) -> None:
        app = self.game_app
        if what == "continue":
            app.continue_newest()
        elif what == "new":
            from engine.frontends.tui.screens.journeys import JourneyScreen

            app.push_screen(JourneyScreen())
        elif what == "load":
            from engine.frontends.tui.screens.saves import SavesScreen

            app.push_screen(SavesScreen(saving=False))
        elif what == "about":
            from engine.frontends.tui.screens.sources import SourcesScreen

            app.push_screen(SourcesScreen(facts=None))
        elif what == "quit":
            app.action_quit()
