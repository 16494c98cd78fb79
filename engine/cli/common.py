"""What several subcommands share: finding and loading the story."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from engine.core.controls import visible
from engine.core.model import Story
from engine.frontends.report import load_and_report, print_diagnostics
from engine.loading import paths


def story_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "story_opt", None) or getattr(args, "story_dir", None)
    return Path(chosen) if chosen else paths.default_story_dir()


def fail(message: str, hint: str | None = None, out: TextIO | None = None) -> int:
    """Print ``relocant: error: message`` (and a hint) with control characters escaped; return 1."""
    out = out or sys.stderr
    print(f"relocant: error: {visible(message)}", file=out)
    if hint:
        print(f"    hint: {visible(hint)}", file=out)
    return 1


def load_or_report(args: argparse.Namespace, out: TextIO = sys.stderr) -> Story | None:
    """Load the story the arguments name; on errors print them all and return None."""
    return load_and_report(story_dir(args), out)


__all__ = ["fail", "load_and_report", "load_or_report", "print_diagnostics", "story_dir"]
