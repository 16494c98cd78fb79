"""Whole-story checks: the graph of scenes, references between tables, what is never used.

The graph is read from the raw tables, before any scene is built, so it
serves both to give each scene its journey (the first journey that reaches
it) and to find scenes no journey reaches; and a choice dropped for a
mistake in it still counts as a way between scenes, so the mistake does not
also make scenes unreachable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from engine.core.diagnostics import Code, shown
from engine.core.model import GlossaryEntry, Journey, Scene, Variable
from engine.core.names import did_you_mean
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter
from engine.loading.tables import Located


@attrs.frozen
class SceneGraph:
    """Each scene's journey as written (its own or its file's), and its ways out."""

    journey: dict[str, str | None]
    gotos: dict[str, tuple[tuple[int, str], ...]]  # (index of the [[scene.choice]], goto)
    way_out: dict[str, bool]  # a choice or an ending is written


def scene_graph(raw: list[tuple[StoryFile, Path_, Any]], file_journeys: dict[int, str]) -> SceneGraph:
    journey: dict[str, str | None] = {}
    gotos: dict[str, tuple[tuple[int, str], ...]] = {}
    way_out: dict[str, bool] = {}
    for f, _, body in raw:
        if type(body) is not dict:
            continue
        sid = body.get("id")
        if not isinstance(sid, str) or sid in journey:
            continue
        own = body.get("journey")
        journey[sid] = own if isinstance(own, str) else file_journeys.get(id(f))
        choices = body.get("choice", ())
        listed = choices if isinstance(choices, list) else ()
        gotos[sid] = tuple(
            (ci, c["goto"])
            for ci, c in enumerate(listed)
            if isinstance(c, dict) and isinstance(c.get("goto"), str)
        )
        way_out[sid] = bool(listed) or "ending" in body
    return SceneGraph(journey, gotos, way_out)


def walk(
    graph: SceneGraph, starts: Iterable[str], enters: str | None = None, taken: dict[str, str] | None = None
) -> set[str]:
    """Scenes reached from ``starts`` (ignoring conditions).

    With ``enters`` (a journey id), the walk claims scenes for that journey
    in ``taken``: it stops at scenes another journey claimed or that name
    another journey.
    """
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        sid = stack.pop()
        if sid in seen or sid not in graph.gotos:
            continue
        if enters is not None and taken is not None:
            named = graph.journey[sid]
            if sid in taken or (named is not None and named != enters):
                continue
            taken[sid] = enters
        seen.add(sid)
        stack.extend(goto for _, goto in graph.gotos[sid])
    return seen


def journey_of_scenes(graph: SceneGraph, journeys: dict[str, Journey]) -> dict[str, str | None]:
    """Each scene's journey: the one it names, else the first journey that reaches it."""
    taken: dict[str, str] = {}
    for jid, journey in journeys.items():
        walk(graph, [journey.start], jid, taken)
    return {sid: named if named is not None else taken.get(sid) for sid, named in graph.journey.items()}


def check_file_journeys(
    reporter: Reporter, named: list[tuple[StoryFile, str]], journeys: dict[str, Journey]
) -> set[int]:
    """Report each file-level ``journey = "…"`` that names no journey, once, where it is written."""
    wrong = set()
    for f, jid in named:
        if jid not in journeys:
            wrong.add(id(f))
            reporter.error(
                Code.NO_JOURNEY,
                f,
                ("journey",),
                f"there is no journey '{shown(jid)}'",
                hint=did_you_mean(jid, journeys, "journeys: " + ", ".join(journeys)),
                name=jid,
            )
    return wrong


