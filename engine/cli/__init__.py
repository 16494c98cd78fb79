"""The ``relocant`` command.

Each subcommand lives in its own module here with ``register(subparsers)``
and ``run(args) -> int``. Only the command being run is imported (all of
them only for ``--help`` or a command that does not exist), and heavy
imports (Textual) happen inside ``run``, so each command starts with no
more than it needs.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from engine import __version__

# Subcommand modules, in the order `relocant --help` lists them.
COMMANDS = ("play", "check", "saves", "serve", "explore", "replay", "graph", "new", "stats", "strings")


STORY_HELP = (
    "the story folder (default: the story you are in, the nearest folder upwards holding "
    "story.toml or story/story.toml; else the game's own)"
)


def add_story_argument(parser: argparse.ArgumentParser) -> None:
    """Every command that reads a story takes ``--story DIR`` or a folder."""
    parser.add_argument("story_dir", nargs="?", metavar="STORY_DIR", help="the story folder (as --story)")
    add_story_option(parser)


def add_story_option(parser: argparse.ArgumentParser, shown: bool = True) -> None:
    """``--story DIR``; a subcommand not given it keeps one given before the subcommand."""
    parser.add_argument(
        "--story",
        dest="story_opt",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=STORY_HELP if shown else argparse.SUPPRESS,
    )


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang LANG``: the language to play in."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=argparse.SUPPRESS,
        help="play in LANG (en, ru, …; default: the language of your environment, "
        "from LANGUAGE, LC_ALL or LANG, when the game has it, else English)",
    )


def add_saves_argument(parser: argparse.ArgumentParser, shown: bool = True) -> None:
    """``--saves DIR``; a subcommand not given it keeps one given before the subcommand."""
    parser.add_argument(
        "--saves",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the folder for saved games (default: saves/ in a checkout, "
        "else your user data folder; or $RELOCANT_SAVES)"
        if shown
        else argparse.SUPPRESS,
    )


def build_parser(only: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser, dict[str, object]]:
    """The parser with every command, or with ``only`` those named."""
    parser = argparse.ArgumentParser(
        prog="relocant",
        description="Relocant: interactive fiction about leaving Russia for Kazakhstan, 2022–2023. "
        "With no command, opens the game.",
    )
    parser.add_argument("--version", action="version", version=f"relocant {__version__}")
    parser.add_argument("--saves", metavar="DIR", help="the folder for saved games")
    parser.add_argument("--story", dest="story_opt", metavar="DIR", help=STORY_HELP)
    add_lang_argument(parser)
    parser.add_argument(
        "--first-frame",
        action="store_true",
        help="open the game without a terminal and quit once its title screen is drawn (to time start-up)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name in COMMANDS if only is None else [c for c in COMMANDS if c in only]:
        try:
            module = importlib.import_module(f"engine.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"engine.cli.{name}":
                continue
            raise
        module.register(sub)  # type: ignore[attr-defined]
        modules[name] = module
    add_common_options(parser)
    return parser, modules


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Let ``--story`` and ``--saves`` stand before or after any command and its action.

    ``relocant --saves DIR saves list``, ``relocant saves --saves DIR list`` and
    ``relocant saves list --saves DIR`` mean the same. Each level below the top
    leaves the option unset unless given there, so one given earlier is kept.
    Where a command does not use one, it is accepted and left out of its help.
    """
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in set(action.choices.values()):
            if "--story" not in sub._option_string_actions:
                add_story_option(sub, shown=False)
            if "--saves" not in sub._option_string_actions:
                add_saves_argument(sub, shown=False)
            add_common_options(sub)


# Options of ``relocant`` itself that take a value: what follows them is not the command.
_VALUED = ("--saves", "--story")


def command_named(argv: Sequence[str]) -> str | bool | None:
    """The command ``argv`` runs: its name, None for the game itself, True when every command
    must be known (help, or a word that is no command, for argparse to explain)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _VALUED:
            skip = True
        elif token in ("-h", "--help"):
            return True
        elif not token.startswith("-"):
            return token if token in COMMANDS else True
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    named = command_named(argv)
    collecting = gc.isenabled()
    if named is None:
        # The game: nothing is collected until its title is drawn (see engine.frontends.tui.run).
        gc.disable()
    try:
        return _run(argv, named)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str], named: str | bool | None) -> int:
    parser, modules = build_parser(None if named is True else [named] if named else [])
    args = parser.parse_args(argv)
    if args.command is None:
        from engine.cli.play import run_app

        return run_app(args)
    try:
        return int(modules[args.command].run(args))  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    sys.exit(main())
