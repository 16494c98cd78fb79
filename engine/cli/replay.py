"""``relocant replay``: check a recorded playthrough against the story, or record one."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from engine.cli import add_story_option
from engine.cli.common import fail, load_or_report, story_dir, unknown_journey
from engine.core.controls import visible
from engine.core.model import Story
from engine.frontends.report import load_and_report
from engine.loading import paths
from engine.loading.loader import load
from engine.saves import SaveError, SaveStore
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
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help="with --record: play in LANG (the story's string tables for it); a recorded "
        "playthrough replays in the language it was recorded in",
    )
    parser.add_argument("--seed", type=int, default=0, help="with --record: the seed (default 0)")
    parser.add_argument("--choices", metavar="ID,ID,...", help="with --record: the choice ids, in order")
    parser.add_argument(
        "--from-save",
        metavar="SAVE",
        help="with --record: take the route from a save (its name, as in relocant saves list, or its file)",
    )
    parser.add_argument(
        "--update", action="store_true", help="rewrite each FILE with what the story shows now"
    )


def run(args: argparse.Namespace) -> int:
    if args.record:
        return record(args)
    if not args.files:
        return fail(
            "give a playthrough FILE to replay, or --record FILE",
            "relocant replay tests/playthroughs/*.toml replays every recorded playthrough",
        )
    stories = Stories(args)
    status = 0
    for name in args.files:
        shown = visible(name)
        path = Path(name)
        try:
            recorded = read(path)
        except ReplayFileError as exc:
            status = fail(str(exc))
            continue
        story = stories.for_playthrough(recorded.story, path, recorded.lang)
        if story is None:
            status = 1
            continue
        now, diff = compare(recorded, story)
        if args.update and diff and now.problem:
            status = 1
            print(
                f"{shown}: not updated: the route stops: {visible(now.problem)}; record it again with --record"
            )
        elif args.update and diff:
            path.write_text(dumps(now, str(path), story_hint(args, now.story)), encoding="utf-8")
            print(f"{shown}: updated ({len(now.choices)} choices)")
        elif diff:
            status = 1
            print(f"{shown}: the playthrough changed")
            if now.problem:
                print(f"  the route stops: {visible(now.problem)}")
            print(visible("\n".join(diff), allow_breaks=True))  # the recorded side is a file: not trusted
        else:
            print(f"{shown}: same ({len(now.choices)} choices)")
    return status


class Stories:
    """The story each playthrough replays on, each loaded once.

    ``--story DIR`` names it for all; otherwise a playthrough of a test story
    uses ``tests/stories/ID``, and any other the game's own story.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.explicit = bool(getattr(args, "story_opt", None))
        self.loaded: dict[tuple[str, str], Story | None] = {}

    def for_playthrough(self, story_id: str, path: Path, lang: str = "") -> Story | None:
        folder = None if self.explicit else fixture_folder(story_id)
        key = (str(folder) if folder is not None else "", lang)
        if key not in self.loaded:
            if folder is None:
                self.loaded[key] = load_and_report(story_dir(self.args), sys.stderr, lang or None)
            else:
                result = load(folder, lang or None)
                if result.story is None:
                    fail(f"the test story {folder} does not load", f"relocant check {folder} says why")
                self.loaded[key] = result.story
        story = self.loaded[key]
        if story is not None and story_id and story.id != story_id:
            fail(
                f"{path} was recorded on the story '{story_id}', not '{story.id}'",
                "pass --story DIR, the folder of the story it was recorded on (its first line names it)",
            )
            return None
        return story


def save_file(given: str, story: Story, saves: str | None) -> Path:
    """The save ``--from-save`` names: a file, or a slot among the story's saves (``autosave``),
    wherever the game keeps them (which depends on how it was installed)."""
    path = Path(given)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    try:
        return SaveStore(paths.story_saves_dir(story.id, saves)).path(given)
    except (SaveError, OSError):
        return path


def record(args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    if args.from_save:
        try:
            route = route_from_save(save_file(args.from_save, story, getattr(args, "saves", None)))
        except ReplayFileError as exc:
            return fail(str(exc))
        journey, seed, choices = route.journey, route.seed, list(route.choices)
        start = story.journeys[journey].start if journey in story.journeys else None
        if route.began_at is not None and start is not None and route.began_at != start:
            return fail(
                f"the save {args.from_save} began at the scene '{route.began_at}' (played with --at), "
                f"not at the start of the journey '{journey}', so its choices do not replay from there",
                f"play the route from the start (relocant play --plain {journey}), then record from that save",
            )
    else:
        if not args.journey:
            return fail(
                f"--record needs --journey (one of: {', '.join(story.journeys)}) and --choices, or --from-save",
                "relocant replay --record FILE --journey J --choices ID,ID,... (choice ids, as explore's paths "
                "show them), or --from-save autosave (a save's name or file)",
            )
        journey, seed = args.journey, args.seed
        choices = [c.strip() for c in (args.choices or "").split(",") if c.strip()]
    if journey not in story.journeys:
        return unknown_journey(story, journey)
    p = play(story, journey, seed, choices)
    if p.problem:
        return fail(f"cannot record: {p.problem}", "give the ids of choices on offer, in order, to --choices")
    target = Path(args.record)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(p, str(target), story_hint(args, story.id)), encoding="utf-8")
    except OSError as exc:
        return fail(f"cannot write {target}: {exc.strerror or exc}", "choose another FILE for --record")
    print(f"Recorded {len(p.choices)} choices of '{journey}' into {target}.")
    return 0


def story_hint(args: argparse.Namespace, story_id: str) -> str | None:
    """The ``--story`` a playthrough's header must give for its commands to find the story.

    None when replay finds it alone: a test story under ``tests/stories``, or
    the game's own. Otherwise the folder as typed, or as found from here.
    """
    named = getattr(args, "story_opt", None)
    if named:
        return str(named)
    folder = story_dir(args)
    if fixture_folder(story_id) is not None or folder.resolve() == paths.default_story_dir().resolve():
        return None
    try:
        return os.path.relpath(folder)
    except ValueError:
        return str(folder)
