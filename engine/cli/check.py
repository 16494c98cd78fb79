"""``relocant check``: validate a whole story and report every problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.cli import add_story_argument
from engine.cli.common import print_diagnostics, story_dir
from engine.loading.loader import load


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="check a story for errors and warnings",
        description="Check every file of a story; exit 1 if anything is wrong.",
    )
    add_story_argument(parser)
    parser.add_argument("--errors-only", action="store_true", help="do not report warnings")


def run(args: argparse.Namespace) -> int:
    root = story_dir(args)
    if not root.is_dir():
        print(f"relocant: error: there is no story folder at {root}", file=sys.stderr)
        return 1
    result = load(root)
    shown = result.errors if args.errors_only else result.diagnostics
    print_diagnostics(shown, root, sys.stdout)
    errors, warnings = len(result.errors), len(result.warnings)
    if result.story is not None:
        story = result.story
        summary = (
            f"{len(story.scenes)} scenes, {len(story.journeys)} journey(s), {len(story.endings)} ending(s)"
        )
    else:
        summary = "the story could not be built"
    print(f"{root}: {summary}; {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (warnings and not args.errors_only) else 0
