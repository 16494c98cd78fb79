"""The play screen: the transcript, the choices, and the side panel."""

from __future__ import annotations

import dataclasses

import attrs
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game, View, diff
from engine.core.text import Paragraph, paragraphs
from engine.frontends.tui.commands.command import command_bindings
from engine.frontends.tui.commands.game import (
    Back,
    Choose,
    Facts,
    Glossary,
    Help,
    Journal,
    Load,
    PageDown,
    PageUp,
    Quickload,
    Quicksave,
    Quit,
    Save,
    StoryEnd,
    StoryTop,
    Terms,
    TogglePanel,
    Undo,
)
from engine.frontends.tui.messages import GameOver, ToTitle
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.widgets.choices import ChoiceList, ChoiceOption
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.notice import Notice
from engine.frontends.tui.widgets.passage import Entry, Passage, Reply
from engine.frontends.tui.widgets.status import PanelAhead, StatusPanel
from engine.frontends.tui.widgets.transcript import Transcript
from engine.frontends.wording import change_summary
from engine.present.catalogs import _
from engine.session.play import HISTORY

NARROW = 100  # below this many columns the side panel hides itself


@attrs.frozen
class Ahead:
    """What a choice leads to, drawn before it is taken: the view and reply it was drawn from,
    the entries it adds to the story and the choices it offers."""

    view: View
    said: tuple[Paragraph, ...]
    entries: list[Entry]
    options: list[ChoiceOption]
    panel: PanelAhead


