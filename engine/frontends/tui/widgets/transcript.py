"""The passages read so far (with the replies between them), scrolled so the player keeps their place.

A scroll made right after mounting a passage runs before the passage has a
size, and a resize rewraps every passage above the one being read: either
way a plain scroll position lands somewhere else. The transcript therefore
remembers *which passage* is at the top and how far into it the player has
read, and puts that back each time the layout changes.
"""

from __future__ import annotations

from textual import events, on
from textual.containers import VerticalScroll
from textual.geometry import Size

from engine.frontends.tui.widgets.passage import Entry


class Transcript(VerticalScroll):
    """Earlier passages dimmed, the current one last; the view follows the player's place."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.place: tuple[Entry, float] | None = None  # the passage at the top, and the share of it read
        self._tops: list[tuple[Entry, int, int]] = []  # where each passage was when last laid out
        self._laid_out = Size(0, 0)  # the virtual size those positions belong to
        self._restoring = False

    def show(self, passages: list[Entry], top: Entry) -> None:
        """Replace the passages; ``top`` comes into view at the top once it is laid out."""
        self.remove_children(Entry)
        self.place = (top, 0.0)
        self.mount_all(passages)

    def add(self, entries: list[Entry], top: Entry) -> None:
        """Add the next passage (after the reply that led to it); ``top`` comes to the top once laid out."""
        self.place = (top, 0.0)
        self.mount_all(entries)

    @property
    def current(self) -> Entry | None:
        passages = list(self.query_children(Entry))
        return passages[-1] if passages else None

    def on_resize(self, event: events.Resize) -> None:
        self.keep_place()

    @on(Entry.LaidOut)
    def _laid_out_entry(self, event: Entry.LaidOut) -> None:
        event.stop()
        self.keep_place()

    def keep_place(self) -> None:
        """Scroll back to the remembered place; called whenever a passage or the transcript is laid out."""
        passages = list(self.query_children(Entry))
        tops = [(p, p.virtual_region.y, p.virtual_region.height) for p in passages]
        if any(height == 0 for _, _, height in tops):
            return  # not all laid out yet: a later resize brings us back
        self._tops = tops
        self._laid_out = self.virtual_size
        if self.place is None:
            return
        passage, share = self.place
        found = next(((y, h) for p, y, h in tops if p is passage), None)
        if found is None:
            return
        y, height = found
        self._restoring = True
        try:
            self.scroll_to(y=y + round(share * height), animate=False, immediate=True)
        finally:
            self._restoring = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._restoring or self.virtual_size != self._laid_out:
            return  # our own scroll, or the layout changed under it: the place stands
        for passage, y, height in self._tops:
            if y <= new_value < y + height:
                self.place = (passage, (new_value - y) / height)
                return
        if self._tops and new_value >= self._tops[-1][1]:
            passage, y, height = self._tops[-1]
            self.place = (passage, min(1.0, (new_value - y) / height))
