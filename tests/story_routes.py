"""Reading the scripted routes in tests/routes/ (one [[route]] per ending), and playing them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tomli

from engine.core.game import Game
from engine.core.model import Story

ROUTES = Path(__file__).resolve().parent / "routes"


def all_routes() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(ROUTES.glob("*.toml")):
        for route in tomli.loads(path.read_text(encoding="utf-8")).get("route", []):
            out.append({**route, "file": path.name})
    return out


def played(story: Story, random_runs: int) -> Iterator[Game]:
    """The game at every moment of the scripted routes, then of ``random_runs`` seeded random
    playthroughs of each journey. Read each moment before taking the next: the game moves on."""
    for route in all_routes():
        game = Game.start(story, route["journey"], seed=route.get("seed", 1))
        yield game
        for choice in route["choices"]:
            game.choose(choice)
            yield game
    rng = random.Random(12)
    for journey in story.journeys:
        for run in range(random_runs):
            game = Game.start(story, journey, seed=run)
            for _ in range(200):
                yield game
                open_ = [c for c in game.view().choices if c.enabled]
                if game.is_over or not open_:
                    break
                game.choose(rng.choice(open_).id)
