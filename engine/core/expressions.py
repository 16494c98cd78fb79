"""The expression language of conditions, effects and text interpolation.

Source text is tokenised and parsed once, at load, into a tree of frozen
nodes; the parser also checks types against the declared variables, so a
story with ``money + "x"`` fails before anyone plays it. Evaluation walks the
tree: there is no ``eval`` or ``exec`` anywhere.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from engine.core import calendar, rng
from engine.core.diagnostics import RunTimeError


class Type(enum.Enum):
    INTEGER = "integer"
    BOOLEAN = "boolean"
    TEXT = "text"
    TAGS = "tags"


RESERVED = frozenset({"and", "or", "not", "in", "true", "false", "first_visit", "if"})


class ExpressionError(Exception):
    """A syntax or type error, with the character offset where it was found."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class Context(Protocol):
    """What an expression reads while it is evaluated (and ``rng`` it may move)."""

    vars: dict[str, Any]
    visits: Mapping[str, int]
    scene: str
    clock: int
    rng: int


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<int>\d[\d_]*)
  | (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|\+=|-=|[-+*/%<>()=,])
    """,
    re.VERBOSE,
)


@attrs.frozen
class Token:
    kind: str  # int, str, name, op, end
    text: str
    offset: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            char = source[pos]
            if char in "\"'":
                raise ExpressionError("this text has no closing quote", pos)
            raise ExpressionError(f"unexpected character '{char}'", pos)
        kind = match.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


# ---------------------------------------------------------------- nodes


@attrs.frozen
class Literal:
    value: Any
    type: Type

    def eval(self, ctx: Context) -> Any:
        return self.value


@attrs.frozen
class Var:
    name: str
    type: Type

    def eval(self, ctx: Context) -> Any:
        return ctx.vars[self.name]


@attrs.frozen
class FirstVisit:
    type: Type = Type.BOOLEAN

    def eval(self, ctx: Context) -> Any:
        return ctx.visits.get(ctx.scene, 0) <= 1


@attrs.frozen
class Negate:
    operand: Node
    type: Type = Type.INTEGER

    def eval(self, ctx: Context) -> Any:
        return -self.operand.eval(ctx)


@attrs.frozen
class Not:
    operand: Node
    type: Type = Type.BOOLEAN

    def eval(self, ctx: Context) -> Any:
        return not self.operand.eval(ctx)


@attrs.frozen
class And:
    left: Node
    right: Node
    type: Type = Type.BOOLEAN

    def eval(self, ctx: Context) -> Any:
        return bool(self.left.eval(ctx)) and bool(self.right.eval(ctx))


@attrs.frozen
class Or:
    left: Node
    right: Node
    type: Type = Type.BOOLEAN

    def eval(self, ctx: Context) -> Any:
        return bool(self.left.eval(ctx)) or bool(self.right.eval(ctx))


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    return a // b


def _mod(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    return a % b


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
    "%": _mod,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


@attrs.frozen
class Binary:
    op: str
    left: Node
    right: Node
    type: Type
    offset: int = 0

    def eval(self, ctx: Context) -> Any:
        try:
            return _BINARY[self.op](self.left.eval(ctx), self.right.eval(ctx))
        except ZeroDivisionError:
            raise RunTimeError(
                "division by zero" if self.op == "/" else "remainder of division by zero"
            ) from None


@attrs.frozen
class Member:
    element: Node
    tags: Node
    negated: bool
    type: Type = Type.BOOLEAN

    def eval(self, ctx: Context) -> Any:
        return (self.element.eval(ctx) in self.tags.eval(ctx)) != self.negated


@attrs.frozen
class Call:
    name: str
    args: tuple[Node, ...]
    type: Type

    def eval(self, ctx: Context) -> Any:
        values = [a.eval(ctx) for a in self.args]
        name = self.name
        if name == "visits":
            return ctx.visits.get(values[0], 0)
        if name == "random":
            low, high = values
            if low > high:
                raise RunTimeError(f"random({low}, {high}) has its low end above its high end")
            ctx.rng, value = rng.draw(ctx.rng, low, high)
            return value
        if name == "min":
            return min(values)
        if name == "max":
            return max(values)
        if name == "abs":
            return abs(values[0])
        if name == "count":
            return len(values[0])
        if name == "before":
            return ctx.clock < values[0]
        if name == "after":
            return ctx.clock > values[0]
        raise AssertionError(name)


Node = Literal | Var | FirstVisit | Negate | Not | And | Or | Binary | Member | Call


@attrs.frozen
class Expression:
    """A parsed expression: its tree, its type and the source it came from."""

    source: str
    node: Node
    variables: frozenset[str]
    scenes: tuple[tuple[str, int], ...]  # scene ids named in visits(), with offsets
    uses_random: bool

    @property
    def type(self) -> Type:
        return self.node.type

    def eval(self, ctx: Context) -> Any:
        return self.node.eval(ctx)


@attrs.frozen
class Effect:
    """One assignment: ``target op value [if condition]``, op one of ``=``, ``+=``, ``-=``."""

    source: str
    target: str
    op: str
    value: Expression
    target_type: Type
    condition: Expression | None = None  # the effect applies only when this holds
    value_at: int = 0  # where the value starts in ``source``, for messages

    @property
    def variables(self) -> frozenset[str]:
        return self.value.variables | {self.target}


# ---------------------------------------------------------------- parser

_FUNCTIONS: dict[str, tuple[tuple[Type, ...], Type]] = {
    "visits": ((Type.TEXT,), Type.INTEGER),
    "random": ((Type.INTEGER, Type.INTEGER), Type.INTEGER),
    "min": ((Type.INTEGER, Type.INTEGER), Type.INTEGER),
    "max": ((Type.INTEGER, Type.INTEGER), Type.INTEGER),
    "abs": ((Type.INTEGER,), Type.INTEGER),
    "count": ((Type.TAGS,), Type.INTEGER),
    "before": ((Type.TEXT,), Type.BOOLEAN),
    "after": ((Type.TEXT,), Type.BOOLEAN),
}

_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}


def _article(t: Type) -> str:
    return {"integer": "an integer", "boolean": "a boolean", "text": "text", "tags": "a set of tags"}[t.value]


def _unescape(text: str) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


class _Parser:
    def __init__(
        self,
        source: str,
        types: Mapping[str, Type],
        allow_random: bool,
        suggest: Callable[[str, list[str]], str | None],
    ) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.pos = 0
        self.types = types
        self.allow_random = allow_random
        self.suggest = suggest
        self.variables: set[str] = set()
        self.scenes: list[tuple[str, int]] = []
        self.uses_random = False

    # -- helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def at(self, text: str) -> bool:
        tok = self.tokens[self.pos]
        return tok.text == text and tok.kind in ("op", "name")

    def expect(self, text: str, what: str) -> Token:
        if not self.at(text):
            raise ExpressionError(f"expected {what}, found {self.describe(self.tok)}", self.tok.offset)
        return self.advance()

    @staticmethod
    def describe(tok: Token) -> str:
        return "the end of the expression" if tok.kind == "end" else f"'{tok.text}'"

    def require(self, node: Node, want: Type, offset: int, role: str) -> None:
        if node.type is not want:
            raise ExpressionError(f"{role} must be {_article(want)}, not {_article(node.type)}", offset)

    # -- grammar, loosest first
    def parse_or(self) -> Node:
        left = self.parse_and()
        while self.at("or"):
            op = self.advance()
            right = self.parse_and()
            self.require(left, Type.BOOLEAN, 0, "each side of 'or'")
            self.require(right, Type.BOOLEAN, op.offset, "each side of 'or'")
            left = Or(left, right)
        return left

    def parse_and(self) -> Node:
        left = self.parse_not()
        while self.at("and"):
            op = self.advance()
            right = self.parse_not()
            self.require(left, Type.BOOLEAN, 0, "each side of 'and'")
            self.require(right, Type.BOOLEAN, op.offset, "each side of 'and'")
            left = And(left, right)
        return left

    def parse_not(self) -> Node:
        if self.at("not"):
            op = self.advance()
            operand = self.parse_not()
            self.require(operand, Type.BOOLEAN, op.offset, "what follows 'not'")
            return Not(operand)
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        start = self.tok.offset
        left = self.parse_sum()
        tok = self.tok
        if tok.kind == "op" and tok.text in _COMPARISONS:
            self.advance()
            right = self.parse_sum()
            if left.type is not right.type:
                raise ExpressionError(
                    f"cannot compare {_article(left.type)} with {_article(right.type)}", tok.offset
                )
            if tok.text not in ("==", "!=") and left.type not in (Type.INTEGER, Type.TEXT):
                raise ExpressionError(
                    f"'{tok.text}' compares integers or texts, not {_article(left.type)}", tok.offset
                )
            node: Node = Binary(tok.text, left, right, Type.BOOLEAN, tok.offset)
        elif self.at("in") or (self.at("not") and self.tokens[self.pos + 1].text == "in"):
            negated = self.at("not")
            if negated:
                self.advance()
            self.advance()
            tags_offset = self.tok.offset
            right = self.parse_sum()
            self.require(left, Type.TEXT, start, "the tag before 'in'")
            self.require(right, Type.TAGS, tags_offset, "what follows 'in'")
            node = Member(left, right, negated)
        else:
            return left
        nxt = self.tok
        if (nxt.kind == "op" and nxt.text in _COMPARISONS) or self.at("in"):
            raise ExpressionError("comparisons cannot be chained; join them with 'and'", nxt.offset)
        return node

    def parse_sum(self) -> Node:
        left = self.parse_product()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            op = self.advance()
            right = self.parse_product()
            if op.text == "+" and left.type is Type.TEXT and right.type is Type.TEXT:
                left = Binary("+", left, right, Type.TEXT, op.offset)
                continue
            if left.type is not Type.INTEGER or right.type is not Type.INTEGER:
                bad = left if left.type is not Type.INTEGER else right
                joins = " ('+' also joins two texts)" if op.text == "+" else ""
                raise ExpressionError(
                    f"'{op.text}' needs integers on both sides, not {_article(bad.type)}{joins}", op.offset
                )
            left = Binary(op.text, left, right, Type.INTEGER, op.offset)
        return left

    def parse_product(self) -> Node:
        left = self.parse_unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "/", "%"):
            op = self.advance()
            right = self.parse_unary()
            if left.type is not Type.INTEGER or right.type is not Type.INTEGER:
                bad = left if left.type is not Type.INTEGER else right
                raise ExpressionError(
                    f"'{op.text}' needs integers on both sides, not {_article(bad.type)}", op.offset
                )
            if op.text in "/%" and isinstance(right, Literal) and right.value == 0:
                raise ExpressionError("division by zero", op.offset)
            left = Binary(op.text, left, right, Type.INTEGER, op.offset)
        return left

    def parse_unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text == "-":
            op = self.advance()
            operand = self.parse_unary()
            self.require(operand, Type.INTEGER, op.offset, "what follows '-'")
            if isinstance(operand, Literal):
                return Literal(-operand.value, Type.INTEGER)
            return Negate(operand)
        return self.parse_atom()

    def parse_atom(self) -> Node:
        tok = self.tok
        if tok.kind == "int":
            self.advance()
            return Literal(int(tok.text.replace("_", "")), Type.INTEGER)
        if tok.kind == "str":
            self.advance()
            return Literal(_unescape(tok.text), Type.TEXT)
        if tok.kind == "op" and tok.text == "(":
            self.advance()
            node = self.parse_or()
            self.expect(")", "')'")
            return node
        if tok.kind == "name":
            self.advance()
            if tok.text in ("true", "false"):
                return Literal(tok.text == "true", Type.BOOLEAN)
            if tok.text == "first_visit":
                return FirstVisit()
            if tok.text in RESERVED:
                raise ExpressionError(f"'{tok.text}' cannot start a value", tok.offset)
            if self.at("("):
                return self.parse_call(tok)
            if tok.text not in self.types:
                hint = self.suggest(tok.text, list(self.types))
                raise ExpressionError(
                    f"'{tok.text}' is not a declared variable",
                    tok.offset,
                    f"did you mean `{hint}`?" if hint else "declare it under [variables] in story.toml",
                )
            self.variables.add(tok.text)
            return Var(tok.text, self.types[tok.text])
        if tok.kind == "end":
            raise ExpressionError("the expression ends too soon", tok.offset)
        raise ExpressionError(f"unexpected {self.describe(tok)}", tok.offset)

    def parse_call(self, name: Token) -> Node:
        if name.text not in _FUNCTIONS:
            hint = self.suggest(name.text, list(_FUNCTIONS))
            raise ExpressionError(
                f"there is no function '{name.text}'",
                name.offset,
                f"did you mean `{hint}`?" if hint else "functions: " + ", ".join(_FUNCTIONS),
            )
        self.expect("(", "'('")
        args: list[tuple[Node, int]] = []
        if not self.at(")"):
            while True:
                args.append((self.parse_or(), self.tok.offset))
                if not self.at(","):
                    break
                self.advance()
        self.expect(")", "')' or ','")
        params, result = _FUNCTIONS[name.text]
        if len(args) != len(params):
            raise ExpressionError(
                f"{name.text}() takes {len(params)} argument{'s' if len(params) != 1 else ''}, not {len(args)}",
                name.offset,
            )
        nodes: list[Node] = []
        for (arg, _end), want in zip(args, params, strict=True):
            self.require(arg, want, name.offset, f"each argument of {name.text}()")
            nodes.append(arg)
        if name.text == "visits":
            if not isinstance(nodes[0], Literal):
                raise ExpressionError("visits() takes a scene id in quotes", name.offset)
            self.scenes.append((nodes[0].value, name.offset))
        if name.text in ("before", "after"):
            if not isinstance(nodes[0], Literal):
                raise ExpressionError(f"{name.text}() takes a date in quotes", name.offset)
            try:
                minutes, _ = calendar.parse_date(nodes[0].value)
            except ValueError as exc:
                raise ExpressionError(str(exc), name.offset) from None
            nodes[0] = Literal(minutes, Type.INTEGER)
        if name.text == "random":
            if not self.allow_random:
                raise ExpressionError(
                    "random() can only be used in effects, so that showing a scene never changes the game",
                    name.offset,
                )
            self.uses_random = True
        return Call(name.text, tuple(nodes), result)

    def finish(self, node: Node) -> Expression:
        if self.tok.kind != "end":
            raise ExpressionError(
                f"unexpected {self.describe(self.tok)} after the expression", self.tok.offset
            )
        return Expression(self.source, node, frozenset(self.variables), tuple(self.scenes), self.uses_random)


def _no_suggestion(name: str, names: list[str]) -> str | None:
    return None


def parse_expression(
    source: str,
    types: Mapping[str, Type],
    *,
    want: Type | None = None,
    allow_random: bool = False,
    suggest: Callable[[str, list[str]], str | None] = _no_suggestion,
) -> Expression:
    """Parse and type-check ``source``; raise :class:`ExpressionError` if it is wrong."""
    parser = _Parser(source, types, allow_random, suggest)
    expr = parser.finish(parser.parse_or())
    if want is not None and expr.type is not want:
        raise ExpressionError(f"this must be {_article(want)}, but it is {_article(expr.type)}", 0)
    return expr


def parse_effect(
    source: str,
    types: Mapping[str, Type],
    suggest: Callable[[str, list[str]], str | None] = _no_suggestion,
) -> Effect:
    """Parse ``name = value``, ``name += value`` or ``name -= value``."""
    parser = _Parser(source, types, True, suggest)
    target = parser.tok
    if target.kind != "name" or target.text in RESERVED:
        raise ExpressionError("an effect starts with the variable it changes", target.offset)
    parser.advance()
    op = parser.tok
    if op.kind != "op" or op.text not in ("=", "+=", "-="):
        raise ExpressionError(
            f"expected '=', '+=' or '-=' after '{target.text}', found {parser.describe(op)}", op.offset
        )
    parser.advance()
    if target.text not in types:
        hint = suggest(target.text, list(types))
        raise ExpressionError(
            f"'{target.text}' is not a declared variable",
            target.offset,
            f"did you mean `{hint}`?" if hint else "declare it under [variables] in story.toml",
        )
    value_offset = parser.tok.offset
    value_node = parser.parse_or()
    condition = None
    if parser.at("if"):
        value_end = parser.advance().offset
        condition_offset = parser.tok.offset
        condition_node = parser.parse_or()
        parser.require(condition_node, Type.BOOLEAN, condition_offset, "the condition after 'if'")
        condition = attrs.evolve(parser.finish(condition_node), source=source[condition_offset:])
        value = attrs.evolve(condition, source=source[value_offset:value_end].strip(), node=value_node)
    else:
        value = attrs.evolve(parser.finish(value_node), source=source[value_offset:])
    target_type = types[target.text]
    if op.text == "=":
        if target_type is Type.TAGS:
            raise ExpressionError(
                f'\'{target.text}\' is a set of tags: add one with += "tag" or remove one with -= "tag"',
                op.offset,
            )
        if value.type is not target_type:
            raise ExpressionError(
                f"'{target.text}' is {_article(target_type)}, but the value is {_article(value.type)}",
                value_offset,
            )
    else:
        want = Type.TEXT if target_type is Type.TAGS else Type.INTEGER
        if target_type not in (Type.TAGS, Type.INTEGER):
            raise ExpressionError(
                f"'{op.text}' changes integers and sets of tags; '{target.text}' is {_article(target_type)}",
                op.offset,
            )
        if value.type is not want:
            raise ExpressionError(
                f"'{target.text} {op.text}' needs {_article(want)}, not {_article(value.type)}", value_offset
            )
    return Effect(source, target.text, op.text, value, target_type, condition, value_offset)
