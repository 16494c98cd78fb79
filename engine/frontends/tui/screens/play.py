"""The play screen: the transcript, the choices, and the side panel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer

from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.widgets.choices import ChoiceList
from engine.frontends.tui.widgets.passage import Passage
from engine.frontends.tui.widgets.status import StatusPanel
from engine.frontends.tui.widgets.transcript import Transcript

NARROW = 100  # below this many columns the side panel hides itself


class PlayScreen(GameScreen):
    CSS_PATH = "play.tcss"
    BINDINGS = [
        *(Binding(str(n), f"choose({n})", "Choose", show=n == 1, key_display="1-9") for n in range(1, 10)),
        Binding("u", "undo", "Undo"),
        Binding("j", "journal", "Journal"),
        Binding("t", "terms", "Terms", show=False),
        Binding("g", "glossary", "Glossary", show=False),
        Binding("r", "sources", "Sources"),
        Binding("s", "save", "Save"),
        Binding("l", "load", "Load"),
        Binding("f5", "quicksave", "Quicksave"),
        Binding("f9", "quickload", "Quickload"),
        Binding("p", "panel", "Panel"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("escape", "menu", "Menu", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.panel_wanted: bool | None = None  # None: follow the terminal's width
        self.current: Passage

    def compose(self) -> ComposeResult:
        with Horizontal(id="play"):
            with Vertical(id="reading"):
                yield Transcript(id="transcript")
                yield ChoiceList(id="choices")
            yield StatusPanel(self.session.story, id="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.redraw()
        self.fit_panel(self.app.size.width)

    def on_resize(self) -> None:
        self.fit_panel(self.app.size.width)

    @property
    def game(self) -> Game:
        assert self.session.game is not None
        return self.session.game

    # ------------------------------------------------------------ drawing

    def redraw(self) -> None:
        """Rebuild the transcript from the game: after a load or an undo."""
        passages = [Passage(view, chosen, classes="earlier") for view, chosen in self.session.history()]
        current = self.current = Passage(self.game.view())
        self.query_one(Transcript).show([*passages, current], top=current)
        self.show_choices(changes=False)

    def advance(self, chosen: str) -> None:
        """Dim the passage just read, add the next: after a choice."""
        old = self.current
        old.add_class("earlier")
        old.set_chosen(chosen)
        current = self.current = Passage(self.game.view())
        self.query_one(Transcript).add(current)
        self.show_choices(changes=True)

    def show_choices(self, changes: bool) -> None:
        view = self.game.view()
        choices = self.query_one(ChoiceList)
        choices.show(view.choices)
        choices.focus()
        shown = self.game.changes() if changes else []
        self.query_one(StatusPanel).show(self.session.story, self.game.panel(), shown)
        if shown and not self.panel_shown:
            self.notify(" · ".join(c.text for c in shown), title="Changed", timeout=4)

    # ------------------------------------------------------------ side panel

    @property
    def panel_shown(self) -> bool:
        return self.query_one(StatusPanel).display

    def fit_panel(self, width: int) -> None:
        wanted = self.panel_wanted if self.panel_wanted is not None else width >= NARROW
        self.query_one(StatusPanel).display = wanted

    def action_panel(self) -> None:
        self.panel_wanted = not self.panel_shown
        self.fit_panel(self.app.size.width)

    # ------------------------------------------------------------ playing

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        self.action_choose(event.number)

    def action_choose(self, number: int) -> None:
        view = self.game.view()
        picked = next((c for c in view.choices if c.number == number), None)
        if picked is None:
            return
        try:
            failure = self.session.choose(number)
        except ChoiceUnavailable:
            self.notify(f"Not open: {picked.reason}", severity="warning", timeout=3)
            return
        except RunTimeError as exc:
            self.notify(f"The story has an error here: {exc}", severity="error")
            return
        if failure:
            self.notify(f"The autosave failed: {failure} Your game goes on.", severity="error")
        self.advance(picked.text)
        if self.game.is_over:
            self.game_app.show_ending()

    def action_undo(self) -> None:
        if not self.game.can_undo:
            self.notify("Nothing to undo: this is the start of the journey.", timeout=3)
            return
        failure = self.session.undo()
        if failure:
            self.notify(f"The autosave failed: {failure}.", severity="error")
        self.redraw()
        self.notify("One step back.", timeout=2)

    def action_term(self, key: str) -> None:
        self.game_app.show_glossary(selected=key)

    def action_terms(self) -> None:
        keys = [s.term for p in self.game.view().paragraphs for s in p if s.term]
        if not keys:
            self.notify("This scene has no glossary terms. Press g for the whole glossary.", timeout=3)
            return
        self.game_app.show_glossary(only=list(dict.fromkeys(keys)))

    def action_glossary(self) -> None:
        self.game_app.show_glossary()

    def action_sources(self) -> None:
        self.game_app.show_sources()

    def action_journal(self) -> None:
        self.game_app.show_journal()

    def action_save(self) -> None:
        self.game_app.show_saves(saving=True)

    def action_load(self) -> None:
        self.game_app.show_saves(saving=False)

    def action_quicksave(self) -> None:
        self.game_app.quicksave()

    def action_quickload(self) -> None:
        self.game_app.quickload()

    def action_help(self) -> None:
        self.game_app.show_help()

    def action_menu(self) -> None:
        self.game_app.go_title()
