"""Whole-story checks: the graph of scenes, references between tables, what is never used.

The graph is read from the tables as written, while the scenes are built
and before they are made, so it serves both to give each scene its journey
(the first journey that reaches it) and to find scenes no journey reaches;
and a choice dropped for a mistake in it still counts as a way between
scenes, so the mistake does not also make scenes unreachable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain
from typing import Any

import attrs

from engine.core.diagnostics import Code, shown
from engine.core.model import GlossaryEntry, Journey, Scene, Variable
from engine.core.names import did_you_mean, suggest
from engine.core.text import source_of
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import At, Reporter
from engine.loading.tables import Located


@attrs.frozen
class SceneGraph:
    """Each scene's ways out and the journey it names (its own or its file's), from the raw tables."""

    gotos: dict[str, list[str]]  # where each scene's choices lead (a misspelt goto: where it was meant to)
    written: dict[str, list[str]]  # the gotos as written, where they differ
    choices: dict[str, list[Any]]  # each scene's [[scene.choice]] tables, as written
    named: dict[str, str]  # only the scenes that name a journey
    dead_ends: set[str]  # no choice and no ending written


def scene_graph(
    gotos: dict[str, list[str]], choices: dict[str, list[Any]], named: dict[str, str], dead_ends: set[str]
) -> SceneGraph:
    """The graph of the scenes as written (read by the scene builder), with a goto that
    names no scene also followed to the scene it probably meant.

    Such a goto is an error of its own; the walks follow the scene it probably
    meant, so the scenes after it are not also reported as unreachable.
    """
    written: dict[str, list[str]] = {}
    missing = set(chain.from_iterable(gotos.values())) - gotos.keys()
    if missing:
        for sid, targets in gotos.items():
            if not missing.isdisjoint(targets):
                written[sid] = targets
                gotos[sid] = [_meant(target, gotos) for target in targets]
    return SceneGraph(gotos, written, choices, named, dead_ends)


def _meant(sid: str, scenes: Iterable[str]) -> str:
    """``sid`` if it is a scene, else the scene it is probably a typo of."""
    if sid in scenes:
        return sid
    return suggest(sid, scenes) or sid


def walk(graph: SceneGraph, starts: Iterable[str]) -> set[str]:
    """Scenes reached from ``starts``, ignoring conditions."""
    gotos = graph.gotos
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        sid = stack.pop()
        if sid not in seen and sid in gotos:
            seen.add(sid)
            stack.extend(gotos[sid])
    return seen


def journey_of_scenes(
    graph: SceneGraph, journeys: dict[str, Journey]
) -> tuple[dict[str, str], set[str] | None]:
    """Each scene's journey (the one it names, else the first journey that reaches it), and
    the scenes some journey reaches, when these walks have found them all."""
    gotos, named = graph.gotos, graph.named
    taken: dict[str, str] = {}
    complete = True  # no walk stopped at a scene that names another journey
    for jid, journey in journeys.items():
        stack = [_meant(journey.start, gotos)]
        while stack:
            sid = stack.pop()
            if sid in taken or sid not in gotos:
                continue
            if sid in named and named[sid] != jid:
                complete = False
                continue
            taken[sid] = jid
            stack.extend(gotos[sid])
    reached = set(taken) if complete else None
    taken.update(named)
    return taken, reached


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
        f, path = journey_at[jid]
        written = "start" in f.tables["journey"][path[1]]  # a missing start is the schema's error
        if written and journey.start not in scenes:
            reporter.error(
                Code.NO_SCENE,
                f,
                path + ("start",),
                f"the journey '{jid}' starts at '{shown(journey.start)}', which is not a scene",
                hint=did_you_mean(journey.start, scenes),
                name=journey.start,
            )
    # Most stories have no goto to a missing scene: then only the scenes that name a
    # journey need a look.
    targets = set(chain.from_iterable(graph.gotos.values()))
    targets.update(chain.from_iterable(graph.written.values()))
    suspects = scene_at if not targets <= scenes.keys() else [sid for sid in graph.named if sid in scene_at]
    for sid in suspects:
        f, path = scene_at[sid]
        own = f.tables["scene"][path[1]].get("journey") if sid in graph.named else None
        if isinstance(own, str) and own not in journeys:
            reporter.error(
                Code.NO_JOURNEY,
                f,
                path + ("journey",),
                f"there is no journey '{shown(own)}'",
                hint=did_you_mean(own, journeys, "journeys: " + ", ".join(journeys)),
                name=own,
            )
        if all(goto in scenes for goto in graph.written.get(sid, graph.gotos.get(sid, ()))):
            continue
        for ci, choice in enumerate(graph.choices[sid]):
            goto = choice.get("goto") if type(choice) is dict else None
            if type(goto) is str and goto not in scenes:
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
    reached: set[str] | None,
    journeys: dict[str, Journey],
    scenes: dict[str, Scene],
    scene_at: dict[str, Located],
    unused: list[tuple[StoryFile, str]],
    variables: Iterable[Variable],
    glossary: dict[str, GlossaryEntry],
    glossary_at: dict[str, StoryFile],
) -> None:
    """What is allowed but probably a mistake: unreachable scenes, dead ends, names never used."""
    if reached is None:
        reached = walk(graph, (_meant(j.start, graph.gotos) for j in journeys.values()))
    # A journey that starts nowhere reaches nothing: its scenes' warnings would only follow from that error.
    start_lost = any(_meant(j.start, graph.gotos) not in scenes for j in journeys.values())
    dead_ends = graph.dead_ends
    for sid in [sid for sid in scene_at if sid not in reached or sid in dead_ends]:
        f, path = scene_at[sid]
        if sid not in reached and not start_lost:
            reporter.warn(
                Code.UNREACHABLE,
                f,
                path + ("id",),
                f"no journey can reach the scene '{sid}'",
                hint="add a choice that leads here, or remove the scene",
                name=sid,
            )
        if sid in dead_ends:
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
    shown_texts = texts_shown(journeys.values(), scenes.values(), variables) if glossary else []
    for key in unused_glossary(glossary, shown_texts):
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
        texts.append(source_of(scene.text))
        texts.extend(e.source for e in scene.effects)
        for choice in scene.choices:
            texts.append(source_of(choice.text))
            texts.extend(e.source for e in choice.effects)
    return texts


def unused_glossary(glossary: dict[str, GlossaryEntry], texts: list[str]) -> list[str]:
    """Glossary entries none of whose forms appear, as whole words, in any of ``texts``."""
    if not glossary:
        return []
    joined = "\n".join(texts)
    return [
        key
        for key, entry in glossary.items()
        if not any(_occurs(form, joined) for form in (entry.term, *entry.also) if form.strip())
    ]


def _occurs(form: str, text: str) -> bool:
    """Whether ``form`` is in ``text`` as a whole word, as the glossary marker finds it.

    Each place the first word is found (a plain search) is checked, not every
    position of the text: a pattern that starts with a look-behind is tried
    at each character, which made this the slowest step of loading the game.
    """
    words = form.split()
    whole = re.compile(r"\s+".join(re.escape(w) for w in words)) if len(words) > 1 else None
    at = text.find(words[0])
    while at >= 0:
        if at == 0 or not _word_char(text[at - 1]):
            if whole is None:
                end = at + len(form)
            else:
                m = whole.match(text, at)
                end = m.end() if m else -1
            if end >= 0 and (end == len(text) or not _word_char(text[end])):
                return True
        at = text.find(words[0], at + 1)
    return False


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"
