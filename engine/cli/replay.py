"""``relocant replay``: check a recorded playthrough against the story, or record one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli import add_story_option
from engine.cli.common import load_or_report
from engine.core.model import Story
from engine.loading.loader import load
from engine.tools.replay import ReplayFileError, compare, dumps, fixture_folder, play, read, route_from_save


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "replay",
        help="replay recorded playthroughs and show what changed, or record one",
        description="Replay each FILE (a recorded playthrough) against the story and show, as a "
        "unified diff, where the text or the route changed; exit 1 if any changed. With --record, "
        "play a route and write it to FILE.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="recorded playthroughs (.toml)")
    add_story_option(parser)
    parser.add_argument("--record", metavar="FILE", help="record a playthrough into FILE")
    parser.add_argument("--journey", metavar="J", help="with --record: the journey")
    parser.add_argument("--seed", type=int, default=0, help="with --record: the seed (default 0)")
    parser.add_argument("--choices", metavar="ID,ID,...", help="with --record: the choice ids, in order")
    parser.add_argument("--from-save", metavar="SAVE", help="with --record: take the route from a save file")
    parser.add_argument(
        "--update", action="store_true", help="rewrite each FILE with what the story shows now"
    )


def run(args: argparse.Namespace) -> int:
    if args.record:
        return record(args)
    if not args.files:
        print("relocant: error: give a playthrough FILE to replay, or --record FILE", file=sys.stderr)
        return 1
    stories = Stories(args)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            recorded = read(path)
        except ReplayFileError as exc:
            print(f"relocant: error: {exc}", file=sys.stderr)
            status = 1
            continue
        story = stories.for_playthrough(recorded.story, path)
        if story is None:
            status = 1
            continue
        now, diff = compare(recorded, story)
        if args.update and diff and now.problem:
            status = 1
            print(f"{path}: not updated: the route stops: {now.problem}; record it again with --record")
        elif args.update and diff:
            path.write_text(dumps(now, str(path), _story_hint(args)), encoding="utf-8")
            print(f"{path}: updated ({len(now.choices)} choices)")
        elif diff:
            status = 1
            print(f"{path}: the playthrough changed")
            if now.problem:
                print(f"  the route stops: {now.problem}")
            print("\n".join(diff))
        else:
            print(f"{path}: same ({len(now.choices)} choices)")
    return status


class Stories:
    """The story each playthrough replays on, each loaded once.

    ``--story DIR`` names it for all; otherwise a playthrough of a test story
    uses ``tests/stories/ID``, and any other the game's own story.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.explicit = bool(getattr(args, "story_opt", None))
        self.loaded: dict[str, Story | None] = {}

    def for_playthrough(self, story_id: str, path: Path) -> Story | None:
        folder = None if self.explicit else fixture_folder(story_id)
        key = str(folder) if folder is not None else ""
        if key not in self.loaded:
            if folder is None:
                self.loaded[key] = load_or_report(self.args)
            else:
                result = load(folder)
                if result.story is None:
                    print(f"relocant: error: the test story {folder} does not load", file=sys.stderr)
                self.loaded[key] = result.story
        story = self.loaded[key]
        if story is not None and story_id and story.id != story_id:
            print(
                f"relocant: error: {path} was recorded on the story '{story_id}', not '{story.id}'; "
                "pass --story DIR for its folder",
                file=sys.stderr,
            )
            return None
        return story


def record(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    if args.from_save:
        try:
            journey, seed, choices = route_from_save(Path(args.from_save))
        except ReplayFileError as exc:
            print(f"relocant: error: {exc}", file=sys.stderr)
            return 1
    else:
        if not args.journey:
            print(
                f"relocant: error: --record needs --journey (one of: {', '.join(story.journeys)}) "
                "and --choices, or --from-save",
                file=sys.stderr,
            )
            return 1
        journey, seed = args.journey, args.seed
        choices = [c.strip() for c in (args.choices or "").split(",") if c.strip()]
    p = play(story, journey, seed, choices)
    if p.problem:
        print(f"relocant: error: cannot record: {p.problem}", file=sys.stderr)
        return 1
    target = Path(args.record)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(p, str(target), _story_hint(args)), encoding="utf-8")
    except OSError as exc:
        print(f"relocant: error: cannot write {target}: {exc}", file=sys.stderr)
        return 1
    print(f"Recorded {len(p.choices)} choices of '{journey}' into {target}.")
    return 0


def _story_hint(args: argparse.Namespace) -> str | None:
    return getattr(args, "story_opt", None)
