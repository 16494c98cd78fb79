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


def wrapped_content(content: Content, width: int) -> Content:
    """``content`` with line breaks where our rules put them for ``width`` cells."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        offsets = break_offsets(line.plain, width)
        if not offsets:
            lines.append(line)
            continue
        pieces = line.divide(offsets)
        lines.extend(piece.rstrip() for piece in pieces[:-1])
        lines.append(pieces[-1])
    return Content("\n").join(lines)


class Wrapped(Visual):
    """Content that wraps by our rules; it draws as the Content it holds would."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._at: tuple[int, Content] | None = None

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain

    def at(self, width: int) -> Content:
        if self._at is None or self._at[0] != width:
            self._at = (width, wrapped_content(self.content, width))
        return self._at[1]

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
        line_pad = rules.get("line_pad", 0) * 2
        return self.at(width - line_pad).get_height(rules, width)
