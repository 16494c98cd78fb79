"""The builder for ``[[scene]]`` tables, with their choices and ending.

A scene with a mistake in it is still built when it has an id, so the
scenes that lead to it or that it leads to raise no errors of their own.
"""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter
from typing import Any

from engine.core.diagnostics import Code, shown
from engine.core.model import Choice, Details, Ending, Scene, Source
from engine.core.names import IDENTIFIER_RULE, did_you_mean, is_identifier
from engine.core.text import Text
from engine.loading import schema
from engine.loading.files import StoryFile
from engine.loading.positions import Path_
from engine.loading.reporter import Reporter
from engine.loading.story_checks import SceneGraph, scene_graph
from engine.loading.tables import Located, check_table
from engine.loading.values import Values


def _text(values: Values, f: StoryFile, path: Path_, text: Any) -> Text:
    """A scene's or choice's ``text``: plain text (most of them) is kept as it is written."""
    if text is None:
        return ""
    if "{" in text or "}" in text:
        return values.template(f, path + ("text",), text)
    return text  # type: ignore[no-any-return]


def _plain_scene(sid: str, title: str, text: Text, choices: tuple[Choice, ...]) -> list[Any]:
    """The fields of a scene that is a title, a text and choices, and nothing else."""
    return [sid, title, text, None, "", None, True, 0, (), (), (), choices, None]


def _made_id(made: dict[str, int], sid: str, goto: str) -> str:
    """The id of a choice given none: SCENE->GOTO, and #2, #3 for the next ones alike."""
    cid = f"{sid}->{goto}"
    n = made[cid] = made.get(cid, 0) + 1
    return cid if n == 1 else f"{cid}#{n}"


