"""The raw tables of every file, gathered by kind and checked against the schema.

Any file may hold any table; gathering them says which file each came from,
so every later message can point at it. :func:`check_table` reports unknown
keys, wrong kinds and missing keys, and hands back what can still be built:
a typo such as ``titl`` is reported once and its value used for ``title``,
so one mistake does not drop the table and set off errors elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from engine.core.diagnostics import Code, shown
from engine.core.names import suggest
from engine.core.values import describe
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter
from engine.loading.schema import KIND_CHECKS, STORY, TABLES, TOP_HINT, TOP_KEYS, Kind, Table

Located = tuple[StoryFile, Path_]


@attrs.define
class Gathered:
    story: list[tuple[StoryFile, Any]] = attrs.field(factory=list)
    journeys: list[tuple[StoryFile, Path_, Any]] = attrs.field(factory=list)
    variables: dict[str, tuple[StoryFile, Any]] = attrs.field(factory=dict)
    glossary: dict[str, tuple[StoryFile, Any]] = attrs.field(factory=dict)
    sources: dict[str, tuple[StoryFile, Any]] = attrs.field(factory=dict)
    scenes: list[tuple[StoryFile, Path_, Any]] = attrs.field(factory=list)
    file_journeys: dict[int, str] = attrs.field(factory=dict)  # id(file) -> its journey = "…"
    file_journey_at: list[tuple[StoryFile, str]] = attrs.field(factory=list)


def _corrected(f: StoryFile, reporter: Reporter) -> dict[str, Any]:
    """The file's tables, with those under a misspelt top-level key (``[variabls.money]``)
    reported once and read as if spelt right, so what they declare is declared."""
    data = f.data
    if all(key in TOP_KEYS for key in data):
        return data
    tables = {key: value for key, value in data.items() if key in TOP_KEYS}
    orphans = [key for key in data if key in STORY.keys and key not in TOP_KEYS]
    if "story" not in data and "id" in orphans and "title" in orphans:
        # [story] id = …, title = … with its header line lost: one mistake, one message.
        reporter.error(
            Code.MISSING_KEY,
            f,
            (orphans[0],),
            "these keys belong to [story]: a [story] line is probably missing above them",
            hint="story.toml starts with [story], then its id, title and version",
            name="story",
            at=At.KEY,
        )
        tables["story"] = {key: data[key] for key in orphans}
        f.aliases.update({("story", key): (key,) for key in orphans})
    for key, value in data.items():
        if key in TOP_KEYS or (key in orphans and "story" in tables and key in tables["story"]):
            continue
        near = suggest(key, TOP_KEYS) if isinstance(key, str) else None
        reporter.error(
            Code.UNKNOWN_KEY,
            f,
            (key,),
            f"unknown top-level key '{shown(key)}'",
            hint=f"did you mean `{near}`?" if near else TOP_HINT,
            name=key,
            at=At.KEY,
        )
        known = tables.get(near) if near else None
        if near in ("variables", "glossary", "source") and isinstance(value, dict):
            merged = dict(known) if isinstance(known, dict) else {}
            for name, body in value.items():
                if name not in merged:
                    merged[name] = body
                    f.aliases[(near, name)] = (key, name)
                elif (
                    isinstance(body, dict)
                    and isinstance(merged[name], dict)
                    and not body.keys() & merged[name]
                ):
                    merged[name] = {**merged[name], **body}  # its [variables.x.labels] was spelt right
                    f.aliases.update({(near, name, part): (key, name, part) for part in body})
            tables[near] = merged
        elif (
            near in ("scene", "journey")
            and isinstance(value, list)
            and (known is None or isinstance(known, list))
        ):
            listed = list(known or [])
            for j, body in enumerate(value):
                f.aliases[(near, len(listed))] = (key, j)
                listed.append(body)
            tables[near] = listed
        elif near == "story" and known is None and isinstance(value, dict):
            tables["story"] = value
            f.aliases[("story",)] = (key,)
    f.tables = tables
    return tables


def gather(files: list[StoryFile], reporter: Reporter) -> Gathered:
    out = Gathered()
    for f in files:
        data = _corrected(f, reporter)
        if "story" in data:
            if out.story:
                reporter.error(
                    Code.DUPLICATE,
                    f,
                    ("story",),
                    "[story] is written twice",
                    hint=f"it is also in {out.story[0][0].path.name}",
                    at=At.KEY,
                )
            else:
                out.story.append((f, data["story"]))
        for name, found in (
            ("variables", out.variables),
            ("glossary", out.glossary),
            ("source", out.sources),
        ):
            if name not in data:
                continue
            table = data[name]
            if not isinstance(table, dict):
                reporter.error(
                    Code.WRONG_TYPE,
                    f,
                    (name,),
                    f"'{name}' must be written as [{name}.NAME] tables",
                    at=At.KEY,
                )
                continue
            what = {"variables": "variable", "glossary": "glossary entry", "source": "source"}[name]
            for key, body in table.items():
                if key in found:
                    reporter.error(
                        Code.DUPLICATE,
                        f,
                        (name, key),
                        f"the {what} '{shown(key)}' is declared twice",
                        hint=f"the other is in {found[key][0].path.name}",
                        name=key,
                        at=At.KEY,
                    )
                    continue
                found[key] = (f, body)
        journeys = data.get("journey", [])
        if isinstance(journeys, str):
            out.file_journeys[id(f)] = journeys
            out.file_journey_at.append((f, journeys))
        elif isinstance(journeys, list):
            out.journeys.extend((f, ("journey", i), body) for i, body in enumerate(journeys))
        else:
            reporter.error(
                Code.WRONG_TYPE,
                f,
                ("journey",),
                "journeys are written as [[journey]] tables",
                hint='or, at the top of a scene file, journey = "ID" names the journey of its scenes',
                at=At.KEY,
            )
        scenes = data.get("scene", [])
        if not isinstance(scenes, list):
            reporter.error(
                Code.WRONG_TYPE,
                f,
                ("scene",),
                "scenes are written as [[scene]] tables, with two brackets",
                hint="write [[scene]], not [scene]",
                at=At.KEY,
            )
            scenes = []
        out.scenes.extend((f, ("scene", i), body) for i, body in enumerate(scenes))
    return out


# ---------------------------------------------------------------- checking one table

_TYPES: dict[Kind, type | None] = {
    Kind.TEXT: str,
    Kind.INTEGER: int,
    Kind.BOOLEAN: bool,
    Kind.TABLE: dict,
    Kind.TEXTS: list,
    Kind.TABLES: list,
    Kind.ANY: None,
}


@attrs.frozen
class _Shape:
    """What a table written with these keys, in this order, must hold to need no repair."""

    types: tuple[type, ...]  # each value's exact type, in the order the keys are written
    lists: tuple[tuple[str, Callable[[Any], bool]], ...]  # the lists, whose items are checked too
    needs_met: bool  # every key that needs another has it


@attrs.frozen
class _Plan:
    """How to check a table fast: the shapes seen so far, by the keys as written."""

    table: Table
    shapes: dict[tuple[str, ...], _Shape | None] = attrs.field(factory=dict)


_MOST_SHAPES = 256  # a story writes its tables in a few orders; a hostile one is checked key by key


def _shape(table: Table, keys: tuple[str, ...]) -> _Shape | None:
    """The shape of a table written with ``keys``; None when they need the slow check
    (an unknown key, a missing one, or a key whose value may be of any kind)."""
    known = table.keys
    if not set(keys) <= known.keys() or not set(table.required) <= set(keys):
        return None
    types = []
    for key in keys:
        expected = _TYPES[known[key].kind]
        if expected is None:
            return None
        types.append(expected)
    lists = tuple(
        (key, KIND_CHECKS[known[key].kind][0]) for key in keys if known[key].kind in (Kind.TEXTS, Kind.TABLES)
    )
    needs_met = all(other in keys for key, other, _ in table.needs if key in keys)
    return _Shape(tuple(types), lists, needs_met)


def _shape_of(plan: _Plan, keys: tuple[str, ...]) -> _Shape | None:
    shape = _shape(plan.table, keys)
    if len(plan.shapes) < _MOST_SHAPES:
        plan.shapes[keys] = shape
    return shape


def _clean_slowly(table: Table, body: dict[str, Any]) -> bool:
    keys = table.keys
    if not body.keys() <= keys.keys() or not set(table.required) <= body.keys():
        return False
    return all(KIND_CHECKS[keys[key].kind][0](value) for key, value in body.items())


_PLANS = {name: _Plan(table) for name, table in TABLES.items()}
_UNSEEN: Any = object()


def check_table(
    reporter: Reporter, f: StoryFile, path: Path_, body: Any, table: Table, what: str | None = None
) -> dict[str, Any] | None:
    """``body`` checked against ``table``: what can be built from it, or None if nothing can."""
    if type(body) is not dict:
        reporter.error(
            Code.WRONG_TYPE, f, path, f"{what or table.what} must be a table, not {describe(body)}"
        )
        return None
    plan = _PLANS[table.name]
    keys = tuple(body)
    shape = plan.shapes.get(keys, _UNSEEN)
    if shape is _UNSEEN:
        shape = _shape_of(plan, keys)
    if shape is None:
        clean, needs_met = _clean_slowly(table, body), False
    else:
        clean = needs_met = True
        types = shape.types
        i = 0
        for value in body.values():
            if type(value) is not types[i]:
                clean = needs_met = False
                break
            i += 1  # noqa: SIM113 (enumerate's tuples cost more on the hot path)
        else:
            for key, check in shape.lists:
                if not check(body[key]):
                    clean = needs_met = False
                    break
            else:
                needs_met = shape.needs_met
    checked = body if clean else _repair(reporter, f, path, body, table, what or table.what)
    if needs_met:
        return checked
    for key, other, hint in table.needs:
        if key in checked and other not in checked:
            reporter.error(
                Code.RULE,
                f,
                path + (key,),
                f"{what or table.what} with '{key}' needs '{other}'",
                hint=hint,
                at=At.KEY,
            )
    return checked


def _repair(
    reporter: Reporter, f: StoryFile, path: Path_, body: dict[str, Any], table: Table, what: str
) -> dict[str, Any]:
    keys = table.keys
    fixed: dict[str, Any] = {}
    unknown = [key for key in body if key not in keys]
    for key, value in body.items():
        if key in keys:
            check, described = KIND_CHECKS[keys[key].kind]
            if check(value):
                fixed[key] = value
            else:
                reporter.error(
                    Code.WRONG_TYPE,
                    f,
                    path + (key,),
                    f"'{key}' must be {described}, not {describe(value)}",
                    name=key,
                )
                fixed[key] = _NOT_GIVEN  # reported: not "missing" as well
    for key in unknown:
        near = suggest(key, keys) if isinstance(key, str) else None
        reporter.error(
            Code.UNKNOWN_KEY,
            f,
            path + (key,),
            f"unknown key '{shown(key)}' in {what}",
            hint=f"did you mean `{near}`?" if near else "known keys: " + ", ".join(keys),
            name=key,
            at=At.KEY,
        )
        if near is not None and near not in fixed and KIND_CHECKS[keys[near].kind][0](body[key]):
            fixed[near] = body[key]  # reported once, as the typo it is, and built on
    for key in table.required:
        if key not in fixed:
            reporter.error(
                Code.MISSING_KEY,
                f,
                path,
                f"{what} has no '{key}'",
                hint=f"add {key} = …",
                name=key,
                at=At.KEY,
            )
    return {key: value for key, value in fixed.items() if value is not _NOT_GIVEN}


_NOT_GIVEN: Any = object()
