"""The journal: each decision so far with its scene and in-game date."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from engine.frontends.tui.screens.base import GameModal
from engine.frontends.tui.shown import cell


class JournalScreen(GameModal):
    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("escape,j,q", "app.pop_screen", "Close"),
        Binding("e", "export", "Export to Markdown"),
    ]

    def compose(self) -> ComposeResult:
        game = self.session.game
        assert game is not None
        with Vertical(id="journal-box"):
            yield Static("Journal", id="journal-heading")
            entries = game.journal()
            if entries:
                table: DataTable[Text] = DataTable(id="journal", cursor_type="row", zebra_stripes=True)
                table.add_columns("#", "When", "Where", "Decision")
                for e in entries:
                    table.add_row(cell(str(e.number)), cell(e.when), cell(e.scene_title), cell(e.text))
                yield table
            else:
                yield Static("No decisions yet: the journey has just begun.", id="journal-empty")
        yield Footer()

    def action_export(self) -> None:
        if self.game_app.deliver(
            self.session.journal_file_name(), self.session.journal_markdown(), "the journal"
        ):
            return
        try:
            path = self.session.export_journal()
        except OSError as exc:
            self.notify(f"Could not write the journal: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Journal written to {path}", title="Exported", timeout=8)
