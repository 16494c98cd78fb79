"""``relocant check``: validate a whole story and report every problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.cli import add_story_argument
from engine.cli.common import fail, story_dir, story_named
from engine.core.controls import visible
from engine.frontends.report import NO_FOLDER_HINT, print_diagnostics
from engine.loading.loader import load
from engine.loading.translations import Counts


def coverage_line(lang: str, counts: Counts) -> str:
    """``ru: 1,200 of 1,500 strings translated (78.0% of the words), 3 stale, 297 missing``."""
    return (
        f"{lang}: {counts.translated:,} of {counts.strings:,} strings translated "
        f"({counts.percent:.1f}% of the words), {counts.stale:,} stale, {counts.missing:,} missing"
    )


DESCRIPTION = """\
Check every file of a story and report every error and warning, each with its
file, line and a hint. A story with errors cannot be played; a warning (a scene
no journey reaches, a variable never used) is worth fixing but does not stop
play."""
EXIT_CODES = """\
exit status:
  0  no errors (warnings are reported, and fail only with --strict)
  1  errors in the story; with --strict, warnings too; or no story folder there
  2  the command line was wrong"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="check a story for errors and warnings",
        description=DESCRIPTION,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_story_argument(parser)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--errors-only", action="store_true", help="do not report warnings")
    which.add_argument("--strict", action="store_true", help="exit 1 on warnings too (for CI)")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="check the story's string tables for LANG too (translations/LANG/: missing, stale and "
        "orphan entries, markup left out; docs/translating.md)",
    )


def run(args: argparse.Namespace) -> int:
    root = story_dir(args)
    if not root.is_dir():
        return fail(f"there is no story folder at {root}", NO_FOLDER_HINT)
    result = load(root, args.lang)
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
    if result.coverage is not None:
        summary += f"; {coverage_line(result.coverage.language, result.coverage.total)}"
    folder = root if story_named(args) else root.resolve()  # say which story was found
    print(f"{visible(str(folder))}: {summary}; {errors} error(s), {warnings} warning(s)")
    return 1 if errors or (warnings and args.strict) else 0
