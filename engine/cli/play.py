"""``relocant play``: the game, in Textual or (``--plain``) as plain text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.cli import add_lang_argument, add_saves_argument, add_story_option
from engine.cli.common import fail, load_or_report, story_dir, unknown_journey
from engine.core.controls import visible
from engine.present.catalogs import _

if TYPE_CHECKING:  # the Textual game draws its title before the engine is imported
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
    add_lang_argument(parser)
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


def saves_folder(args: argparse.Namespace, story: Story) -> Path:
    """The story's saves folder: ``--saves DIR``, else the game's, or ``stories/ID`` in it for another story."""
    from engine.loading import paths

    return paths.story_saves_dir(story.id, getattr(args, "saves", None))


def choose_language(args: argparse.Namespace) -> str | None:
    """Play in the language asked for (``--lang``), else the one chosen in the game last time,
    else the environment's, else English; the game's words answer in it from now on and the
    story is loaded in it. None when the story cannot be played in the language asked for
    (the reason is printed)."""
    from engine.frontends.language import Languages, choose, offered, story_language
    from engine.session.settings import Settings

    root = story_dir(args)
    asked = getattr(args, "lang", None)
    language = choose(root, asked, kept=None if asked is not None else Settings().language)
    if language is None:
        fail(
            f"the game cannot be played in '{asked}'",
            "languages: " + ", ".join(offered(root)) + " (docs/translating.md says how to add one)",
        )
        return None
    args.languages = Languages(root, explicit=asked is not None)
    args.languages.use(language)
    args.lang = story_language(root, language)
    return language


def run(args: argparse.Namespace) -> int:
    if choose_language(args) is None:
        return 1
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
    from engine.core.diagnostics import RunTimeError
    from engine.frontends.plain.player import (
        PlainPlayer,
        ask,
        keeping_the_game_in_progress,
        say,
        terminal_width,
    )
    from engine.saves import SaveError, SaveStore
    from engine.session.play import Session
    from engine.session.settings import Settings

    out = sys.stdout
    width = terminal_width(out)
    folder = saves_folder(args, story)
    session = Session(story, SaveStore(folder), folder)
    session.remember_in(Settings())  # what Continue resumes, shared with the terminal game

    def tell(text: str = "") -> None:
        say(out, text, width)

    def question(text: str) -> str:
        return ask(out, sys.stdin, text, width)

    if args.resume:
        try:
            notices = session.continue_game()
        except SaveError as exc:
            print(f"relocant: {visible(str(exc))}", file=sys.stderr)
            return 1
        if notices is None:
            tell(_("There is no saved game to continue; starting a new one."))
        else:
            for notice in notices:
                tell(f"({notice})")
    if session.game is None and (getattr(args, "at", None) or getattr(args, "set", None)):
        from engine.cli.authoring import game_at

        game = game_at(story, args)
        if game is None:
            return 1
        if not keeping_the_game_in_progress(session, tell, question):
            return 0
        session.take(game, new=True)
    if session.game is None:
        journey = args.journey
        if journey is None:
            from engine.frontends.plain.opening import Opening

            if not Opening(session, out, width, seed=args.seed, languages=args.languages).run(sys.stdin):
                return 0
        else:
            if journey not in story.journeys:
                return unknown_journey(story, journey)
            if not keeping_the_game_in_progress(session, tell, question):
                return 0
            try:
                session.start(journey, seed=args.seed)
            except RunTimeError as exc:
                return fail(str(exc))
    player: PlainPlayer
    if getattr(args, "watch", False):
        from engine.frontends.plain.watching import WatchingPlayer

        player = WatchingPlayer(session, out, story_dir(args), width, args.languages)
    else:
        player = PlainPlayer(session, out, width, args.languages)
    try:
        return player.run(sys.stdin)
    except RunTimeError as exc:
        return fail(str(exc))


def run_app(args: argparse.Namespace) -> int:
    """Open the Textual game; Textual is imported only here."""
    if not hasattr(args, "languages") and choose_language(args) is None:
        return 1
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
            languages=args.languages,
            first_frame=getattr(args, "first_frame", False),
        )
    )
