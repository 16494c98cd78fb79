"""Story text wrapped by our own rules, so an amount and its currency stay on one line.

Textual wraps Content at any space. :class:`Wrapped` is a Visual that
breaks its Content where :func:`engine.frontends.lines.break_offsets` says
(never between "138,000" and "₸"), then lets Content draw lines that
already fit. Widgets take it wherever they take Content.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from engine.frontends.lines import break_offsets


def wrapped_lines(content: Content, width: int) -> list[Content]:
    """``content`` as lines of at most ``width`` cells, broken where our rules put breaks."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        offsets = break_offsets(line.plain, width)
        if not offsets:
            lines.append(line)
            continue
        pieces = line.divide(offsets)
        lines.extend(piece.rstrip() for piece in pieces[:-1])
        lines.append(pieces[-1])
    return lines


def wrapped_content(content: Content, width: int) -> Content:
    """``content`` with line breaks where our rules put them for ``width`` cells."""
    return Content("\n").join(wrapped_lines(content, width))


class Wrapped(Visual):
    """Content that wraps by our rules; it draws as the Content it holds would.

    Made of parts, one under the other (Content, or other Wrapped whose
    wrapping at each width is kept), so a passage that gains its "› chosen"
    line wraps only that line again.
    """

    def __init__(self, *parts: Content | Wrapped) -> None:
        self.parts = parts
        self._content: Content | None = None
        self._at: tuple[int, Content, int] | None = None  # width, wrapped, lines

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = Content("\n").join(
                part.content if isinstance(part, Wrapped) else part for part in self.parts
            )
        return self._content

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def at(self, width: int) -> Content:
        return self._wrapped(width)[0]

    def lines(self, width: int) -> int:
        """How many lines it takes at ``width``: each of ours already fits, so no line wraps again."""
        return self._wrapped(width)[1]

    def _wrapped(self, width: int) -> tuple[Content, int]:
        if self._at is None or self._at[0] != width:
            pieces = [
                part.at(width) if isinstance(part, Wrapped) else wrapped_content(part, width)
                for part in self.parts
            ]
            joined = pieces[0] if len(pieces) == 1 else Content("\n").join(pieces)
            self._at = (width, joined, joined.plain.count("\n") + 1)
        return self._at[1], self._at[2]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        line_pad = options.rules.get("line_pad", 0) * 2
        return self.at(width - line_pad).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return self.content.get_height(rules, width)
        return self.lines(width - rules.get("line_pad", 0) * 2)
