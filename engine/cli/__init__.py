"""The ``relocant`` command.

Each subcommand lives in its own module here with ``register(subparsers)``
and ``run(args) -> int``; heavy imports (Textual) happen inside ``run`` so
``relocant check`` and the plain-text player start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from engine import __version__

# Subcommand modules, in the order `relocant --help` lists them.
COMMANDS = ("play", "check", "saves", "explore", "replay", "graph", "new", "stats")


def add_story_argument(parser: argparse.ArgumentParser) -> None:
    """Every command that reads a story takes ``--story DIR`` or a folder."""
    parser.add_argument(
        "story_dir", nargs="?", metavar="STORY_DIR", help="the story folder (default: the game's own story)"
    )
    add_story_option(parser)


def add_story_option(parser: argparse.ArgumentParser) -> None:
    """``--story DIR``; a subcommand not given it keeps one given before the subcommand."""
    parser.add_argument(
        "--story", dest="story_opt", metavar="DIR", default=argparse.SUPPRESS, help="the story folder"
    )


def add_saves_argument(parser: argparse.ArgumentParser) -> None:
    """``--saves DIR``; a subcommand not given it keeps one given before the subcommand."""
    parser.add_argument(
        "--saves",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the folder for saved games (default: saves/ in a checkout, "
        "else your user data folder; or $RELOCANT_SAVES)",
    )


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="relocant",
        description="Relocant: interactive fiction about leaving Russia for Kazakhstan, 2022–2023. "
        "With no command, opens the game.",
    )
    parser.add_argument("--version", action="version", version=f"relocant {__version__}")
    parser.add_argument("--saves", metavar="DIR", help="the folder for saved games")
    parser.add_argument("--story", dest="story_opt", metavar="DIR", help="the story folder")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"engine.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"engine.cli.{name}":
                continue
            raise
        module.register(sub)  # type: ignore[attr-defined]
        modules[name] = module
    return parser, modules


def main(argv: Sequence[str] | None = None) -> int:
    parser, modules = build_parser()
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
