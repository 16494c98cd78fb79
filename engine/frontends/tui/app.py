"""The Textual app: owns the session and moves between screens.

The screens draw and post commands and requests (``commands/``,
``messages.py``); the app acts on those that reach beyond one screen. Every
rule of the game is in :class:`engine.core.game.Game` and every saving rule
in :class:`engine.session.play.Session`.

Started with an :class:`~engine.frontends.tui.Opening` instead of a session,
the app draws the title from the story's heading, then loads the story in a
thread; commands wait for it (:meth:`RelocantApp.when_ready`). So the title
screen imports nothing of the engine beyond its words.
"""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.screen import Screen

from engine.core.controls import visible
from engine.frontends.tui.commands.command import Command, command_bindings, in_language, perform
from engine.frontends.tui.commands.game import (
    AboutSources,
    Continue,
    Facts,
    Glossary,
    Help,
    Journal,
    Load,
    NewJourney,
    Quickload,
    Quicksave,
    Quit,
    Save,
)
from engine.frontends.tui.commands.palette import GameCommands
from engine.frontends.tui.messages import GameOver, LoadSlot, SaveSlot, StartJourney, ToTitle
from engine.frontends.tui.screens.base import Commanded
from engine.frontends.tui.screens.title import TitleScreen
from engine.frontends.tui.widgets.menu import Menu
from engine.loading.heading import Heading
from engine.present.catalogs import N_, _
from engine.session.settings import Settings

if TYPE_CHECKING:
    from engine.frontends.language import Languages
    from engine.frontends.tui import Opening
    from engine.session.play import Session

MIN_WIDTH, MIN_HEIGHT = 60, 20
# Textual's own footer word and tooltip for Ctrl+P: worded in the player's language with ours.
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))


