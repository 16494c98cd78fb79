"""Moving a game onto an edited story: what live reload shares in every front end.

A front end notices that the files changed (:func:`snapshot`), loads the
story again, and calls :func:`move_game`, which keeps the game's state and
position, or the nearest earlier step whose scene still exists.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.core.game import Game
from engine.core.model import Story
from engine.core.state import StateError
from engine.saves.document import build, encode
from engine.saves.errors import SaveError
from engine.saves.migrate import rebuild

Snapshot = dict[Path, int]


def snapshot(root: Path) -> Snapshot:
    out: Snapshot = {}
    for path in root.rglob("*.toml"):
        try:
            out[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return out


def move_game(game: Game, story: Story) -> tuple[Game, list[str]]:
    """The game on the new story version, and notices of what had to change."""
    try:
        return Game.from_dict(story, game.to_dict()), []
    except StateError:
        pass
    try:
        # The document holds its steps pre-encoded for writing; read it back as a save would be.
        rebuilt = rebuild("live", story, json.loads(encode(build("live", game, 0.0))))
    except SaveError:
        return _cut_back(game, story)
    return rebuilt.game, rebuilt.notices


def _cut_back(game: Game, story: Story) -> tuple[Game, list[str]]:
    data = game.to_dict()
    steps = data["steps"]
    for keep in range(len(steps), -1, -1):
        try:
            moved = Game.from_dict(story, {**data, "steps": steps[:keep]})
        except StateError:
            continue
        return moved, [f"Moved back {len(steps) - keep} step(s) to a scene that still exists."]
    raise StateError("no step of this game fits the edited story")