class SceneBuilder:
    """Builds every scene, reading the scene graph on the way.

    A scene's journey depends on the graph (the first journey that reaches
    it), so :meth:`read_all` builds each scene's parts and returns the graph,
    and :meth:`scenes` makes the scenes once each journey is known.
    """

    def __init__(self, reporter: Reporter, values: Values, sources: dict[str, Source]) -> None:
        self.reporter = reporter
        self.values = values
        self.sources = sources
        self._parts: dict[str, list[Any]] = {}  # each scene's fields, its journey still to come
        self._where: dict[str, Located] = {}
        # The details of the choices with effects and nothing else, one value for each list
        # (an effect list is parsed once, so the same list is the same tuple).
        self._doing: dict[int, Details] = {}

    def read_all(self, raw: list[tuple[StoryFile, Path_, Any]], file_journeys: dict[int, str]) -> SceneGraph:
        """Build the parts of every scene; the graph of the scenes as written."""
        parts = self._parts
        where = self._where
        values = self.values
        gotos: dict[str, list[str]] = {}
        choices: dict[str, list[Any]] = {}
        named: dict[str, str] = {}
        dead_ends: set[str] = set()
        last: StoryFile | None = None
        file_journey: str | None = None
        for f, path, body in raw:
            if f is not last:
                last, file_journey = f, file_journeys.get(id(f))
            # Most scenes are an id, a title, a text and their choices: told so by a few
            # exact checks, they are built here with nothing else to read; any other
            # scene is checked against the schema key by key (build).
            if (
                type(body) is dict
                and len(body) == 4
                and type(sid := body.get("id")) is str
                and type(title := body.get("title")) is str
                and type(text := body.get("text")) is str
                and type(listed := body.get("choice")) is list
                and sid not in parts
                and is_identifier(sid)
                and all(map(isinstance, listed, _DICTS))
            ):
                template = _text(values, f, path, text)
                built, ways = self.choices(f, path, sid, listed)
                parts[sid] = _plain_scene(sid, title, template, built)
                where[sid] = (f, path)
                if file_journey is not None:
                    named[sid] = file_journey
                choices[sid] = listed
                gotos[sid] = ways
                continue
            fields = self.build(f, path, body)
            if fields is None:
                continue
            sid = fields[0]
            if sid in parts:
                other_file, other_path = where[sid]
                for here, there in (
                    ((f, path), (other_file, other_path)),
                    ((other_file, other_path), (f, path)),
                ):
                    self.reporter.error(
                        Code.DUPLICATE,
                        here[0],
                        here[1] + ("id",),
                        f"the scene id '{sid}' is used twice",
                        hint=f"the other is at {self.reporter.shown_at(*there)}",
                        name=sid,
                    )
                continue
            parts[sid] = fields
            where[sid] = (f, path)
            # The graph is read from the tables as written, so a choice dropped for
            # a mistake in it still counts as a way between scenes.
            own = body.get("journey")
            journey = own if type(own) is str else file_journey
            if journey is not None:
                named[sid] = journey
            listed = body.get("choice")
            if type(listed) is not list:
                listed = []
                if "ending" not in body:
                    dead_ends.add(sid)
            choices[sid] = listed
            gotos[sid] = fields.pop()
        return scene_graph(gotos, choices, named, dead_ends)

    def scenes(self, journey_of: dict[str, str]) -> tuple[dict[str, Scene], dict[str, Located]]:
        """The scenes read by :meth:`read_all`, each with its journey, and where each is written."""
        scenes = {}
        for sid, fields in self._parts.items():
            fields[_JOURNEY] = journey_of.get(sid)
            scenes[sid] = Scene(*fields)
        return scenes, self._where

    def build(self, f: StoryFile, path: Path_, body: Any) -> list[Any] | None:
        """The fields of one scene (its journey left None) followed by where its choices lead,
        or None if it has no id."""
        report = self.reporter
        values = self.values
        table = check_table(report, f, path, body, schema.SCENE)
        if table is None or "id" not in table:
            report.lost.add("scene", None)  # others may name it: their errors would only follow from this one
            return None
        sid = table["id"]
        if not is_identifier(sid):
            report.error(
                Code.BAD_NAME,
                f,
                path + ("id",),
                f"'{shown(sid)}' cannot be a scene id",
                hint=f"use {IDENTIFIER_RULE}",
            )
        template = _text(values, f, path, table.get("text"))
        if table.keys() <= _PLAIN_SCENE:  # nothing else to read
            choices, ways = self.choices(f, path, sid, table["choice"]) if "choice" in table else ((), [])
            return [*_plain_scene(sid, table.get("title", sid), template, choices), ways]
        date = values.date(f, path + ("date",), table["date"]) if "date" in table else None
        advance = values.duration(f, path + ("advance",), table["advance"]) if "advance" in table else 0
        if date and "advance" in table:
            report.error(
                Code.RULE, f, path + ("advance",), "a scene sets its 'date' or its 'advance', not both"
            )
        effects = values.effects(f, path + ("effects",), table["effects"]) if "effects" in table else ()
        facts = self.facts(f, path, table["facts"]) if "facts" in table else ()
        ending = self.ending(f, path, table) if "ending" in table else None
        choices, ways = self.choices(f, path, sid, table["choice"]) if "choice" in table else ((), [])
        if ending is not None and choices:
            report.error(
                Code.RULE,
                f,
                path + ("ending",),
                f"the ending '{sid}' has choices",
                hint="an ending is the last scene; remove its choices or its [scene.ending]",
            )
        return [
            sid,
            table.get("title", sid),
            template,
            None,
            table.get("location", ""),
            date[0] if date else None,
            date[1] if date else True,
            advance,
            effects,
            tuple(table.get("tags", ())),
            facts,
            choices,
            ending,
            ways,
        ]

    def facts(self, f: StoryFile, path: Path_, raw: Any) -> tuple[tuple[str, str], ...]:
        out = []
        for i, fact in enumerate(raw):
            key, sep, note = fact.partition(":")
            if not sep or not note.strip():
                self.reporter.error(
                    Code.BAD_VALUE,
                    f,
                    path + ("facts", i),
                    'a fact is written "SOURCE: the fact"',
                    hint='for example "meduza: the rally was called for 7 p.m."',
                )
                continue
            key = key.strip()
            if key not in self.sources:
                self.reporter.error(
                    Code.NO_SOURCE,
                    f,
                    path + ("facts", i),
                    f"there is no source '{shown(key)}'",
                    hint=did_you_mean(key, self.sources, "sources: " + ", ".join(self.sources)),
                    name=key,
                )
            out.append((key, note.strip()))
        return tuple(out)

    def ending(self, f: StoryFile, path: Path_, table: dict[str, Any]) -> Ending | None:
        if "ending" not in table:
            return None
        ending = check_table(self.reporter, f, path + ("ending",), table["ending"], schema.ENDING)
        if ending is None:
            return None
        kind = ending.get("kind", "")
        if "kind" in ending and kind not in schema.ENDING_KINDS:
            self.reporter.error(
                Code.BAD_VALUE,
                f,
                path + ("ending", "kind"),
                f"'{shown(kind)}' is not a kind of ending",
                hint=did_you_mean(kind, schema.ENDING_KINDS, ", ".join(schema.ENDING_KINDS)),
            )
        return Ending(ending.get("title", ""), kind)

    def choices(self, f: StoryFile, path: Path_, sid: str, raw: Any) -> tuple[tuple[Choice, ...], list[str]]:
        """The choices of ``sid`` that can be built, and where its choices lead: the gotos as
        written, so a choice dropped for a mistake in it still counts as a way out."""
        values = self.values
        out: list[Choice] = []
        made: dict[str, int] = {}  # each id made of SCENE->GOTO, and how many times
        for ci, body in enumerate(raw):
            # Most choices are a text and a goto, with a condition or effects at most: told
            # so by a few exact checks; any other is checked against the schema key by key.
            if not (
                type(body) is dict
                and type(text := body.get("text")) is str
                and type(goto := body.get("goto")) is str
            ):
                self.checked_choice(f, path, sid, ci, body, out, made)
                continue
            size = len(body)
            condition = effects = None
            if size == 3:
                condition = body.get("if")
                if type(condition) is not str:
                    condition = None
                    effects = body.get("effects")
                    if type(effects) is not list or not all(map(isinstance, effects, _TEXTS)):
                        self.checked_choice(f, path, sid, ci, body, out, made)
                        continue
            elif size != 2:
                self.checked_choice(f, path, sid, ci, body, out, made)
                continue
            cid = _made_id(made, sid, goto)
            template = _text(values, f, path + ("choice", ci), text)
            if condition is not None:
                cpath = path + ("choice", ci, "if")
                out.append(Choice(cid, template, goto, values.condition(f, cpath, condition)))
            elif effects:
                made_effects = values.effects(f, path + ("choice", ci, "effects"), effects)
                details = self._doing.get(id(made_effects))
                if details is None:
                    details = self._doing[id(made_effects)] = Details(effects=made_effects)
                out.append(Choice(cid, template, goto, details=details))
            else:
                out.append(Choice(cid, template, goto))
        if len(out) == len(raw):  # every choice was built: each is a way out
            return tuple(out), list(map(_GOTO, out))
        return tuple(out), [g for c in raw if type(c) is dict and type(g := c.get("goto")) is str]

    def checked_choice(
        self, f: StoryFile, path: Path_, sid: str, ci: int, body: Any, out: list[Choice], made: dict[str, int]
    ) -> None:
        """Check the ``ci``-th choice of ``sid`` against the schema, and add it to ``out`` if it can be built."""
        values = self.values
        reporter = self.reporter
        cpath = path + ("choice", ci)
        choice = check_table(reporter, f, cpath, body, schema.CHOICE)
        if choice is None or "goto" not in choice:
            return
        goto = choice["goto"]
        cid = choice.get("id")
        if cid is None:
            cid = _made_id(made, sid, goto)
        elif any(c.id == cid for c in out):
            reporter.error(
                Code.DUPLICATE, f, cpath + ("id",), f"two choices of '{sid}' have the id '{shown(cid)}'"
            )
        template = _text(values, f, cpath, choice.get("text"))
        if choice.keys() <= _TEXT_AND_GOTO:
            out.append(Choice(cid, template, goto))
            return
        condition = choice.get("if")
        requires = choice.get("requires")
        effects = choice.get("effects")
        advance = choice.get("advance")
        reply = choice.get("reply")
        made_condition = values.condition(f, cpath + ("if",), condition) if condition is not None else None
        made_requires = values.condition(f, cpath + ("requires",), requires) if requires is not None else None
        details = Details(
            choice.get("because"),
            values.effects(f, cpath + ("effects",), effects) if effects else (),
            values.duration(f, cpath + ("advance",), advance) if advance is not None else 0,
            choice.get("journal"),
            values.template(f, cpath + ("reply",), reply) if reply is not None else None,
        )
        out.append(
            Choice(cid, template, goto, made_condition, made_requires, choice.get("once", False), details)
        )


_GOTO = attrgetter("goto")
_DICTS = repeat(dict)  # with map and isinstance: whether every item of a list is a table
_TEXTS = repeat(str)
_TEXT_AND_GOTO = frozenset(("text", "goto", "id"))
_JOURNEY = 3  # where a scene's journey is among its fields
_PLAIN_SCENE = frozenset(("id", "title", "text", "journey", "choice"))
