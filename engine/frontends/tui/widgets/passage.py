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
from engine.frontends.tui.wrapped import Wrapped
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
    """A part of the transcript: its text, whether it is dimmed, and its lines as last drawn."""

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
        self._height: tuple[int, Wrapped, int] | None = None  # width, text, lines

    @property
    def text(self) -> Wrapped:
        raise NotImplementedError

    @property
    def plain(self) -> str:
        return self.text.plain

    def height(self, width: int) -> int:
        """Lines it takes in a column ``width`` cells wide, the gap below included."""
        text = self.text
        if self._height is None or self._height[0] != width or self._height[1] is not text:
            self._height = (width, text, text.lines(max(1, width - self.INDENT)) + self.GAP)
        return self._height[2]

    def dim(self, earlier: bool) -> None:
        self.earlier = earlier


class Reply(Entry):
    """What a choice answered at once, between the passage it was taken in and the next:
    a bar and a space on its left."""

    INDENT = 2

    def __init__(self, paragraphs: tuple[Paragraph, ...], earlier: bool = False) -> None:
        super().__init__(earlier)
        self.paragraphs = paragraphs
        self._text = Wrapped(Content("\n\n").join(paragraph_content(p) for p in paragraphs))

    @property
    def text(self) -> Wrapped:
        return self._text


class Passage(Entry):
    """One scene's heading and text, and the choice taken under it once read."""

    def __init__(self, view: View, chosen: str | None = None, earlier: bool = False) -> None:
        super().__init__(earlier)
        self.view = view
        self.chosen = chosen
        heading = shown(view.title, "bold")
        meta = " · ".join(x for x in (current().clock(view.clock), view.location) if x)
        self.body = Wrapped(
            Content("\n").join([heading, shown(meta, "italic"), Content(""), passage_content(view)])
        )
        self._text = self._build()

    @property
    def text(self) -> Wrapped:
        return self._text

    def _build(self) -> Wrapped:
        if self.chosen is None:
            return Wrapped(self.body)
        return Wrapped(self.body, Content(""), shown(f"› {self.chosen}", "bold"))

    def set_chosen(self, chosen: str | None) -> None:
        """Show ``chosen`` under the passage (None: nothing): only that line is wrapped anew."""
        self.chosen = chosen
        self._text = self._build()
