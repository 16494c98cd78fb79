"""Expressions and templates parsed on first use.

When a story's exact content was already checked clean (see
:mod:`engine.loading.cache`), loading it again need not parse and type-check every
expression up front: these stand-ins hold the source and parse it the first
time the game touches it. Parsing cannot fail then: the same source with the
same declarations parsed cleanly before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engine.core.expressions import Effect, Expression, Type, parse_effect, parse_expression
from engine.core.text import Template, parse_template


class _Lazy:
    __slots__ = ("_parse", "_real", "source")

    def __init__(self, source: str, parse: Callable[[], Any]) -> None:
        self.source = source
        self._parse = parse
        self._real: Any = None

    def resolve(self) -> Any:
        if self._real is None:
            self._real = self._parse()
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)

    def __eq__(self, other: object) -> bool:
        return self.resolve() == (other.resolve() if isinstance(other, _Lazy) else other)

    def __hash__(self) -> int:
        return hash(self.resolve())


class LazyExpression(_Lazy):
    __slots__ = ()

    def eval(self, ctx: Any) -> Any:
        return (self._real or self.resolve()).eval(ctx)


class LazyTemplate(_Lazy):
    __slots__ = ()

    def render(self, ctx: Any, fmt: Any) -> str:
        return (self._real or self.resolve()).render(ctx, fmt)


def expression(source: str, types: Mapping[str, Type]) -> Expression:
    lazy = LazyExpression(source, lambda: parse_expression(source, types, want=Type.BOOLEAN))
    return lazy  # type: ignore[return-value]  # stands in for an Expression


def effect(source: str, types: Mapping[str, Type]) -> Effect:
    return _Lazy(source, lambda: parse_effect(source, types))  # type: ignore[return-value]


def template(source: str, types: Mapping[str, Type]) -> Template:
    return LazyTemplate(source, lambda: parse_template(source, types))  # type: ignore[return-value]
