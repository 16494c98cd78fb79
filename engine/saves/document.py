"""The save file's layout: one JSON document, indented so a person can read it.

It holds the game (``Game.to_dict``), the story it was played on (id, version,
fingerprint), the choice log with the seed so the game can be rebuilt by
replaying it on a changed story, and what a load screen shows.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from engine.game import Game
from engine.saves.errors import SaveError, SaveMeta

FORMAT = 1  # the version of this layout
KIND = "relocant save"


def build(slot: str, game: Game, play_seconds: float) -> dict[str, Any]:
    story = game.story
    state = game.state
    journey = story.journeys.get(state.journey)
    scene = story.scenes[state.scene]
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
        "replay": {
            "journey": game.states[0].journey,
            "seed": game.seed,
            "choices": [{"scene": s.scene, "choice": s.choice} for s in game.steps],
        },
        "game": game.to_dict(),
    }


def encode(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def decode(slot: str, data: bytes) -> dict[str, Any]:
    """Parse and check the layout (not yet the game): raise SaveError naming the problem."""
    if not data.strip():
        raise SaveError(f"The save '{slot}' is empty: the file holds nothing.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"The save '{slot}' is damaged: it is not text.") from None
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(data.rstrip()) - 1
        what = "cut short (the file ends too early)" if cut else f"not valid JSON at line {exc.lineno}"
        raise SaveError(f"The save '{slot}' is damaged: it is {what}.") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise SaveError(f"The save '{slot}' is not a Relocant save file.")
    version = doc.get("format")
    if version != FORMAT:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT
        hint = " It was written by a newer Relocant; update the game to load it." if newer else ""
        raise SaveError(
            f"The save '{slot}' has save format {version!r}, which this version of Relocant "
            f"does not read (it reads format {FORMAT}).{hint}"
        )
    _check(slot, doc, "story", dict)
    for key in ("id", "version", "fingerprint"):
        _check(slot, doc["story"], key, str, where="story")
    _check(slot, doc, "meta", dict)
    for key in ("journey", "journey_title", "scene_id", "scene_title"):
        _check(slot, doc["meta"], key, str, where="meta")
    _check(slot, doc["meta"], "clock", int, where="meta")
    _check(slot, doc, "saved_at", str)
    _check(slot, doc, "play_seconds", (int, float))
    seconds = doc["play_seconds"]
    if not math.isfinite(seconds) or seconds < 0:
        raise SaveError(f"The save '{slot}' is damaged: its play time {seconds!r} is not a duration.")
    _check(slot, doc, "replay", dict)
    _check(slot, doc["replay"], "journey", str, where="replay")
    _check(slot, doc["replay"], "seed", int, where="replay")
    _check(slot, doc["replay"], "choices", list, where="replay")
    for i, entry in enumerate(doc["replay"]["choices"], 1):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("scene"), str)
            and isinstance(entry.get("choice"), str)
        ):
            raise SaveError(
                f"The save '{slot}' is damaged: choice {i} of its log is not a scene and a choice."
            )
    if "game" not in doc:
        raise SaveError(f"The save '{slot}' is damaged: it has no game in it.")
    return doc


def _check(slot: str, table: dict[str, Any], key: str, kind: Any, where: str = "") -> None:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, kind):
        name = f"{where}.{key}" if where else key
        problem = "is missing" if key not in table else "has a value of the wrong type"
        raise SaveError(f"The save '{slot}' is damaged: '{name}' {problem}.")


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
