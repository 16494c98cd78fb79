"""Golden playthroughs: a recorded route through a story, and what it showed.

A playthrough file holds the journey, the seed and the ids of the choices
taken, and the screen (the reply of the choice taken, title, time, text,
consequences, choices on offer) seen at each step. Replaying it against the current story and diffing the
two transcripts shows where an edit changed the text or broke the route.
"""

from __future__ import annotations

import difflib
import json
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import tomli

from engine.core.diagnostics import RunTimeError
from engine.core.game import ChoiceUnavailable, Game
from engine.core.model import Story
from engine.core.names import is_identifier
from engine.core.text import plain
from engine.loading import paths
from engine.loading.translations import is_language
from engine.present.presenter import presenter

FORMAT = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024  # far above any save; a larger file is not read


class ReplayFileError(ValueError):
    """A playthrough or save file that cannot be read; the message says why."""


@attrs.frozen
class Playthrough:
    story: str
    journey: str
    seed: int
    choices: tuple[str, ...]
    screens: tuple[str, ...]  # one more than choices: the start, then after each choice
    problem: str | None = None  # why the route stopped early, when it did
    lang: str = ""  # the string tables it was played in ("" for the story's own language)


def screen(game: Game) -> str:
    """What the player sees now, as plain text."""
    view = game.view()
    lines = []
    reply = game.reply_paragraphs()
    if reply:  # the choice's answer, before the scene it led to
        lines += [f"-- {plain(reply)}", ""]
    present = presenter(game.story.language or "en")
    lines += [
        f"== {view.title} ==",
        " · ".join(x for x in (present.clock(view.clock), view.location) if x),
        "",
    ]
    lines.append(plain(view.paragraphs))
    changes = game.changes()
    if changes:
        lines += ["", "(" + "; ".join(present.change(game.story.variables[c.name], c) for c in changes) + ")"]
    lines.append("")
    if view.ending is not None:
        lines.append(f"THE END: {view.ending.title} ({view.ending.kind})")
    for c in view.choices:
        mark = "" if c.enabled else f"[not available: {c.reason}] "
        lines.append(f"  {c.number}. {mark}{c.text}  <{c.id}>")
    return "\n".join(lines)


def play(story: Story, journey: str, seed: int, choices: Sequence[str]) -> Playthrough:
    """Play the route; stop at the first choice that cannot be taken, and say why."""
    try:
        game = Game.start(story, journey, seed=seed)
    except KeyError as exc:
        return Playthrough(story.id, journey, seed, (), (), str(exc.args[0]), story.language)
    except RunTimeError as exc:
        return Playthrough(story.id, journey, seed, (), (), f"at the start: {exc}", story.language)
    screens = [screen(game)]
    done: list[str] = []
    problem = None
    for i, cid in enumerate(choices, 1):
        scene = game.state.scene
        try:
            game.choose(cid)
        except ChoiceUnavailable:
            open_ = [c.id for c in game.view().choices if c.enabled]
            problem = (
                f"choice {i} '{cid}' is not on offer in scene '{scene}' "
                f"(on offer: {', '.join(open_) or 'nothing'})"
            )
            break
        except RunTimeError as exc:
            problem = f"choice {i} '{cid}': {exc}"
            break
        done.append(cid)
        screens.append(screen(game))
    return Playthrough(story.id, journey, seed, tuple(done), tuple(screens), problem, story.language)


def transcript(p: Playthrough) -> list[str]:
    lines: list[str] = []
    for i, text in enumerate(p.screens):
        if i:
            lines.append(f"> {p.choices[i - 1]}")
        lines += text.split("\n")
    if p.problem:
        lines.append(f"!! the route stops: {p.problem}")
    return lines


def compare(recorded: Playthrough, story: Story) -> tuple[Playthrough, list[str]]:
    """Replay ``recorded``; return the new playthrough and a unified diff (empty when equal)."""
    now = play(story, recorded.journey, recorded.seed, recorded.choices)
    if len(now.choices) < len(recorded.choices) and now.problem is None:  # pragma: no cover
        now = attrs.evolve(now, problem="the route ended early")
    diff = list(
        difflib.unified_diff(transcript(recorded), transcript(now), "recorded", "now", lineterm="", n=3)
    )
    return now, diff


# ---------------------------------------------------------------- files


