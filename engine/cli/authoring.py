"""``relocant play --plain --at SCENE --set NAME=VALUE``: start anywhere with any state."""

from __future__ import annotations

import argparse

from engine.cli.common import fail
from engine.core.diagnostics import RunTimeError
from engine.core.game import Game
from engine.core.model import Story
from engine.core.names import suggest
from engine.tools.overrides import OverrideError, parse_settings


def game_at(story: Story, args: argparse.Namespace) -> Game | None:
    """The game the author asked for, or None after saying what is wrong."""
    if not args.at:
        fail(
            "--set needs --at SCENE (the scene to start at)",
            "relocant play --plain --at SCENE --set NAME=VALUE",
        )
        return None
    if args.at not in story.scenes:
        near = suggest(args.at, story.scenes)
        if near:
            fail(f"there is no scene '{args.at}'; did you mean '{near}'?")
        else:
            fail(
                f"there is no scene '{args.at}'",
                "a scene's id is the `id = ` line of its [[scene]]; `relocant graph` lists them all",
            )
        return None
    try:
        values = parse_settings(story, args.set)
    except OverrideError as exc:
        fail(f"--set {exc}")
        return None
    try:
        return Game.at_scene(story, args.at, values, seed=args.seed or 0)
    except RunTimeError as exc:
        fail(str(exc))
        return None
