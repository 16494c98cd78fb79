"""A scene's text as the player reads it: paragraphs, emphasis, glossary terms.

The transcript draws its entries itself (:mod:`.transcript`): a passage or a
reply is the text to draw and how it looks, not a widget, so a step adds
no widget, restyles none and lays out none.
"""

from __future__ import annotations

from itertools import count

from textual.content import Content
from textual.strip import Strip

from engine.core.controls import visible
from engine.core.game import View
from engine.core.text import Paragraph, Span
from engine.frontends.tui.shown import shown
from engine.frontends.tui.wrapped import wrapped_lines
from engine.present.presenter import current


def span_style(span: Span) -> str:
    parts = []
    if span.emphasis:
        parts.append("italic")
    if span.strong:
        parts.append("bold")
    if span.term is not None:
        # The screen's ``term`` action opens the glossary at this entry.
        parts.append(f"underline @click=screen.term('{span.term}')")
    return " ".join(parts)


def paragraph_content(paragraph: Paragraph) -> Content:
    return Content.assemble(
        *((visible(span.text, allow_breaks=True), span_style(span)) for span in paragraph)
    )


def passage_content(view: View) -> Content:
    return Content("\n\n").join(paragraph_content(p) for p in view.paragraphs)


class Entry:
    """A part of the transcript: its text, whether it is dimmed, and its lines as last drawn.

    Its text is in parts, one under the other, each wrapped by our own rules
    (:func:`.wrapped_lines`) and kept per width, so a passage that gains its
    "› chosen" line wraps only that line again.
    """

    GAP = 1  # blank lines below it
    INDENT = 0  # cells of bar and padding left of its text
    made = count()  # numbers the entries in the order they are made (selection offsets)

    def __init__(self, earlier: bool = False) -> None:
        self.earlier = earlier
        self.serial = next(Entry.made)
        self.drawn: tuple[object, list[Strip]] | None = None  # (how it was drawn, its lines)
        self.texts: list[
            tuple[Strip, Strip, Strip]
        ] = []  # its text lines as drawn, with what is left and right
        self.parts: tuple[Content, ...] = ()
        self._wrapped: dict[int, tuple[Content, list[Content]]] = {}  # id -> part, its lines at _width
        self._width = -1
        self._lines: tuple[int, tuple[Content, ...], list[Content]] | None = None

    @property
    def plain(self) -> str:
        return "\n".join(part.plain for part in self.parts)

    def lines(self, width: int) -> list[Content]:
        """Its text wrapped to ``width`` cells, line by line (a part wrapped before is kept)."""
        width = max(1, width)
        if self._lines is not None and self._lines[0] == width and self._lines[1] is self.parts:
            return self._lines[2]
        if width != self._width:
            self._wrapped, self._width = {}, width
        wrapped = {}
        lines: list[Content] = []
        for part in self.parts:
            kept = self._wrapped.get(id(part))
            part_lines = kept[1] if kept is not None and kept[0] is part else wrapped_lines(part, width)
            wrapped[id(part)] = (part, part_lines)
            lines.extend(part_lines)
        self._wrapped = wrapped
        self._lines = (width, self.parts, lines)
        return lines

    def height(self, width: int) -> int:
        """Lines it takes in a column ``width`` cells wide, the gap below included."""
        return len(self.lines(width - self.INDENT)) + self.GAP

    def dim(self, earlier: bool) -> None:
        self.earlier = earlier


class Reply(Entry):
    """What a choice answered at once, between the passage it was taken in and the next:
    a bar and a space on its left."""

    INDENT = 2

    def __init__(self, paragraphs: tuple[Paragraph, ...], earlier: bool = False) -> None:
        super().__init__(earlier)
        self.paragraphs = paragraphs
        self.parts = (Content("\n\n").join(paragraph_content(p) for p in paragraphs),)


class Passage(Entry):
    """One scene's heading and text, and the choice taken under it once read."""

    def __init__(self, view: View, chosen: str | None = None, earlier: bool = False) -> None:
        super().__init__(earlier)
        self.view = view
        heading = shown(view.title, "bold")
        meta = " · ".join(x for x in (current().clock(view.clock), view.location) if x)
        self.body = Content("\n").join([heading, shown(meta, "italic"), Content(""), passage_content(view)])
        self.set_chosen(chosen)

    def set_chosen(self, chosen: str | None) -> None:
        """Show ``chosen`` under the passage (None: nothing): only that line is wrapped anew."""
        self.chosen = chosen
        if chosen is None:
            self.parts = (self.body,)
        else:
            self.parts = (self.body, Content(""), shown(f"› {chosen}", "bold"))
