"""Scene text: interpolation, conditional fragments, paragraphs and emphasis.

A template is parsed once at load into static strings, interpolations and
conditionals. Rendering joins them into a string for the current state; the
string is then split into paragraphs of styled spans, with glossary terms
marked, which every front end (plain text or Textual) draws its own way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import attrs

from engine.core.diagnostics import RunTimeError
from engine.core.expressions import (
    Context,
    Expression,
    ExpressionError,
    Type,
    Var,
    parse_expression,
)
from engine.core.limits import MAX_NESTING

Formatter = Callable[[str | None, Any], str]


@attrs.frozen
class Interpolation:
    expr: Expression
    variable: str | None = None  # set when the expression is a bare variable, shown with its format

    def render(self, ctx: Context, fmt: Formatter) -> str:
        try:
            value = self.expr.eval(ctx)
        except RunTimeError as exc:
            exc.expression = self.expr.source
            raise
        return fmt(self.variable, value)


@attrs.frozen
class Conditional:
    branches: tuple[tuple[Expression | None, Template], ...]

    def render(self, ctx: Context, fmt: Formatter) -> str:
        for cond, body in self.branches:
            if cond is None or _holds(cond, ctx):
                return body.render(ctx, fmt)
        return ""


def _holds(cond: Expression, ctx: Context) -> bool:
    try:
        return bool(cond.eval(ctx))
    except RunTimeError as exc:
        exc.expression = cond.source
        raise


Part = str | Interpolation | Conditional


@attrs.frozen
class Template:
    source: str
    parts: tuple[Part, ...]
    expressions: tuple[Expression, ...]

    @property
    def static(self) -> bool:
        return all(isinstance(p, str) for p in self.parts)

    def render(self, ctx: Context, fmt: Formatter) -> str:
        if len(self.parts) == 1 and isinstance(self.parts[0], str):
            return self.parts[0]
        return "".join(p if isinstance(p, str) else p.render(ctx, fmt) for p in self.parts)


Text = str | Template
"""A scene's or choice's text: as written when it is plain (most text: nothing to parse,
and no object to make for it at load), else its parsed :class:`Template`."""


def render(text: Text, ctx: Context, fmt: Formatter) -> str:
    return text if isinstance(text, str) else text.render(ctx, fmt)


def source_of(text: Text) -> str:
    return text if isinstance(text, str) else text.source


def expressions_of(text: Text) -> tuple[Expression, ...]:
    return () if isinstance(text, str) else text.expressions


_BRACE = re.compile(r"[{}]")


# A tag's body: plain characters and quoted texts (with escapes), up to a brace.
_TAG_BODY = re.compile(
    r"""[^"'{}]*(?:(?:"[^"\\]*(?:\\[\s\S][^"\\]*)*"|'[^'\\]*(?:\\[\s\S][^'\\]*)*')[^"'{}]*)*"""
)


def _find_close(source: str, start: int) -> int:
    """The index of the ``}`` closing the tag opened at ``start``, skipping quotes."""
    body = _TAG_BODY.match(source, start + 1)
    end = body.end() if body else start + 1
    if end < len(source) and source[end] == "}":
        return end
    raise ExpressionError("this '{' is never closed; write '{{' for a literal brace", start)


