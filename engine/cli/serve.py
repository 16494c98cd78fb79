"""``relocant serve``: play in a web browser (needs the ``web`` extra).

What it says is in the language chosen as for ``relocant saves`` (``--lang``,
else the one chosen in the game, else the environment's).
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from engine.cli import add_lang_argument, add_story_option
from engine.cli.common import story_dir
from engine.loading import paths
from engine.present.catalogs import _

LOCAL_NAMES = ("localhost",)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "serve",
        help="serve the game to web browsers (pip install 'relocant[web]')",
        description="Serve the game to web browsers: each tab runs its own game, and each browser "
        "keeps its saves in a folder of its own. Listens on this computer only unless --host says "
        "otherwise; a public server belongs behind a reverse proxy with TLS (docs/serving.md).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address players open, when a reverse proxy stands in front (e.g. https://example.org)",
    )
    parser.add_argument(
        "--saves",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the folder that holds one saves folder per player (default: web/ in the saves folder)",
    )
    add_story_option(parser)
    add_lang_argument(parser)
    parser.add_argument(
        "--max-games", type=int, default=16, metavar="N", help="games running at once, at most (default: 16)"
    )
    parser.add_argument(
        "--idle-minutes",
        type=float,
        default=30.0,
        metavar="M",
        help="end a game after this long without a key press (default: 30; it is saved)",
    )


def problems(args: argparse.Namespace) -> list[str]:
    """What is wrong with the options, as messages."""
    found = []
    if not 1 <= args.port <= 65535:
        found.append(_("--port must be from 1 to 65535, not {port}").format(port=args.port))
    if args.max_games < 1:
        found.append(_("--max-games must be at least 1"))
    if not args.idle_minutes > 0:
        found.append(_("--idle-minutes must be more than 0"))
    if args.public_url is not None:
        parts = urlsplit(args.public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            found.append(
                _("--public-url must be an http:// or https:// address, not {url}").format(
                    url=repr(args.public_url)
                )
            )
        elif parts.path not in ("", "/"):
            found.append(_("--public-url must be the root of a host: the game cannot be served under a path"))
    return found


def is_local(host: str) -> bool:
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from engine.frontends.language import offered, use_chosen

    asked = getattr(args, "lang", None)
    if use_chosen(story_dir(args), asked) is None:
        languages = ", ".join(offered(story_dir(args)))
        print(f"relocant serve: error: there is no language '{asked}': {languages}", file=sys.stderr)
        return 2
    for problem in problems(args):
        print(_("relocant serve: error: {problem}").format(problem=problem), file=sys.stderr)
    if problems(args):
        return 2
    try:
        from engine.frontends.web.server import ServeConfig, serve
    except ImportError as exc:
        print(
            _(
                "relocant serve: the web extra is not installed ({module} is missing): "
                "pip install '.[web]' in the game's folder (or 'relocant[web]')"
            ).format(module=exc.name),
            file=sys.stderr,
        )
        return 1
    from engine.frontends.report import load_and_report

    story = story_dir(args)
    loaded = load_and_report(story, sys.stderr)
    if loaded is None:
        return 1
    explicit = getattr(args, "saves", None)
    root = Path(explicit) if explicit else paths.saves_dir() / "web"
    if not is_local(args.host) and args.public_url is None:
        print(
            _(
                "relocant serve: warning: listening on {host} without TLS or passwords; "
                "put a reverse proxy with TLS in front (docs/serving.md)"
            ).format(host=args.host),
            file=sys.stderr,
        )
    config = ServeConfig(
        story_dir=story.resolve(),
        players_root=root.resolve(),
        python=sys.executable,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        max_games=args.max_games,
        idle_seconds=args.idle_minutes * 60,
        title=loaded.title,
    )
    try:
        serve(config)
    except OSError as exc:
        print(
            _("relocant serve: cannot listen on {host}:{port}: {reason}").format(
                host=args.host, port=args.port, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    return 0
