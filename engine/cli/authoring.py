"""``relocant play --plain --at SCENE --set NAME=VALUE``: start anywhere with any state."""

from __future__ import annotations

import argparse
import sys

from engine.core.diagnostics import RunTimeError
from engine.core.game import Game
from engine.core.model import Story
from engine.core.names import suggest
from engine.tools.overrides import OverrideError, parse_settings


def game_at(story: Story, args: argparse.Namespace) -> Game | None:
    """The game the author asked for, or None after saying what is wrong."""
    if not args.at:
        print("relocant: error: --set needs --at SCENE (the scene to start at)", file=sys.stderr)
        return None
    if args.at not in story.scenes:
        near = suggest(args.at, story.scenes)
        hint = f"; did you mean '{near}'?" if near else ""
        print(f"relocant: error: there is no scene '{args.at}'{hint}", file=sys.stderr)
        return None
    try:
        values = parse_settings(story, args.set)
    except OverrideError as exc:
        print(f"relocant: error: --set {exc}", file=sys.stderr)
        return None
    try:
        return Game.at_scene(story, args.at, values, seed=args.seed or 0)
    except RunTimeError as exc:
        print(f"relocant: error: {exc}", file=sys.stderr)
        return None
