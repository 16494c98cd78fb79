"""The expression language of conditions, effects and text interpolation.

Source text is tokenised and parsed once, at load, into a tree of frozen
nodes; the parser also checks types against the declared variables, so a
story with ``money + "x"`` fails before anyone plays it. Evaluation walks the
tree: there is no ``eval`` or ``exec`` anywhere.
"""

from __future__ import annotations

import enum
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from engine.core import calendar, rng
from engine.core.diagnostics import RunTimeError
from engine.core.limits import MAX_DIGITS, MAX_INTEGER, MAX_NESTING, MAX_TEXT


class Type(enum.Enum):
    INTEGER = "integer"
    BOOLEAN = "boolean"
    TEXT = "text"
    TAGS = "tags"


RESERVED = frozenset({"and", "or", "not", "in", "true", "false", "first_visit", "if"})


class NameKind(enum.Enum):
    """What kind of name an expression used that the story does not have."""

    VARIABLE = "variable"
    FUNCTION = "function"


class ExpressionError(Exception):
    """A syntax or type error, with the character offset where it was found.

    When the error is a name the story does not have, ``name`` and ``kind``
    say which, so a loader can tell one misspelt name used in many places
    from many mistakes.
    """

    def __init__(
        self,
        message: str,
        offset: int,
        hint: str | None = None,
        *,
        name: str | None = None,
        kind: NameKind | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        self.name = name
        self.kind = kind

    def moved(self, offset: int) -> ExpressionError:
        """The same error at ``offset``: where its expression sits in a larger text."""
        return ExpressionError(self.message, offset, self.hint, name=self.name, kind=self.kind)


class Context(Protocol):
    """What an expression reads while it is evaluated (and ``rng`` it may move).

    ``scene`` is also where a :class:`RunTimeError` says it happened.
    """

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


class _Beyond(ArithmeticError):
    """A result past :mod:`engine.core.limits`; :class:`Binary` says which."""


def _bounded(op: Callable[[int, int], int]) -> Callable[[int, int], int]:
    def checked(a: int, b: int) -> int:
        value = op(a, b)
        if -MAX_INTEGER <= value <= MAX_INTEGER:
            return value
        raise _Beyond

    return checked


def _join(a: str, b: str) -> str:
    if len(a) + len(b) > MAX_TEXT:
        raise _Beyond
    return a + b


_INTEGER_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": _bounded(operator.add),
    "-": _bounded(operator.sub),
    "*": _bounded(operator.mul),
    "/": operator.floordiv,
    "%": operator.mod,
}
_COMPARE_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _operation(op: str, type: Type) -> Callable[[Any, Any], Any]:
    if type is Type.TEXT:
        return _join
    return _INTEGER_OPS[op] if type is Type.INTEGER else _COMPARE_OPS[op]


_LARGEST = f"±{MAX_INTEGER:,}"


