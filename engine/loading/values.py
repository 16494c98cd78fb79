"""The values inside tables: conditions, effects, text templates, dates and durations.

Each is parsed and type-checked against the story's variables; a problem is
reported at the character it is about. Sources recur across a story
(``stress += 1``, ``{money}``), so each distinct one is parsed once. What
the values read is noted for the whole-story checks (variables never used,
``visits()`` of a scene that does not exist).

A name the story does not have (a variable, or a tag not among a variable's
``values``) is one mistake however often it is used: its uses are gathered
and reported once, by :meth:`Values.report_unknown`, when the whole story
has been read. When the name it is probably a typo of is declared and used
nowhere, the typo is in the declaration, and that is where it is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from engine.core import calendar
from engine.core.diagnostics import Code, Diagnostic, relative_name, shown
from engine.core.expressions import (
    Effect,
    Expression,
    ExpressionError,
    Literal,
    NameKind,
    Type,
    parse_effect,
    parse_expression,
)
from engine.core.model import Variable
from engine.core.names import did_you_mean, suggest
from engine.core.text import Template, parse_template
from engine.core.values import holds
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter

_LONGEST_DURATION = 100


@attrs.frozen
class Use:
    """One place a name is used: a value at ``path`` of ``file``, at ``offset`` in ``source``."""

    file: StoryFile
    path: Path_
    offset: int | None = None
    source: str | None = None


class Values:
    def __init__(self, reporter: Reporter, variables: Mapping[str, Variable]) -> None:
        self.reporter = reporter
        self.variables = variables
        self.types = {name: v.type for name, v in variables.items()}
        self.used: set[str] = set()
        self.unknown: dict[str, list[Use]] = {}  # each undeclared variable, where it is used
        self.tags_used: dict[str, set[str]] = {}  # each variable's declared tags that are used
        self.unknown_tags: dict[tuple[str, str], list[Use]] = {}  # (variable, tag) not among its values
        self.visits: list[tuple[StoryFile, Path_, str, int, str]] = []  # (file, path, scene, offset, source)
        self._conditions: dict[str, Expression] = {}
        self._effects: dict[str, Effect] = {}
        self._effect_lists: dict[tuple[str, ...], tuple[Effect, ...]] = {}  # built whole, naming no scene
        self._parts: dict[tuple[str, Type | None], Expression] = {}

    def _fail(self, f: StoryFile, path: Path_, exc: ExpressionError, source: str, base: int = 0) -> None:
        if exc.kind is NameKind.VARIABLE and exc.name is not None:
            self.unknown.setdefault(exc.name, []).append(Use(f, path, base + exc.offset, source))
            return
        self.reporter.error(
            Code.EXPRESSION, f, path, exc.message, hint=exc.hint, offset=base + exc.offset, value=source
        )

    def defaults(self, raw: Mapping[str, tuple[StoryFile, Any]]) -> None:
        """Note the tags each variable starts with, as uses of its tags."""
        for name, var in self.variables.items():
            if var.type is not Type.TAGS or var.values is None:
                continue
            f, body = raw[name]
            default = body.get("default")
            if not holds(Type.TAGS, default):  # reported as it is, by the variable's builder
                continue
            for i, tag in enumerate(default):
                self._tag_use(name, tag, Use(f, ("variables", name, "default", i)))

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
        if expr.scenes or expr.tags:
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
        if len(built) == len(sources) and not any(_notes(e.value) or _notes(e.condition) for e in built):
            self._effect_lists[key] = built
        return built

    def _tag_known(self, f: StoryFile, path: Path_, effect: Effect, source: str) -> bool:
        var = self.variables.get(effect.target)
        node = effect.value.node
        if var is None or var.values is None or not isinstance(node, Literal):
            return True
        if self._tag_use(effect.target, node.value, Use(f, path, effect.value_at, source)):
            return True
        del self._effects[source]  # each use of an unknown tag is noted
        return False

    def _tag_use(self, name: str, tag: Any, use: Use) -> bool:
        """Note a use of ``tag`` in the variable ``name``; whether it is one of its values."""
        var = self.variables[name]
        if var.values is None:
            return True
        if tag in var.values:
            self.tags_used.setdefault(name, set()).add(tag)
            return True
        self.unknown_tags.setdefault((name, str(tag)), []).append(use)
        return False

    def _note(self, f: StoryFile, path: Path_, expr: Expression, source: str, base: int | None) -> None:
        self.used |= expr.variables
        for sid, offset in expr.scenes:
            at = source.find(sid) if base is None else base + offset
            self.visits.append((f, path, sid, max(at, 0), source))
        for name, tag, offset in expr.tags:
            at = source.find(tag) - 1 if base is None else base + offset  # at its opening quote
            self._tag_use(name, tag, Use(f, path, max(at, 0), source))

    # -- names used but not declared, each reported once

    def report_unknown(self, declared_at: Mapping[str, StoryFile]) -> set[str]:
        """Report each undeclared variable and unknown tag once; the variables whose
        declaration those reports are about (so "declared but never used" is not said too)."""
        blamed: set[str] = set()
        by_variable = {name: (declared_at[name], ("variables", name)) for name in self.variables}
        for name, near, places in _typos(self.unknown, self.variables, self.used):
            if near is None:
                self._first_use(
                    Code.NO_VARIABLE,
                    places,
                    f"'{name}' is not a declared variable",
                    did_you_mean(name, self.variables, "declare it under [variables] in story.toml"),
                    name,
                )
            else:
                blamed.add(near)
                f, path = by_variable[near]
                self._at_declaration(
                    Code.NO_VARIABLE,
                    f,
                    path,
                    f"the variable '{near}' is used nowhere, but '{name}', which is not declared, "
                    f"is used {_times(len(places))}",
                    places,
                    near,
                    name,
                )
        for variable in {v for v, _ in self.unknown_tags}:
            var = self.variables[variable]
            declared = var.values or ()
            unknown = {tag: uses for (v, tag), uses in self.unknown_tags.items() if v == variable}
            for tag, near, places in _typos(unknown, declared, self.tags_used.get(variable, set())):
                if near is None:
                    self._first_use(
                        Code.NO_TAG,
                        places,
                        f"'{shown(tag)}' is not one of the tags of '{variable}'",
                        did_you_mean(tag, declared, "tags: " + ", ".join(declared)),
                        variable,
                    )
                else:
                    f, path = by_variable[variable]
                    self._at_declaration(
                        Code.NO_TAG,
                        f,
                        (*path, "values", declared.index(near)),
                        f"the tag '{near}' of '{variable}' is used nowhere, but '{shown(tag)}', "
                        f"which is not among its values, is used {_times(len(places))}",
                        places,
                        variable,
                        tag,
                    )
        return blamed

    def _placed(self, places: list[Use], code: Code, name: str) -> list[Diagnostic]:
        out = []
        for use in places:
            d = self.reporter.place(
                code, use.file, use.path, "", name=name, offset=use.offset, value=use.source
            )
            if d is not None:
                out.append(d)
        return sorted(out, key=Diagnostic.sort_key)

    def _first_use(self, code: Code, places: list[Use], message: str, hint: str | None, name: str) -> None:
        placed = self._placed(places, code, name)
        if not placed:
            return
        if len(placed) > 1:
            message += f"; it is used {_times(len(placed))}, first here"
        self.reporter.add(attrs.evolve(placed[0], message=message, hint=hint))

    def _at_declaration(
        self,
        code: Code,
        f: StoryFile,
        path: Path_,
        message: str,
        places: list[Use],
        name: str,
        meant: str,
    ) -> None:
        placed = self._placed(places, code, name)
        if not placed:
            return
        first = placed[0]
        where = f"{relative_name(first.file, self.reporter.root)}:{first.line}" if first.file else "a scene"
        self.reporter.error(
            code,
            f,
            path,
            message,
            hint=f"did you mean `{meant}`? It is first used at {where}",
            name=name,
            at=At.KEY if len(path) == 2 else At.VALUE,
        )

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


def _notes(expr: Expression | None) -> bool:
    """Whether a use of ``expr`` is noted each time: it names scenes or tests tags."""
    return expr is not None and bool(expr.scenes or expr.tags)


def _typos(
    unknown: Mapping[str, list[Use]], declared: Any, used: set[str]
) -> list[tuple[str, str | None, list[Use]]]:
    """Each unknown name with its uses, and the declared name it is a typo of when that
    one is used nowhere (the typo is then in the declaration); each declared name is
    blamed for one unknown name at most, the one used most."""
    out: list[tuple[str, str | None, list[Use]]] = []
    blamed: set[str] = set()
    for name, places in sorted(unknown.items(), key=lambda item: -len(item[1])):
        near = suggest(name, declared)
        if near is None or near in used or near in blamed:
            out.append((name, None, places))
        else:
            blamed.add(near)
            out.append((name, near, places))
    return out


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _short(message: str, value: str) -> str:
    """``message`` with the value it quotes cut short: the source line shows it whole."""
    quoted = value.strip() if value.strip() in message else value
    return message.replace(quoted, shown(quoted)) if len(quoted) > 60 else message
