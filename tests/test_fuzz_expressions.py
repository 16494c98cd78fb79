"""Fuzzing the expression language: every source is parsed or refused at a position.

Two kinds of input: sources built from the grammar (any operator, call and
nesting, with values at their limits, typed or not), and adversarial text
(any characters, unbalanced quotes and brackets, deep nesting, huge
numbers). The property: ``parse_expression`` and ``parse_effect`` return or
raise :class:`ExpressionError` with an offset inside the source; a parsed
expression evaluates to a value of its type or raises :class:`RunTimeError`;
nothing else, and nothing slow.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.core.diagnostics import RunTimeError
from engine.core.expressions import Expression, ExpressionError, Type, parse_effect, parse_expression
from engine.core.limits import MAX_INTEGER, MAX_NESTING, MAX_TEXT

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TYPES = {"money": Type.INTEGER, "flag": Type.BOOLEAN, "name": Type.TEXT, "docs": Type.TAGS}
PYTHON_TYPE = {Type.INTEGER: int, Type.BOOLEAN: bool, Type.TEXT: str, Type.TAGS: frozenset}


class Ctx:
    def __init__(self, money: int, flag: bool, name: str, docs: frozenset[str], clock: int) -> None:
        self.vars: dict[str, Any] = {"money": money, "flag": flag, "name": name, "docs": docs}
        self.visits = {"gate": 2, "here": 1}
        self.scene = "here"
        self.clock = clock
        self.rng = 42


contexts = st.builds(
    Ctx,
    money=st.sampled_from([0, 1, -1, 7, MAX_INTEGER, -MAX_INTEGER]) | st.integers(-1000, 1000),
    flag=st.booleans(),
    name=st.sampled_from(["", "Aru", "x" * MAX_TEXT, "\x1b[2J", "[/]"]),
    docs=st.frozensets(st.sampled_from(["iin", "sim", ""]), max_size=3),
    clock=st.sampled_from([0, 11_000_000, -1_000_000_000]),
)

atoms = st.sampled_from(
    [
        "money",
        "flag",
        "name",
        "docs",
        "first_visit",
        "true",
        "false",
        "0",
        "1",
        "7",
        str(MAX_INTEGER),
        str(MAX_INTEGER + 1),
        "9" * 5000,
        "1_000",
        "'iin'",
        '""',
        "'a\\'b'",
        "visits('gate')",
        "visits(name)",
        "random(1, 6)",
        "random(6, 1)",
        "before('2022-02-24')",
        "after('2022-02-30')",
        "count(docs)",
        "nobody",
    ]
)
UNARY = {"-": "-{}", "not": "not {}", "abs": "abs({})", "brackets": "({})", "visits": "visits({})"}
BINARY = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in", "not in"]


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return (
        st.tuples(inner, st.sampled_from(BINARY), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
        | st.tuples(st.sampled_from(sorted(UNARY)), inner).map(lambda t: UNARY[t[0]].format(t[1]))
        | st.tuples(st.sampled_from(["min", "max", "random"]), inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        )
    )


grammar = st.recursive(atoms, _combine, max_leaves=25)


def deep(kind: str, depth: int) -> str:
    return {
        "brackets": "(" * depth + "1" + ")" * depth,
        "not": "not " * depth + "true",
        "minus": "-" * depth + "1",
        "calls": "abs(" * depth + "1" + ")" * depth,
        "chain": " + ".join(["1"] * depth),
        "power": "money" + " * money" * depth,
    }[kind]


adversarial = (
    st.text(max_size=60)
    | st.text(
        alphabet=st.sampled_from(list("()'\"\\ +-*/%<>=!,_0123456789abcdefghijklmnopqrstuvwxyz")), max_size=80
    )
    | st.builds(
        deep, st.sampled_from(["brackets", "not", "minus", "calls", "chain", "power"]), st.integers(1, 3000)
    )
)


def check_source(source: str, ctx: Ctx) -> None:
    """The property, for one source, as an expression and as an effect's value."""
    try:
        expr = parse_expression(source, TYPES, allow_random=True)
    except ExpressionError as exc:
        assert 0 <= exc.offset <= len(source), (source, exc.offset)
        assert exc.message
    else:
        evaluated(expr, ctx)
    for effect_source in (f"money += {source}", f"name = {source}", f"docs -= {source} if {source}"):
        try:
            effect = parse_effect(effect_source, TYPES)
        except ExpressionError as exc:
            assert 0 <= exc.offset <= len(effect_source), (effect_source, exc.offset)
        else:
            for part in effect.expressions:
                evaluated(part, ctx)


def evaluated(expr: Expression, ctx: Ctx) -> None:
    try:
        value = expr.eval(ctx)
    except RunTimeError as exc:
        assert str(exc)
        return
    assert isinstance(value, PYTHON_TYPE[expr.type]), (expr.source, value)
    if isinstance(value, int) and not isinstance(value, bool):
        assert abs(value) <= MAX_INTEGER
    if isinstance(value, str):
        assert len(value) <= MAX_TEXT


@settings(FUZZ, max_examples=200)
@given(source=grammar, ctx=contexts)
def test_a_source_built_from_the_grammar_parses_or_is_refused_at_a_position(source: str, ctx: Ctx) -> None:
    check_source(source, ctx)


@settings(FUZZ, max_examples=200)
@given(source=adversarial, ctx=contexts)
def test_any_text_parses_or_is_refused_at_a_position(source: str, ctx: Ctx) -> None:
    check_source(source, ctx)


def test_nesting_is_refused_just_past_the_limit_and_accepted_at_it() -> None:
    ctx = Ctx(1, True, "a", frozenset(), 0)
    for kind in ("brackets", "not", "minus", "calls"):
        evaluated(parse_expression(deep(kind, MAX_NESTING - 1), TYPES), ctx)
        for depth in (MAX_NESTING + 1, 5000):
            try:
                parse_expression(deep(kind, depth), TYPES)
            except ExpressionError as exc:
                assert "nested more than" in exc.message
            else:
                raise AssertionError(f"{kind} nested {depth} deep was accepted")
