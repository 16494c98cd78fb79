"""Builders for the tables a story declares before its scenes.

One builder per table: ``[story]``, ``[variables.*]``, ``[glossary.*]``,
``[source.*]`` and ``[[journey]]``. Each checks its table against the
schema, reports what is wrong at the key it is about, and builds what it can.
"""

from __future__ import annotations

from typing import Any

import attrs

from engine.core.diagnostics import Code, shown
from engine.core.expressions import RESERVED, Type
from engine.core.limits import MAX_INTEGER, MAX_TEXT
from engine.core.model import GlossaryEntry, Journey, Source, Variable
from engine.core.names import IDENTIFIER_RULE, did_you_mean, is_identifier
from engine.core.values import DESCRIBED, describe, holds
from engine.loading import schema
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter
from engine.loading.tables import Located, check_table
from engine.loading.values import Values


def build_story_meta(reporter: Reporter, found: list[tuple[StoryFile, Any]]) -> dict[str, Any] | None:
    if not found:
        return None
    f, body = found[0]
    return check_table(reporter, f, ("story",), body, schema.STORY)


_PLACEHOLDERS: dict[Type, Any] = {Type.INTEGER: 0, Type.BOOLEAN: False, Type.TEXT: "", Type.TAGS: []}


def build_variables(reporter: Reporter, raw: dict[str, tuple[StoryFile, Any]]) -> dict[str, Variable]:
    """Every variable, with its type, default and display; ``show_if`` comes later (:func:`add_show_ifs`).

    A variable with a mistake in it is still declared when its type is known,
    so the expressions that use it raise no errors of their own; one whose
    type is not known is noted as lost, which keeps those errors back too.
    """
    out: dict[str, Variable] = {}
    for name, (f, body) in raw.items():
        path: Path_ = ("variables", name)
        if not is_identifier(name) or name in RESERVED:
            reporter.error(
                Code.BAD_NAME,
                f,
                path,
                f"'{shown(name)}' cannot be a variable name",
                hint=f"use {IDENTIFIER_RULE}; not a reserved word",
                name=name,
                at=At.KEY,
            )
            reporter.lost.add("variables", name)
            continue
        table = check_table(reporter, f, path, body, schema.VARIABLE, f"the variable '{name}'")
        vtype = schema.VARIABLE_TYPES.get(table["type"]) if table and "type" in table else None
        if table is None or vtype is None:
            if table is not None and "type" in table:
                reporter.error(
                    Code.BAD_VALUE,
                    f,
                    path + ("type",),
                    f"'{shown(table['type'])}' is not a variable type",
                    hint=did_you_mean(table["type"], schema.VARIABLE_TYPES, "integer, boolean, text or tags"),
                )
            reporter.lost.add("variables", name)
            continue
        default = table.get("default", _PLACEHOLDERS[vtype])
        if not holds(vtype, default):
            reporter.error(
                Code.WRONG_TYPE,
                f,
                path + ("default",),
                f"the default of '{name}' must be {DESCRIBED[vtype]}, not {describe(default)}",
                name=name,
            )
            default = _PLACEHOLDERS[vtype]
        out[name] = _variable(reporter, f, path, name, vtype, default, table)
    return out


