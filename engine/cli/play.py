"""``relocant play``: the game, in Textual or (``--plain``) as plain text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.cli import add_saves_argument, add_story_option
from engine.cli.common import fail, load_or_report, story_dir, unknown_journey
from engine.core.controls import visible
from engine.core.diagnostics import RunTimeError
from engine.core.game import Game
from engine.core.model import Story


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "play",
        help="play the game (in the terminal UI, or --plain text)",
        description="Play the game. With --plain, a plain-text player over standard input and "
        "output: the screen-reader mode and the scripted way to play.",
    )
    parser.add_argument("journey", nargs="?", metavar="JOURNEY", help="start this journey directly")
    parser.add_argument("--plain", action="store_true", help="plain text on standard input and output")
    add_story_option(parser)
    parser.add_argument("--seed", type=int, help="the random seed, for a reproducible game")
    parser.add_argument("--continue", dest="resume", action="store_true", help="resume the newest save")
    add_saves_argument(parser)
    author = parser.add_argument_group("for authors")
    author.add_argument(
        "--at",
        metavar="SCENE",
        help="with --plain: start at this scene, after its journey's date and effects",
    )
    author.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --plain and --at: start with this value (repeatable)",
    )
    author.add_argument(
        "--watch",
        action="store_true",
        help="reload the story when its files change (in the terminal game and with --plain)",
    )


def open_store(args: argparse.Namespace) -> object | None:
    try:
        from engine.saves import SaveStore
    except ImportError:
        return None
    from engine.loading import paths

    return SaveStore(paths.saves_dir(getattr(args, "saves", None)))


def run(args: argparse.Namespace) -> int:
    if args.resume and (getattr(args, "at", None) or getattr(args, "set", None) or args.journey):
        return fail(
            "--continue resumes the newest save; it cannot be combined with a journey, --at or --set",
            "to go on with another save, leave out --continue and type `load NAME` at the list of journeys",
        )
    if not args.plain:
        if getattr(args, "at", None) or getattr(args, "set", None):
            return fail(
                "--at and --set work with --plain", "relocant play --plain --at SCENE [--set NAME=VALUE]"
            )
        return run_app(args)
    story = load_or_report(args)
    if story is None:
        return 1
    return run_plain(args, story)


def run_plain(args: argparse.Namespace, story: Story) -> int:
    from engine.frontends.plain.player import PlainPlayer, terminal_width

    out = sys.stdout
    width = terminal_width(out)
    store = open_store(args)
    game: Game | None = None
    started_seconds = 0.0
    if args.resume:
        if store is None:
            print("relocant: saving is not available in this build", file=sys.stderr)
            return 1
        from engine.saves import SaveError

        try:
            loaded = store.load_newest(story)  # type: ignore[attr-defined]
        except SaveError as exc:
            print(f"relocant: {visible(str(exc))}", file=sys.stderr)
            return 1
        if loaded is None:
            print("There is no saved game to continue; starting a new one.", file=out)
        else:
            for notice in loaded.notices:
                print(f"({visible(notice)})", file=out)
            game = loaded.game
            started_seconds = loaded.meta.play_seconds
    if game is None and (getattr(args, "at", None) or getattr(args, "set", None)):
        from engine.cli.authoring import game_at

        game = game_at(story, args)
        if game is None:
            return 1
    if game is None:
        journey = args.journey
        if journey is None:
            from engine.frontends.plain.opening import Opening

            opened = Opening(story, out, store, width).run(sys.stdin)
            if opened is None:
                return 0
            if isinstance(opened, str):
                journey = opened
            else:
                game, started_seconds = opened.game, opened.meta.play_seconds
    if game is None:
        if journey not in story.journeys:
            return unknown_journey(story, journey)
        try:
            game = Game.start(story, journey, seed=args.seed)
        except RunTimeError as exc:
            return fail(str(exc))
    player: PlainPlayer
    if getattr(args, "watch", False):
        from engine.frontends.plain.watching import WatchingPlayer

        player = WatchingPlayer(game, out, story_dir(args), store, width)
    else:
        player = PlainPlayer(game, out, store, width)
    player.started -= started_seconds
    try:
        return player.run(sys.stdin)
    except RunTimeError as exc:
        return fail(str(exc))


def run_app(args: argparse.Namespace) -> int:
    """Open the Textual game; Textual is imported only here."""
    try:
        from engine.frontends.tui import run as run_textual
    except ImportError:
        print("relocant: the terminal UI is not available; use `relocant play --plain`.", file=sys.stderr)
        return 1
    return int(
        run_textual(
            story_dir(args),
            getattr(args, "saves", None),
            journey=getattr(args, "journey", None),
            resume=getattr(args, "resume", False),
            watch=getattr(args, "watch", False),
        )
    )
