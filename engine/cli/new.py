"""``relocant new scene``: append a scene skeleton that loads as it stands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli.common import find_story, story_dir
from engine.tools.scaffold import (
    PLACEHOLDER,
    ScaffoldError,
    append_scene,
    check_new_id,
    scene_ids,
    scene_skeleton,
)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "new",
        help="add a new scene skeleton to a story file",
        description="Append a scene with every commonly used key (the optional ones commented) to "
        "FILE. It passes `relocant check` as soon as the scene its choice leads to exists.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    scene = kinds.add_parser("scene", help="a new [[scene]]", description="Append a new scene to FILE.")
    scene.add_argument("id", metavar="ID", help="the new scene's id: letters, digits and _")
    scene.add_argument("--in", dest="file", required=True, metavar="FILE", help="the .toml file to add it to")
    scene.add_argument("--to", metavar="SCENE", help=f"where its choice leads (default: {PLACEHOLDER})")
    scene.add_argument("--title", help="the scene's title")
    scene.add_argument(
        "--story",
        dest="story_opt",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the story folder (default: the one FILE is in)",
    )


def run(args: argparse.Namespace) -> int:
    file = Path(args.file)
    named = getattr(args, "story_opt", None)
    root = Path(named) if named else find_story(file.absolute().parent) or story_dir(args)
    if not root.is_dir():
        print(f"relocant: error: there is no story folder at {root}", file=sys.stderr)
        return 1
    if file.suffix != ".toml":
        print(f"relocant: error: {file} is not a .toml file", file=sys.stderr)
        return 1
    inside = _is_inside(file, root)
    if not inside:
        print(
            f"relocant: error: {file} is not inside the story folder {root}, so the story would not "
            "see the scene; pass --story DIR for another story",
            file=sys.stderr,
        )
        return 1
    existing = scene_ids(root)
    try:
        check_new_id(args.id, existing, root)
        if args.to is not None:
            check_new_id(args.to, {}, root)
    except ScaffoldError as exc:
        print(f"relocant: error: {exc}", file=sys.stderr)
        return 1
    try:
        append_scene(file, scene_skeleton(args.id, args.to, args.title))
    except OSError as exc:
        print(f"relocant: error: cannot write {file}: {exc}", file=sys.stderr)
        return 1
    print(f"Added the scene '{args.id}' to {file}.")
    if args.to is None:
        print(f'Next: change goto = "{PLACEHOLDER}" to the id of the scene its choice leads to.')
    elif args.to not in existing:
        print(f"Next: write the scene '{args.to}' its choice leads to (relocant new scene {args.to} --in …).")
    print(f'Then give it a way in: a choice in another scene with goto = "{args.id}".')
    print(f"Check it with: relocant check {root}")
    return 0


def _is_inside(file: Path, root: Path) -> bool:
    try:
        file.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
