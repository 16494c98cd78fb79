"""``relocant graph``: draw the story's scenes and choices (DOT, Mermaid or SVG)."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from engine.cli import add_story_argument
from engine.cli.common import fail, load_or_report, unknown_journey
from engine.tools.graph import to_dot, to_mermaid

INSTALL_HINT = (
    "relocant: error: --format svg needs Graphviz's `dot`, which is not installed.\n"
    "  Install it with `sudo apt-get install graphviz` (Debian, Ubuntu) or `brew install graphviz` "
    "(macOS),\n  or write DOT and convert it elsewhere: relocant graph --format dot > story.dot"
)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "graph",
        help="draw the story as a graph (dot, mermaid or svg)",
        description="Write the story's scenes (grouped by journey, endings marked) and choices "
        "(labelled with their text and conditions) as Graphviz DOT, Mermaid or SVG.",
    )
    add_story_argument(parser)
    parser.add_argument("--format", choices=("dot", "mermaid", "svg"), default="dot", help="default: dot")
    parser.add_argument("--journey", metavar="J", help="draw only this journey (and where it leads out)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    only = args.journey
    if only is not None and only not in story.journeys:
        return unknown_journey(story, only)
    if args.format == "mermaid":
        data = to_mermaid(story, only).encode("utf-8")
    elif args.format == "dot":
        data = to_dot(story, only).encode("utf-8")
    else:
        dot = shutil.which("dot")
        if dot is None:
            print(INSTALL_HINT, file=sys.stderr)
            return 1
        done = subprocess.run([dot, "-Tsvg"], input=to_dot(story, only).encode("utf-8"), capture_output=True)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            return fail(
                f"Graphviz could not draw the graph: {message}",
                "write DOT instead and look at it: relocant graph --format dot > story.dot",
            )
        data = done.stdout
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror or exc}", "choose another -o FILE")
        return 0
    sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(data.decode())
    sys.stdout.flush()
    return 0
