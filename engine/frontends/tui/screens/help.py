"""Every key of the game, in one place: made from the commands themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import HELP_ORDER, Back, Palette, Quit
from engine.frontends.tui.screens.base import GameModal
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.present.catalogs import _

Row = tuple[str, str]


def help_sections() -> dict[str, list[Row]]:
    """The help screen's rows, by section, in the order the commands are defined."""
    sections: dict[str, list[Row]] = {}
    for command in HELP_ORDER:
        if command.HELP:
            sections.setdefault(_(command.GROUP), []).append((_(command.keys_for_help()), _(command.HELP)))
    sections.setdefault(_("Everywhere"), []).insert(0, (_(Palette.KEY_HELP), _(Palette.HELP)))
    return sections


class HelpScreen(GameModal):
    CSS_PATH = "help.tcss"
    OFFERS = (Quit, (Back, "escape,q,question_mark,f1"))
    BINDINGS = command_bindings(*OFFERS)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(_("Keys"), id="help-heading")
            for section, rows in help_sections().items():
                yield Static(section, classes="help-section")
                for keys, what in rows:
                    with Horizontal(classes="help-row"):
                        yield Static(keys, classes="help-keys", markup=False)
                        yield Static(what, classes="help-what", markup=False)
        yield KeysFooter()

    def do_back(self, command: Back) -> None:
        self.dismiss()
