"""The passages read so far (with the replies between them), scrolled so the player keeps their place.

After a choice the new scene (or the reply above it) is brought to the top
of the pane in the very frame that first draws it: where it will be is
known before it is laid out (it starts where the passage just read ends,
once that has its "› chosen" line), so the scroll is set before the layout
that places it, and a tail of blank room below the last passage lets a
short scene stand at the top too. Undo takes the last entries away and
scrolls back the same way, without rebuilding the rest.

A resize rewraps every passage above the one being read, so a plain scroll
position would land somewhere else: the transcript remembers *which entry*
is at the top and how far into it the player has read, and puts that back
each time the layout changes.
"""

from __future__ import annotations

from textual import events, on
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget

from engine.frontends.tui.widgets.passage import Entry


class Tail(Widget):
    """Blank room below the last passage, so the entry brought to the top can stay there."""

    DEFAULT_CSS = "Tail { height: 0; width: 1; }"  # narrow: the passages stay centred

    def render(self) -> str:
        return ""


class Transcript(VerticalScroll):
    """Earlier passages dimmed, the current one last; the view follows the player's place."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.place: tuple[Entry, float] | None = None  # the entry at the top, and the share of it read
        self.latest: Entry | None = None  # the entry the last step brought to the top
        self.tail = Tail()
        self._tops: list[tuple[Entry, int, int]] = []  # where each entry was when last laid out
        self._laid_out = Size(0, 0)  # the virtual size those positions belong to
        self._restoring = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.tail

    @property
    def entries(self) -> list[Entry]:
        """The entries shown, oldest first (those hidden on their way out are not)."""
        return [e for e in self.query_children(Entry) if e.display]

    def show(self, entries: list[Entry], top: Entry) -> None:
        """Replace the entries; ``top`` comes into view at the top once it is laid out."""
        self.remove_children(Entry)
        self.place = (top, 0.0)
        self.latest = top
        self._room()
        self.mount_all(entries, before=self.tail)

    def extend(self, entries: list[Entry], top: Entry, top_y: int | None, leaving: list[Entry]) -> None:
        """Add the entries of a step, ``top`` at the top of the pane in the frame that draws it.

        ``top_y`` is where ``top`` will start, known before it is laid out (None
        when it is not, and the scroll follows the layout a frame later).
        ``leaving`` are the oldest entries, beyond the history kept: hidden in
        the same frame, removed after it.
        """
        self.place = (top, 0.0)
        self.latest = top
        if leaving and top_y is not None:
            kept = [e for e in self.entries if e not in leaving]
            if kept and kept[0].size.height and leaving[0].size.height:
                top_y -= kept[0].virtual_region.y - leaving[0].virtual_region.y
            else:
                top_y = None
        for entry in leaving:
            entry.display = False
        self._room()
        if top_y is not None:
            self._scroll_now(top_y)
        self.mount_all(entries, before=self.tail)
        if leaving:
            self.call_after_refresh(self.remove_children, leaving)

    def retreat(self, leaving: list[Entry], top: Entry) -> None:
        """Take the last entries away (an undo) and bring ``top``, already laid out, back to the top."""
        self.place = (top, 0.0)
        self.latest = top
        self._room()
        if top.size.height:
            self._scroll_now(top.virtual_region.y)
        for entry in leaving:
            entry.display = False
        self.remove_children(leaving)

    def _room(self) -> None:
        """Room for any entry to reach the top until the next layout measures what is needed."""
        height = max(1, self.scrollable_content_region.height)
        if self.tail.styles.height is None or self.tail.styles.height.value < height:
            self.tail.styles.height = height

    def _scroll_now(self, y: int) -> None:
        """Scroll to ``y`` in the coming layout, before the entries that make room for it are laid out."""
        self.set_reactive(VerticalScroll.scroll_y, float(y))
        self.set_reactive(VerticalScroll.scroll_target_y, float(y))
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = y
        self._refresh_scroll()

    @property
    def current(self) -> Entry | None:
        entries = self.entries
        return entries[-1] if entries else None

    def on_resize(self, event: events.Resize) -> None:
        self.keep_place()

    @on(Entry.LaidOut)
    def _laid_out_entry(self, event: Entry.LaidOut) -> None:
        event.stop()
        self.keep_place()

    def keep_place(self) -> None:
        """Scroll back to the remembered place; called whenever an entry or the transcript is laid out."""
        entries = self.entries
        tops = [(p, p.virtual_region.y, p.virtual_region.height) for p in entries]
        if any(height == 0 for _, _, height in tops):
            return  # not all laid out yet: a later resize brings us back
        self._tops = tops
        self._laid_out = self.virtual_size
        self._fit_tail()
        if self.place is None:
            return
        entry, share = self.place
        found = next(((y, h) for p, y, h in tops if p is entry), None)
        if found is None:
            return
        y, height = found
        self._restoring = True
        try:
            self.scroll_to(y=y + round(share * height), animate=False, immediate=True)
        finally:
            self._restoring = False

    def _fit_tail(self) -> None:
        """Just the room the latest top entry needs to stand at the top, and no more."""
        latest = self.latest
        if latest is None or not latest.display or not latest.size.height:
            return
        without = self.max_scroll_y - self.tail.size.height  # the room the entries alone give
        wanted = max(0, latest.virtual_region.y - without)
        styled = self.tail.styles.height
        if styled is None or styled.value != wanted:
            self.tail.styles.height = wanted
            self.call_after_refresh(self._remember_size)  # the tail moves nothing the place is read from

    def _remember_size(self) -> None:
        self._laid_out = self.virtual_size

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._restoring or self.virtual_size != self._laid_out:
            return  # our own scroll, or the layout changed under it: the place stands
        for entry, y, height in self._tops:
            if y <= new_value < y + height:
                self.place = (entry, (new_value - y) / height)
                return
        if self._tops and new_value >= self._tops[-1][1]:
            entry, y, height = self._tops[-1]
            self.place = (entry, min(1.0, (new_value - y) / height))
