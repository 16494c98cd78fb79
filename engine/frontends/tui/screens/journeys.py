"""Choosing a journey: each with its blurb, its dates and its places."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from engine.core.model import Journey
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown


def journey_prompt(number: int, journey: Journey) -> Content:
    lines = [shown(f"{number}. {journey.title}", "bold")]
    facts = " · ".join(x for x in (journey.when, journey.where_text) if x)
    if facts:
        lines.append(shown(facts, "italic"))
    lines.append(shown(journey.blurb))
    return Content("\n").join(lines)


class JourneyScreen(GameScreen):
    CSS_PATH = "journeys.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        *(Binding(str(n), f"start({n})", "Start", show=n == 1, key_display="1-3") for n in range(1, 10)),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="journeys-box"):
            yield Static("Choose a journey", id="journeys-heading")
            yield OptionList(
                *(
                    Option(journey_prompt(i, j), id=j.id)
                    for i, j in enumerate(self.session.story.journeys.values(), 1)
                ),
                id="journeys",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#journeys", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#journeys")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.game_app.start_journey(event.option.id)

    def action_start(self, number: int) -> None:
        ids = list(self.session.story.journeys)
        if 1 <= number <= len(ids):
            self.game_app.start_journey(ids[number - 1])
