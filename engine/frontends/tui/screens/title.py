"""The title screen: what the game is, the content note, and where to begin."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.core.controls import visible
from engine.frontends.tui.commands.command import Command, command_bindings
from engine.frontends.tui.commands.game import AboutSources, Continue, Help, Load, NewJourney, Quit
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.screens.saves import played_text
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _
from engine.saves.errors import saved_at_text

MENU: dict[str, type[Command]] = {
    "continue": Continue,
    "new": NewJourney,
    "load": Load,
    "about": AboutSources,
    "quit": Quit,
}


class TitleScreen(GameScreen):
    CSS_PATH = "title.tcss"
    OFFERS = (Help, Quit, Continue, NewJourney, Load, AboutSources)
    BINDINGS = command_bindings(*OFFERS, (Quit, "q"))

    def compose(self) -> ComposeResult:
        story = self.session.story
        with VerticalScroll(id="title-scroll"), Vertical(id="title-box"):
            yield Static(shown(story.title.upper()), id="game-title")
            yield Static(shown(story.subtitle), id="subtitle")
            if story.content_note:
                yield Static(Content(_("Content note: ")) + shown(story.content_note), id="content-note")
            yield OptionList(id="menu")
        yield Notice()
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        self.fill_menu()

    def fill_menu(self) -> None:
        menu = self.query_one("#menu", OptionList)
        last = self.session.continue_meta()
        menu.clear_options()
        if last is not None:
            where = visible(f"{last.journey_title}, {last.scene_title}")
            saved = visible(
                _("'{slot}', saved {saved}, played {played}").format(
                    slot=last.slot, saved=saved_at_text(last.saved_at), played=played_text(last.play_seconds)
                )
            )
            prompt = (
                Content(_("Continue: "))
                + Content.styled(where, "bold")
                + Content("\n  ")
                + Content.styled(saved, "dim")
            )
            menu.add_option(Option(prompt, id="continue"))
        else:
            menu.add_option(Option(_("Continue (no saved game yet)"), id="continue", disabled=True))
        menu.add_options(
            [
                Option(_("New journey"), id="new"),
                Option(_("Load a saved game"), id="load"),
                Option(_("About the sources"), id="about"),
                Option(_("Quit"), id="quit"),
            ]
        )
        menu.highlighted = 0 if last is not None else 1
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        command = MENU.get(event.option.id or "")
        if command is not None:
            self.perform(command())
