"""The footer of keys: one line of text, drawn by one widget.

Textual's footer is a scrolling container with a widget per key, each
styled, laid out and drawn on its own: on the title screen it cost more
than the rest of the screen before the first frame. This one draws the
same line (each key and its word, the palette's key on the right) as one
piece of text, and maps a click's column to the key under it. Where the
line is too narrow it leaves out the keys that do not fit whole, from the
right (the space after a key's word is the first thing to go); the first key
(help, on every screen that shows it) is always kept.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEY = "bold $footer-key-foreground"
WORD = "$footer-description-foreground"
HOVER = "on $block-hover-background"


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str  # what pressing it sends (a Textual key name)
    display: str  # how the footer writes it
    word: str
    enabled: bool
    tooltip: str

    def content(self, hover: bool, palette: bool = False) -> Content:
        """`` ? Help `` as Textual's footer writes a key; the palette's key as ``^p palette ``."""
        if palette:
            item = Content.styled(self.display, KEY) + Content.styled(f" {self.word}", WORD) + Content(" ")
        else:
            item = Content.styled(f" {self.display} ", KEY) + Content.styled(f"{self.word} ", WORD)
        if not self.enabled:
            item = item.stylize("dim")
        return item.stylize(HOVER) if hover else item


class KeysFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._places: list[tuple[int, int, FooterKey]] = []  # where each key shown is: from, to, key
        self._hover: FooterKey | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.refresh()

    def keys(self) -> tuple[list[FooterKey], FooterKey | None]:
        """The keys the screen's bindings show, one per action, and the command palette's key."""
        screen = self.screen
        app = screen.app
        shown: dict[str, FooterKey] = {}
        palette: FooterKey | None = None
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = FooterKey(
                    key, app.get_key_display(binding), binding.description, enabled, binding.tooltip
                )
            elif binding.show and binding.action not in shown:
                shown[binding.action] = FooterKey(
                    key, app.get_key_display(binding), binding.description, enabled, tooltip
                )
        return list(shown.values()), palette

    def render(self) -> Content:
        width = self.size.width
        keys, palette = self.keys()
        right = Content("")
        if palette is not None:
            right = Content.styled("▏", "$foreground 20%") + palette.content(
                palette == self._hover, palette=True
            )
        room = width - right.cell_length
        places: list[tuple[int, int, FooterKey]] = []
        line = Content("")
        for key in keys:
            item = key.content(key == self._hover)
            if places and line.cell_length + item.cell_length - 1 > room:  # its last space may go
                break
            places.append((line.cell_length, line.cell_length + item.cell_length, key))
            line += item
        if line.cell_length > room and len(places) > 1:
            line = line[:room]
        if palette is not None and line.cell_length <= room:
            places.append((width - right.cell_length + 1, width, palette))
            line = line.pad_right(room - line.cell_length) + right
        self._places = places
        return line.truncate(width)

    def key_at(self, x: int) -> FooterKey | None:
        for start, end, key in self._places:
            if start <= x < end:
                return key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self.key_at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.tooltip = hover.tooltip if hover is not None and hover.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
