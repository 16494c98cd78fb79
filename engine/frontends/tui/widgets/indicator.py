"""A pane that draws its scroll indicator in its own lines, in place of Textual's scrollbar.

Textual's scrollbar is a widget of its own: when its thumb moves it draws
its whole height again, and the screen cuts every line of the pane at its
edge. The story pane and the side panel draw every line in view anyway
when they scroll, so the indicator is one more cell at the end of each
line, drawn as Textual draws its scrollbar (:class:`ScrollBarRender`, the
pane's scrollbar colours). Its column is kept, blank, when there is
nothing to scroll, so the text never moves sideways.

The mouse works as on a scrollbar: the wheel scrolls the pane, and a click
or a drag on the indicator's column scrolls to that place.

Each line is framed here too (:meth:`Indicated.render_lines`): the pane's
padding and left border are put round the line's segments in one step, as
Textual's styles cache would put them, without its per-line work for
effects these panes never use (a tint, an opacity, an outline, a hatch, a
border on another side: with any of these Textual draws the lines itself).
"""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual._border import get_box
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style

Frame = tuple[list[Segment], Strip, list[Segment], int, int, RichStyle, Color]
"""Left of a line, a padding row, right of a line, padding rows above and below, inner style, background."""


class Indicated(ScrollView):
    """A scroll view whose last content column is its scroll indicator."""

    DEFAULT_CSS = """
    Indicated {
        overflow-x: hidden;
        scrollbar-size-vertical: 0;
        scrollbar-visibility: hidden;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._bar: tuple[object, list[Segment]] = (None, [])
        self._dragging = False
        self._content = Size(0, 0)  # the content's size, as last laid out
        self._framed: tuple[object, Frame] | None = None
        self._composed: dict[
            int, tuple[Strip, Segment | None, Strip]
        ] = {}  # id(line) -> (line, cell, framed)
        self._composed_for: object = None  # the frame and filters the framed lines were made with

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        # the content's size from the size given: asking for the region would arrange the whole
        # screen again, which this layout has just done
        width, height = size - self.styles.gutter.totals
        self._content = Size(
            max(0, width - self.scrollbar_size_vertical), max(0, height - self.scrollbar_size_horizontal)
        )
        return changed

    @property
    def text_width(self) -> int:
        """The cells left of the indicator."""
        return max(0, self._content.width - 1)

    def indicator(self) -> list[Segment]:
        """The indicator's cell on each line in view, top to bottom."""
        height = self._content.height
        virtual = self.virtual_size.height
        key = (height, virtual, round(self.scroll_offset.y))
        if self._bar[0] != key:
            self._bar = (key, self._draw_indicator(height, virtual))
        return self._bar[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._bar = (None, [])  # new colours: drawn again

    def _draw_indicator(self, height: int, virtual: int) -> list[Segment]:
        if virtual <= height:  # nothing to scroll: no indicator, as Textual shows no scrollbar
            blank = RichStyle.from_color(bgcolor=self.background_colors[1].rich_color)
            return [Segment(" ", blank)] * height
        styles = self.styles
        background = styles.scrollbar_background
        if background.a < 1:
            background = self.background_colors[0] + background
        color = background + styles.scrollbar_color
        bar = ScrollBarRender.render_bar(
            size=height,
            virtual_size=ceil(virtual),
            window_size=height,
            position=self.scroll_offset.y,
            back_color=background.rich_color,
            bar_color=color.rich_color,
        )
        return [
            Segment(segment.text, RichStyle(color=s.color, bgcolor=s.bgcolor, reverse=s.reverse))
            if (s := segment.style) is not None
            else segment
            for segment in bar.segments
        ]

    def indicated(self, strip: Strip, y: int) -> Strip:
        """``strip`` (line ``y`` in view, ``text_width`` cells) with the indicator's cell after it."""
        cells = self.indicator()
        if 0 <= y < len(cells):
            return Strip([*strip, cells[y]], strip.cell_length + 1)
        return strip

    def content_line(self, y: int) -> Strip:
        """Line ``y`` in view, ``text_width`` cells, without the indicator."""
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        return self.indicated(self.content_line(y), y)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in ``crop``, each framed by the pane's padding and left border in one step."""
        frame = self._frame()
        if frame is None:
            return super().render_lines(crop)
        _, blank_row, _, top, bottom, _, background = frame
        width, height = self.region.size
        cells = self.indicator()
        filters = self._framing(frame)
        strips: list[Strip] = []
        for y in crop.line_range:
            if y < top or y >= height - bottom:
                strip = blank_row
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                strips.append(strip)
                continue
            row = y - top
            strips.append(
                self._framed_line(
                    self.content_line(row), cells[row] if row < len(cells) else None, frame, filters
                )
            )
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        if self.auto_links:
            hover = self.hover_style
            if hover._link_id and hover._meta and "@click" in hover.meta:
                link_style_hover = self.link_style_hover
                if link_style_hover:
                    strips = [strip.style_links(hover.link_id, link_style_hover) for strip in strips]
        return strips

    def frame_ahead(self, lines: list[Strip]) -> None:
        """Frame ``lines``, drawn ahead, as they will be shown on a line beside the indicator's track."""
        frame = self._frame()
        cells = self.indicator()
        if frame is None or not cells:
            return
        track = max(set(cells), key=cells.count)
        filters = self._framing(frame)
        for line in lines:
            self._framed_line(line, track, frame, filters)

    def _framing(self, frame: Frame) -> tuple[LineFilter, ...]:
        """The app's line filters; the lines framed before are forgotten when these or the frame changed."""
        filters = tuple(self.get_line_filters())
        if self._composed_for != (frame, filters) or len(self._composed) > 20 * max(1, self.region.height):
            self._composed.clear()
            self._composed_for = (frame, filters)
        return filters

    def _framed_line(
        self, line: Strip, cell: Segment | None, frame: Frame, filters: tuple[LineFilter, ...]
    ) -> Strip:
        """``line`` with the indicator's ``cell``, the padding and the left border, filtered: kept."""
        kept = self._composed.get(id(line))
        if kept is not None and kept[0] is line and kept[1] == cell:
            return kept[2]
        left, _, right, _, _, inner, background = frame
        width = self.region.width
        if line.cell_length + (cell is not None) != self._content.width:
            framed = (
                Strip([*line, cell], line.cell_length + 1) if cell is not None else line
            ).adjust_cell_length(self._content.width, inner)
            strip = Strip([*left, *framed, *right], width)
        elif cell is None:
            strip = Strip([*left, *line, *right], width)
        else:
            strip = Strip([*left, *line, cell, *right], width)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        self._composed[id(line)] = (line, cell, strip)
        return strip

    def _frame(self) -> Frame | None:
        """What surrounds each line: the segments left and right of it, a padding row, the rows
        of padding above and below, the inner style and the background; None when the pane's
        styles ask for more than padding and a left border (Textual draws the lines then)."""
        styles = self.styles
        (top_edge, _), (right_edge, _), (bottom_edge, _), (left_edge, left_color) = styles.border
        if (
            top_edge
            or right_edge
            or bottom_edge
            or any(edge for edge, _ in styles.outline)
            or styles.tint.a
            or self.opacity != 1.0
            or styles.text_opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or self._border_title is not None
            or self._border_subtitle is not None
        ):
            return None
        base_background, background = self.background_colors
        width = self.region.width
        key = (width, left_edge, left_color, base_background, background, styles.padding, styles.gutter)
        if self._framed is not None and self._framed[0] == key:
            return self._framed[1]
        inner = Style(background=base_background + background)
        outer = Style(background=base_background)
        inner_rich = inner.rich_style
        _, pad_right, _, pad_left = styles.padding
        left: list[Segment] = []
        if left_edge:
            left.append(
                get_box(left_edge, inner, outer, Style(foreground=base_background + left_color))[1][0]
            )
        if pad_left:
            left.append(Segment(" " * pad_left, inner_rich))
        right = [Segment(" " * pad_right, inner_rich)] if pad_right else []
        edge = 1 if left_edge else 0
        blank_row = Strip([*left[:edge], Segment(" " * (width - edge), inner_rich)], width)
        gutter = styles.gutter
        frame = (left, blank_row, right, gutter.top, gutter.bottom, inner_rich, background)
        self._framed = (key, frame)
        return frame

    def refresh_indicator(self, old: list[Segment]) -> None:
        """Repaint the lines whose indicator cell differs from ``old`` (the size scrolled over
        changed, not the scroll: a scroll repaints every line anyway)."""
        new = self.indicator()
        if len(new) != len(old):
            self.refresh()
            return
        for y, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                self.refresh_line(round(self.scroll_offset.y) + y)

    # ------------------------------------------------------------ the mouse

    def _on_indicator(self, event: events.MouseEvent) -> bool:
        content = self.scrollable_content_region
        x = event.screen_x
        return content.width > 0 and x == content.right - 1

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1 and self._on_indicator(event) and self.max_scroll_y > 0:
            event.stop()
            self.screen.clear_selection()  # a drag on the indicator selects no text
            self._dragging = True
            self.capture_mouse()
            self._scroll_to_pointer(event.screen_y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            event.stop()
            self._scroll_to_pointer(event.screen_y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            event.stop()
            self._dragging = False
            self.release_mouse()

    def _scroll_to_pointer(self, screen_y: int) -> None:
        """Scroll so the indicator's thumb is centred on the pointer, as far as it can go."""
        content = self.scrollable_content_region
        height, virtual = content.height, self.virtual_size.height
        if height <= 0 or virtual <= height:
            return
        thumb = max(1.0, height * height / virtual)
        share = (screen_y - content.y + 0.5 - thumb / 2) / max(1.0, height - thumb)
        self.scroll_to(y=round(max(0.0, min(1.0, share)) * self.max_scroll_y), animate=False)
