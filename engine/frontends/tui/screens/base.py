"""What every screen of the game shares: a typed way to reach the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

from engine.session.play import Session

if TYPE_CHECKING:
    from engine.frontends.tui.app import RelocantApp


class GameScreen(Screen[Any]):
    @property
    def game_app(self) -> RelocantApp:
        return cast("RelocantApp", self.app)

    @property
    def session(self) -> Session:
        return self.game_app.session


class GameModal(ModalScreen[Any]):
    @property
    def game_app(self) -> RelocantApp:
        return cast("RelocantApp", self.app)

    @property
    def session(self) -> Session:
        return self.game_app.session
