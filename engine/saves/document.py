"""The save file's layout: one JSON document, indented so a person can read it.

It holds the game (``Game.to_dict``), the story it was played on (id, version,
fingerprint), the choice log with the seed so the game can be rebuilt by
replaying it on a changed story, and what a load screen shows.
"""

from __future__ import annotations

import json
import math
import weakref
from datetime import datetime
from typing import Any

import orjson

from engine.core import calendar
from engine.core.game import FORMAT as GAME_FORMAT
from engine.core.game import Game
from engine.core.state import OUTSIDE_THE_CALENDAR, state_to_dict, step_row
from engine.present.catalogs import N_
from engine.saves.errors import (
    NESTED_TOO_DEEPLY,
    DamagedSave,
    EmptySave,
    NotASave,
    SaveMeta,
    UnknownFormat,
)

FORMAT = 2  # the version of this layout: 2 holds a format-2 game (a row a step); 1 is still read
FORMATS = (1, 2)
KIND = "relocant save"


def build(slot: str, game: Game, play_seconds: float, lines: StepLines | None = None) -> dict[str, Any]:
    """The document for ``game``; ``lines`` keeps the encoded steps from one save to the next."""
    story = game.story
    state = game.state
    journey = story.journeys.get(state.journey)
    scene = story.scenes[state.scene]
    choices, steps = (lines or StepLines()).rows(game)
    return {
        "kind": KIND,
        "format": FORMAT,
        "slot": slot,
        "saved_at": datetime.now().astimezone().isoformat(timespec="microseconds"),
        "play_seconds": round(max(0.0, float(play_seconds)), 3),
        "story": {"id": story.id, "version": story.version, "fingerprint": story.fingerprint},
        "meta": {
            "journey": state.journey,
            "journey_title": journey.title if journey else state.journey,
            "scene_id": state.scene,
            "scene_title": scene.title,
            "clock": state.clock,
        },
        "replay": {"journey": game.states[0].journey, "seed": game.seed, "choices": choices},
        # What Game.to_dict gives, with each step already encoded (tests hold the two equal).
        "game": {
            "format": GAME_FORMAT,
            "seed": game.seed,
            "start": state_to_dict(game.states[0]),
            "steps": steps,
        },
    }


class Encoded(list[str]):
    """A list whose items are already JSON text, one per line in the file."""


class StepLines:
    """Each step's JSON, kept while its states live: an autosave after every choice
    then encodes only the new step, not the whole history again."""

    def __init__(self) -> None:
        self._rows: dict[int, tuple[weakref.ref[Any], weakref.ref[Any], weakref.ref[Any], str, str]] = {}

    def rows(self, game: Game) -> tuple[Encoded, Encoded]:
        choices, steps = Encoded(), Encoded()
        states = game.states  # read by index: a loaded game keeps what it makes of its past
        for i, step in enumerate(game.steps):
            before, after = states[i], states[i + 1]
            hit = self._rows.get(id(after))
            if hit is None or hit[0]() is not step or hit[1]() is not before or hit[2]() is not after:
                hit = (
                    weakref.ref(step),
                    weakref.ref(before),
                    weakref.ref(after),
                    _compact({"scene": step.scene, "choice": step.choice}),
                    _compact(step_row(step, before, after)),
                )
                self._rows[id(after)] = hit
            choices.append(hit[3])
            steps.append(hit[4])
        if len(self._rows) > 2 * len(game.steps) + 64:  # forget steps undone or of other games
            live = {id(s) for s in game.states}
            self._rows = {k: v for k, v in self._rows.items() if k in live}
        return choices, steps


def encode(doc: dict[str, Any]) -> bytes:
    """Indented for reading, except that each step and each logged choice takes one line.

    Python's fast (C) JSON encoder works only without indentation, so the
    outer levels are laid out here and the many small values below them are
    encoded compactly; a 1,000-step save is written several times faster.
    """
    return (_layout(doc, 0) + "\n").encode("utf-8")


_COMPACT_BELOW = 3  # nesting depth from which values are written on one line
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _layout(value: Any, depth: int) -> str:
    if isinstance(value, Encoded):
        if not value:
            return "[]"
        pad = " " * (depth + 1)
        return "[\n" + ",\n".join(pad + row for row in value) + "\n" + " " * depth + "]"
    if depth >= _COMPACT_BELOW or not isinstance(value, dict | list) or not value:
        return _compact(value)
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        rows = [f"{pad}{_compact(str(k))}: {_layout(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(rows) + "\n" + " " * depth + "}"
    rows = [pad + _layout(v, depth + 1) for v in value]
    return "[\n" + ",\n".join(rows) + "\n" + " " * depth + "]"