class PlayScreen(GameScreen):
    CSS_PATH = "play.tcss"
    OFFERS = (
        Help,
        Quit,
        Choose,
        Undo,
        Journal,
        Facts,
        Save,
        Load,
        TogglePanel,
        Terms,
        Glossary,
        Quicksave,
        Quickload,
        PageUp,
        PageDown,
        StoryTop,
        StoryEnd,
        Back,
    )
    # A number or u is taken by the screen before any widget sees the key (no widget here
    # takes them): the key goes straight to its command, not through the focused widget first.
    BINDINGS = [
        dataclasses.replace(b, priority=True)
        if isinstance(b, Binding) and b.action.startswith(("command('Choose'", "command('Undo'"))
        else b
        for b in command_bindings(*OFFERS)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.panel_wanted: bool | None = None  # None: follow the terminal's width
        self.current: Passage
        self.ahead: dict[int, Ahead | None] = {}  # choice number -> what it leads to, drawn (None: cannot be)
        self._moment = 0  # counts what the player did: what was drawn ahead for an earlier moment is stale

    def compose(self) -> ComposeResult:
        self.transcript = Transcript(id="transcript")
        self.choices = ChoiceList(id="choices")
        self.choices.border_title = _("Choose")
        self.panel = StatusPanel(self.session.story, id="panel")
        self.notice = Notice()
        with Horizontal(id="play"):
            with Vertical(id="reading"):
                yield self.transcript
                yield self.choices
            yield self.panel
        yield self.notice
        yield KeysFooter()

    def on_mount(self) -> None:
        self.redraw()
        self.fit_panel(self.app.size.width)
        self.call_after_refresh(self.write_autosave)
        self.call_after_refresh(self.draw_ahead, self._moment)

    def write_autosave(self) -> None:
        """Write the autosave a step made due, now that its frame is on screen."""
        failure = self.session.write_due()
        if failure:  # on whichever screen is shown by now (an ending's, perhaps)
            self.app.notify(
                _("The autosave failed: {error} Your game goes on.").format(error=failure), severity="error"
            )

    def on_resize(self) -> None:
        self.fit_panel(self.app.size.width)

    @property
    def game(self) -> Game:
        assert self.session.game is not None
        return self.session.game

    # ------------------------------------------------------------ drawing

    def redraw(self) -> None:
        """Rebuild the transcript from the game: after a load, an undo or a reload."""
        self.moved()
        entries: list[Entry] = []
        for view, step in self.session.history():
            entries.append(Passage(view, step.text, earlier=True))
            if step.reply:
                entries.append(Reply(paragraphs(step.reply, self.session.story.marker), earlier=True))
        current = self.current = Passage(self.game.view())
        top = self.reply_above(entries)
        self.transcript.show([*entries, current], top=top or current)
        self.show_choices(changes=False)

    def reply_above(self, entries: list[Entry]) -> Reply | None:
        """The reply that led to the current passage, shown above it and no longer dimmed."""
        last = entries[-1] if entries else None
        if isinstance(last, Reply) and self.game.reply:
            last.dim(False)
            return last
        return None

    @property
    def top_entry(self) -> Entry | None:
        """What the last step brought to the top of the story: the new passage, or the reply above it."""
        return self.transcript.latest

    def advance(self, chosen: str, number: int) -> None:
        """Dim the passage just read, add the reply and the next passage: after a choice.

        The new entries are added to those in the transcript, nothing else is
        drawn again, and the scroll that brings them to the top is set before
        the next frame, so the first frame that draws them has them at the top.
        """
        transcript = self.transcript
        old = self.current
        old.dim(True)
        old.set_chosen(chosen)
        changed: list[Entry] = [old]
        if isinstance(transcript.latest, Reply):
            transcript.latest.dim(True)
            changed.append(transcript.latest)
        transcript.redrawn(*changed)
        ahead = self.taken_ahead(number)
        if ahead is None:
            said = self.game.reply_paragraphs()
            passage = Passage(self.game.view())
            entries: list[Entry] = [Reply(said), passage] if said else [passage]
        else:
            entries = ahead.entries
        current = entries[-1]
        assert isinstance(current, Passage)
        self.current = current
        transcript.extend(entries, entries[0], leaving=self.beyond_history(transcript))
        if ahead is None:
            self.show_choices(changes=True)
        else:
            self.show_choices(changes=True, options=ahead.options, panel=ahead.panel)

    # ------------------------------------------------------------ drawing ahead

    def moved(self) -> None:
        """The player did something: what was drawn ahead belonged to the moment before."""
        self._moment += 1
        self.ahead = {}

    def draw_ahead(self, moment: int) -> None:
        """While the player reads, draw what each open choice leads to (its reply and the next
        passage, at the story pane's width), one choice at a time between other events, so a
        choice only adds what is drawn. The engine's ``Game.successor`` says what a choice
        leads to without taking it; whatever is not drawn yet when the key comes is drawn then.
        """
        if moment != self._moment or not self.is_current or self.session.game is None:
            return
        transcripts, lists, panels = self.query(Transcript), self.query(ChoiceList), self.query(StatusPanel)
        if not transcripts or not lists or not panels:  # the screen is being taken down
            return
        game = self.game
        pending = [c for c in game.view().choices if c.enabled and c.number not in self.ahead]
        if not pending:
            return
        choice = pending[0]
        try:
            after = game.successor(game.state, choice)
        except RunTimeError:  # the story has an error there: told when the player takes it
            self.ahead[choice.number] = None
        else:
            view = game.view_at(after.state)
            said = paragraphs(after.step.reply, self.session.story.marker) if after.step.reply else ()
            passage = Passage(view)
            entries: list[Entry] = [Reply(said), passage] if said else [passage]
            transcripts.first().draw_ahead(entries)
            options = lists.first().options_for(view.choices)
            story = self.session.story
            panel = panels.first().draw_ahead(
                story, game.panel_at(after.state), diff(story, game.state, after.state)
            )
            self.ahead[choice.number] = Ahead(view, said, entries, options, panel)
        self.call_later(self.draw_ahead, moment)

    def taken_ahead(self, number: int) -> Ahead | None:
        """What was drawn ahead for choice ``number``, if it led where it shows (it did,
        unless the story or the language changed under it): else None."""
        ready = self.ahead.get(number)
        self.moved()
        if ready is None or ready.view != self.game.view() or ready.said != self.game.reply_paragraphs():
            return None
        return ready

    def beyond_history(self, transcript: Transcript) -> list[Entry]:
        """The oldest entries, once more than HISTORY passages would stand above the current one."""
        entries = transcript.entries
        passages = [e for e in entries if isinstance(e, Passage)]
        if len(passages) <= HISTORY:
            return []
        return entries[: entries.index(passages[-HISTORY])]

    def step_back(self) -> bool:
        """Undo in the transcript: the last passage (and the reply above it) go, the one before is
        current again and comes back to the top. False when it is not on screen to come back to."""
        transcript = self.transcript
        entries = transcript.entries
        passages = [e for e in entries if isinstance(e, Passage)]
        if len(passages) < 2 or passages[-1] is not self.current or passages[-2].view != self.game.view():
            return False
        previous = passages[-2]
        at = entries.index(previous)
        before = entries[at - 1] if at else None
        previous.set_chosen(None)
        previous.dim(False)
        self.current = previous
        top: Entry = before if isinstance(before, Reply) and self.game.reply else previous
        top.dim(False)
        transcript.redrawn(previous, top)
        transcript.retreat(entries[at + 1 :], top)
        self.show_choices(changes=False)
        return True

    def show_choices(
        self, changes: bool, options: list[ChoiceOption] | None = None, panel: PanelAhead | None = None
    ) -> None:
        """The choices of the scene now and the side panel's rows (``options``, ``panel``: drawn ahead)."""
        view = self.game.view()
        choices = self.choices
        choices.show(view.choices, options)
        choices.focus()
        shown = self.game.changes() if changes else []
        status = self.panel
        status.show(self.session.story, self.game.panel(), shown, panel)
        if shown and self.panel_shown:
            line = status.first_change_line
            if line is not None:
                status.scroll_to(y=max(0, line - 2), animate=False)
        elif shown:
            self.say(change_summary(self.session.story, shown), title=_("Changed"))

    # ------------------------------------------------------------ side panel

    @property
    def panel_shown(self) -> bool:
        return self.panel.display

    def fit_panel(self, width: int) -> None:
        wanted = self.panel_wanted if self.panel_wanted is not None else width >= NARROW
        self.panel.display = wanted

    def do_toggle_panel(self, command: TogglePanel) -> None:
        self.panel_wanted = not self.panel_shown
        self.fit_panel(self.app.size.width)

    # ------------------------------------------------------------ reading

    def do_page_up(self, command: PageUp) -> None:
        self.transcript.scroll_page_up(animate=False)

    def do_page_down(self, command: PageDown) -> None:
        self.transcript.scroll_page_down(animate=False)

    def do_story_top(self, command: StoryTop) -> None:
        self.transcript.scroll_home(animate=False)

    def do_story_end(self, command: StoryEnd) -> None:
        transcript = self.transcript
        transcript.scroll_to(y=transcript.top_of(self.current), animate=False)

    # ------------------------------------------------------------ playing

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        self.choose(event.number)

    def do_choose(self, command: Choose) -> None:
        self.choose(command.number)

    def choose(self, number: int) -> None:
        view = self.game.view()
        picked = next((c for c in view.choices if c.number == number), None)
        if picked is None:
            return
        self.quiet()
        try:
            self.session.choose(number)
        except ChoiceUnavailable:
            self.say(_("Not open yet: {reason}.").format(reason=picked.reason), severity="warning")
            return
        except RunTimeError as exc:
            self.say(_("The story has an error here: {error}").format(error=exc), severity="error")
            return
        self.advance(picked.text, number)
        if self.game.is_over:
            self.perform(GameOver())
        self.call_after_refresh(self.write_autosave)
        self.call_after_refresh(self.draw_ahead, self._moment)

    def do_undo(self, command: Undo) -> None:
        self.quiet()
        if not self.game.can_undo:
            self.say(_("Nothing to undo: this is the start of the journey."))
            return
        self.session.undo()
        self.moved()
        if not self.step_back():
            self.redraw()
        self.choices.note(_("One step back."))
        self.call_after_refresh(self.write_autosave)
        self.call_after_refresh(self.draw_ahead, self._moment)

    def quiet(self) -> None:
        """Clear the notice line and the choices' note: the player has moved on."""
        self.notice.clear()
        self.choices.note(None)

    def action_term(self, key: str) -> None:
        """Clicking an underlined word opens the glossary at it."""
        self.perform(Glossary(selected=key))

    def do_terms(self, command: Terms) -> None:
        keys = [s.term for p in self.game.view().paragraphs for s in p if s.term]
        if not keys:
            self.say(_("This scene has no glossary terms. Press g for the whole glossary."))
            return
        self.perform(Glossary(only=list(dict.fromkeys(keys))))

    def do_back(self, command: Back) -> None:
        self.perform(ToTitle())
