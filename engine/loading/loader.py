"""Reading a story folder into a checked :class:`~engine.core.model.Story`.

The steps, each in its own module: read the files (:mod:`.files`, with
:mod:`.syntax` for TOML that does not parse), gather their tables and check
them against the schema (:mod:`.tables`, :mod:`.schema`), build each kind of
table (:mod:`.declarations`, :mod:`.scenes`, with :mod:`.values` for the
expressions inside), then check the story as a whole (:mod:`.story_checks`).
Every problem is collected, not just the first, and each names its file and
line (:mod:`.reporter`, :mod:`.positions`): a broken story is reported whole
in one run of ``relocant check``.

There is one way to load a story: every load reads, checks and builds it
all, so a game plays the same whichever way its story was loaded.
"""

from __future__ import annotations

import gc
from pathlib import Path

import attrs

from engine.core.diagnostics import Code, Diagnostic, Severity, StoryError, shown
from engine.core.model import Story
from engine.core.text import GlossaryMarker
from engine.loading import declarations, story_checks, translations
from engine.loading.files import TRANSLATIONS, control_characters, read_folder
from engine.loading.reporter import At, Reporter
from engine.loading.scenes import SceneBuilder
from engine.loading.strings import english_strings
from engine.loading.tables import gather
from engine.loading.values import Values


@attrs.define
class LoadResult:
    """The story (when it could be built) and every problem found."""

    story: Story | None
    diagnostics: list[Diagnostic]
    coverage: translations.Coverage | None = None  # when loaded in a language: how much is translated

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def _build(root: Path, lang: str | None = None) -> LoadResult:
    reading = read_folder(root)
    reporter = Reporter(root, reading.lost)
    for d in reading.diagnostics:
        reporter.add(d)
    for f in reading.files:
        for path, text, offset in control_characters(f):
            message = "this text holds a control character, which could change the player's terminal"
            hint = "remove it; write line breaks inside multi-line text"
            if path and path[-1] == text:  # a key
                reporter.error(Code.CONTROL_CHARACTER, f, path, message, hint=hint, at=At.KEY)
            else:
                reporter.error(Code.CONTROL_CHARACTER, f, path, message, hint=hint, offset=offset, value=text)
    raw = gather(reading.files, reporter)

    meta = declarations.build_story_meta(reporter, raw.story)
    if not raw.story and reading.files and not reporter.follows_from_lost(Code.NO_STORY, None):
        reporter.add(
            Diagnostic(
                Severity.ERROR,
                "the story has no [story] table",
                root / "story.toml",
                1,
                hint="story.toml starts with [story] and its id, title and version",
                code=Code.NO_STORY,
            )
        )
    variables = declarations.build_variables(reporter, raw.variables)
    values = Values(reporter, variables)
    values.defaults(raw.variables)
    variables = declarations.add_show_ifs(raw.variables, variables, values)
    glossary = declarations.build_glossary(reporter, raw.glossary)
    sources = declarations.build_sources(reporter, raw.sources)
    journeys, journey_at = declarations.build_journeys(reporter, raw.journeys, values)

    wrong = story_checks.check_file_journeys(reporter, raw.file_journey_at, journeys)
    file_journeys = {k: v for k, v in raw.file_journeys.items() if k not in wrong}
    builder = SceneBuilder(reporter, values, sources)
    graph = builder.read_all(raw.scenes, file_journeys)
    journey_of, reached = story_checks.journey_of_scenes(graph, journeys)
    scenes, scene_at = builder.scenes(journey_of)
    story_checks.check_references(reporter, graph, journeys, journey_at, scenes, scene_at, values.visits)
    explained = values.report_unknown({name: raw.variables[name][0] for name in variables})
    unused = [
        (raw.variables[name][0], name)
        for name in variables
        if name not in values.used and name not in explained
    ]
    glossary_at = {key: raw.glossary[key][0] for key in glossary}
    story_checks.warn_about_the_story(
        reporter,
        graph,
        reached,
        journeys,
        scenes,
        scene_at,
        unused,
        variables.values(),
        glossary,
        glossary_at,
    )

    diagnostics = sorted(reporter.diagnostics, key=Diagnostic.sort_key)
    if meta is None or any(d.is_error for d in diagnostics):
        return LoadResult(None, diagnostics)
    forms = {form: key for key, entry in glossary.items() for form in (entry.term, *entry.also)}
    story = Story(
        id=meta["id"],
        title=meta["title"],
        version=meta["version"],
        root=root,
        fingerprint=reading.fingerprint,
        subtitle=meta.get("subtitle", ""),
        content_note=meta.get("content_note", ""),
        journeys=journeys,
        scenes=scenes,
        variables=variables,
        glossary=glossary,
        sources=sources,
        marker=GlossaryMarker(forms),
    )
    if lang is None:
        return LoadResult(story, diagnostics)
    if not _language_folder(reporter, root, lang):
        return LoadResult(None, sorted(reporter.diagnostics, key=Diagnostic.sort_key))
    story, coverage = translations.translate(story, raw, lang, reporter, english_strings(raw, story))
    diagnostics = sorted(reporter.diagnostics, key=Diagnostic.sort_key)
    return LoadResult(None if any(d.is_error for d in diagnostics) else story, diagnostics, coverage)


def _language_folder(reporter: Reporter, root: Path, lang: str) -> bool:
    """Whether the story has string tables for ``lang``; if not, say so with the languages it has."""
    if translations.is_language(lang) and (root / TRANSLATIONS / lang).is_dir():
        return True
    known = translations.languages(root)
    reporter.add(
        Diagnostic(
            Severity.ERROR,
            f"the story has no translation into '{shown(lang)}'"
            if translations.is_language(lang)
            else f"'{shown(lang)}' is not {translations.LANGUAGE_RULE}",
            root / TRANSLATIONS,
            hint="its translations: " + ", ".join(known)
            if known
            else "docs/translating.md says how to add one",
            code=Code.NO_LANGUAGE,
            name=lang,
        )
    )
    return False


def load(root: Path, lang: str | None = None) -> LoadResult:
    """Load and check the story in ``root``; never raises for a bad story.

    With ``lang``, its string tables for that language are read and checked
    too, and the story's strings are theirs (:mod:`.translations`).
    """
    # Building a story makes many long-lived objects and no cycles; the cyclic
    # collector would rescan them again and again while they are made, and
    # again at every later collection while the game is played. So it waits
    # while the story is built, and the story is then moved out of its sight
    # (with whatever else is alive then; what an earlier load froze is handed
    # back first, so a reload does not keep old cycles from being collected).
    gc.unfreeze()
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = _build(root, lang)
    finally:
        if collecting:
            gc.enable()
    if result.story is not None:
        gc.freeze()
    return result


def load_story(root: Path, lang: str | None = None) -> Story:
    """Load the story or raise :class:`StoryError` with every problem."""
    result = load(root, lang)
    if result.story is None:
        raise StoryError(result.diagnostics)
    return result.story
