"""A scene's text as the player reads it: paragraphs, emphasis, glossary terms."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import Static

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


class Entry(Static):
    """A part of the transcript: it says when it has its size, so a scroll to it can land."""

    class LaidOut(Message):
        """The entry has its size: a scroll to it can land now."""

    def on_resize(self) -> None:
        self.post_message(self.LaidOut())


class Reply(Entry):
    """What a choice answered at once, between the passage it was taken in and the next."""

    DEFAULT_CSS = """
    Reply { width: 1fr; height: auto; padding: 0 0 0 1; margin: 0 0 1 0; border-left: outer $accent 70%; }
    """

    def __init__(self, paragraphs: tuple[Paragraph, ...], **kwargs: object) -> None:
        self.paragraphs = paragraphs
        content = Content("\n\n").join(paragraph_content(p) for p in paragraphs)
        super().__init__(Wrapped(content), **kwargs)  # type: ignore[arg-type]


class Passage(Entry):
    """One scene's heading and text; earlier passages are dimmed by CSS."""

    DEFAULT_CSS = """
    Passage { width: 1fr; height: auto; padding: 0 0 1 0; }
    Passage .term { text-style: underline; }
    """

    def __init__(self, view: View, chosen: str | None = None, **kwargs: object) -> None:
        self.view = view
        self.chosen = chosen
        heading = shown(view.title, "bold")
        meta = " · ".join(x for x in (current().clock(view.clock), view.location) if x)
        self.body = Wrapped(
            Content("\n").join([heading, shown(meta, "italic"), Content(""), passage_content(view)])
        )
        super().__init__(self.build(), **kwargs)  # type: ignore[arg-type]

    def height_with(self, chosen: str | None) -> int | None:
        """How tall the passage will be once it shows ``chosen`` under it; None before it is laid out.

        Our own wrapping decides the lines, so this is exact: the transcript
        scrolls to what comes next before that is laid out.
        """
        width = self.content_size.width
        if not self.size.height or width <= 0:
            return None
        return self.build(chosen).lines(width) + self.styles.gutter.height

    def build(self, chosen: str | bool | None = False) -> Wrapped:
        """The passage's text; with ``chosen`` (when given), the choice taken under it."""
        chosen = self.chosen if chosen is False else chosen
        if chosen is None:
            return Wrapped(self.body)
        return Wrapped(self.body, Content(""), shown(f"› {chosen}", "bold"))

    def set_chosen(self, chosen: str | None) -> None:
        self.chosen = chosen
        self.update(self.build())