class RelocantApp(App[int]):
    # Absolute, so subclasses elsewhere find them. The title's is read with the app's: all
    # of it is parsed once, before the first frame, not again when the title screen comes.
    CSS_PATH = [Path(__file__).with_name("app.tcss"), Path(__file__).parent / "screens" / "title.tcss"]
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = command_bindings(Quit)
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        session: Session | None,
        journey: str | None = None,
        resume: bool = False,
        seed: int | None = None,
        watch: Path | None = None,
        settings: Settings | None = None,
        languages: Languages | None = None,
        opening: Opening | None = None,
    ) -> None:
        """Play ``session``; or, when it is None, show the title from ``opening`` and load the story."""
        super().__init__()
        assert session is not None or opening is not None
        self._session = session
        self.opening = opening
        self._waiting: list[Callable[[], None]] = []  # commands chosen while the story loads
        self._held: list[events.Key] = []  # keys typed while it loads, acted on in order once it is
        self._loading = False
        self._mounted = False
        self._too_small: Screen[None] | None = None  # shown while the terminal is too small
        self.report = ""  # why the story cannot be played, printed once the terminal is back
        self.languages = languages  # the story in each language, to switch between them
        if settings is None:
            # Served (``relocant serve``), every player shares this process's user: each
            # keeps settings with their saves. Known before the first screen is drawn.
            served = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")
            folder = session.folder if session is not None else opening.folder  # type: ignore[union-attr]
            settings = Settings(folder / "settings.json") if served else Settings()
        self.watched = watch  # the story folder to reload on edits (`relocant play --watch`)
        self._seen: dict[Path, int] = {}
        self.first_journey = journey
        self.resume = resume
        self.seed = seed
        self.blink = True  # text cursors blink; tests turn it off for stable screenshots
        self.quit_after_first_frame = False  # relocant --first-frame: time start-up from outside
        self.title = visible(self.heading.title)
        self.sub_title = visible(self.heading.subtitle)
        self.settings = settings
        self.use_settings(settings)

    @property
    def session(self) -> Session:
        """The sitting at the game; there once the story is loaded (:attr:`ready`), before any command runs."""
        assert self._session is not None, "the story is still loading"
        return self._session

    @session.setter
    def session(self, session: Session) -> None:
        self._session = session

    @property
    def ready(self) -> bool:
        """Whether the story is loaded (the title screen is drawn before it is)."""
        return self._session is not None

    @property
    def heading(self) -> Heading:
        """The title screen's words: the story's, once loaded; before, as story.toml gives them."""
        if self._session is None:
            assert self.opening is not None
            return self.opening.heading
        story = self._session.story
        return Heading(story.id, story.title, story.subtitle, story.content_note)

    def get_default_screen(self) -> TitleScreen:
        """The title is the bottom of the stack: no blank screen is composed first."""
        return TitleScreen()

    def when_ready(self, then: Callable[[], None]) -> None:
        """Run ``then`` now, or once the story is loaded."""
        if self.ready:
            then()
        else:
            self._waiting.append(then)

    async def on_event(self, event: events.Event) -> None:
        """Keys typed while the story loads wait for it (all but Quit's), so typing ahead
        (``n`` then ``1``) does what it would have done with the story there."""
        loading = not self.ready and isinstance(event, events.Key) and not event.is_forwarded
        if loading and event.key not in Quit.KEYS.split(","):  # type: ignore[attr-defined]
            self._held.append(events.Key(event.key, event.character))  # type: ignore[attr-defined]
            return
        await super().on_event(event)

    def use_settings(self, settings: Settings) -> None:
        self.settings = settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        if self.ready:
            self._take_up_settings()

    def _take_up_settings(self) -> None:
        """What Continue resumes, and the language last chosen in the game, from the settings."""
        settings = self.settings
        self.session.remember_in(settings)
        languages = self.languages
        chosen = settings.language
        if languages is not None and not languages.explicit and chosen and chosen != languages.language:
            self.switch_language(chosen, remember=False)

    # ------------------------------------------------------------ language

    def switch_language(self, code: str, remember: bool = True) -> bool:
        """Play on in ``code``: the same game, exactly where it is; every screen worded anew."""
        from engine.frontends.language import move, offered
        from engine.frontends.tui.screens.play import PlayScreen

        if not self.ready:

            def later() -> None:
                self.switch_language(code, remember)

            self.when_ready(later)
            return True
        languages = self.languages
        if languages is None or code not in offered(languages.root):
            return False
        result = languages.load(code)
        if result.story is None:
            self.notify(
                _("The story in '{code}' has errors; playing on as before.").format(code=code),
                severity="error",
            )
            return False
        session = self.session
        if session.game is not None:
            session.game = move(session.game, result.story)
        session.story = result.story
        languages.keep(code, result.story)
        languages.use(code)
        if remember:
            self.settings.language = code
        self.title = visible(result.story.title)
        self.sub_title = visible(result.story.subtitle)
        in_language(self)
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, Commanded) and screen.is_mounted:
                    in_language(screen)
                    if isinstance(screen, PlayScreen):
                        screen.redraw()
                    else:
                        screen.refresh(recompose=True)
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """On the game's screens, a notice line that covers nothing; elsewhere a toast.

        Messages name saves, slots and story text: never read as markup, never passing controls.
        """
        screen = self.screen if self._screen_stacks.get(self.current_mode) else None
        if isinstance(screen, Commanded) and screen.say(message, title, severity):
            return
        super().notify(
            visible(message, allow_breaks=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_command(self, name: str, *args: object) -> None:
        perform(self.screen, Command.REGISTRY[name](*args))

    def on_mount(self) -> None:
        self._mounted = True
        self.fit(self.size)
        in_language(self)
        self.call_after_refresh(self._once_drawn)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.ready:
            self._opened()

    def _opened(self) -> None:
        """With the story loaded: watch its files, and go where the command line said."""
        if self.watched is not None:
            from engine.session.reload import snapshot

            self._seen = snapshot(self.watched)
            self.set_interval(1.0, self.reload_if_changed)
        if self.resume:
            self.do_continue(Continue())
        elif self.first_journey:
            self.do_start_journey(StartJourney(self.first_journey))

    def _once_drawn(self) -> None:
        """After the first frame that shows the title screen with its menu (or whatever a small
        terminal shows instead): quit, for ``--first-frame``; else load the story."""
        menus = self.screen.query("#menu").results(Menu)
        if isinstance(self.screen, TitleScreen) and not any(menu.option_count for menu in menus):
            self.call_after_refresh(self._once_drawn)
            return
        if not gc.isenabled():  # held off by run() until the first frame
            # What was made until now (Textual's modules and styles, the title) lasts as long as
            # the game: kept out of every collection from now on, it is never scanned again.
            gc.freeze()
            gc.enable()
        if self.quit_after_first_frame:
            self.exit(0)
        elif not self.ready and not self._loading:
            self._load_in_thread()

    def _load_in_thread(self) -> None:
        """Load the story while the title shows; the result is taken up on the app's own thread."""
        assert self.opening is not None
        load = self.opening.load
        loop = asyncio.get_running_loop()
        self._loading = True

        def loading() -> None:
            result: object
            try:
                result = load()
            except Exception as exc:  # a fault of the game, not of the story: shown as Textual shows one
                result = exc
            try:
                loop.call_soon_threadsafe(self.call_later, self._loaded, result)
            except RuntimeError:
                pass  # the player quit before the story was loaded

        threading.Thread(target=loading, name="loading the story", daemon=True).start()

    def _loaded(self, result: object) -> None:
        if isinstance(result, Exception):
            raise result
        if isinstance(result, str):
            self.report = result
            self.exit(1, return_code=1)
            return
        self.session = result  # type: ignore[assignment]
        self.title = visible(self.heading.title)
        self.sub_title = visible(self.heading.subtitle)
        self._take_up_settings()
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, TitleScreen) and screen.is_mounted:
                    self.call_later(screen.story_loaded)
        self._opened()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()
        held, self._held = self._held, []
        for key in held:
            self.post_message(key)

    def on_resize(self, event: events.Resize) -> None:
        # The first resize comes before the app's own styles are applied: a screen pushed then
        # would keep colours worked out without them. on_mount looks at the size instead.
        if self._mounted:
            self.fit(event.size)

    def fit(self, size: Size) -> None:
        """Below 60×20 the game cannot be read: say so, over everything, until the terminal grows."""
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        shown = self._too_small is not None and self.screen is self._too_small
        if small and not shown:
            from engine.frontends.tui.screens.too_small import TooSmallScreen

            self._too_small = TooSmallScreen(MIN_WIDTH, MIN_HEIGHT)
            self.push_screen(self._too_small)
        elif shown and not small:
            self._too_small = None
            self.pop_screen()

    def _theme_changed(self, theme: object) -> None:
        self.settings.theme = self.theme

    # ------------------------------------------------------------ moving between screens

    def do_to_title(self, command: ToTitle) -> None:
        self.go_title()

    def go_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def play(self) -> None:
        from engine.frontends.tui.screens.play import PlayScreen

        self.go_title()
        self.push_screen(PlayScreen())
        if self.session.game is not None and self.session.game.is_over:
            self.do_game_over(GameOver())

    def do_game_over(self, command: GameOver) -> None:
        from engine.frontends.tui.screens.ending import EndingScreen

        self.push_screen(EndingScreen())

    def do_help(self, command: Help) -> None:
        from engine.frontends.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def do_quit(self, command: Quit) -> None:
        self.action_quit()

    def do_journal(self, command: Journal) -> None:
        from engine.frontends.tui.screens.journal import JournalScreen

        if self.session.game is not None:
            self.push_screen(JournalScreen())

    def do_glossary(self, command: Glossary) -> None:
        from engine.frontends.tui.screens.glossary import GlossaryScreen

        if not self.session.story.glossary:
            self.notify(_("This story has no glossary."))
            return
        self.push_screen(GlossaryScreen(only=command.only, selected=command.selected))

    def do_facts(self, command: Facts) -> None:
        from engine.frontends.tui.screens.sources import SourcesScreen

        game = self.session.game
        self.push_screen(SourcesScreen(facts=game.view().facts if game is not None else None))

    def do_about_sources(self, command: AboutSources) -> None:
        from engine.frontends.tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen(facts=None))

    def do_new_journey(self, command: NewJourney) -> None:
        from engine.frontends.tui.screens.journeys import JourneyScreen

        self.push_screen(JourneyScreen())

    def do_save(self, command: Save) -> None:
        from engine.frontends.tui.screens.saves import SavesScreen

        if self.session.game is not None:
            self.push_screen(SavesScreen(saving=True))

    def do_load(self, command: Load) -> None:
        from engine.frontends.tui.screens.saves import SavesScreen

        self.push_screen(SavesScreen(saving=False))

    # ------------------------------------------------------------ starting and continuing

    def keeping_the_game_in_progress(self, then: Callable[[], None], loading: str | None = None) -> None:
        """Run ``then``, which will replace the autosave, once the game it holds is safe.

        When the autosave holds an unfinished game that no other save holds,
        the player chooses: keep it in a slot of its own, replace it, or cancel.
        """
        from engine.frontends.tui.screens.confirm import AskScreen
        from engine.saves import SaveError

        at_risk = self.session.would_replace(loading)
        if at_risk is None:
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "keep":
                try:
                    slot = self.session.keep_autosave()
                except SaveError as exc:
                    self.notify(str(exc), title=_("Not kept"), severity="error")
                    return
                then()
                self.notify(_("Your earlier game is kept as '{slot}'.").format(slot=slot))
            elif answer == "replace":
                then()

        from engine.present.presenter import current

        where = visible(f"{at_risk.journey_title}, {at_risk.scene_title} ({current().clock(at_risk.clock)})")
        self.push_screen(
            AskScreen(
                _(
                    "Your game in progress, {where}, is kept only in the autosave, "
                    "and this game would save over it."
                ).format(where=where),
                [
                    ("keep", _("Keep it as a save"), "k", "primary"),
                    ("replace", _("Replace it"), "r", "warning"),
                ],
            ),
            answered,
        )

    def do_start_journey(self, request: StartJourney) -> None:
        journey = request.journey
        if journey not in self.session.story.journeys:
            names = ", ".join(self.session.story.journeys)
            self.notify(
                _("There is no journey '{journey}'; journeys: {names}.").format(journey=journey, names=names),
                severity="error",
            )
            return
        self.keeping_the_game_in_progress(lambda: self._start(journey))

    def _start(self, journey: str) -> None:
        from engine.core.diagnostics import RunTimeError

        try:
            self.session.start(journey, seed=self.seed)
        except RunTimeError as exc:
            self.notify(
                _("The story has an error and this journey cannot start: {error}").format(error=exc),
                severity="error",
            )
            return
        self.play()  # the play screen writes the first autosave once it is drawn

    def do_continue(self, command: Continue) -> None:
        from engine.saves import SaveError

        meta = self.session.continue_meta()
        if meta is None:
            self.notify(_("There is no saved game yet: choose New journey."))
            return

        def resume() -> None:
            try:
                notices = self.session.continue_game()
            except SaveError as exc:
                self.notify(str(exc), title=_("Cannot load"), severity="error")
                return
            if notices is None:
                self.notify(_("There is no saved game yet: choose New journey."))
                return
            self.play()
            self.notify(_("Loaded '{name}'.").format(name=self.session.last_slot))
            for notice in notices:
                self.notify(notice)

        self.keeping_the_game_in_progress(resume, loading=meta.slot)

    # ------------------------------------------------------------ saving

    def do_save_slot(self, request: SaveSlot) -> None:
        from engine.frontends.tui.screens.saves import SavesScreen
        from engine.saves import SaveError

        try:
            meta = self.session.save(request.slot)
        except SaveError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        if isinstance(self.screen, SavesScreen):
            self.pop_screen()
        self.notify(_("Saved as '{slot}'.").format(slot=meta.slot))

    def do_load_slot(self, request: LoadSlot) -> None:
        self.load_slot(request.slot)

    def load_slot(self, slot: str) -> None:
        from engine.saves import SaveError

        def load() -> None:
            try:
                notices = self.session.load(slot)
            except SaveError as exc:
                self.notify(str(exc), title=_("Cannot load"), severity="error")
                return
            self.play()
            self.notify(_("Loaded '{slot}'.").format(slot=slot))
            for notice in notices:
                self.notify(notice)

        self.keeping_the_game_in_progress(load, loading=slot)

    def do_quicksave(self, command: Quicksave) -> None:
        from engine.saves import SaveError

        if self.session.game is None:
            return
        try:
            self.session.quicksave()
        except SaveError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error")
            return
        self.notify(_("Quicksaved. F9 brings you back here."))

    def do_quickload(self, command: Quickload) -> None:
        from engine.session.play import QUICK

        if not self.session.has_quicksave():
            self.notify(_("There is no quicksave yet: F5 makes one."))
            return
        self.load_slot(QUICK)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name != "screenshot":
            self.notify(
                _("'{name}' could not be sent to your browser.").format(name=event.name)
                if event.name
                else _("The file could not be sent to your browser."),
                severity="error",
            )

    # ------------------------------------------------------------ live reload

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
        languages = self.languages
        result = languages.load(languages.language) if languages is not None else load(self.watched)
        if result.story is None:
            shown = "\n".join(d.format(self.watched) for d in result.errors[:4])
            more = f"\n… and {len(result.errors) - 4} more" if len(result.errors) > 4 else ""
            self.notify(
                f"{shown}{more}\nPlaying on with the last version that loaded.",
                title=f"relocant check: {len(result.errors)} error(s)",
                severity="error",
            )
            return
        self.session.story = result.story
        if languages is not None:
            languages.keep(languages.language, result.story)
        notices: list[str] = []
        if self.session.game is not None:
            self.session.game, notices = move_game(self.session.game, result.story)
        if isinstance(self.screen, PlayScreen):
            self.screen.redraw()
        self.notify("\n".join([_("The story was reloaded."), *notices]))

    # ------------------------------------------------------------ quitting

    def on_exit_app(self) -> None:
        """However the game ends (also a served game whose tab another replaced), the last choice
        is saved first, though its write after the frame has not come yet."""
        if self.ready:
            self.session.write_due()

    def action_quit(self) -> None:  # type: ignore[override]
        if not self.ready:
            self.exit(0)
            return
        self.session.write_due()
        if not self.session.unsaved:
            self.exit(0)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        from engine.frontends.tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen(
                _("The last autosave failed, so your latest choices are not saved. Quit and lose them?"),
                yes=_("Quit"),
            ),
            answered,
        )
