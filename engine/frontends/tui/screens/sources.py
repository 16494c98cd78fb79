"""The documented facts a scene rests on, or the credits for the reports."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engine.core.model import Source
from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import Back, Help, Quit
from engine.frontends.tui.screens.base import GameModal
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.present.catalogs import _


def source_line(source: Source) -> Content:
    head = shown(source.title, "bold")
    meta = ", ".join(x for x in (source.outlet, source.date) if x)
    parts = [head + (shown(f" — {meta}") if meta else Content(""))]
    if source.about:
        parts.append(shown("  " + source.about))
    return Content("\n").join(parts)


class SourcesScreen(GameModal):
    """With ``facts``, what this scene rests on; without, About the sources."""

    CSS_PATH = "sources.tcss"
    OFFERS = (Help, Quit, (Back, "escape,q,r"))
    BINDINGS = command_bindings(*OFFERS)

    def __init__(self, facts: tuple[tuple[str, str], ...] | None) -> None:
        super().__init__()
        self.facts = facts

    def compose(self) -> ComposeResult:
        sources = self.session.story.sources
        with VerticalScroll(id="sources-box"):
            if self.facts is None:
                yield Static(_("About the sources"), classes="heading")
                yield Static(
                    _(
                        "The scenes of this game rest on documented accounts. "
                        "Names and people are invented; the facts below are not."
                    ),
                    classes="intro",
                )
                for source in sources.values():
                    yield Static(source_line(source), classes="source")
            else:
                yield Static(_("What this scene rests on"), classes="heading")
                if not self.facts:
                    yield Static(_("This scene is invented; it rests on no documented fact."))
                for key, fact in self.facts:
                    known = sources.get(key)
                    where = (known.outlet or known.title) if known else key
                    yield Static(shown(f"• {fact} ") + shown(f"({where})", "italic"))
        yield KeysFooter()

    def do_back(self, command: Back) -> None:
        self.dismiss()
