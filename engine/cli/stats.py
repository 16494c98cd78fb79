"""``relocant stats``: size, reading time, longest route and the last explore's visits."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from engine.cli import add_story_argument
from engine.cli.common import fail, load_or_report, story_dir
from engine.core.controls import visible
from engine.loading.loader import load
from engine.loading.translations import Coverage
from engine.tools import toolcache
from engine.tools.stats import WORDS_PER_MINUTE, compute

SHOWN = 5


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "stats",
        help="scenes, words, reading time, longest route, most and least visited scenes",
        description="Count scenes, words, choices and endings per journey; measure reading time "
        f"at {WORDS_PER_MINUTE} words a minute over random playthroughs; find the longest route; and, from the last "
        "`relocant explore` run, the most and least visited scenes.",
    )
    add_story_argument(parser)
    parser.add_argument("--runs", type=int, default=200, metavar="N", help="random playthroughs per journey")
    parser.add_argument("--seed", type=int, default=0, help="the seed of those playthroughs")
    parser.add_argument("--cache", metavar="FILE", help="the explore results to read")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="count the story in LANG (its string tables) and say how much of it is translated",
    )


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    coverage = load(story_dir(args), args.lang).coverage if args.lang else None
    if args.runs < 1:
        return fail("--runs must be at least 1")
    stats = compute(story, args.runs, args.seed)
    cached = toolcache.read(story_dir(args), toolcache.EXPLORE, Path(args.cache) if args.cache else None)
    explore: dict[str, Any] | None = None
    note: str
    if cached is None:
        note = "No explore results yet: run `relocant explore` to see the most and least visited scenes."
    else:
        path, data = cached  # a file anyone can edit: every field is checked before use
        counts = data.get("random_visits") or data.get("scene_counts")
        mode = data.get("mode") if data.get("mode") in ("exhaustive", "random") else None
        shown_path = visible(str(path))
        if data.get("story_id") != story.id or not isinstance(counts, dict) or mode is None:
            note = f"The explore results in {shown_path} are for another story; run `relocant explore` again."
        else:
            stale = data.get("fingerprint") != story.fingerprint
            listed = data.get("unreached_scenes")
            unreached = [s for s in story.scenes if s in listed] if isinstance(listed, list) else []
            counted = {s: n for s, n in counts.items() if s in story.scenes and type(n) is int}
            ranked = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
            cut_by = data.get("cut_by")
            runs = data.get("random_runs")
            explore = {
                "file": str(path),
                "mode": mode,
                "stale": stale,
                "most": ranked[:SHOWN],
                "least": list(reversed(ranked[-SHOWN:])),
                "never": unreached,
                "capped": isinstance(cut_by, list)
                and "max-per-scene" in cut_by
                and not data.get("random_visits"),
                "random_runs": runs if type(runs) is int and runs > 0 else 0,
            }
            note = f"From the last explore run ({mode}, {shown_path})" + (
                "; the story has changed since, so run `relocant explore` again." if stale else "."
            )
    if args.json:
        figures = {**stats.to_dict(), "explore": explore, "note": note}
        if coverage is not None:
            figures["translation"] = coverage.to_dict()
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    if coverage is not None:
        print_coverage(coverage)
        print()
    print(
        f"{story.title}: {_n(stats.scenes, 'scene')}, {_n(stats.words, 'word')}, "
        f"{_n(stats.choices, 'choice')}, {_n(stats.endings, 'ending')}; "
        f"reading every word takes {_min(stats.total_minutes)}."
    )
    for j in stats.journeys:
        print()
        print(
            f"{j.title} ({j.id}): {_n(j.scenes, 'scene')}, {_n(j.words, 'word')}, "
            f"{_n(j.choices, 'choice')}, {_n(j.endings, 'ending')}"
        )
        print(
            f"  one reading: about {_min(j.reading_minutes)}, the median of {args.runs} random "
            f"playthroughs (replies included; a tenth read under {_min(j.reading_low)}, a tenth over "
            f"{_min(j.reading_high)}; {j.mean_path:.1f} scenes on average)"
        )
        if j.went_on:
            print(
                f"  {j.went_on:.0%} of them went on into another journey's scenes; "
                f"in its own scenes one reading takes about {_min(j.own_minutes)}"
            )
        print(f"  longest route (loops cut): {len(j.longest)} scenes: {' → '.join(j.longest)}")
    print()
    print(note)
    if explore is not None:
        unit = "state" if explore["mode"] == "exhaustive" and not explore["random_runs"] else "visit"
        if explore["random_runs"]:
            print(f"  (visits in the {explore['random_runs']:,} random playthroughs that followed the walk)")
        print("  most visited:  " + ", ".join(f"{s} ({_n(n, unit)})" for s, n in explore["most"]))
        print("  least visited: " + ", ".join(f"{s} ({_n(n, unit)})" for s, n in explore["least"]))
        if explore["capped"]:
            print(
                "  (the walk kept at most --max-per-scene states per scene, so the top counts are that bound)"
            )
        if explore["never"]:
            print("  never reached: " + ", ".join(explore["never"]))
    return 0


def print_coverage(coverage: Coverage) -> None:
    """What the string tables of one language translate, in all and per story file."""
    print(f"Translation into {coverage.language}:")
    rows = [("all", coverage.total), *coverage.files.items()]
    width = max(len(name) for name, _ in rows)
    for name, c in rows:
        print(
            f"  {visible(name):<{width}}  {c.translated:>5,} of {c.strings:>5,} strings, "
            f"{c.translated_words:>7,} of {c.words:>7,} words ({c.percent:5.1f}%); "
            f"stale {c.stale:,} ({c.stale_words:,} words), missing {c.missing:,} ({c.missing_words:,} words)"
        )


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _min(minutes: float) -> str:
    return f"{minutes:.1f} min" if minutes < 10 else f"{minutes:.0f} min"
