"""An ending: its title and epilogue, the path taken, and endings found so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.passage import passage_content
from engine.frontends.tui.widgets.status import panel_content

KINDS = {"hopeful": "a hopeful ending", "bittersweet": "a bittersweet ending", "sombre": "a sombre ending"}


class EndingScreen(GameScreen):
    CSS_PATH = "ending.tcss"
    BINDINGS = [
        Binding("enter,escape", "title", "Title screen"),
        Binding("u", "undo", "Undo"),
        Binding("j", "journal", "Journal"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

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
            yield Static("THE END", id="the-end")
            yield Static(shown(view.ending.title), id="ending-title")
            kind = KINDS.get(view.ending.kind, view.ending.kind)
            yield Static(
                shown(f"{kind} · {journey.title if journey else ''} · {view.when}"), id="ending-kind"
            )
            yield Static(
                f"You have found {len(found & set(story.endings))} of the story's {total} endings.",
                id="endings-found",
            )
            yield Static(passage_content(view), id="epilogue")
            yield Static("The path you took", classes="section")
            path = [shown(f"{e.number}. {e.when}: {e.text}") for e in game.journal()]
            yield Static(Content("\n").join(path) if path else "No decisions.", id="path")
            yield Static("Where you ended", classes="section")
            yield Static(panel_content(story, game.panel(), {}), id="final-state")
        yield Footer()

    def action_title(self) -> None:
        self.game_app.go_title()

    def action_journal(self) -> None:
        self.game_app.show_journal()

    def action_help(self) -> None:
        self.game_app.show_help()

    def action_undo(self) -> None:
        self.app.pop_screen()
        self.game_app.undo_from_ending()
