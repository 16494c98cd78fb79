"""What every screen of the game shares: its commands, its notice line, the session.

A screen lists the commands it offers in ``OFFERS`` and makes its
``BINDINGS`` from them (``command_bindings(*OFFERS)``); a key posts the
command as a message, which the screen handles itself or lets rise to the
app. Notices for the player go to the screen's notice line when it has one.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.screen import ModalScreen, Screen

from engine.core.controls import visible
from engine.frontends.tui.commands.command import Command, in_language, perform
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _

if TYPE_CHECKING:
    from engine.frontends.tui.app import RelocantApp
    from engine.session.play import Session

Offer = type[Command] | tuple[type[Command], str]


class Commanded:
    """Mixed into the game's screens: keys post commands; notices wait for the notice line."""

    OFFERS: ClassVar[tuple[Offer, ...]] = ()
    _waiting: list[tuple[str, str, str]]

    def action_command(self, name: str, *args: object) -> None:
        self.perform(Command.REGISTRY[name](*args))

    def perform(self, command: Command) -> None:
        perform(cast(Screen[Any], self), command)

    @property
    def session(self) -> Session:
        return cast("RelocantApp", cast(Screen[Any], self).app).session

    def say(self, message: str, title: str = "", severity: str = "information") -> bool:
        """Show a notice on this screen's notice line; False when the screen has none."""
        screen = cast(Screen[Any], self)
        if not screen.is_mounted:  # pushed a moment ago: shown once composed
            self._waiting = [*getattr(self, "_waiting", []), (message, title, severity)]
            return True
        return self._show(message, title, severity)

    def _show(self, message: str, title: str, severity: str) -> bool:
        found = cast(Screen[Any], self).query(Notice)
        if not found:
            return False
        found.first().say(message, title, severity)
        return True

    def on_mount(self) -> None:
        in_language(cast(Screen[Any], self))
        waiting, self._waiting = getattr(self, "_waiting", []), []
        for message, title, severity in waiting:
            if not self._show(message, title, severity):
                app = cast(Screen[Any], self).app
                App.notify(
                    app,
                    visible(message, allow_breaks=True),
                    title=visible(title),
                    severity=severity,
                    markup=False,
                )  # type: ignore[arg-type]

    def deliver(self, file_name: str, content: str | bytes, what: str) -> bool:
        """Send a file to the player's browser when the game is served (``relocant serve``).

        Served, this process's disk is the server's, not the player's. Returns
        False in a terminal, where the caller writes the file itself.
        """
        app = cast(Screen[Any], self).app
        if not app.is_web:
            return False
        if isinstance(content, str):
            app.deliver_text(io.StringIO(content), save_filename=file_name, name=what)
        else:
            app.deliver_binary(io.BytesIO(content), save_filename=file_name, name=what)
        self.say(
            _("Your browser downloads {what} as {name}.").format(what=what, name=file_name),
            title=_("Exported"),
        )
        return True

    def quiet(self) -> None:
        """Clear the notice line: the player has moved on."""
        for notice in cast(Screen[Any], self).query(Notice):
            notice.clear()


class GameScreen(Commanded, Screen[Any]):
    pass


class GameModal(Commanded, ModalScreen[Any]):
    pass
