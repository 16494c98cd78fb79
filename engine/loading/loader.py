"""Reading a story folder into a :class:`~engine.core.model.Story`.

Every problem is collected, not just the first, and each names the file and
line: a broken story is reported whole in one run of ``relocant check``.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import tomli

from engine.core import calendar
from engine.core.diagnostics import Diagnostic, Severity, StoryError
from engine.core.expressions import (
    RESERVED,
    Effect,
    Expression,
    ExpressionError,
    Type,
    parse_effect,
    parse_expression,
)
from engine.core.model import (
    Choice,
    Ending,
    GlossaryEntry,
    Journey,
    Scene,
    Source,
    Story,
    Variable,
    Where,
)
from engine.core.text import GlossaryMarker, Template, parse_template
from engine.loading import cache, lazy
from engine.loading.checker import reachable, unused_variables
from engine.loading.positions import Path_, Position, SourceMap

# ---------------------------------------------------------------- the schema
# Each table's keys: key -> (kind, required). Kinds are checked by _KIND_CHECKS.

TOP_KEYS = ("story", "journey", "variables", "glossary", "source", "scene")
STORY_KEYS = {
    "id": ("text", True),
    "title": ("text", True),
    "version": ("text", True),
    "subtitle": ("text", False),
    "content_note": ("text", False),
}
JOURNEY_KEYS = {
    "id": ("text", True),
    "title": ("text", True),
    "blurb": ("text", True),
    "start": ("text", True),
    "where": ("text", False),
    "when": ("text", False),
    "date": ("text", False),
    "effects": ("texts", False),
}
VARIABLE_KEYS = {
    "type": ("text", True),
    "default": ("any", True),
    "min": ("integer", False),
    "max": ("integer", False),
    "label": ("text", False),
    "format": ("text", False),
    "show": ("text", False),
    "group": ("text", False),
    "values": ("texts", False),
    "labels": ("table", False),
    "show_if": ("text", False),
}
GLOSSARY_KEYS = {"term": ("text", True), "also": ("texts", False), "text": ("text", True)}
SOURCE_KEYS = {
    "title": ("text", True),
    "outlet": ("text", False),
    "date": ("text", False),
    "about": ("text", False),
}
SCENE_KEYS = {
    "id": ("text", True),
    "title": ("text", True),
    "text": ("text", True),
    "journey": ("text", False),
    "location": ("text", False),
    "date": ("text", False),
    "advance": ("text", False),
    "effects": ("texts", False),
    "tags": ("texts", False),
    "facts": ("texts", False),
    "choice": ("tables", False),
    "ending": ("table", False),
}
CHOICE_KEYS = {
    "id": ("text", False),
    "text": ("text", True),
    "goto": ("text", True),
    "if": ("text", False),
    "requires": ("text", False),
    "because": ("text", False),
    "effects": ("texts", False),
    "advance": ("text", False),
    "once": ("boolean", False),
    "journal": ("text", False),
}
ENDING_KEYS = {"title": ("text", True), "kind": ("text", True)}

ENDING_KINDS = ("hopeful", "bittersweet", "sombre")
SHOW_KINDS = ("number", "bar", "flag", "tags", "text")
TYPE_NAMES = {"integer": Type.INTEGER, "boolean": Type.BOOLEAN, "text": Type.TEXT, "tags": Type.TAGS}
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

_KIND_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "text": (lambda v: isinstance(v, str), "text in quotes"),
    "integer": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "boolean": (lambda v: isinstance(v, bool), "true or false"),
    "texts": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of texts"),
    "table": (lambda v: isinstance(v, dict), "a table"),
    "tables": (lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v), "a list of tables"),
    "any": (lambda v: True, "a value"),
}


def suggest(name: str, names: Iterable[str]) -> str | None:
    """The nearest known name, for 'did you mean' hints."""
    matches = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return matches[0] if matches else None


@attrs.define
class _File:
    path: Path
    raw: bytes  # decoded only when a problem in it must be shown
    data: dict[str, Any]
    _map: SourceMap | None = None

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = SourceMap(self.raw.decode("utf-8"))
        return self._map


@attrs.define
class LoadResult:
    """The story (when it could be built) and every problem found."""

    story: Story | None
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []
        self.files: list[_File] = []
        self.cache_key = ""
        self.cached: list[Diagnostic] | None = None
        self.trusted = False  # the same content was checked clean before: parse expressions lazily
        # Conditions and effects recur ("stress += 1"); each distinct source is parsed once.
        self.parsed: dict[str, Expression] = {}
        self.parsed_effects: dict[str, Effect] = {}
        self.template_parts: dict[tuple[str, Type | None], Expression] = {}

    # -- reporting
    def report(
        self,
        severity: Severity,
        file: _File | None,
        path: Path_,
        message: str,
        hint: str | None = None,
        offset: int | None = None,
        value: str | None = None,
        key_line: bool = False,
    ) -> None:
        if file is None:
            self.diagnostics.append(Diagnostic(severity, message, hint=hint))
            return
        smap = file.map
        pos = None
        if offset is not None and value is not None:
            pos = smap.locate(path, offset, value)
        elif key_line and (line := smap.key_line(path)) is not None:
            text = smap.line_text(line) or ""
            pos = Position(line, len(text) - len(text.lstrip()) + 1)  # the caret under the key
        else:
            pos = smap.find(path)
        line = pos.line if pos else 1
        self.diagnostics.append(
            Diagnostic(
                severity,
                message,
                file.path,
                line,
                pos.column if pos else None,
                hint,
                smap.line_text(line),
            )
        )

    def error(self, file: _File | None, path: Path_, message: str, **kw: Any) -> None:
        self.report(Severity.ERROR, file, path, message, **kw)

    def warn(self, file: _File | None, path: Path_, message: str, **kw: Any) -> None:
        self.report(Severity.WARNING, file, path, message, **kw)

    def where(self, file: _File, path: Path_) -> str:
        pos = file.map.find(path + ("id",))
        return f"{_rel(file.path, self.root)}:{pos.line if pos else 1}"

    # -- reading files
    def read(self) -> str:
        """Read every file; parse it, or take the parse and the check from the cache."""
        digest = hashlib.sha256()
        paths = sorted(self.root.rglob("*.toml"))
        if not paths:
            self.diagnostics.append(
                Diagnostic(Severity.ERROR, f"no .toml files in {self.root}", hint="is this the story folder?")
            )
        raws = []
        for path in paths:
            raw = path.read_bytes()
            digest.update(str(path.relative_to(self.root)).encode() + b"\0" + raw + b"\0")
            raws.append((path, raw))
        fingerprint = digest.hexdigest()[:16]
        self.cache_key = cache.key(self.root, fingerprint)
        hit = cache.read(self.cache_key)
        if hit is not None:
            tables, self.cached = hit
            self.trusted = not any(d.is_error for d in self.cached)
            for path, raw in raws:
                rel = str(path.relative_to(self.root))
                if rel in tables:
                    self.files.append(_File(path, raw, tables[rel]))
            return fingerprint
        for path, raw in raws:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                self.diagnostics.append(
                    Diagnostic(
                        Severity.ERROR, "the file is not UTF-8 text", path, line, hint="save it as UTF-8"
                    )
                )
                continue
            try:
                data = tomli.loads(text)
            except tomli.TOMLDecodeError as exc:
                self.toml_error(path, text, exc)
                continue
            self.files.append(_File(path, raw, data))
        return fingerprint

    def remember(self) -> None:
        """Cache this load's tables and diagnostics for the next load of the same content."""
        if self.cached is None:
            cache.write(
                self.cache_key,
                {str(f.path.relative_to(self.root)): f.data for f in self.files},
                self.diagnostics,
            )

    def toml_error(self, path: Path, text: str, exc: tomli.TOMLDecodeError) -> None:
        msg = str(exc)
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        match = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if match:
            line, col = int(match.group(1)), int(match.group(2))
            msg = msg[: match.start()].strip()
        elif "end of document" in msg:
            line = text.count("\n") + 1
        hint = None
        if "Cannot overwrite a value" in msg or "Cannot declare" in msg:
            hint = "a key or table is written twice; each key may appear once per table"
        elif "Unclosed" in msg or "Unterminated" in msg:
            hint = 'a quote or bracket is not closed; multi-line text needs three quotes """'
        elif "Invalid value" in msg or "Invalid statement" in msg:
            hint = 'text values need quotes: title = "Pushkin Square"'
        lines = text.splitlines()
        self.diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                f"TOML syntax: {msg[0].lower() + msg[1:] if msg else 'invalid TOML'}",
                path,
                line or 1,
                col,
                hint,
                lines[line - 1] if line and 0 < line <= len(lines) else None,
            )
        )

    # -- schema
    def check_table(
        self, file: _File, path: Path_, table: Any, keys: dict[str, tuple[str, bool]], what: str
    ) -> bool:
        if self.trusted:
            return True  # these very files passed this check before (see engine.loading.cache)
        if not isinstance(table, dict):
            self.error(file, path, f"{what} must be a table")
            return False
        ok = True
        for key, value in table.items():
            if key not in keys:
                near = suggest(key, keys)
                self.error(
                    file,
                    path + (key,),
                    f"unknown key '{key}' in {what}",
                    hint=f"did you mean `{near}`?" if near else "known keys: " + ", ".join(keys),
                    key_line=True,
                )
                continue
            kind, _ = keys[key]
            check, described = _KIND_CHECKS[kind]
            if not check(value):
                self.error(file, path + (key,), f"'{key}' must be {described}, not {_describe(value)}")
                ok = False
        for key, (_, required) in keys.items():
            if required and key not in table:
                self.error(file, path, f"{what} has no '{key}'", hint=f"add {key} = …")
                ok = False
        return ok

    # -- the whole load
    def load(self) -> Story | None:
        fingerprint = self.read()
        if self.cached is not None and not self.trusted:
            return None  # the cached check found errors: report them, build nothing
        story_meta: tuple[_File, dict[str, Any]] | None = None
        raw_journeys: list[tuple[_File, int, dict[str, Any]]] = []
        raw_vars: dict[str, tuple[_File, dict[str, Any]]] = {}
        raw_glossary: dict[str, tuple[_File, dict[str, Any]]] = {}
        raw_sources: dict[str, tuple[_File, dict[str, Any]]] = {}
        raw_scenes: list[tuple[_File, int, dict[str, Any], str | None]] = []

        for f in self.files:
            file_journey: str | None = None
            for key, value in f.data.items():
                if key == "journey" and isinstance(value, str):
                    file_journey = value
                    continue
                if key not in TOP_KEYS:
                    near = suggest(key, TOP_KEYS)
                    self.error(
                        f,
                        (key,),
                        f"unknown top-level key '{key}'",
                        hint=f"did you mean `{near}`?"
                        if near
                        else "a story file holds [story], [[journey]], [variables.*], [glossary.*], [source.*] and [[scene]]",
                        key_line=True,
                    )
            if "story" in f.data:
                if story_meta is not None:
                    self.error(
                        f,
                        ("story",),
                        "[story] is written twice",
                        hint=f"it is also in {story_meta[0].path.name}",
                    )
                elif self.check_table(f, ("story",), f.data["story"], STORY_KEYS, "[story]"):
                    story_meta = (f, f.data["story"])
            for name, table, raw, what in (
                ("variables", f.data.get("variables", {}), raw_vars, "variable"),
                ("glossary", f.data.get("glossary", {}), raw_glossary, "glossary entry"),
                ("source", f.data.get("source", {}), raw_sources, "source"),
            ):
                if not isinstance(table, dict):
                    self.error(f, (name,), f"'{name}' must be written as [{name}.NAME] tables")
                    continue
                for key, body in table.items():
                    if key in raw:
                        self.error(
                            f,
                            (name, key),
                            f"the {what} '{key}' is declared twice",
                            hint=f"the other is in {raw[key][0].path.name}",
                        )
                        continue
                    raw[key] = (f, body)
            file_journeys = f.data.get("journey", [])
            if isinstance(file_journeys, list):
                for i, body in enumerate(file_journeys):
                    raw_journeys.append((f, i, body))
            elif not isinstance(file_journeys, str):
                self.error(f, ("journey",), "journeys are written as [[journey]] tables")
            file_scenes = f.data.get("scene", [])
            if not isinstance(file_scenes, list):
                self.error(
                    f,
                    ("scene",),
                    "scenes are written as [[scene]] tables, with two brackets",
                    hint="write [[scene]], not [scene]",
                )
                file_scenes = []
            for i, body in enumerate(file_scenes):
                raw_scenes.append((f, i, body, file_journey))

        if story_meta is None and self.files:
            self.diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    "the story has no [story] table",
                    self.root / "story.toml",
                    1,
                    hint="story.toml starts with [story] and its id, title and version",
                )
            )

        variables = self.build_variables(raw_vars)
        types = {name: v.type for name, v in variables.items()}
        self.types = types
        self.variables = variables
        self.used_vars: set[str] = set()
        self.visits_refs: list[tuple[_File, Path_, str, int, str]] = []
        for name, variable in list(variables.items()):
            f, body = raw_vars[name]
            if isinstance(body.get("show_if"), str):
                shown = self.condition(f, ("variables", name, "show_if"), body["show_if"])
                variables[name] = attrs.evolve(variable, show_if=shown)
        glossary = self.build_glossary(raw_glossary)
        sources = self.build_sources(raw_sources)

        journeys: dict[str, Journey] = {}
        journey_at: dict[str, tuple[_File, Path_]] = {}
        for f, i, body in raw_journeys:
            path: Path_ = ("journey", i)
            if not self.check_table(f, path, body, JOURNEY_KEYS, "[[journey]]"):
                continue
            jid = body["id"]
            if jid in journeys:
                self.error(f, path + ("id",), f"the journey '{jid}' is declared twice")
                continue
            date = self.date(f, path + ("date",), body.get("date"))
            effects = self.effects(f, path + ("effects",), body.get("effects", []))
            journeys[jid] = Journey(
                jid,
                body["title"],
                body["blurb"],
                body["start"],
                body.get("where", ""),
                body.get("when", ""),
                date[0] if date else None,
                effects,
            )
            journey_at[jid] = (f, path)

        scenes: dict[str, Scene] = {}
        scene_at: dict[str, tuple[_File, Path_]] = {}
        owners = _owners(raw_scenes, journeys)
        for f, i, body, file_journey in raw_scenes:
            path = ("scene", i)
            scene_journey = file_journey
            if isinstance(body, dict):
                scene_journey = body.get("journey", file_journey) or owners.get(body.get("id"))  # type: ignore[arg-type]
            scene = self.build_scene(f, path, body, scene_journey, sources)
            if scene is None:
                continue
            if scene.id in scenes:
                other_file, other_path = scene_at[scene.id]
                self.error(
                    f,
                    path + ("id",),
                    f"the scene id '{scene.id}' is used twice",
                    hint=f"the other is at {self.where(other_file, other_path)}",
                )
                self.error(
                    other_file,
                    other_path + ("id",),
                    f"the scene id '{scene.id}' is used twice",
                    hint=f"the other is at {self.where(f, path)}",
                )
                continue
            scenes[scene.id] = scene
            scene_at[scene.id] = (f, path)

        # Cross references, now that every scene is known.
        for jid, journey in journeys.items():
            if journey.start not in scenes:
                f, path = journey_at[jid]
                near = suggest(journey.start, scenes)
                self.error(
                    f,
                    path + ("start",),
                    f"the journey '{jid}' starts at '{journey.start}', which is not a scene",
                    hint=f"did you mean `{near}`?" if near else None,
                )
        for sid, scene in scenes.items():
            f, path = scene_at[sid]
            if scene.journey is not None and scene.journey not in journeys:
                near = suggest(scene.journey, journeys)
                self.error(
                    f,
                    path + ("journey",),
                    f"there is no journey '{scene.journey}'",
                    hint=f"did you mean `{near}`?" if near else "journeys: " + ", ".join(journeys),
                )
            for ci, choice in enumerate(scene.choices):
                if choice.goto not in scenes:
                    near = suggest(choice.goto, scenes)
                    self.error(
                        f,
                        path + ("choice", ci, "goto"),
                        f"the choice goes to '{choice.goto}', which is not a scene",
                        hint=f"did you mean `{near}`?" if near else "add the scene, or fix the id",
                    )
        for f, path, sid, offset, value in self.visits_refs:
            if sid not in scenes:
                near = suggest(sid, scenes)
                self.error(
                    f,
                    path,
                    f"visits() names '{sid}', which is not a scene",
                    hint=f"did you mean `{near}`?" if near else None,
                    offset=offset,
                    value=value,
                )

        if story_meta is None:
            return None
        f, meta = story_meta
        forms: dict[str, str] = {}
        for key, entry in glossary.items():
            for form in (entry.term, *entry.also):
                forms[form] = key
        story = Story(
            id=meta["id"],
            title=meta["title"],
            version=meta["version"],
            root=self.root,
            fingerprint=fingerprint,
            subtitle=meta.get("subtitle", ""),
            content_note=meta.get("content_note", ""),
            journeys=journeys,
            scenes=scenes,
            variables=variables,
            glossary=glossary,
            sources=sources,
            marker=GlossaryMarker(forms),
        )
        if not self.trusted:
            self.story_warnings(story, scene_at, raw_vars)
        return story

    # -- builders
    def build_variables(self, raw: dict[str, tuple[_File, dict[str, Any]]]) -> dict[str, Variable]:
        out: dict[str, Variable] = {}
        for name, (f, body) in raw.items():
            path: Path_ = ("variables", name)
            if not _IDENT.match(name) or name in RESERVED:
                self.error(
                    f,
                    path,
                    f"'{name}' cannot be a variable name",
                    hint="use letters, digits and _, starting with a letter; not a reserved word",
                    key_line=True,
                )
                continue
            if not self.check_table(f, path, body, VARIABLE_KEYS, f"the variable '{name}'"):
                continue
            vtype = TYPE_NAMES.get(body["type"])
            if vtype is None:
                near = suggest(body["type"], TYPE_NAMES)
                self.error(
                    f,
                    path + ("type",),
                    f"'{body['type']}' is not a variable type",
                    hint=f"did you mean `{near}`?" if near else "integer, boolean, text or tags",
                )
                continue
            default = body["default"]
            want = {Type.INTEGER: "integer", Type.BOOLEAN: "boolean", Type.TEXT: "text", Type.TAGS: "texts"}[
                vtype
            ]
            check, described = _KIND_CHECKS[want]
            if not check(default):
                self.error(
                    f,
                    path + ("default",),
                    f"the default of '{name}' must be {described}, not {_describe(default)}",
                )
                continue
            if vtype is not Type.INTEGER:
                for key in ("min", "max"):
                    if key in body:
                        self.error(f, path + (key,), f"'{key}' is for integers; '{name}' is {vtype.value}")
            lo, hi = body.get("min"), body.get("max")
            if lo is not None and hi is not None and lo > hi:
                self.error(f, path + ("min",), f"'{name}' has min {lo} above max {hi}")
            if (vtype is Type.INTEGER and not (lo is None or lo <= default)) or (
                hi is not None and vtype is Type.INTEGER and default > hi
            ):
                self.error(
                    f, path + ("default",), f"the default {default} of '{name}' is outside its min and max"
                )
            show = body.get("show")
            if show is not None and show not in SHOW_KINDS:
                near = suggest(show, SHOW_KINDS)
                self.error(
                    f,
                    path + ("show",),
                    f"'{show}' is not a way to show a variable",
                    hint=f"did you mean `{near}`?" if near else ", ".join(SHOW_KINDS),
                )
            if show == "bar" and (lo is None or hi is None):
                self.error(f, path + ("show",), f"'{name}' is shown as a bar, so it needs min and max")
            values = body.get("values")
            labels = body.get("labels", {})
            if vtype is not Type.TAGS and ("values" in body or "labels" in body):
                self.error(
                    f,
                    path + ("values" if "values" in body else "labels",),
                    f"'values' and 'labels' are for tags; '{name}' is {vtype.value}",
                )
            if vtype is Type.TAGS and values is not None:
                for i, tag in enumerate(default):
                    if tag not in values:
                        self.error(
                            f, path + ("default", i), f"the tag '{tag}' is not among the values of '{name}'"
                        )
            out[name] = Variable(
                name,
                vtype,
                frozenset(default) if vtype is Type.TAGS else default,
                body.get("label", name.replace("_", " ").capitalize()),
                body.get("format"),
                show,
                body.get("group"),
                lo,
                hi,
                tuple(values) if values is not None else None,
                {str(k): str(v) for k, v in labels.items()},
            )
        return out

    def build_glossary(self, raw: dict[str, tuple[_File, dict[str, Any]]]) -> dict[str, GlossaryEntry]:
        out = {}
        for key, (f, body) in raw.items():
            if self.check_table(f, ("glossary", key), body, GLOSSARY_KEYS, f"the glossary entry '{key}'"):
                out[key] = GlossaryEntry(key, body["term"], body["text"], tuple(body.get("also", ())))
        return out

    def build_sources(self, raw: dict[str, tuple[_File, dict[str, Any]]]) -> dict[str, Source]:
        out = {}
        for key, (f, body) in raw.items():
            if self.check_table(f, ("source", key), body, SOURCE_KEYS, f"the source '{key}'"):
                out[key] = Source(
                    key, body["title"], body.get("outlet", ""), body.get("date", ""), body.get("about", "")
                )
        return out

    def build_scene(
        self, f: _File, path: Path_, body: Any, file_journey: str | None, sources: dict[str, Source]
    ) -> Scene | None:
        if not self.check_table(f, path, body, SCENE_KEYS, "[[scene]]"):
            return None
        sid = body["id"]
        if not _IDENT.match(sid):
            self.error(
                f,
                path + ("id",),
                f"'{sid}' cannot be a scene id",
                hint="use letters, digits and _, starting with a letter",
            )
        text = self.template(f, path + ("text",), body["text"])
        date = self.date(f, path + ("date",), body.get("date"))
        advance = self.duration(f, path + ("advance",), body.get("advance"))
        if date and "advance" in body:
            self.error(f, path + ("advance",), "a scene sets its 'date' or its 'advance', not both")
        effects = self.effects(f, path + ("effects",), body.get("effects", []))
        facts = []
        for i, fact in enumerate(body.get("facts", [])):
            key, sep, note = fact.partition(":")
            if not sep or not note.strip():
                self.error(
                    f,
                    path + ("facts", i),
                    'a fact is written "SOURCE: the fact"',
                    hint='for example "meduza: the rally was called for 7 p.m."',
                )
                continue
            key = key.strip()
            if key not in sources:
                near = suggest(key, sources)
                self.error(
                    f,
                    path + ("facts", i),
                    f"there is no source '{key}'",
                    hint=f"did you mean `{near}`?" if near else "sources: " + ", ".join(sources),
                )
            facts.append((key, note.strip()))
        ending = None
        if "ending" in body and self.check_table(
            f, path + ("ending",), body["ending"], ENDING_KEYS, "[scene.ending]"
        ):
            kind = body["ending"]["kind"]
            if kind not in ENDING_KINDS:
                near = suggest(kind, ENDING_KINDS)
                self.error(
                    f,
                    path + ("ending", "kind"),
                    f"'{kind}' is not a kind of ending",
                    hint=f"did you mean `{near}`?" if near else ", ".join(ENDING_KINDS),
                )
            ending = Ending(body["ending"]["title"], kind)
        choices: list[Choice] = []
        seen_ids: dict[str, int] = {}
        for ci, raw in enumerate(body.get("choice", [])):
            cpath = path + ("choice", ci)
            if not self.check_table(f, cpath, raw, CHOICE_KEYS, "[[scene.choice]]"):
                continue
            cid = raw.get("id")
            if cid is None:
                cid = f"{sid}->{raw['goto']}"
                n = seen_ids.get(cid, 0) + 1
                seen_ids[cid] = n
                if n > 1:
                    cid = f"{cid}#{n}"
            elif cid in (c.id for c in choices):
                self.error(f, cpath + ("id",), f"two choices of '{sid}' have the id '{cid}'")
            if "requires" in raw and "because" not in raw:
                self.error(
                    f,
                    cpath + ("requires",),
                    "a choice with 'requires' needs 'because'",
                    hint='because = "needs an IIN" is shown beside the disabled choice',
                )
            choices.append(
                Choice(
                    cid,
                    self.template(f, cpath + ("text",), raw["text"]),
                    raw["goto"],
                    self.condition(f, cpath + ("if",), raw.get("if")),
                    self.condition(f, cpath + ("requires",), raw.get("requires")),
                    raw.get("because"),
                    self.effects(f, cpath + ("effects",), raw.get("effects", [])),
                    self.duration(f, cpath + ("advance",), raw.get("advance")),
                    raw.get("once", False),
                    raw.get("journal"),
                )
            )
        if ending is not None and choices:
            self.error(
                f,
                path + ("ending",),
                f"the ending '{sid}' has choices",
                hint="an ending is the last scene; remove its choices or its [scene.ending]",
            )
        return Scene(
            sid,
            body["title"],
            text,
            Where(f.path, int(path[1])),
            body.get("journey", file_journey),
            body.get("location", ""),
            date[0] if date else None,
            date[1] if date else True,
            advance,
            effects,
            tuple(body.get("tags", ())),
            tuple(facts),
            tuple(choices),
            ending,
        )

    # -- values
    def template(self, f: _File, path: Path_, source: str) -> Template:
        if self.trusted:
            return lazy.template(source, self.types)
        try:
            tpl = parse_template(source, self.types, suggest, self.template_parts)
        except ExpressionError as exc:
            self.error(f, path, exc.message, hint=exc.hint, offset=exc.offset, value=source)
            return Template(source, (source,), ())
        for expr in tpl.expressions:
            self.note_use(f, path, expr, source, None)
        return tpl

    def condition(self, f: _File, path: Path_, source: str | None) -> Expression | None:
        if source is None:
            return None
        if self.trusted:
            return lazy.expression(source, self.types)
        try:
            expr = self.parsed.get(source)
            if expr is None:
                expr = self.parsed[source] = parse_expression(
                    source, self.types, want=Type.BOOLEAN, suggest=suggest
                )
        except ExpressionError as exc:
            self.error(f, path, exc.message, hint=exc.hint, offset=exc.offset, value=source)
            return None
        self.note_use(f, path, expr, source, 0)
        return expr

    def effects(self, f: _File, path: Path_, sources: list[str]) -> tuple[Effect, ...]:
        if self.trusted:
            return tuple(lazy.effect(source, self.types) for source in sources)
        out = []
        for i, source in enumerate(sources):
            try:
                effect = self.parsed_effects.get(source)
                if effect is None:
                    effect = self.parsed_effects[source] = parse_effect(source, self.types, suggest)
            except ExpressionError as exc:
                self.error(f, path + (i,), exc.message, hint=exc.hint, offset=exc.offset, value=source)
                continue
            self.used_vars.add(effect.target)
            value_at = effect.value_at
            self.note_use(f, path + (i,), effect.value, source, value_at)
            var = self.variables.get(effect.target)
            if var and var.values is not None and effect.value.node.__class__.__name__ == "Literal":
                tag = effect.value.node.value  # type: ignore[union-attr]
                if tag not in var.values:
                    near = suggest(tag, var.values)
                    self.error(
                        f,
                        path + (i,),
                        f"'{tag}' is not one of the tags of '{effect.target}'",
                        hint=f"did you mean `{near}`?" if near else "tags: " + ", ".join(var.values),
                        offset=value_at,
                        value=source,
                    )
            out.append(effect)
        return tuple(out)

    def note_use(self, f: _File, path: Path_, expr: Expression, source: str, base: int | None) -> None:
        self.used_vars |= expr.variables
        for sid, offset in expr.scenes:
            at = source.find(sid) if base is None else base + offset
            self.visits_refs.append((f, path, sid, max(at, 0), source))

    def date(self, f: _File, path: Path_, value: str | None) -> tuple[int, bool] | None:
        if value is None:
            return None
        try:
            return calendar.parse_date(value)
        except ValueError as exc:
            self.error(f, path, str(exc))
            return None

    def duration(self, f: _File, path: Path_, value: str | None) -> int:
        if value is None:
            return 0
        try:
            return calendar.parse_duration(value)
        except ValueError as exc:
            self.error(f, path, str(exc))
            return 0

    # -- whole-story warnings
    def story_warnings(
        self,
        story: Story,
        scene_at: dict[str, tuple[_File, Path_]],
        raw_vars: dict[str, tuple[_File, dict[str, Any]]],
    ) -> None:
        seen = reachable(story)
        for sid, scene in story.scenes.items():
            f, path = scene_at[sid]
            if sid not in seen:
                self.warn(
                    f,
                    path + ("id",),
                    f"no journey can reach the scene '{sid}'",
                    hint="add a choice that leads here, or remove the scene",
                )
            if scene.ending is None and not scene.choices:
                self.warn(
                    f,
                    path + ("id",),
                    f"the scene '{sid}' is not an ending and has no choices",
                    hint="add a [[scene.choice]], or make it an ending with [scene.ending]",
                )
        for name in unused_variables(story, self.used_vars):
            f, _ = raw_vars[name]
            self.warn(
                f,
                ("variables", name),
                f"the variable '{name}' is declared but never used",
                hint="use it in a scene, or remove it",
                key_line=True,
            )


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _owners(
    raw_scenes: list[tuple[Any, int, Any, str | None]], journeys: dict[str, Journey]
) -> dict[str, str]:
    """The first journey that reaches each scene, for scenes that do not name one.

    Worked out from the raw tables, before any scene is built, so each scene
    is built once with its journey.
    """
    bodies: dict[str, tuple[str | None, list[str]]] = {}
    for _, _, body, file_journey in raw_scenes:
        if not isinstance(body, dict) or not isinstance(body.get("id"), str):
            continue
        choices = body.get("choice", [])
        gotos = (
            [c["goto"] for c in choices if isinstance(c, dict) and isinstance(c.get("goto"), str)]
            if isinstance(choices, list)
            else []
        )
        bodies.setdefault(body["id"], (body.get("journey", file_journey), gotos))
    owner: dict[str, str] = {}
    for jid, journey in journeys.items():
        stack = [journey.start]
        while stack:
            sid = stack.pop()
            if sid in owner or sid not in bodies:
                continue
            explicit, gotos = bodies[sid]
            if explicit is not None and explicit != jid:
                continue
            owner[sid] = jid
            stack.extend(gotos)
    return owner


def load(root: Path) -> LoadResult:
    """Load and check the story in ``root``; never raises for a bad story."""
    loader = _Loader(root)
    # Building a story makes many long-lived objects and no cycles worth
    # collecting; the cyclic collector would rescan them again and again
    # (more than doubling the load time of a large story), so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        story = loader.load()
    finally:
        if collecting:
            gc.enable()
    if loader.cached is not None:
        diagnostics = loader.cached
    else:
        diagnostics = sorted(loader.diagnostics, key=Diagnostic.sort_key)
        loader.diagnostics = diagnostics
        loader.remember()
    if any(d.is_error for d in diagnostics):
        story = None
    return LoadResult(story, diagnostics)


def load_story(root: Path) -> Story:
    """Load the story or raise :class:`StoryError` with every problem."""
    result = load(root)
    if result.story is None:
        raise StoryError(result.diagnostics)
    return result.story