@attrs.frozen
class Binary:
    op: str
    left: Node
    right: Node
    type: Type
    offset: int = 0
    fn: Callable[[Any, Any], Any] = attrs.field(
        default=attrs.Factory(lambda self: _operation(self.op, self.type), takes_self=True),
        eq=False,
        repr=False,
    )

    def eval(self, ctx: Context) -> Any:
        try:
            return self.fn(self.left.eval(ctx), self.right.eval(ctx))
        except ArithmeticError as exc:
            raise RunTimeError(self.failure(exc), scene=ctx.scene) from None

    def failure(self, exc: ArithmeticError) -> str:
        if isinstance(exc, ZeroDivisionError):
            return "division by zero" if self.op == "/" else "remainder of division by zero"
        if self.type is Type.TEXT:
            return f"'+' gives a text longer than {MAX_TEXT:,} characters, the longest a story can hold"
        return f"'{self.op}' gives a number beyond {_LARGEST}, the largest whole number a story can hold"


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
                raise RunTimeError(
                    f"random({low}, {high}) has its low end above its high end", scene=ctx.scene
                )
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
    """A parsed expression: its tree, its type, the source it came from, and what it reads.

    What it reads is recorded by the parser so tools need not search the source:
    ``variables``, the scenes whose visits it counts (with their offsets in
    ``source``), whether it tests ``first_visit``, whether it draws ``random``,
    and which tags it looks for in which variables (``'iin' in papers``).
    """

    source: str
    node: Node
    variables: frozenset[str]
    scenes: tuple[tuple[str, int], ...]  # scene ids named in visits(), with offsets
    uses_random: bool
    first_visit: bool = False
    tags: tuple[tuple[str, str, int], ...] = ()  # (variable, tag, offset): each 'tag' in variable tested

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
    condition_at: int = 0  # where the condition starts in ``source``

    @property
    def expressions(self) -> tuple[Expression, ...]:
        """What the effect evaluates: its value, then its condition if it has one."""
        return (self.value,) if self.condition is None else (self.value, self.condition)

    @property
    def variables(self) -> frozenset[str]:
        reads = (
            self.value.variables
            if self.condition is None
            else self.value.variables | self.condition.variables
        )
        return reads | {self.target}


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
        # What the expression being parsed reads; reset by finish().
        self.variables: set[str] = set()
        self.scenes: list[tuple[str, int]] = []
        self.uses_random = False
        self.first_visit = False
        self.tags: list[tuple[str, str, int]] = []
        # Nesting: brackets, calls, not and '-' open now; each node's depth in the tree.
        self.nesting = 0
        self.depths: dict[int, int] = {}
        self.nodes: list[Node] = []  # keeps every node alive, so no id in ``depths`` is reused

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

    # -- limits (engine.core.limits): the parser recurses, and so does evaluation
    def enter(self, tok: Token) -> None:
        """Open one level of nesting at ``tok`` (a bracket, a call, ``not``, ``-``)."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise _too_deep(tok.offset)

    def leave(self) -> None:
        self.nesting -= 1

    def made(self, node: Node, offset: int, *children: Node) -> Node:
        """Record ``node``'s depth in the tree; refuse it past the limit."""
        depth = 1 + max((self.depths.get(id(child), 0) for child in children), default=0)
        if depth > MAX_NESTING:
            raise _too_deep(offset)
        self.depths[id(node)] = depth
        self.nodes.append(node)
        return node

    # -- grammar, loosest first
    def parse_or(self) -> Node:
        left = self.parse_and()
        while self.at("or"):
            op = self.advance()
            right = self.parse_and()
            self.require(left, Type.BOOLEAN, 0, "each side of 'or'")
            self.require(right, Type.BOOLEAN, op.offset, "each side of 'or'")
            left = self.made(Or(left, right), op.offset, left, right)
        return left

    def parse_and(self) -> Node:
        left = self.parse_not()
        while self.at("and"):
            op = self.advance()
            right = self.parse_not()
            self.require(left, Type.BOOLEAN, 0, "each side of 'and'")
            self.require(right, Type.BOOLEAN, op.offset, "each side of 'and'")
            left = self.made(And(left, right), op.offset, left, right)
        return left

    def parse_not(self) -> Node:
        if self.at("not"):
            op = self.advance()
            self.enter(op)
            operand = self.parse_not()
            self.leave()
            self.require(operand, Type.BOOLEAN, op.offset, "what follows 'not'")
            return self.made(Not(operand), op.offset, operand)
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
            node: Node = self.made(
                Binary(tok.text, left, right, Type.BOOLEAN, tok.offset), tok.offset, left, right
            )
        elif self.at("in") or (self.at("not") and self.tokens[self.pos + 1].text == "in"):
            negated = self.at("not")
            if negated:
                self.advance()
            at = self.advance().offset
            tags_offset = self.tok.offset
            right = self.parse_sum()
            self.require(left, Type.TEXT, start, "the tag before 'in'")
            self.require(right, Type.TAGS, tags_offset, "what follows 'in'")
            if isinstance(left, Literal) and isinstance(right, Var):
                self.tags.append((right.name, left.value, start))
            node = self.made(Member(left, right, negated), at, left, right)
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
                left = self.made(Binary("+", left, right, Type.TEXT, op.offset), op.offset, left, right)
                continue
            if left.type is not Type.INTEGER or right.type is not Type.INTEGER:
                bad = left if left.type is not Type.INTEGER else right
                joins = " ('+' also joins two texts)" if op.text == "+" else ""
                raise ExpressionError(
                    f"'{op.text}' needs integers on both sides, not {_article(bad.type)}{joins}", op.offset
                )
            left = self.made(Binary(op.text, left, right, Type.INTEGER, op.offset), op.offset, left, right)
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
            left = self.made(Binary(op.text, left, right, Type.INTEGER, op.offset), op.offset, left, right)
        return left

    def parse_unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text == "-":
            op = self.advance()
            self.enter(op)
            operand = self.parse_unary()
            self.leave()
            self.require(operand, Type.INTEGER, op.offset, "what follows '-'")
            if isinstance(operand, Literal):
                return Literal(-operand.value, Type.INTEGER)
            return self.made(Negate(operand), op.offset, operand)
        return self.parse_atom()

    def parse_atom(self) -> Node:
        tok = self.tok
        if tok.kind == "int":
            self.advance()
            digits = tok.text.replace("_", "").lstrip("0") or "0"
            if len(digits) > MAX_DIGITS:
                raise ExpressionError(
                    f"this number has more than {MAX_DIGITS} digits; "
                    f"the largest whole number a story can hold is {MAX_INTEGER:,}",
                    tok.offset,
                )
            return Literal(int(digits), Type.INTEGER)
        if tok.kind == "str":
            self.advance()
            text = _unescape(tok.text)
            if len(text) > MAX_TEXT:
                raise ExpressionError(
                    f"this text is longer than {MAX_TEXT:,} characters, the longest a story can hold",
                    tok.offset,
                )
            return Literal(text, Type.TEXT)
        if tok.kind == "op" and tok.text == "(":
            self.enter(self.advance())
            node = self.parse_or()
            self.expect(")", "')'")
            self.leave()
            return node
        if tok.kind == "name":
            self.advance()
            if tok.text in ("true", "false"):
                return Literal(tok.text == "true", Type.BOOLEAN)
            if tok.text == "first_visit":
                self.first_visit = True
                return FirstVisit()
            if tok.text in RESERVED:
                raise ExpressionError(f"'{tok.text}' cannot start a value", tok.offset)
            if self.at("("):
                return self.parse_call(tok)
            if tok.text not in self.types:
                raise _undeclared(tok.text, tok.offset, self.types, self.suggest)
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
                name=name.text,
                kind=NameKind.FUNCTION,
            )
        self.enter(name)
        self.expect("(", "'('")
        args: list[tuple[Node, int]] = []
        if not self.at(")"):
            while True:
                args.append((self.parse_or(), self.tok.offset))
                if not self.at(","):
                    break
                self.advance()
        self.expect(")", "')' or ','")
        self.leave()
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
        return self.made(Call(name.text, tuple(nodes), result), name.offset, *nodes)

    def end(self) -> None:
        if self.tok.kind != "end":
            raise ExpressionError(
                f"unexpected {self.describe(self.tok)} after the expression", self.tok.offset
            )

    def finish(self, node: Node, source: str, start: int = 0) -> Expression:
        """``node`` as the Expression of ``source``, which begins at ``start`` in the
        parsed text, with what was read since the last finish."""
        expr = Expression(
            source,
            node,
            frozenset(self.variables),
            tuple((sid, offset - start) for sid, offset in self.scenes),
            self.uses_random,
            self.first_visit,
            tuple((name, tag, offset - start) for name, tag, offset in self.tags),
        )
        self.variables = set()
        self.scenes = []
        self.tags = []
        self.uses_random = self.first_visit = False
        return expr


