"""What several subcommands share: finding and loading the story."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from engine.core.model import Story
from engine.frontends.report import load_and_report, print_diagnostics
from engine.loading import paths


def story_dir(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "story_opt", None) or getattr(args, "story_dir", None)
    return Path(chosen) if chosen else paths.default_story_dir()


def load_or_report(args: argparse.Namespace, out: TextIO = sys.stderr) -> Story | None:
    """Load the story the arguments name; on errors print them all and return None."""
    return load_and_report(story_dir(args), out)


__all__ = ["load_and_report", "load_or_report", "print_diagnostics", "story_dir"]
