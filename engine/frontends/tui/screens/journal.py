"""The journal: each decision so far with its scene and in-game date."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engine.core.game import JournalEntry
from engine.core.text import GlossaryMarker, paragraphs, plain
from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import Back, Export, Help, Quit
from engine.frontends.tui.screens.base import GameModal
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _
from engine.present.presenter import current

NO_TERMS = GlossaryMarker({})


def entry_content(entry: JournalEntry) -> Content:
    """The decision first and in full, wrapped at any width; what it answered, then when and where."""
    head = Content.styled(f"{entry.number}. ", "bold") + shown(entry.text, "bold")
    parts = [head]
    if entry.reply:
        said = " ".join(plain((p,)) for p in paragraphs(entry.reply, NO_TERMS))
        parts.append(shown("   ") + shown(said, "italic"))
    parts.append(shown(f"   {current().clock(entry.clock)} · {entry.scene_title}", "dim italic"))
    return Content("\n").join(parts)


class JournalScreen(GameModal):
    CSS_PATH = "journal.tcss"
    OFFERS = (Help, Quit, Export, (Back, "escape,j,q"))
    BINDINGS = command_bindings(*OFFERS)

    def compose(self) -> ComposeResult:
        game = self.session.game
        assert game is not None
        with Vertical(id="journal-box"):
            yield Static("Journal", id="journal-heading")
            entries = game.journal()
            with VerticalScroll(id="journal"):
                if entries:
                    for e in entries:
                        yield Static(entry_content(e), classes="journal-entry")
                else:
                    yield Static("No decisions yet: the journey has just begun.", id="journal-empty")
        yield Notice()
        yield KeysFooter()

    def on_mount(self) -> None:
        journal = self.query_one("#journal", VerticalScroll)
        journal.focus()
        journal.scroll_end(animate=False)

    def do_export(self, command: Export) -> None:
        if self.deliver(self.session.journal_file_name(), self.session.journal_markdown(), _("the journal")):
            return
        try:
            path = self.session.export_journal()
        except OSError as exc:
            self.say(
                _("The journal could not be written: {error}.").format(error=exc.strerror or exc),
                severity="error",
            )
            return
        self.say(_("Journal written to {path}").format(path=path), title=_("Exported"))

    def do_back(self, command: Back) -> None:
        self.dismiss()
