"""The footer of keys, composed again only when the keys it shows change.

Textual's footer composes all its keys anew each time a screen's bindings
may have changed: when the screen's words are set, and at each change of
focus. Opening the title screen did that four times before its first frame,
mounting 28 keys to show 7. This one composes once per change of what it
shows.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None
        self._pending = False

    @staticmethod
    def _keys(screen: Screen[Any]) -> tuple[object, ...]:
        """Everything of ``screen``'s bindings that the footer's keys are made from."""
        return tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._compose_if_changed)

    async def _compose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys = self._keys(self.screen)
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