def dumps(p: Playthrough, path: str = "FILE", story_dir: str | None = None) -> str:
    """The playthrough as TOML, readable and diffable in review.

    Its header gives the commands that replay and re-record it; ``story_dir``
    is the folder they need as ``--story`` (None when replay finds the story
    by itself: the game's own, or a test story under ``tests/stories``).
    """
    command = "relocant replay" + (f" --story {shlex.quote(story_dir)}" if story_dir else "")
    file = shlex.quote(path)
    lang = f" --lang {shlex.quote(p.lang)}" if p.lang else ""
    out = [
        f"# A recorded playthrough: `{command} {file}` checks the story still plays this way.",
        f"# After an intended change, record it again with `{command} --update {file}`, or:",
        f"#   {command} --record {file}{lang} --journey {p.journey} --seed {p.seed} "
        f"--choices {shlex.quote(','.join(p.choices))}",
        f"format = {FORMAT}",
        f"story = {_string(p.story)}",
        *([f"lang = {_string(p.lang)}"] if p.lang else []),
        f"journey = {_string(p.journey)}",
        f"seed = {p.seed}",
        "choices = [" + ", ".join(_string(c) for c in p.choices) + "]",
    ]
    for i, text in enumerate(p.screens):
        out += ["", "[[screen]]"]
        if i:
            out.append(f"after = {_string(p.choices[i - 1])}")
        out.append(f"text = {_multiline(text)}")
    return "\n".join(out) + "\n"


def _string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _multiline(s: str) -> str:
    if "'''" in s or any(ord(ch) < 32 and ch not in "\n\t" for ch in s) or s.endswith("'"):
        return _string(s)
    return "'''\n" + s + "'''"


def loads(text: str, where: str) -> Playthrough:
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ReplayFileError(f"{where}: not valid TOML: {exc}") from None
    if data.get("format") != FORMAT:
        raise ReplayFileError(f"{where}: not a playthrough of format {FORMAT}")
    journey, seed, choices = data.get("journey"), data.get("seed"), data.get("choices")
    screens = data.get("screen", [])
    lang = data.get("lang", "")
    ok = (
        isinstance(journey, str)
        and (lang == "" or is_language(lang))
        and isinstance(seed, int)
        and isinstance(choices, list)
        and all(isinstance(c, str) for c in choices)
        and isinstance(screens, list)
        and all(isinstance(s, dict) and isinstance(s.get("text"), str) for s in screens)
    )
    if not ok:
        raise ReplayFileError(
            f"{where}: needs journey (text), seed (number), choices (texts), [[screen]] text, "
            "and lang, when given, a language code"
        )
    return Playthrough(
        str(data.get("story", "")),
        journey,  # type: ignore[arg-type]
        seed,  # type: ignore[arg-type]
        tuple(choices),  # type: ignore[arg-type]
        tuple(s["text"] for s in screens),
        lang=lang,
    )


def read(path: Path) -> Playthrough:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReplayFileError(f"cannot read {path}: {exc}") from None
    return loads(text, str(path))


def fixture_folder(story_id: str, checkout: Path = paths.CHECKOUT) -> Path | None:
    """``tests/stories/ID`` of a checkout: where playthroughs of test stories find their story."""
    folder = checkout / "tests" / "stories" / story_id
    return folder if is_identifier(story_id) and (folder / "story.toml").is_file() else None


@attrs.frozen
class SavedRoute:
    """The route a save took: its journey, seed and choices, and the scene it began at."""

    journey: str
    seed: int
    choices: tuple[str, ...]
    began_at: str | None  # the first scene, when the save says: not the journey's start after --at


def route_from_save(path: Path) -> SavedRoute:
    """The route of a save file (or of a bare ``Game.to_dict``)."""
    try:
        if not path.is_file():
            raise ReplayFileError(f"{path} is not a file")
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise ReplayFileError(f"{path} is too large to be a save ({path.stat().st_size:,} bytes)")
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ReplayFileError(f"cannot read the save {path}: {exc}") from None
    try:
        game: Any = doc.get("game", doc) if isinstance(doc, dict) else None
        start = game.get("start") if isinstance(game, dict) else None
        began_at = start.get("scene") if isinstance(start, dict) else None
        if isinstance(doc, dict) and isinstance(doc.get("replay"), dict):
            log = doc["replay"]
            journey, seed = str(log["journey"]), int(log["seed"])
            choices = tuple(str(c["choice"]) for c in log["choices"])
        else:
            journey, seed = str(game["start"]["journey"]), int(game["seed"])
            # A step is a row (format 2: scene, choice, …) or a table of the step and its change.
            choices = tuple(str(s[1] if isinstance(s, list) else s["step"]["choice"]) for s in game["steps"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ReplayFileError(f"{path} is not a Relocant save: it has no log of the choices taken") from None
    return SavedRoute(journey, seed, choices, began_at if isinstance(began_at, str) else None)