def parse_template(
    source: str,
    types: Mapping[str, Type],
    suggest: Callable[[str, list[str]], str | None] | None = None,
    memo: dict[tuple[str, Type | None], Expression] | None = None,
) -> Template:
    """Parse text markup; raise :class:`ExpressionError` with an offset into ``source``.

    ``memo`` lets a loader share the parse of expressions that recur across
    scenes (``{money_kzt}``, ``{if first_visit}``); it must hold only parses
    made with the same ``types``.
    """
    if "{" not in source and "}" not in source:
        return Template(source, (source,), ())
    kwargs: dict[str, Any] = {"suggest": suggest} if suggest else {}
    expressions: list[Expression] = []
    known = memo if memo is not None else {}

    def expression(body: str, offset: int, want: Type | None) -> Expression:
        text = body.strip()
        expr = known.get((text, want))
        if expr is None:
            try:
                expr = parse_expression(text, types, want=want, **kwargs)
            except ExpressionError as exc:
                lead = len(body) - len(body.lstrip())
                raise exc.moved(offset + lead + exc.offset) from None
            known[(text, want)] = expr
        expressions.append(expr)
        return expr

    # A stack of open conditionals: (branches so far, current condition, current parts, offset).
    Frame = tuple[list[tuple[Expression | None, Template]], Expression | None, list[Part], int]
    stack: list[Frame] = []
    parts: list[Part] = []
    buf: list[str] = []
    i = 0
    n = len(source)

    def flush() -> None:
        if buf:
            parts.append("".join(buf))
            buf.clear()

    while i < n:
        c = source[i]
        if c == "{":
            if source.startswith("{{", i):
                buf.append("{")
                i += 2
                continue
            close = _find_close(source, i)
            body = source[i + 1 : close]
            word = body.strip().split(None, 1)
            head = word[0] if word else ""
            flush()
            if head == "if":
                if len(word) < 2:
                    raise ExpressionError("{if} needs a condition: {if hope > 5}", i)
                if len(stack) == MAX_NESTING:
                    raise ExpressionError(
                        f"{{if}} blocks are nested more than {MAX_NESTING} deep here",
                        i,
                        "an {if} can test several things at once with 'and' and 'or'",
                    )
                if_cond = expression(body[body.index("if") + 2 :], i + 1 + body.index("if") + 2, Type.BOOLEAN)
                stack.append(([], if_cond, parts, i))
                parts = []
            elif head in ("elif", "else", "end"):
                if not stack:
                    raise ExpressionError(f"{{{head}}} without an {{if}} before it", i)
                branches, cond, outer, start = stack.pop()
                branches.append((cond, _make(parts)))
                if head == "end":
                    if len(word) > 1:
                        raise ExpressionError("{end} takes nothing after it", i)
                    parts = outer
                    parts.append(Conditional(tuple(branches)))
                else:
                    if branches and branches[-1][0] is None:
                        raise ExpressionError(f"{{{head}}} after {{else}}", i)
                    new_cond: Expression | None = None
                    if head == "elif":
                        if len(word) < 2:
                            raise ExpressionError("{elif} needs a condition", i)
                        new_cond = expression(
                            body[body.index("elif") + 4 :], i + 1 + body.index("elif") + 4, Type.BOOLEAN
                        )
                    elif len(word) > 1:
                        raise ExpressionError("{else} takes no condition; did you mean {elif …}?", i)
                    stack.append((branches, new_cond, outer, start))
                    parts = []
            else:
                if not body.strip():
                    raise ExpressionError("empty {}; write '{{' for a literal brace", i)
                expr = expression(body, i + 1, None)
                parts.append(Interpolation(expr, expr.node.name if isinstance(expr.node, Var) else None))
            i = close + 1
        elif c == "}":
            if source.startswith("}}", i):
                buf.append("}")
                i += 2
                continue
            raise ExpressionError("a '}' with no '{' before it; write '}}' for a literal brace", i)
        else:
            brace = _BRACE.search(source, i)
            j = brace.start() if brace else n
            buf.append(source[i:j])
            i = j
    flush()
    if stack:
        raise ExpressionError("this {if} has no {end}", stack[-1][3])
    return Template(source, tuple(parts), tuple(expressions))


def _make(parts: list[Part]) -> Template:
    return Template("", tuple(parts), ())


# ---------------------------------------------------------------- formatting


@attrs.frozen
class Span:
    text: str
    emphasis: bool = False
    strong: bool = False
    term: str | None = None  # the glossary key, where the span is a glossary term


Paragraph = tuple[Span, ...]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(
    r"[^\S\u00a0\u202f\u2007]+"
)  # not the no-break spaces typography puts between a number and its unit
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*", re.DOTALL)


class GlossaryMarker:
    """Finds glossary terms in text as whole words, matching case."""

    def __init__(self, terms: Mapping[str, str]) -> None:
        """``terms`` maps each form ("IIN", "IINs") to its glossary key."""
        self.terms = dict(terms)
        forms = sorted(self.terms, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
            if forms
            else None
        )

    def mark(self, text: str, emphasis: bool, strong: bool) -> list[Span]:
        if self.pattern is None:
            return [Span(text, emphasis, strong)]
        spans: list[Span] = []
        last = 0
        for match in self.pattern.finditer(text):
            if match.start() > last:
                spans.append(Span(text[last : match.start()], emphasis, strong))
            spans.append(Span(match.group(), emphasis, strong, self.terms[match.group()]))
            last = match.end()
        if last < len(text):
            spans.append(Span(text[last:], emphasis, strong))
        return spans


def paragraphs(text: str, marker: GlossaryMarker) -> tuple[Paragraph, ...]:
    """Split rendered text into paragraphs of spans; cached, since scenes repeat."""
    return _paragraphs(text, marker)


@lru_cache(maxsize=512)
def _paragraphs(text: str, marker: GlossaryMarker) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for block in _PARAGRAPH_BREAK.split(text.strip()):
        block = _SPACES.sub(" ", block).strip()
        if not block:
            continue
        spans: list[Span] = []
        last = 0
        for match in _EMPHASIS.finditer(block):
            if match.start() > last:
                spans.extend(marker.mark(block[last : match.start()], False, False))
            if match.group(1) is not None:
                spans.extend(marker.mark(match.group(1), False, True))
            else:
                spans.extend(marker.mark(match.group(2), True, False))
            last = match.end()
        if last < len(block):
            spans.extend(marker.mark(block[last:], False, False))
        out.append(tuple(spans))
    return tuple(out)


def plain(paras: tuple[Paragraph, ...]) -> str:
    """Paragraphs as plain text, markup removed (for screen readers and logs)."""
    return "\n\n".join("".join(s.text for s in p) for p in paras)
