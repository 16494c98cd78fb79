"""The values inside tables: conditions, effects, text templates, dates and durations.

Each is parsed and type-checked against the story's variables; a problem is
reported at the character it is about. Sources recur across a story
(``stress += 1``, ``{money}``), so each distinct one is parsed once. What
the values read is noted for the whole-story checks (variables never used,
``visits()`` of a scene that does not exist).
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.core import calendar
from engine.core.diagnostics import Code, shown
from engine.core.expressions import (
    Effect,
    Expression,
    ExpressionError,
    Literal,
    Type,
    parse_effect,
    parse_expression,
)
from engine.core.model import Variable
from engine.core.names import did_you_mean, suggest
from engine.core.text import Template, parse_template
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import Reporter

_LONGEST_DURATION = 100


class Values:
    def __init__(self, reporter: Reporter, variables: Mapping[str, Variable]) -> None:
        self.reporter = reporter
        self.variables = variables
        self.types = {name: v.type for name, v in variables.items()}
        self.used: set[str] = set()
        self.visits: list[tuple[StoryFile, Path_, str, int, str]] = []  # (file, path, scene, offset, source)
        self._conditions: dict[str, Expression] = {}
        self._effects: dict[str, Effect] = {}
        self._effect_lists: dict[tuple[str, ...], tuple[Effect, ...]] = {}  # built whole, naming no scene
        self._parts: dict[tuple[str, Type | None], Expression] = {}

    def _fail(self, f: StoryFile, path: Path_, exc: ExpressionError, source: str, base: int = 0) -> None:
        self.reporter.error(
            Code.EXPRESSION, f, path, exc.message, hint=exc.hint, offset=base + exc.offset, value=source
        )

    def template(self, f: StoryFile, path: Path_, source: str) -> Template:
        if "{" not in source and "}" not in source:
            return Template(source, (source,), ())  # plain text: nothing to parse or note
        try:
            tpl = parse_template(source, self.types, suggest, self._parts)
        except ExpressionError as exc:
            self._fail(f, path, exc, source)
            return Template(source, (source,), ())
        for expr in tpl.expressions:
            self._note(f, path, expr, source, None)
        return tpl

    def condition(self, f: StoryFile, path: Path_, source: str | None) -> Expression | None:
        if source is None:
            return None
        expr = self._conditions.get(source)
        if expr is None:
            try:
                expr = parse_expression(source, self.types, want=Type.BOOLEAN, suggest=suggest)
            except ExpressionError as exc:
                self._fail(f, path, exc, source)
                return None
            self._conditions[source] = expr
            self.used |= expr.variables
        if expr.scenes:
            self._note(f, path, expr, source, 0)
        return expr

    def effects(self, f: StoryFile, path: Path_, sources: list[str]) -> tuple[Effect, ...]:
        # The same list recurs ("stress += 1", "seen = true"): once built whole, with
        # nothing to report and no visits() to note, it is the same tuple again.
        key = tuple(sources)
        known = self._effect_lists.get(key)
        if known is not None:
            return known
        out = []
        for i, source in enumerate(sources):
            effect = self._effects.get(source)
            if effect is None:
                try:
                    effect = parse_effect(source, self.types, suggest)
                except ExpressionError as exc:
                    self._fail(f, path + (i,), exc, source)
                    continue
                self._effects[source] = effect
                if not self._tag_known(f, path + (i,), effect, source):
                    continue
            self.used.add(effect.target)
            self._note(f, path + (i,), effect.value, source, effect.value_at)
            if effect.condition is not None:
                self._note(f, path + (i,), effect.condition, source, effect.condition_at)
            out.append(effect)
        built = tuple(out)
        if len(built) == len(sources) and not any(
            e.value.scenes or (e.condition is not None and e.condition.scenes) for e in built
        ):
            self._effect_lists[key] = built
        return built

    def _tag_known(self, f: StoryFile, path: Path_, effect: Effect, source: str) -> bool:
        var = self.variables.get(effect.target)
        node = effect.value.node
        if var is None or var.values is None or not isinstance(node, Literal) or node.value in var.values:
            return True
        self.reporter.error(
            Code.NO_TAG,
            f,
            path,
            f"'{shown(node.value)}' is not one of the tags of '{effect.target}'",
            hint=did_you_mean(str(node.value), var.values, "tags: " + ", ".join(var.values)),
            name=effect.target,
            offset=effect.value_at,
            value=source,
        )
        del self._effects[source]
        return False

    def _note(self, f: StoryFile, path: Path_, expr: Expression, source: str, base: int | None) -> None:
        self.used |= expr.variables
        for sid, offset in expr.scenes:
            at = source.find(sid) if base is None else base + offset
            self.visits.append((f, path, sid, max(at, 0), source))

    def date(self, f: StoryFile, path: Path_, value: str | None) -> tuple[int, bool] | None:
        if value is None:
            return None
        try:
            return calendar.parse_date(value)
        except (ValueError, OverflowError) as exc:
            self.reporter.error(Code.BAD_VALUE, f, path, _short(str(exc), value))
            return None

    def duration(self, f: StoryFile, path: Path_, value: str | None) -> int:
        if value is None:
            return 0
        if len(value) > _LONGEST_DURATION:  # not worth reading: the reader backtracks on long digit runs
            self.reporter.error(
                Code.BAD_VALUE,
                f,
                path,
                f'\'{shown(value)}\' is not a duration; write it as "2h", "3d", "45m" or "1d 6h"',
            )
            return 0
        try:
            return calendar.parse_duration(value)
        except (ValueError, OverflowError) as exc:
            self.reporter.error(Code.BAD_VALUE, f, path, _short(str(exc), value))
            return 0


def _short(message: str, value: str) -> str:
    """``message`` with the value it quotes cut short: the source line shows it whole."""
    quoted = value.strip() if value.strip() in message else value
    return message.replace(quoted, shown(quoted)) if len(quoted) > 60 else message
