"""The glossary: the terms on the left, the chosen term's meaning on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.core.model import GlossaryEntry
from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import Back, Help, Quit
from engine.frontends.tui.screens.base import GameModal
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.present.catalogs import _


def entry_content(entry: GlossaryEntry) -> Content:
    parts = [shown(entry.term, "bold"), Content(""), shown(entry.text)]
    if entry.also:
        parts += [Content(""), shown(_("Also: ") + ", ".join(entry.also), "italic")]
    return Content("\n").join(parts)


class GlossaryScreen(GameModal):
    CSS_PATH = "glossary.tcss"
    OFFERS = (Help, Quit, (Back, "escape,q"))
    BINDINGS = command_bindings(*OFFERS)

    def __init__(self, only: list[str] | None = None, selected: str | None = None) -> None:
        super().__init__()
        self.only = only
        self.selected = selected

    def entries(self) -> list[GlossaryEntry]:
        glossary = self.session.story.glossary
        if self.only is not None:
            return [glossary[k] for k in self.only if k in glossary]
        return sorted(glossary.values(), key=lambda e: e.term.casefold())

    def compose(self) -> ComposeResult:
        heading = _("Terms in this scene") if self.only is not None else _("Glossary")
        entries = self.entries()
        keys = [e.key for e in entries]
        first = keys.index(self.selected) if self.selected in keys else 0
        with Vertical(id="glossary-box"):
            yield Static(heading, id="glossary-heading")
            with Horizontal():
                terms = OptionList(*(Option(shown(e.term), id=e.key) for e in entries), id="terms")
                terms.highlighted = first
                yield terms
                # The meaning is there from the first frame, not only once the highlight moves.
                yield Static(entry_content(entries[first]) if entries else "", id="meaning")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#terms", OptionList).focus()

    def do_back(self, command: Back) -> None:
        self.dismiss()

    @on(OptionList.OptionHighlighted, "#terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.session.story.glossary.get(event.option.id or "")
        if entry is not None:
            self.query_one("#meaning", Static).update(entry_content(entry))