def _too_deep(offset: int) -> ExpressionError:
    return ExpressionError(
        f"this expression is nested more than {MAX_NESTING} levels deep",
        offset,
        "split it: an effect can keep a part in a variable, or a condition can be shorter",
    )


def _undeclared(
    name: str, offset: int, types: Mapping[str, Type], suggest: Callable[[str, list[str]], str | None]
) -> ExpressionError:
    hint = suggest(name, list(types))
    return ExpressionError(
        f"'{name}' is not a declared variable",
        offset,
        f"did you mean `{hint}`?" if hint else "declare it under [variables] in story.toml",
        name=name,
        kind=NameKind.VARIABLE,
    )


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
    node = parser.parse_or()
    parser.end()
    expr = parser.finish(node, source)
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
        raise _undeclared(target.text, target.offset, types, suggest)
    value_offset = parser.tok.offset
    value_node = parser.parse_or()
    condition = None
    condition_offset = 0
    if parser.at("if"):
        value_end = parser.tok.offset
        value = parser.finish(value_node, source[value_offset:value_end].rstrip(), value_offset)
        parser.advance()
        condition_offset = parser.tok.offset
        condition_node = parser.parse_or()
        parser.require(condition_node, Type.BOOLEAN, condition_offset, "the condition after 'if'")
        parser.end()
        condition = parser.finish(condition_node, source[condition_offset:], condition_offset)
    else:
        parser.end()
        value = parser.finish(value_node, source[value_offset:], value_offset)
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
    return Effect(source, target.text, op.text, value, target_type, condition, value_offset, condition_offset)
