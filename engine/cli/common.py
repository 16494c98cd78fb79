"""What several subcommands share: finding and loading the story, and saying what went wrong."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from engine.core.controls import visible
from engine.core.names import suggest
from engine.loading import paths

if TYPE_CHECKING:
    from engine.core.model import Story


def story_named(args: argparse.Namespace) -> str | None:
    """The story folder as given on the command line, if it was."""
    return getattr(args, "story_opt", None) or getattr(args, "story_dir", None)


def story_dir(args: argparse.Namespace) -> Path:
    """The story a command works on: the one named, else the one where you stand, else the game's.

    A story found from where you stand is given relative to there, so the
    files its messages name (``market.toml:12``) open from where you are.
    """
    named = story_named(args)
    if named:
        return Path(named)
    try:
        here = Path.cwd()
    except OSError:
        return paths.default_story_dir()
    found = find_story(here)
    if found is None:
        return paths.default_story_dir()
    try:
        return Path(os.path.relpath(found, here))
    except ValueError:  # another drive
        return found


def find_story(start: Path) -> Path | None:
    """The nearest story folder from ``start`` upwards.

    A folder is a story folder when it holds ``story.toml``; a folder that
    holds ``story/story.toml`` (a checkout, or a project with its story in
    ``story/``) names that. So `relocant check` checks the story you are in.
    """
    for folder in (start, *start.parents):
        for candidate in (folder, folder / "story"):
            try:
                if (candidate / "story.toml").is_file():
                    return candidate
            except OSError:
                continue
    return None


def fail(message: str, hint: str | None = None, out: TextIO | None = None) -> int:
    """Print ``relocant: error: message`` (and a hint) with control characters escaped; return 1."""
    out = out or sys.stderr
    print(f"relocant: error: {visible(message)}", file=out)
    if hint:
        print(f"    hint: {visible(hint)}", file=out)
    return 1


def unknown_journey(story: Story, name: str) -> int:
    """Say there is no journey ``name``, naming those there are; return 1."""
    near = suggest(name, story.journeys)
    return fail(
        f"there is no journey '{name}'; journeys: {', '.join(story.journeys)}",
        f"did you mean `{near}`?" if near else None,
    )


def load_or_report(args: argparse.Namespace, out: TextIO = sys.stderr) -> Story | None:
    """Load the story the arguments name (in ``--lang``, if given); on errors print them all and return None."""
    from engine.frontends.report import load_and_report  # not for the game, which loads behind its title

    return load_and_report(story_dir(args), out, getattr(args, "lang", None))


__all__ = [
    "fail",
    "find_story",
    "load_or_report",
    "story_dir",
    "story_named",
    "unknown_journey",
]
