"""An ending: its title and epilogue, the path taken, and endings found so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engine.frontends.tui.commands.command import command_bindings, perform
from engine.frontends.tui.commands.game import Help, Journal, Quit, Title, Undo
from engine.frontends.tui.messages import ToTitle
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.passage import passage_content
from engine.frontends.tui.widgets.status import panel_content
from engine.present.catalogs import _, ngettext
from engine.present.presenter import current


class EndingScreen(GameScreen):
    CSS_PATH = "ending.tcss"
    OFFERS = (Help, Quit, Title, Undo, Journal)
    BINDINGS = command_bindings(*OFFERS)

    def compose(self) -> ComposeResult:
        session = self.session
        game = session.game
        assert game is not None
        view = game.view()
        assert view.ending is not None
        story = session.story
        journey = story.journeys.get(view.journey)
        found = session.endings_found() | {view.scene_id}
        total = len(story.endings)
        with VerticalScroll(id="ending-scroll"):
            yield Static(_("THE END"), id="the-end")
            yield Static(shown(view.ending.title), id="ending-title")
            present = current()
            kind = present.ending(view.ending.kind)
            yield Static(
                shown(f"{kind} · {journey.title if journey else ''} · {present.clock(view.clock)}"),
                id="ending-kind",
            )
            yield Static(
                ngettext(
                    "You have found {found} of the story's {total} endings.",
                    "You have found {found} of the story's {total} endings.",
                    total,
                ).format(found=len(found & set(story.endings)), total=total),
                id="endings-found",
            )
            yield Static(passage_content(view), id="epilogue")
            yield Static(_("The path you took"), classes="section")
            path = [shown(f"{e.number}. {present.clock(e.clock)}: {e.text}") for e in game.journal()]
            yield Static(Content("\n").join(path) if path else Content(_("No decisions.")), id="path")
            yield Static(_("Where you ended"), classes="section")
            yield Static(panel_content(story, game.panel(), {}), id="final-state")
        yield KeysFooter()

    def do_title(self, command: Title) -> None:
        self.perform(ToTitle())

    def do_undo(self, command: Undo) -> None:
        """Back to the play screen below, which steps back one choice."""
        self.dismiss()
        perform(self.app.screen, Undo())
