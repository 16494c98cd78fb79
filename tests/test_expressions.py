"""The expression language: every operator, precedence, types, errors with positions."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.diagnostics import RunTimeError
from engine.core.expressions import ExpressionError, NameKind, Type, parse_effect, parse_expression
from engine.core.text import parse_template

TYPES = {
    "money": Type.INTEGER,
    "flag": Type.BOOLEAN,
    "name": Type.TEXT,
    "docs": Type.TAGS,
    "zero": Type.INTEGER,
}


class Ctx:
    def __init__(self, **values: Any) -> None:
        self.vars = {"money": 100, "flag": False, "name": "Aru", "docs": frozenset({"iin"}), "zero": 0}
        self.vars.update(values)
        self.visits = {"gate": 2, "here": 1}
        self.scene = "here"
        self.clock = 0
        self.rng = 42


def ev(source: str, **values: Any) -> Any:
    return parse_expression(source, TYPES).eval(Ctx(**values))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2", 3),
        ("10 - 4", 6),
        ("6 * 7", 42),
        ("7 / 2", 3),
        ("-7 / 2", -4),
        ("7 % 3", 1),
        ("250_000", 250000),
        ("-money", -100),
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 2 - 3", 5),
        ("money == 100", True),
        ("money != 100", False),
        ("money < 101", True),
        ("money <= 100", True),
        ("money > 100", False),
        ("money >= 100", True),
        ("'a' < 'b'", True),
        ("name + '!'", "Aru!"),
        ('"Al" + "maty"', "Almaty"),
        ("true and false", False),
        ("true or false", True),
        ("not flag", True),
        ("not flag and money > 5", True),
        ("flag or money > 5 and money < 10", False),
        ("(flag or money > 5) and money < 200", True),
        ("'iin' in docs", True),
        ("'lease' in docs", False),
        ("'lease' not in docs", True),
        ("not 'iin' in docs", False),
        ("visits('gate')", 2),
        ("visits('nowhere')", 0),
        ("first_visit", True),
        ("min(3, money)", 3),
        ("max(3, money)", 100),
        ("abs(3 - money)", 97),
        ("count(docs)", 1),
        ("1 + 2 == 3", True),
    ],
)
def test_values(source: str, expected: Any) -> None:
    assert ev(source) == expected


def test_calendar_functions() -> None:
    from engine.core.calendar import parse_date

    noon, _ = parse_date("2022-09-21 12:00")
    ctx = Ctx()
    ctx.clock = noon
    assert parse_expression("after('2022-09-21')", TYPES).eval(ctx) is True
    assert parse_expression("before('2022-09-21 12:00')", TYPES).eval(ctx) is False
    assert parse_expression("before('2022-09-21 12:01')", TYPES).eval(ctx) is True


def test_random_is_reproducible_and_moves_the_generator() -> None:
    effect = parse_effect("money = random(1, 6)", TYPES)
    a, b = Ctx(), Ctx()
    values_a = [effect.value.eval(a) for _ in range(20)]
    values_b = [effect.value.eval(b) for _ in range(20)]
    assert values_a == values_b
    assert all(1 <= v <= 6 for v in values_a)
    assert len(set(values_a)) > 1
    assert a.rng != 42


def test_division_by_zero_at_run_time_is_an_error_not_a_crash() -> None:
    with pytest.raises(RunTimeError, match="division by zero"):
        ev("money / zero")


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("money +", "ends too soon", 7),
        ("money + 'x'", "'+' needs integers on both sides, not text", 6),
        ("monney > 3", "'monney' is not a declared variable", 0),
        ("flag and 3", "each side of 'and' must be a boolean, not an integer", 5),
        ("1 < 2 < 3", "comparisons cannot be chained", 6),
        ("money == 'x'", "cannot compare an integer with text", 6),
        ("'a' in name", "what follows 'in' must be a set of tags", 7),
        ("visits(gate)", "'gate' is not a declared variable", 7),
        ("random(1, 2)", "random() can only be used in effects", 0),
        ("frob(1)", "there is no function 'frob'", 0),
        ("min(1)", "min() takes 2 arguments, not 1", 0),
        ("money / 0", "division by zero", 6),
        ("(money", "expected ')'", 6),
        ("money $ 2", "unexpected character '$'", 6),
        ("'open", "no closing quote", 0),
        ("money 3", "unexpected '3' after the expression", 6),
        ("not money", "what follows 'not' must be a boolean", 0),
    ],
)
def test_errors_name_the_problem_and_its_position(source: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(source, TYPES)
    assert message in info.value.message
    assert info.value.offset == offset


def test_a_condition_must_be_boolean() -> None:
    with pytest.raises(ExpressionError, match="must be a boolean, but it is an integer"):
        parse_expression("money + 1", TYPES, want=Type.BOOLEAN)


def test_did_you_mean() -> None:
    from engine.core.names import suggest

    with pytest.raises(ExpressionError) as info:
        parse_expression("mony > 1", TYPES, suggest=suggest)
    assert info.value.hint == "did you mean `money`?"


@pytest.mark.parametrize(
    ("source", "target", "op"),
    [
        ("money = 5", "money", "="),
        ("money += 5", "money", "+="),
        ("money -= 5", "money", "-="),
        ("docs += 'lease'", "docs", "+="),
        ("docs -= 'iin'", "docs", "-="),
        ("name = 'Dana'", "name", "="),
        ("flag = not flag", "flag", "="),
    ],
)
def test_effects_parse(source: str, target: str, op: str) -> None:
    effect = parse_effect(source, TYPES)
    assert (effect.target, effect.op) == (target, op)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("money = 'x'", "'money' is an integer, but the value is text"),
        ("docs = 'x'", "'docs' is a set of tags"),
        ("name += 'x'", "'+=' changes integers and sets of tags"),
        ("docs += 3", "'docs +=' needs text, not an integer"),
        ("nothing = 1", "'nothing' is not a declared variable"),
        ("money == 1", "expected '=', '+=' or '-='"),
        ("5 = money", "an effect starts with the variable it changes"),
    ],
)
def test_effect_errors(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_effect(source, TYPES)
    assert message in info.value.message


def test_an_effect_can_be_conditional() -> None:
    effect = parse_effect("money += 5 if 'iin' in docs and not flag", TYPES)
    assert effect.value.source == "5"
    assert effect.condition is not None and effect.condition.source == "'iin' in docs and not flag"
    assert effect.condition.eval(Ctx()) is True
    assert effect.condition.eval(Ctx(flag=True)) is False


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("money += 5 if money", "the condition after 'if' must be a boolean, not an integer", 14),
        ("money += 5 if", "ends too soon", 13),
        ("money += 5 if true 3", "unexpected '3' after the expression", 19),
    ],
)
def test_conditional_effect_errors(source: str, message: str, offset: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_effect(source, TYPES)
    assert message in info.value.message
    assert info.value.offset == offset


@pytest.mark.parametrize(
    ("parse", "name", "kind"),
    [
        (lambda: parse_expression("monney > 3", TYPES), "monney", NameKind.VARIABLE),
        (lambda: parse_effect("nothing = 1", TYPES), "nothing", NameKind.VARIABLE),
        (lambda: parse_effect("money += monney", TYPES), "monney", NameKind.VARIABLE),
        (lambda: parse_expression("frob(1)", TYPES), "frob", NameKind.FUNCTION),
        (lambda: parse_template("You have {monney}.", TYPES), "monney", NameKind.VARIABLE),
    ],
)
def test_an_unknown_name_is_carried_by_the_error_as_fields(parse: Any, name: str, kind: NameKind) -> None:
    with pytest.raises(ExpressionError) as info:
        parse()
    assert (info.value.name, info.value.kind) == (name, kind)


def test_other_errors_name_nothing() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression("money +", TYPES)
    assert (info.value.name, info.value.kind) == (None, None)


def test_an_expression_records_the_tags_it_looks_for() -> None:
    expr = parse_expression("'iin' in docs and 'lease' not in docs", TYPES)
    assert expr.tags == (("docs", "iin", 0), ("docs", "lease", 18))