def check_references(
    reporter: Reporter,
    graph: SceneGraph,
    journeys: dict[str, Journey],
    journey_at: dict[str, Located],
    scenes: dict[str, Scene],
    scene_at: dict[str, Located],
    visits: list[tuple[StoryFile, Path_, str, int, str]],
) -> None:
    """Every name a table uses for another table: journey starts, gotos, scene journeys, visits()."""
    for jid, journey in journeys.items():
        if journey.start and journey.start not in scenes:
            f, path = journey_at[jid]
            reporter.error(
                Code.NO_SCENE,
                f,
                path + ("start",),
                f"the journey '{jid}' starts at '{shown(journey.start)}', which is not a scene",
                hint=did_you_mean(journey.start, scenes),
                name=journey.start,
            )
    for sid, (f, path) in scene_at.items():
        body = f.data["scene"][path[1]] if isinstance(path[1], int) else {}
        own = body.get("journey") if isinstance(body, dict) else None
        if isinstance(own, str) and own not in journeys:
            reporter.error(
                Code.NO_JOURNEY,
                f,
                path + ("journey",),
                f"there is no journey '{shown(own)}'",
                hint=did_you_mean(own, journeys, "journeys: " + ", ".join(journeys)),
                name=own,
            )
        for ci, goto in graph.gotos.get(sid, ()):
            if goto not in scenes:
                reporter.error(
                    Code.NO_SCENE,
                    f,
                    path + ("choice", ci, "goto"),
                    f"the choice goes to '{shown(goto)}', which is not a scene",
                    hint=did_you_mean(goto, scenes, "add the scene, or fix the id"),
                    name=goto,
                )
    for f, path, sid, offset, source in visits:
        if sid not in scenes:
            reporter.error(
                Code.NO_SCENE,
                f,
                path,
                f"visits() names '{shown(sid)}', which is not a scene",
                hint=did_you_mean(sid, scenes),
                name=sid,
                offset=offset,
                value=source,
            )


def warn_about_the_story(
    reporter: Reporter,
    graph: SceneGraph,
    journeys: dict[str, Journey],
    scenes: dict[str, Scene],
    scene_at: dict[str, Located],
    unused: list[tuple[StoryFile, str]],
    variables: Iterable[Variable],
    glossary: dict[str, GlossaryEntry],
    glossary_at: dict[str, StoryFile],
) -> None:
    """What is allowed but probably a mistake: unreachable scenes, dead ends, names never used."""
    reached = walk(graph, (j.start for j in journeys.values()))
    for sid, (f, path) in scene_at.items():
        if sid not in reached:
            reporter.warn(
                Code.UNREACHABLE,
                f,
                path + ("id",),
                f"no journey can reach the scene '{sid}'",
                hint="add a choice that leads here, or remove the scene",
                name=sid,
            )
        if not graph.way_out.get(sid, True):
            reporter.warn(
                Code.DEAD_END,
                f,
                path + ("id",),
                f"the scene '{sid}' is not an ending and has no choices",
                hint="add a [[scene.choice]], or make it an ending with [scene.ending]",
                name=sid,
            )
    for f, name in unused:
        reporter.warn(
            Code.UNUSED_VARIABLE,
            f,
            ("variables", name),
            f"the variable '{name}' is declared but never used",
            hint="use it in a scene, or remove it",
            name=name,
            at=At.KEY,
        )
    for key in unused_glossary(glossary, texts_shown(journeys.values(), scenes.values(), variables)):
        reporter.warn(
            Code.UNUSED_GLOSSARY,
            glossary_at[key],
            ("glossary", key),
            f"the glossary term '{shown(glossary[key].term)}' appears in no scene's text",
            hint="use the term in a scene, or remove the entry",
            name=key,
            at=At.KEY,
        )


def texts_shown(
    journeys: Iterable[Journey], scenes: Iterable[Scene], variables: Iterable[Variable]
) -> list[str]:
    """Every text a scene can show: scene and choice texts, and the texts variables can hold there."""
    texts = [v.default for v in variables if isinstance(v.default, str)]
    for journey in journeys:
        texts.extend(e.source for e in journey.effects)
    for scene in scenes:
        texts.append(scene.text.source)
        texts.extend(e.source for e in scene.effects)
        for choice in scene.choices:
            texts.append(choice.text.source)
            texts.extend(e.source for e in choice.effects)
    return texts


def unused_glossary(glossary: dict[str, GlossaryEntry], texts: list[str]) -> list[str]:
    """Glossary entries none of whose forms appear, as whole words, in any of ``texts``."""
    if not glossary:
        return []
    forms: dict[str, str] = {}
    for key, entry in glossary.items():
        for form in (entry.term, *entry.also):
            if form.strip():
                forms.setdefault(re.sub(r"\s+", " ", form.strip()), key)
    if not forms:
        return list(glossary)
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    found = {forms[re.sub(r"\s+", " ", m.group())] for m in pattern.finditer("\n".join(texts))}
    return [key for key in glossary if key not in found]
