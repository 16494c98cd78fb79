"""The Textual app: owns the session and moves between screens.

The screens draw and send input; every rule is in :class:`engine.core.game.Game`
and every saving rule in :class:`engine.session.play.Session`.
"""

from __future__ import annotations

import io
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from engine.core.controls import visible
from engine.core.diagnostics import RunTimeError
from engine.frontends.tui.commands.game import GameCommands
from engine.frontends.tui.screens.confirm import ConfirmScreen
from engine.frontends.tui.screens.title import TitleScreen
from engine.saves import SaveError
from engine.session.play import QUICK, Session


class RelocantApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]
    ENABLE_COMMAND_PALETTE = True
    # The title is the bottom of the stack, made from MODES so its stylesheet
    # is loaded (a default screen's CSS_PATH is not) and no blank screen is
    # composed first.
    MODES = {"title": TitleScreen}
    DEFAULT_MODE = "title"

    def __init__(
        self,
        session: Session,
        journey: str | None = None,
        resume: bool = False,
        seed: int | None = None,
        watch: Path | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.watched = watch  # the story folder to reload on edits (`relocant play --watch`)
        self._seen: dict[Path, int] = {}
        self.first_journey = journey
        self.resume = resume
        self.seed = seed
        self.blink = True  # text cursors blink; tests turn it off for stable screenshots
        self.title = session.story.title
        self.sub_title = session.story.subtitle

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages name saves, slots and story text: never read them as markup, never pass controls."""
        super().notify(
            visible(message, allow_breaks=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_mount(self) -> None:
        if self.watched is not None:
            from engine.session.reload import snapshot

            self._seen = snapshot(self.watched)
            self.set_interval(1.0, self.reload_if_changed)
        if self.resume:
            self.continue_newest()
        elif self.first_journey:
            self.start_journey(self.first_journey)

    # ------------------------------------------------------------ moving between screens

    def go_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def play(self) -> None:
        from engine.frontends.tui.screens.play import PlayScreen

        self.go_title()
        self.push_screen(PlayScreen())
        if self.session.game is not None and self.session.game.is_over:
            self.show_ending()

    def start_journey(self, journey: str) -> None:
        if journey not in self.session.story.journeys:
            names = ", ".join(self.session.story.journeys)
            self.notify(f"There is no journey '{journey}'; journeys: {names}.", severity="error")
            return
        try:
            self.session.start(journey, seed=self.seed)
        except RunTimeError as exc:
            self.notify(f"The story has an error and this journey cannot start: {exc}", severity="error")
            return
        failure = self.session.autosave()
        if failure:
            self.notify(f"The autosave failed: {failure}", severity="error")
        self.play()

    def continue_newest(self) -> None:
        try:
            notices = self.session.load_newest()
        except SaveError as exc:
            self.notify(str(exc), title="Cannot continue", severity="error", timeout=8)
            return
        if notices is None:
            self.notify("There is no saved game yet: choose New journey.", timeout=4)
            return
        self.play()
        self.tell(notices)

    def reload_if_changed(self) -> None:
        """For authors: load the edited story, move the game onto it, or show why it cannot."""
        from engine.frontends.tui.screens.play import PlayScreen
        from engine.loading.loader import load
        from engine.session.reload import move_game, snapshot

        assert self.watched is not None
        seen = snapshot(self.watched)
        if seen == self._seen:
            return
        self._seen = seen
        result = load(self.watched)
        if result.story is None:
            shown = "\n".join(d.format(self.watched) for d in result.errors[:4])
            more = f"\n… and {len(result.errors) - 4} more" if len(result.errors) > 4 else ""
            self.notify(
                f"{shown}{more}\nPlaying on with the last version that loaded.",
                title=f"relocant check: {len(result.errors)} error(s)",
                severity="error",
                timeout=30,
            )
            return
        self.session.story = result.story
        notices: list[str] = []
        if self.session.game is not None:
            self.session.game, notices = move_game(self.session.game, result.story)
        self.notify("\n".join(["The story was reloaded.", *notices]), timeout=5)
        if isinstance(self.screen, PlayScreen):
            self.screen.redraw()

    def tell(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(notice, timeout=8)

    def show_ending(self) -> None:
        from engine.frontends.tui.screens.ending import EndingScreen

        self.push_screen(EndingScreen())

    def undo_from_ending(self) -> None:
        from engine.frontends.tui.screens.play import PlayScreen

        screen = self.screen
        if isinstance(screen, PlayScreen):
            screen.action_undo()

    def show_journal(self) -> None:
        from engine.frontends.tui.screens.journal import JournalScreen

        if self.session.game is not None:
            self.push_screen(JournalScreen())

    def show_glossary(self, only: list[str] | None = None, selected: str | None = None) -> None:
        from engine.frontends.tui.screens.glossary import GlossaryScreen

        if not self.session.story.glossary:
            self.notify("This story has no glossary.", timeout=3)
            return
        self.push_screen(GlossaryScreen(only=only, selected=selected))

    def show_sources(self) -> None:
        from engine.frontends.tui.screens.sources import SourcesScreen

        game = self.session.game
        self.push_screen(SourcesScreen(facts=game.view().facts if game is not None else None))

    def show_help(self) -> None:
        from engine.frontends.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def show_saves(self, saving: bool) -> None:
        from engine.frontends.tui.screens.saves import SavesScreen

        if saving and self.session.game is None:
            return
        self.push_screen(SavesScreen(saving=saving))

    # ------------------------------------------------------------ saving

    def save_slot(self, slot: str) -> bool:
        try:
            meta = self.session.save(slot)
        except SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            return False
        self.notify(f"Saved as '{meta.slot}'.", timeout=3)
        return True

    def load_slot(self, slot: str) -> None:
        try:
            notices = self.session.load(slot)
        except SaveError as exc:
            self.notify(str(exc), title="Cannot load", severity="error", timeout=8)
            return
        self.play()
        self.notify(f"Loaded '{slot}'.", timeout=3)
        self.tell(notices)

    def delete_slot(self, slot: str) -> None:
        try:
            self.session.store.delete(slot)
        except SaveError as exc:
            self.notify(str(exc), title="Not deleted", severity="error", timeout=8)
            return
        self.notify(f"Deleted '{slot}'.", timeout=3)

    def quicksave(self) -> None:
        if self.session.game is None:
            return
        try:
            self.session.quicksave()
        except SaveError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            return
        self.notify("Quicksaved. F9 brings you back here.", timeout=3)

    def quickload(self) -> None:
        if not any(m.slot == QUICK for m in self.session.slots()):
            self.notify("There is no quicksave yet: F5 makes one.", timeout=3)
            return
        self.load_slot(QUICK)

    # ------------------------------------------------------------ files for the player

    def deliver(self, file_name: str, content: str | bytes, what: str) -> bool:
        """Send a file to the player's browser when the game is served (``relocant serve``).

        Served, this process's disk is the server's, not the player's. Returns
        False in a terminal, where the caller writes the file itself.
        """
        if not self.is_web:
            return False
        if isinstance(content, str):
            self.deliver_text(io.StringIO(content), save_filename=file_name, name=what)
        else:
            self.deliver_binary(io.BytesIO(content), save_filename=file_name, name=what)
        self.notify(f"Your browser downloads {what} as {file_name}.", title="Exported", timeout=8)
        return True

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name != "screenshot":
            self.notify(f"{event.name or 'The file'} could not be sent to your browser.", severity="error")

    def export_save(self, slot: str) -> None:
        """A copy of a save for the player: a download when served; in a terminal, where the file is."""
        store = self.session.store
        try:
            store.read(slot)
            data = store.path(slot).read_bytes()
        except SaveError as exc:
            self.notify(str(exc), title="Not exported", severity="error", timeout=8)
            return
        except OSError as exc:
            self.notify(f"The save '{slot}' could not be read: {exc.strerror or exc}", severity="error")
            return
        if not self.deliver(store.path(slot).name, data, f"the save '{slot}'"):
            self.notify(
                f"The save '{slot}' is the file {store.path(slot)}; `relocant saves export` copies it.",
                title="Export",
                timeout=10,
            )

    # ------------------------------------------------------------ quitting

    def action_quit(self) -> None:  # type: ignore[override]
        if not self.session.unsaved:
            self.exit(0)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        self.push_screen(
            ConfirmScreen("The last autosave failed: quit and lose the progress since?", yes="Quit"),
            answered,
        )