def _variable(
    reporter: Reporter, f: StoryFile, path: Path_, name: str, vtype: Type, default: Any, table: dict[str, Any]
) -> Variable:
    if vtype is not Type.INTEGER:
        for key in ("min", "max"):
            if key in table:
                reporter.error(
                    Code.RULE, f, path + (key,), f"'{key}' is for integers; '{name}' is {vtype.value}"
                )
    for key in ("default", "min", "max"):
        number = table.get(key)
        if vtype is Type.INTEGER and isinstance(number, int) and abs(number) > MAX_INTEGER:
            reporter.error(
                Code.BAD_VALUE,
                f,
                path + (key,),
                f"'{name}' has {key} {shown(number)}, beyond the largest number a story may hold",
                hint=f"numbers stay within ±{MAX_INTEGER:,}",
            )
    if vtype is Type.TEXT and len(default) > MAX_TEXT:
        reporter.error(
            Code.BAD_VALUE,
            f,
            path + ("default",),
            f"the default of '{name}' is longer than {MAX_TEXT:,} characters, the longest a text may be",
        )
    lo, hi = table.get("min"), table.get("max")
    if lo is not None and hi is not None and lo > hi:
        reporter.error(Code.BAD_VALUE, f, path + ("min",), f"'{name}' has min {lo} above max {hi}")
    elif vtype is Type.INTEGER and ((lo is not None and default < lo) or (hi is not None and default > hi)):
        reporter.error(
            Code.BAD_VALUE,
            f,
            path + ("default",),
            f"the default {default} of '{name}' is outside its min and max",
        )
    show = table.get("show")
    if show is not None and show not in schema.SHOW_KINDS:
        reporter.error(
            Code.BAD_VALUE,
            f,
            path + ("show",),
            f"'{shown(show)}' is not a way to show a variable",
            hint=did_you_mean(show, schema.SHOW_KINDS, ", ".join(schema.SHOW_KINDS)),
        )
    if show == "bar" and (lo is None or hi is None):
        reporter.error(Code.RULE, f, path + ("show",), f"'{name}' is shown as a bar, so it needs min and max")
    values = table.get("values")
    labels = table.get("labels", {})
    if vtype is not Type.TAGS and ("values" in table or "labels" in table):
        reporter.error(
            Code.RULE,
            f,
            path + ("values" if "values" in table else "labels",),
            f"'values' and 'labels' are for tags; '{name}' is {vtype.value}",
        )
    # A default tag not among the values is reported with the other uses of that tag
    # (engine.loading.values), so one misspelling is one message.
    return Variable(
        name,
        vtype,
        frozenset(default) if vtype is Type.TAGS else default,
        table.get("label", name.replace("_", " ").capitalize()),
        table.get("format"),
        show,
        table.get("group"),
        lo,
        hi,
        tuple(values) if values is not None else None,
        {str(k): str(v) for k, v in labels.items()},
    )


def add_show_ifs(
    raw: dict[str, tuple[StoryFile, Any]], variables: dict[str, Variable], values: Values
) -> dict[str, Variable]:
    """The variables again, each with its ``show_if`` parsed now that every type is known."""
    out = dict(variables)
    for name, variable in variables.items():
        f, body = raw[name]
        source = body.get("show_if")
        if isinstance(source, str):
            out[name] = attrs.evolve(
                variable, show_if=values.condition(f, ("variables", name, "show_if"), source)
            )
    return out


def build_glossary(reporter: Reporter, raw: dict[str, tuple[StoryFile, Any]]) -> dict[str, GlossaryEntry]:
    out = {}
    for key, (f, body) in raw.items():
        table = check_table(
            reporter, f, ("glossary", key), body, schema.GLOSSARY, f"the glossary entry '{key}'"
        )
        if table is not None and "term" in table:
            out[key] = GlossaryEntry(key, table["term"], table.get("text", ""), tuple(table.get("also", ())))
    return out


def build_sources(reporter: Reporter, raw: dict[str, tuple[StoryFile, Any]]) -> dict[str, Source]:
    out = {}
    for key, (f, body) in raw.items():
        table = check_table(reporter, f, ("source", key), body, schema.SOURCE, f"the source '{key}'")
        if table is not None:
            out[key] = Source(
                key,
                table.get("title", key),
                table.get("outlet", ""),
                table.get("date", ""),
                table.get("about", ""),
            )
    return out


def build_journeys(
    reporter: Reporter, raw: list[tuple[StoryFile, Path_, Any]], values: Values
) -> tuple[dict[str, Journey], dict[str, Located]]:
    journeys: dict[str, Journey] = {}
    where: dict[str, Located] = {}
    for f, path, body in raw:
        table = check_table(reporter, f, path, body, schema.JOURNEY)
        if table is None or "id" not in table:
            reporter.lost.add("journey", None)
            continue
        jid = table["id"]
        if jid in journeys:
            reporter.error(
                Code.DUPLICATE, f, path + ("id",), f"the journey '{shown(jid)}' is declared twice", name=jid
            )
            continue
        if not is_identifier(jid):
            reporter.error(
                Code.BAD_NAME,
                f,
                path + ("id",),
                f"'{shown(jid)}' cannot be a journey id",
                hint=f"use {IDENTIFIER_RULE}",
            )
        date = values.date(f, path + ("date",), table.get("date"))
        journeys[jid] = Journey(
            jid,
            table.get("title", jid),
            table.get("blurb", ""),
            table.get("start", ""),
            table.get("where", ""),
            table.get("when", ""),
            date[0] if date else None,
            values.effects(f, path + ("effects",), table.get("effects", [])),
        )
        where[jid] = (f, path)
    return journeys, where
