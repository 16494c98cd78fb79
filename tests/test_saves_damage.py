"""Every kind of damaged save gives a clear message and leaves the game as it was."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from plain_support import plain_player

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


def played(story: Story) -> Game:
    game = Game.start(story, "city", seed=11)
    for choice in ("market", "sim", "work", "home"):
        game.choose(choice)
    return game


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, indent=1), "utf-8")


def set_in(*keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        table: Any = doc
        for key in keys[:-1]:
            table = table[key]
        table[keys[-1]] = value

    return change


def set_row(step: int, field: int, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a field of a step's row (format 2): scene, choice, text, clock, vars, rng, other."""

    def change(doc: dict[str, Any]) -> None:
        row = doc["game"]["steps"][step]
        row += [{}, None, {}][len(row) - 4 :]
        row[field] = value

    return change


def in_format_1(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    """``change`` made to the save written again as an earlier version wrote it (format 1)."""

    def older(doc: dict[str, Any]) -> None:
        doc["format"], doc["game"] = 1, Game.from_dict(load_story(STORY_DIR), doc["game"]).to_dict(1)
        change(doc)

    return older


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[40:48] = b"}}]]{{,,"
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "truncated": (truncate, "is damaged: it is cut short"),
    "corrupt": (garble, "is damaged: it is not valid JSON at line"),
    "not text": (lambda p: p.write_bytes(b"\xff\xfe\x00garbage"), "is damaged: it is not text"),
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "not a save": (lambda p: p.write_text("[1, 2, 3]"), "is not a Relocant save file"),
    "newer format": (
        lambda p: edit(p, set_in("format", value=99)),
        "has save format 99, which this version of Relocant does not read (it reads format 2). "
        "It was written by a newer Relocant",
    ),
    "wrong type": (
        lambda p: edit(p, set_in("game", "start", "vars", "money", value="lots")),
        "'money' should be a whole number",
    ),
    "wrong type in a later step": (
        lambda p: edit(p, set_row(1, 4, {"papers": "sim"})),
        "step 2: 'papers' should be a list of tags",
    ),
    "wrong type in a later step, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 1, "delta", "vars", "papers", value="sim"))),
        "step 2: 'papers' should be a list of tags",
    ),
    "out of range": (
        lambda p: edit(p, set_in("game", "start", "vars", "stress", value=99)),
        "'stress' = 99 is outside 0..10",
    ),
    "unknown tag": (
        lambda p: edit(p, set_row(1, 4, {"papers": ["passport"]})),
        "'papers' holds unknown tags: passport",
    ),
    "unknown tag, format 1": (
        lambda p: edit(
            p, in_format_1(set_in("game", "steps", 1, "delta", "vars", "papers", value=["passport"]))
        ),
        "'papers' holds unknown tags: passport",
    ),
    "scene gone": (
        lambda p: edit(p, set_row(3, 0, "lobby")),
        "the scene 'lobby' is not in this story",
    ),
    "scene gone, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 3, "delta", "scene", value="lobby"))),
        "the scene 'lobby' is not in this story",
    ),
    "variable undeclared": (
        lambda p: edit(p, set_in("game", "start", "vars", "ghost", value=1)),
        "the variable 'ghost' is not declared by this story",
    ),
    "another story": (
        lambda p: edit(p, set_in("story", "id", value="other")),
        "belongs to the story 'other', not to 'saves_loop'",
    ),
    "missing field": (
        lambda p: edit(p, lambda d: d["story"].pop("fingerprint")),
        "is damaged: 'story.fingerprint' is missing",
    ),
    "a later step's number out of range": (
        lambda p: edit(p, set_row(2, 4, {"stress": 11})),
        "step 3: 'stress' = 11 is outside 0..10",
    ),
    "a later step's number out of range, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 2, "delta", "vars", "stress", value=11))),
        "step 3: 'stress' = 11 is outside 0..10",
    ),
    "a later step's flag a number": (
        lambda p: edit(p, set_row(2, 4, {"lucky": 1})),
        "step 3: 'lucky' should be true or false",
    ),
    "a later step's flag a number, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 2, "delta", "vars", "lucky", value=1))),
        "step 3: 'lucky' should be true or false",
    ),
    "a later step's visit to a scene gone": (
        lambda p: edit(p, set_row(2, 6, {"visits": {"lobby": 1}})),
        "step 3: visits: the scene 'lobby' is not in this story",
    ),
    "a later step's visit to a scene gone, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 2, "delta", "visits", value={"lobby": 1}))),
        "step 3: visits: the scene 'lobby' is not in this story",
    ),
    "a later step's visits not a count": (
        lambda p: edit(p, set_row(2, 6, {"visits": {"flat": -1}})),
        "step 3: visits: 'flat' is not a count",
    ),
    "a later step's visits not a count, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 2, "delta", "visits", value={"flat": -1}))),
        "step 3: visits: 'flat' is not a count",
    ),
    "a later step's visits not a table": (
        lambda p: edit(p, set_row(2, 6, {"visits": [1]})),
        "step 3: visits is not a table",
    ),
    "a later step's visits not a table, format 1": (
        lambda p: edit(p, in_format_1(set_in("game", "steps", 2, "delta", "visits", value=[1]))),
        "step 3: visits is not a table",
    ),
    "a log entry not a table": (
        lambda p: edit(p, set_in("replay", "choices", 2, value=["flat", "market"])),
        "is damaged: choice 3 of its log is not a scene and a choice",
    ),
    "a log entry without its choice": (
        lambda p: edit(p, lambda d: d["replay"]["choices"][1].pop("choice")),
        "is damaged: choice 2 of its log is not a scene and a choice",
    ),
    "a log entry's scene a number": (
        lambda p: edit(p, set_in("replay", "choices", 0, "scene", value=5)),
        "is damaged: choice 1 of its log is not a scene and a choice",
    ),
    "bad play time": (
        lambda p: edit(p, set_in("play_seconds", value=-5)),
        "is damaged: its play time -5 is not a duration",
    ),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_save_is_refused_with_a_clear_message(story: Story, tmp_path: Path, kind: str) -> None:
    damage, message = DAMAGE[kind]
    store = SaveStore(tmp_path)
    store.save("trip", played(story), 10)
    damage(store.path("trip"))
    with pytest.raises(SaveError) as info:
        store.load("trip", story)
    text = str(info.value)
    assert "'trip" in text
    assert message in text
    assert "Traceback" not in text


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_the_running_game_is_unchanged_when_a_load_fails(story: Story, tmp_path: Path, kind: str) -> None:
    damage, message = DAMAGE[kind]
    store = SaveStore(tmp_path)
    store.save("trip", played(story), 10)
    damage(store.path("trip"))
    current = Game.start(story, "road", seed=2)
    current.choose("work")
    before = current.to_dict()
    out = io.StringIO()
    player = plain_player(current, out, store)
    player.handle("load trip")
    assert player.game is current
    assert current.to_dict() == before
    assert message in out.getvalue()
    assert "Traceback" not in out.getvalue()


