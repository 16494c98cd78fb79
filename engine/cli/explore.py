"""``relocant explore``: play a story automatically and report its coverage."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from engine.cli import add_story_argument
from engine.cli.common import fail, load_or_report, story_dir, unknown_journey
from engine.tools import toolcache
from engine.tools.explore import Found, Report, explore_exhaustive, explore_random

DEFAULT_PER_SCENE = 1_000
DEFAULT_THEN_RANDOM = 2_000


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "explore",
        help="play the story automatically and report what is never reached or breaks",
        description="Walk every reachable state (or, with --random N, play N random playthroughs) and "
        "report unreached scenes and endings, choices never enabled or taken, run-time errors with "
        "the choices that lead to them, loops with no way out, and variables that hit their min or "
        "max. Exit 1 when it finds an error.",
    )
    add_story_argument(parser)
    parser.add_argument("--random", type=int, metavar="N", help="play N random playthroughs instead")
    parser.add_argument("--seed", type=int, default=0, help="the seed (default 0): same seed, same run")
    parser.add_argument("--journey", action="append", metavar="J", help="only this journey (repeatable)")
    parser.add_argument(
        "--max-states", type=int, default=200_000, metavar="N", help="stop after N distinct states"
    )
    parser.add_argument(
        "--max-per-scene",
        type=int,
        default=DEFAULT_PER_SCENE,
        metavar="N",
        help=f"keep at most N distinct states at any one scene (default {DEFAULT_PER_SCENE:,})",
    )
    parser.add_argument(
        "--max-steps", type=int, default=1_000, metavar="N", help="follow no path longer than N choices"
    )
    parser.add_argument(
        "--then-random",
        type=int,
        default=DEFAULT_THEN_RANDOM,
        metavar="N",
        help="when a bound cuts the walk, play N random playthroughs to look further "
        f"(default {DEFAULT_THEN_RANDOM:,}; 0: none)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--cache", metavar="FILE", help="where to keep the results for `relocant stats`")
    parser.add_argument("--no-cache", action="store_true", help="do not keep the results")


class Bar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, out: TextIO, label: str) -> None:
        self.out = out
        self.label = label
        self.active = out.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        width = 30
        filled = min(width, width * done // total)
        self.out.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        self.out.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.out.write("\r" + " " * 79 + "\r")
            self.out.flush()


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    if args.then_random < 0:
        return fail("--then-random must be 0 or more", "0 plays no random playthroughs after the walk")
    for name in ("random", "max_states", "max_steps", "max_per_scene"):
        value = getattr(args, name)
        if value is not None and value < 1:
            return fail(f"--{name.replace('_', '-')} must be at least 1")
    for journey in args.journey or ():
        if journey not in story.journeys:
            return unknown_journey(story, journey)
    bar = Bar(sys.stderr, "exploring")
    try:
        if args.random:
            report = explore_random(story, args.random, args.journey, args.seed, args.max_steps, bar)
        else:
            report = explore_exhaustive(
                story,
                args.journey,
                args.seed,
                max_states=args.max_states,
                max_steps=args.max_steps,
                progress=bar,
                max_per_scene=args.max_per_scene,
                then_random=args.then_random,
            )
    finally:
        bar.close()
    if not args.no_cache:
        explicit = Path(args.cache) if args.cache else None
        if toolcache.write(story_dir(args), toolcache.EXPLORE, report.to_dict(), explicit) is None:
            print(
                "relocant: warning: could not write the explore cache, so `relocant stats` will not "
                "show these visits; pass --cache FILE for somewhere writable, or --no-cache",
                file=sys.stderr,
            )
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    return 1 if report.has_errors else 0


def format_report(r: Report) -> str:
    if r.mode != "exhaustive":
        how = f"with random playthroughs (seed {r.seed})"
    else:  # "exhaustively" only when no bound cut the walk: a cut walk is partial
        how = "exhaustively" if r.complete else "state by state, until a bound stopped it"
    unit = "distinct states" if r.mode == "exhaustive" else "positions"
    lines = [
        f"Explored '{r.story_id}' {how}: journeys {', '.join(r.journeys)}; "
        f"{r.states:,} {unit}, {r.steps:,} choices taken in {r.seconds:.1f} s."
    ]
    if not r.complete:
        bounds = ", ".join(f"--{b}" for b in r.cut_by)
        then = (
            f" {r.random_runs:,} random playthroughs then looked further, and what they reached counts."
            if r.random_runs
            else ""
        )
        lines.append(
            f"The walk was cut by a bound ({bounds}).{then} What follows is partial: a scene or choice "
            "reported unreached may yet be reachable. Raise the bound to look further."
        )
    if r.errors:
        lines += ["", "Errors:"]
        lines += [_found(f) for f in r.errors]
    warnings = [f"  scene never reached: {s}" for s in r.unreached_scenes]
    warnings += [f"  ending never reached: {s}" for s in r.unreached_endings]
    warnings += [f"  choice never enabled: {c}" for c in r.never_enabled]
    warnings += [f"  choice never taken: {c}" for c in r.never_taken]
    warnings += [_found(f) for f in r.warnings]
    if warnings:
        lines += ["", "Warnings:", *warnings]
    if r.path_lengths:
        mean = sum(r.path_lengths) / len(r.path_lengths)
        lines += [
            "",
            f"{len(r.path_lengths):,} playthrough(s) ended, in {min(r.path_lengths)}–"
            f"{max(r.path_lengths)} choices (mean {mean:.1f}).",
        ]
    count = len(warnings)
    lines += ["", f"{len(r.errors)} error(s), {count} warning(s)."]
    return "\n".join(lines)


def _found(f: Found) -> str:
    label = "last choices" if f.kind == "unfinished" else "path"
    path = ", ".join(f.path) if f.path else "(at the start)"
    return f"  {f.message}\n    {label} ({f.journey}): {path}"
