"""The passages read so far (with the replies between them), scrolled so the player keeps their place.

One widget draws the whole story pane line by line (Textual's Line API):
the passages and replies are data (:mod:`.passage`), each drawn once per
width and look and kept as strips. A step appends entries and sets the
scroll before the next frame, so that frame draws the new scene (or the
reply above it) at the top and builds only the lines in view, of which
only the new entries' are new. No widget is added, restyled or laid out.

Blank room below the last entry (as much as it needs, never more) lets a
short scene stand at the top too. Undo takes the last entries away and
scrolls back the same way.

A resize rewraps every entry, so a plain scroll position would land
somewhere else: the transcript remembers *which entry* is at the top and
how far into it the player has read, and puts that back whenever its size
changes, within the layout that changes it.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual._border import get_box
from textual.color import Color
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from engine.frontends.tui.widgets.indicator import Indicated
from engine.frontends.tui.widgets.passage import Entry, Reply

COLUMN = 72  # the widest a passage is drawn, centred in the pane
ROWS = 100_000  # selection offsets: row r of an entry is entry.serial * ROWS + r, in reading order


class Transcript(Indicated, can_focus=True):
    """Earlier passages dimmed, the current one last; the view follows the player's place."""

    COMPONENT_CLASSES = {"transcript--earlier", "transcript--reply", "transcript--reply-earlier"}

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entries: list[Entry] = []  # oldest first
        self.place: tuple[Entry, float] | None = None  # the entry at the top, and the share of it read
        self.latest: Entry | None = None  # the entry the last step brought to the top
        self._tops: list[int] = []  # where each entry starts, at the width below
        self._total = 0  # the lines all entries take
        self._width = -1  # the content width the tops belong to
        self._look = 0  # counts style changes: strips drawn before one are stale
        self._restoring = False
        self._looks: dict[str, Look] = {}
        self._blank_style: tuple[int, RichStyle] = (-1, RichStyle())
        self._blank_line: Strip | None = None  # a line of blank room, kept
        self._blank_line_style: RichStyle | None = None

    # ------------------------------------------------------------ what it holds

    def show(self, entries: list[Entry], top: Entry) -> None:
        """Replace the entries; ``top`` comes into view at the top."""
        self.entries = list(entries)
        self._bring(top)

    def extend(self, entries: list[Entry], top: Entry, leaving: list[Entry]) -> None:
        """Add the entries of a step, ``top`` at the top of the pane in the next frame.

        ``leaving`` are the oldest entries, beyond the history kept.
        """
        gone = set(map(id, leaving))
        self.entries = [e for e in self.entries if id(e) not in gone] + entries
        self._bring(top)

    def retreat(self, leaving: list[Entry], top: Entry) -> None:
        """Take the last entries away (an undo) and bring ``top`` back to the top."""
        gone = set(map(id, leaving))
        self.entries = [e for e in self.entries if id(e) not in gone]
        self._bring(top)

    def draw_ahead(self, entries: list[Entry]) -> None:
        """Draw ``entries``, not shown yet, as they will look when a step adds them."""
        width = self._content_width()
        if width > 0:
            for entry in entries:
                self.frame_ahead(self._lines(entry, width))

    def redrawn(self, *entries: Entry) -> None:
        """``entries`` changed how they look (dimmed, or a chosen line added): draw them anew."""
        for entry in entries:
            entry.drawn = None
        self._width = -1

    @property
    def plain(self) -> str:
        """The text of every entry, oldest first."""
        return "\n\n".join(entry.plain for entry in self.entries)

    @property
    def current(self) -> Entry | None:
        return self.entries[-1] if self.entries else None

    def top_of(self, entry: Entry) -> int:
        """The line ``entry`` starts on."""
        self._measure()
        return self._tops[self._index(entry)]

    def _index(self, entry: Entry) -> int:
        return next(i for i, e in enumerate(self.entries) if e is entry)

    def _bring(self, top: Entry) -> None:
        self.place = (top, 0.0)
        self.latest = top
        self._width = -1
        self._fit()
        self.refresh()

    # ------------------------------------------------------------ geometry

    def _content_width(self) -> int:
        """The cells the entries are drawn across: all but the scroll indicator."""
        return self.text_width

    def _column(self, width: int) -> tuple[int, int]:
        """Where an entry's column starts, and its width, in a pane ``width`` cells wide."""
        column = max(1, min(COLUMN, width))
        return self.styles._align_width(column, width), column

    def _measure(self) -> None:
        """Where each entry starts, at the current width (each entry keeps its wrapping)."""
        width = self._content_width()
        if width == self._width:
            return
        _, column = self._column(width)
        tops, y = [], 0
        for entry in self.entries:
            tops.append(y)
            y += entry.height(column)
        self._tops, self._total, self._width = tops, y, width

    def _fit(self) -> None:
        """Size the scrollable area to the entries and the room the latest needs, and scroll
        to the remembered place: all before the layout and the frame that show them."""
        self._measure()
        view = max(1, self._content.height)
        height = self._total
        if self.latest is not None and any(e is self.latest for e in self.entries):
            height = max(height, self._tops[self._index(self.latest)] + view)
        self._scrolls_over(Size(self._width, height))
        if self._content_width() != self._width:  # a scrollbar came or went: the width changed
            self._measure()
            self._scrolls_over(Size(self._width, height))
        self._restore()

    def _scrolls_over(self, size: Size) -> None:
        """A new scrollable size. The pane's own box is the same, so nothing is laid out again:
        its lines are drawn anew (the scroll or the entries changed with it)."""
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self.refresh()
        self._refresh_scrollbars()

    def _restore(self) -> None:
        if self.place is None:
            return
        entry, share = self.place
        if not any(e is entry for e in self.entries):
            return
        i = self._index(entry)
        height = (self._tops[i + 1] if i + 1 < len(self._tops) else self._total) - self._tops[i]
        y = self._tops[i] + round(share * height)
        self._restoring = True
        try:
            self.set_reactive(ScrollView.scroll_target_y, float(y))
            self.scroll_y = float(min(y, max(0, self.virtual_size.height - self._content.height)))
        finally:
            self._restoring = False

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """A new size (a resize, or the choices below growing or shrinking): rewrap, make the
        room the latest entry needs, and scroll back to the place, before this layout's frame."""
        self._restoring = True  # Textual's own clamping to the old scrollable size moves no place
        try:
            changed = super()._size_updated(size, virtual_size, container_size, layout)
        finally:
            self._restoring = False
        if changed or self._width != self._content_width():
            self._fit()
        return changed

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._restoring or not self.entries:
            return  # our own scroll: the place stands
        self._measure()
        i = max(0, bisect_right(self._tops, int(new_value)) - 1)
        entry = self.entries[i]
        end = self._tops[i + 1] if i + 1 < len(self._tops) else self._total
        self.place = (entry, min(1.0, (new_value - self._tops[i]) / max(1, end - self._tops[i])))

    # ------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look += 1

    def content_line(self, y: int) -> Strip:
        """Line ``y`` in view: an entry's line, or blank room."""
        self._measure()
        width = self._width
        line = self.scroll_offset.y + y
        blank = self._blank()
        strip = None
        if line < self._total and self.entries:
            i = bisect_right(self._tops, line) - 1
            entry, row = self.entries[i], line - self._tops[i]
            strip = self._lines(entry, width)[row]
            selection = self.text_selection
            if selection is not None and row < len(entry.texts):
                span = selection.get_span(entry.serial * ROWS + row)
                if span is not None:
                    strip = self._selected(entry, row, span)
        if strip is None:
            if (
                self._blank_line is None
                or self._blank_line.cell_length != width
                or self._blank_line_style is not blank
            ):
                self._blank_line, self._blank_line_style = Strip([Segment(" " * width, blank)], width), blank
            strip = self._blank_line
        return strip

    def _blank(self) -> RichStyle:
        """The pane's background, resolved once per look."""
        if self._blank_style[0] != self._look:
            style = RichStyle.from_color(bgcolor=self.background_colors[1].rich_color)
            self._blank_style = (self._look, style)
        return self._blank_style[1]

    def _selected(self, entry: Entry, row: int, span: tuple[int, int]) -> Strip:
        """A line with the part the player selected (with the mouse) highlighted."""
        left, text, right = entry.texts[row]
        start, end = span
        end = text.cell_length if end == -1 else min(end, text.cell_length)
        if start >= end:
            return Strip.join([left, text, right])
        before, chosen, after = text.divide([start, end, text.cell_length])
        selection = Style.from_styles(self.screen.get_component_styles("screen--selection"))
        background = self.background_colors[1] + (selection.background or Color(0, 0, 0, 0))
        foreground = selection.foreground
        highlight = RichStyle.from_color(
            (background + foreground).rich_color if foreground is not None and foreground.a else None,
            background.rich_color,
        )
        chosen = Strip(Segment.apply_style(list(chosen), post_style=highlight), chosen.cell_length)
        return Strip.join([left, before, chosen, after, right])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text the player selected, line by line, as the entries say it."""
        picked: list[str] = []
        for entry in self.entries:
            for row, (_, text, _) in enumerate(entry.texts):
                span = selection.get_span(entry.serial * ROWS + row)
                if span is not None:
                    start, end = span
                    plain = text.text.rstrip()
                    picked.append(plain[start:] if end == -1 else plain[start:end])
        return ("\n".join(picked), "\n") if picked else None

    def _lines(self, entry: Entry, width: int) -> list[Strip]:
        """The entry's lines across the pane, drawn once for each width and look.

        Its lines are already wrapped (:meth:`Entry.lines`), so each is drawn
        straight to segments with the styles of its look, resolved once per
        look of the pane (:class:`Look`), not through Textual's Content
        renderer, which would wrap them again.
        """
        key = (width, entry.earlier, entry.parts, self._look)
        if entry.drawn is not None and entry.drawn[0] == key:
            return entry.drawn[1]
        x, column = self._column(width)
        text_width = max(1, column - entry.INDENT)
        if isinstance(entry, Reply):
            name = "transcript--reply-earlier" if entry.earlier else "transcript--reply"
        else:
            name = "transcript--earlier" if entry.earlier else ""
        look = self._looks.get(name)
        if look is None or look.drawn != self._look:
            look = self._looks[name] = Look(self, name, self._look)
        blank = look.blank
        left = [Segment(" " * x, blank)] if x else []
        if entry.INDENT:
            left.extend(look.bar)
        right_cells = width - x - column
        right = [Segment(" " * right_cells, blank)] if right_cells > 0 else []
        left_strip, right_strip = Strip(left, x + entry.INDENT), Strip(right, max(0, right_cells))
        serial = entry.serial * ROWS
        texts, drawn = [], []
        for row, line in enumerate(entry.lines(text_width)):
            segments = look.segments(line, text_width, serial + row)
            texts.append((left_strip, Strip(segments, text_width), right_strip))
            drawn.append(Strip([*left, *segments, *right], width))
        entry.texts = texts
        gap = Strip.blank(width, blank)
        drawn.extend([gap] * entry.GAP)
        entry.drawn = (key, drawn)
        return drawn


class Look:
    """How one kind of entry is drawn (a passage, an earlier one, a reply...): its styles
    resolved once per look of the pane, so drawing a line is making its segments."""

    def __init__(self, transcript: Transcript, name: str, drawn: int) -> None:
        self.drawn = drawn
        self.style = transcript.get_visual_style(name) if name else transcript.visual_style
        self.parse = transcript._get_style
        self.link = transcript.link_style if transcript.auto_links else None
        base_background, background = transcript.background_colors
        inner = Style(background=base_background + background)
        self.blank = inner.rich_style
        self.bar: list[Segment] = []
        if isinstance(name, str) and name.startswith("transcript--reply"):
            bar_type, bar_color = transcript.get_component_styles(name).border_left
            bar = get_box(bar_type, inner, inner, Style(foreground=base_background + bar_color))[1][0]
            self.bar = [bar, Segment(" " * (Reply.INDENT - 1), self.blank)]
        self._parsed: dict[str | Style, Style] = {}
        self._rich: dict[Style, RichStyle] = {}

    def _parse(self, style: str | Style) -> Style:
        parsed = self._parsed.get(style)
        if parsed is None:
            parsed = self._parsed[style] = self.parse(style)
        return parsed

    def _resolved(self, text_style: Style) -> RichStyle:
        rich = self._rich.get(text_style)
        if rich is None:
            rich = (self.style + text_style).rich_style
            if self.link is not None and rich._meta is not None and "@click" in rich.meta:
                rich += self.link
            self._rich[text_style] = rich
        return rich

    def segments(self, line: Content, width: int, y: int) -> list[Segment]:
        """One wrapped line as segments ``width`` cells wide, each marked with its place
        (``x``, ``y``) for a selection, as Textual marks the text it draws."""
        if "\t" in line.plain:
            line = line.expand_tabs(8)
        segments: list[Segment] = []
        x = 0
        for text, text_style in line.render(self.style, end="", parse_style=self._parse):
            if text:
                segments.append(Segment(text, self._resolved(text_style) + _offset(x, y)))
                x += len(text)
        cells = line.cell_length
        if cells > width:
            return list(Strip(segments, cells).crop(0, width))
        if cells < width:
            segments.append(Segment(" " * (width - cells), self.blank + _offset(x, y)))
        return segments


def _offset(x: int, y: int) -> RichStyle:
    """Where a piece of text is, for a selection (Textual's ``apply_offsets``)."""
    return RichStyle.from_meta({"offset": (x, y)})