def test_a_damaged_save_still_shows_in_the_list(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.save("good", played(story), 1)
    store.save("bad", played(story), 1)
    truncate(store.path("bad"))
    lines = {m.slot: m.describe() for m in store.list()}
    assert lines["bad"] == "bad — cannot be read: damaged: it is cut short (the file ends too early)"
    assert "The flat" in lines["good"]


def test_the_previous_version_is_offered_and_restored(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    first = played(story)
    store.save("trip", first, 1)
    second = played(story)
    second.choose("office")
    store.save("trip", second, 2)
    truncate(store.path("trip"))
    with pytest.raises(SaveError, match=r"previous version is kept: `relocant saves restore \"trip\"`"):
        store.load("trip", story)
    store.restore("trip")
    assert store.load("trip", story).game.to_dict() == first.to_dict()


def test_load_newest_skips_a_damaged_newest_save_and_says_so(story: Story, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    older = played(story)
    store.save("older", older, 1)
    store.save("newer", played(story), 2)
    garble(store.path("newer"))
    loaded = store.load_newest(story)
    assert loaded is not None
    assert loaded.meta.slot == "older"
    assert loaded.game.to_dict() == older.to_dict()
    assert "The save 'newer' is damaged" in loaded.notices[0]
    assert "Continuing from 'older' instead." in loaded.notices[0]
