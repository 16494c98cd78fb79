"""The title screen: what the game is, the content note, and where to begin.

It is drawn while the story loads (:mod:`engine.frontends.tui`): from the
story's heading, with Continue not yet saying which save it resumes. Once
the story is loaded, the menu says it, and any other words the loaded story
has for its title are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

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
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _

if TYPE_CHECKING:
    from engine.frontends.tui.app import RelocantApp

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
    _placed: int | None = None  # where the menu's highlight was put, to tell if the player moved it

    def compose(self) -> ComposeResult:
        story = cast("RelocantApp", self.app).heading
        self._words = story
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

    async def story_loaded(self) -> None:
        """The story is loaded: say what Continue resumes, in the loaded story's words."""
        if cast("RelocantApp", self.app).heading != self._words:
            await self.recompose()
        self.fill_menu(keep=True)

    def fill_menu(self, keep: bool = False) -> None:
        """The menu; ``keep``: the highlight stays where the player moved it while the story loaded."""
        menu = self.query_one("#menu", OptionList)
        if not cast("RelocantApp", self.app).ready:
            self._fill(menu, Option(_("Continue"), id="continue"), 0)
            return
        from engine.frontends.tui.screens.saves import played_text
        from engine.saves.errors import saved_at_text

        last = self.session.continue_meta()
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
            first = Option(prompt, id="continue")
        else:
            first = Option(_("Continue (no saved game yet)"), id="continue", disabled=True)
        moved = keep and menu.highlighted is not None and menu.highlighted != self._placed
        self._fill(menu, first, menu.highlighted if moved else 0 if last is not None else 1)

    def _fill(self, menu: OptionList, first: Option, highlighted: int | None) -> None:
        """The menu, Continue first; the highlight where the player left it, else on ``highlighted``."""
        menu.clear_options()
        menu.add_option(first)
        menu.add_options(
            [
                Option(_("New journey"), id="new"),
                Option(_("Load a saved game"), id="load"),
                Option(_("About the sources"), id="about"),
                Option(_("Quit"), id="quit"),
            ]
        )
        if highlighted == 0 and first.disabled:
            highlighted = 1
        menu.highlighted = self._placed = highlighted
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        command = MENU.get(event.option.id or "")
        if command is not None:
            self.perform(command())
