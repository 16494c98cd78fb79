"""What several subcommands share: finding and loading the story."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from engine import paths
from engine.diagnostics import Diagnostic
from engine.loader import LoadResult, load
from engine.model import Story


def story_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "story_opt", None) or getattr(args, "story_dir", None)
    return Path(chosen) if chosen else paths.default_story_dir()


def print_diagnostics(diagnostics: list[Diagnostic], root: Path, out: TextIO) -> None:
    for d in diagnostics:
        print(d.format(root), file=out)


def load_or_report(args: argparse.Namespace, out: TextIO = sys.stderr) -> Story | None:
    """Load the story the arguments name; on errors print them all and return None."""
    return load_and_report(story_dir(args), out)


def load_and_report(root: Path, out: TextIO = sys.stderr) -> Story | None:
    """Load the story in ``root``; on errors print them all (never a traceback) and return None."""
    if not root.is_dir():
        print(f"relocant: error: there is no story folder at {root}", file=out)
        return None
    result: LoadResult = load(root)
    if result.story is None:
        print_diagnostics(result.errors, root, out)
        print(
            f"relocant: the story in {root} has {len(result.errors)} error(s); "
            f"run `relocant check {root}` for the full report.",
            file=out,
        )
        return None
    return result.story
