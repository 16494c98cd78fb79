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
"""

from __future__ import annotations

from math import ceil

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip


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

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        self._content = self.scrollable_content_region.size
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
