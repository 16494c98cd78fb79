"""Text from story files, saves and players, made safe to put on screen.

Textual reads a plain ``str`` as markup, so ``[/]`` in a title would stop the
game and ``[bold]`` would restyle it. Everything that came from outside the
program goes through here instead: it becomes Textual ``Content`` (or Rich
``Text`` for a table cell), never markup, and its control characters are
written out as escapes so none reaches the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from engine.core.controls import visible


def shown(text: str, style: str = "") -> Content:
    """Story or save text as Content, styled as a whole; line breaks kept."""
    return (
        Content.styled(visible(text, allow_breaks=True), style)
        if style
        else Content(visible(text, allow_breaks=True))
    )


def cell(text: str) -> Text:
    """A table cell: DataTable reads a ``str`` cell as markup, a ``Text`` as it is."""
    return Text(visible(text, allow_breaks=True))