def decode(slot: str, data: bytes) -> dict[str, Any]:
    """Parse and check the layout (not yet the game): raise an UnreadableSave naming the problem."""
    if not data.strip():
        raise EmptySave(slot)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DamagedSave(slot, N_("it is not text")) from None
    if not text.lstrip().startswith("{"):
        raise NotASave(slot)  # every save is one JSON table; this file is something else
    try:
        doc = parse(data, text)
    except json.JSONDecodeError as exc:
        if not text.rstrip().endswith("}"):  # a whole save always ends its outer table
            raise DamagedSave(slot, N_("it is cut short (the file ends too early)")) from None
        raise DamagedSave(
            slot, N_("it is not valid JSON at line {line}"), f"line {exc.lineno}", line=exc.lineno
        ) from None
    except RecursionError:
        raise DamagedSave(slot, NESTED_TOO_DEEPLY) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise DamagedSave(slot, N_("a number in it is too long to be a save's")) from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise NotASave(slot)
    version = doc.get("format")
    if version not in FORMATS or type(version) is not int:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT
        raise UnknownFormat(slot, shown(version), newer, FORMAT)
    _check(slot, doc, "story", dict)
    for key in ("id", "version", "fingerprint"):
        _check(slot, doc["story"], key, str, where="story")
    _check(slot, doc, "meta", dict)
    for key in ("journey", "journey_title", "scene_id", "scene_title"):
        _check(slot, doc["meta"], key, str, where="meta")
    _check(slot, doc["meta"], "clock", int, where="meta")
    if not clock_fits(doc["meta"]["clock"]):
        raise DamagedSave(slot, OUTSIDE_THE_CALENDAR, "meta.clock")
    _check(slot, doc, "saved_at", str)
    _check(slot, doc, "play_seconds", (int, float))
    seconds = doc["play_seconds"]
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_PLAY_SECONDS:
        raise DamagedSave(
            slot, N_("its play time {seconds} is not a duration"), "play_seconds", seconds=shown(seconds)
        )
    _check(slot, doc, "replay", dict)
    _check(slot, doc["replay"], "journey", str, where="replay")
    _check(slot, doc["replay"], "seed", int, where="replay")
    _check(slot, doc["replay"], "choices", list, where="replay")
    log = doc["replay"]["choices"]
    if not _plain_log(log):
        for i, entry in enumerate(log, 1):
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("scene"), str)
                and isinstance(entry.get("choice"), str)
            ):
                raise DamagedSave(
                    slot,
                    N_("choice {number} of its log is not a scene and a choice"),
                    f"replay.choices[{i}]",
                    number=i,
                )
    if "game" not in doc:
        raise DamagedSave(slot, N_("it has no game in it"), "game")
    return doc


def _plain_log(choices: list[Any]) -> bool:
    """Whether every entry of the choice log is a table of a scene and a choice, as JSON
    makes them: told at a third less cost than by the loop that names a bad one."""
    try:
        for entry in choices:
            if type(entry["scene"]) is not str or type(entry["choice"]) is not str or type(entry) is not dict:
                return False
    except (KeyError, TypeError, IndexError):
        return False
    return True


def parse(data: bytes, text: str) -> Any:
    """The JSON document in ``data`` (``text`` is the same, decoded), as ``json.loads`` reads it.

    orjson parses a long save in half the time of ``json``, and gives the same
    values for every document it accepts, except an integer beyond 64 bits,
    which it turns into a float. So a file with none (:func:`wide_integers`)
    is parsed by orjson; anything orjson refuses (NaN, Infinity, a lone
    surrogate, nesting past 1,024, broken JSON) or that holds such an integer
    is parsed by ``json``, whose reading and errors a save's messages follow.
    """
    if not wide_integers(data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


# Digits and the minus sign as "#", so an integer in the text is a run of "#"
# (a number in JSON is never next to a digit or a "-" that is not its own).
_NUMBER_BYTES = bytes(0x23 if 0x30 <= b <= 0x39 or b == 0x2D else b for b in range(256))
_LARGEST_U64 = b"18446744073709551615"  # 2**64 - 1, 20 characters
_SMALLEST_I64 = b"-9223372036854775808"  # -(2**63), 20 characters


def wide_integers(data: bytes) -> bool:
    """Whether the JSON text may hold an integer outside -2**63 .. 2**64 - 1.

    Such an integer takes at least 20 characters: any run of 21 digits
    (and minus signs) is taken for one, and a run of 20 is compared, as text,
    with the limit of its sign. Digits in a string may be taken for one too:
    that costs only the slower parse.
    """
    runs = data.translate(_NUMBER_BYTES)
    if b"#" * 21 in runs:
        return True
    at = runs.find(b"#" * 20)
    while at >= 0:
        run = data[at : at + 20]
        if run > (_SMALLEST_I64 if run[0] == 0x2D else _LARGEST_U64):
            return True
        at = runs.find(b"#" * 20, at + 20)
    return False


MAX_PLAY_SECONDS = 100 * 365 * 24 * 3600  # a century of play: more is a damaged number


def clock_fits(minutes: int) -> bool:
    """Whether a game time can be shown as a date (years 1 to 9999)."""
    return calendar.FIRST_CLOCK <= minutes <= calendar.LAST_CLOCK


def shown(value: Any) -> str:
    """A value from a file, short, for a message: a table or list is named, not printed."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _check(slot: str, table: dict[str, Any], key: str, kind: Any, where: str = "") -> None:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        name = f"{where}.{key}" if where else key
        problem = (
            N_("'{name}' is missing") if key not in table else N_("'{name}' has a value of the wrong type")
        )
        raise DamagedSave(slot, problem, name, name=name)


def meta_of(slot: str, doc: dict[str, Any]) -> SaveMeta:
    """The load-screen line of a decoded document, as the file states it."""
    m = doc["meta"]
    return SaveMeta(
        slot=slot,
        journey=m["journey"],
        journey_title=m["journey_title"],
        scene_id=m["scene_id"],
        scene_title=m["scene_title"],
        clock=m["clock"],
        saved_at=doc["saved_at"],
        play_seconds=float(doc["play_seconds"]),
        story_version=doc["story"]["version"],
        story_id=doc["story"]["id"],
    )


def saved_moment(meta: SaveMeta) -> float:
    """The save's real time as a number to sort by; damaged times sort last."""
    try:
        return datetime.fromisoformat(meta.saved_at).timestamp()
    except (ValueError, OverflowError, OSError):
        return float("-inf")
