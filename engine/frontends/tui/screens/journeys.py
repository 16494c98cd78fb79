"""Choosing a journey: each with its blurb, its dates and its places."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.core.model import Journey
from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import Back, Choose, Help, Quit
from engine.frontends.tui.messages import StartJourney
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _


def journey_prompt(number: int, journey: Journey) -> Content:
    lines = [shown(f"{number}. {journey.title}", "bold")]
    facts = " · ".join(x for x in (journey.when, journey.where_text) if x)
    if facts:
        lines.append(shown(facts, "italic"))
    lines.append(shown(journey.blurb))
    return Content("\n").join(lines)


class JourneyScreen(GameScreen):
    CSS_PATH = "journeys.tcss"
    OFFERS = (Help, Quit, Choose, Back)
    BINDINGS = command_bindings(*OFFERS)

    def compose(self) -> ComposeResult:
        with Vertical(id="journeys-box"):
            yield Static(_("Choose a journey"), id="journeys-heading")
            yield OptionList(
                *(
                    Option(journey_prompt(i, j), id=j.id)
                    for i, j in enumerate(self.session.story.journeys.values(), 1)
                ),
                id="journeys",
            )
        yield Notice()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#journeys", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#journeys")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.perform(StartJourney(event.option.id))

    def do_choose(self, command: Choose) -> None:
        ids = list(self.session.story.journeys)
        if 1 <= command.number <= len(ids):
            self.perform(StartJourney(ids[command.number - 1]))

    def do_back(self, command: Back) -> None:
        self.dismiss()
