"""The footer of keys, composed again only when the keys it shows change.

Textual's footer composes all its keys anew each time a screen's bindings
may have changed: when the screen's words are set, and at each change of
focus; and it shows no keys at all in its first frame. Opening the title
screen composed it five times before its first frame, mounting 28 keys to
show 7. This one shows its keys in the first frame and is composed again
only when what it shows changes.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Footer._bindings_ready, True)  # the keys in the first frame, not a moment after
        self._shown: tuple[object, ...] | None = None
        self._pending = False

    @staticmethod
    def _keys(screen: Screen[Any]) -> tuple[object, ...]:
        """Everything of ``screen``'s bindings that the footer's keys are made from."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._compose_if_changed)

    async def _compose_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._keys(self.screen) != self._shown:
            await self.recompose()
