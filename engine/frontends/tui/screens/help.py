"""Every key of the game, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from engine.frontends.tui.screens.base import GameModal

KEYS = (
    ("Playing", ""),
    ("1 – 9", "take the choice with that number"),
    ("↑ ↓, Enter", "move through the choices and take one; the mouse works too"),
    ("u", "undo: step back one choice, as far as the start"),
    ("t", "the glossary terms in this scene (or click an underlined word)"),
    ("g", "the whole glossary"),
    ("r", "the documented facts this scene rests on"),
    ("j", "the journal of your decisions (e exports it to Markdown)"),
    ("p", "show or hide the side panel"),
    ("PgUp PgDn", "scroll back through earlier passages"),
    ("Saving", ""),
    ("s", "save in a named slot"),
    ("l", "load a saved game"),
    ("F5", "quicksave"),
    ("F9", "quickload"),
    ("", "the game also saves itself after every choice"),
    ("Everywhere", ""),
    ("Ctrl+P", "the command palette: save, load, undo, journal, glossary, theme…"),
    ("? or F1", "this help"),
    ("Escape", "back, or to the title screen"),
    ("Ctrl+Q", "quit"),
)


class HelpScreen(GameModal):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-heading")
            table: DataTable[str] = DataTable(id="keys", show_cursor=False, show_header=False)
            table.add_columns("Key", "What it does")
            for key, what in KEYS:
                table.add_row(f"[b]{key}[/b]" if not what else key, what)
            yield table
        yield Footer()
