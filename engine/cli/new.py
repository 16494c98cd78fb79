"""``relocant new``: a new story that plays, or a scene skeleton that loads as it stands."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path
from typing import Any

from engine.cli.common import fail, find_story, story_dir
from engine.core.controls import find_control
from engine.frontends.report import NO_FOLDER_HINT
from engine.loading import paths
from engine.loading.schema import SCHEMA_FILE
from engine.tools.scaffold import (
    PLACEHOLDER,
    ScaffoldError,
    append_scene,
    check_new_id,
    scene_ids,
    scene_skeleton,
    story_files,
    story_id_for,
    title_for,
    write_story,
)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "new",
        help="start a new story, or add a scene skeleton to a story file",
        description="`relocant new story DIR` makes a small story that checks clean and plays to its "
        "ending; `relocant new scene ID --in FILE` appends a scene skeleton to FILE.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    story = kinds.add_parser(
        "story",
        help="a new story folder",
        description="Make DIR (new, or empty) holding a story of one journey and four scenes, one of "
        "them an ending: story.toml and scenes.toml. It checks with no error or warning and plays "
        "to its ending; change it from there.",
    )
    story.add_argument("dir", metavar="DIR", help="the folder to make")
    story.add_argument(
        "--id", dest="story_id", metavar="ID", help="the story's id (default: from DIR's name)"
    )
    story.add_argument("--title", help="the story's title (default: from its id)")
    scene = kinds.add_parser(
        "scene",
        help="a new [[scene]]",
        description="Append a scene with every commonly used key (the optional ones commented) to "
        "FILE. The story loads with it at once; `relocant check` reports no error once the scene "
        "its choice leads to exists, and warns that no journey reaches it until a choice in "
        "another scene leads to it.",
    )
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
    return new_story(args) if args.kind == "story" else new_scene(args)


def new_story(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    story_id = args.story_id or story_id_for(folder)
    title = args.title or title_for(story_id)
    if find_control(title, allow_breaks=False) is not None:
        return fail("the title holds a control character", "give a title of plain text")
    try:
        write_story(folder, story_files(story_id, title, schema_path(folder)))
    except ScaffoldError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot make {folder}: {exc.strerror or exc}", "choose a folder you can write to")
    where = shlex.quote(str(folder))
    print(f"Made the story '{story_id}' in {folder}: story.toml (its title, journey and variables)")
    print("and scenes.toml (four scenes, the last an ending). Try it:")
    print(f"  cd {where}")
    print("  relocant check            # 0 error(s), 0 warning(s)")
    print("  relocant play --plain     # type a choice's number; help lists the commands")
    print('Then make it yours: docs/writing-scenes.md, "Start a new story".')
    return 0


def schema_path(folder: Path) -> str | None:
    """The story schema as seen from ``folder``, when both are in this copy of the project."""
    schema = paths.CHECKOUT / "docs" / "schema" / SCHEMA_FILE
    if not schema.is_file() or not _is_inside(folder, paths.CHECKOUT):
        return None
    return Path(os.path.relpath(schema, folder.absolute())).as_posix()


def new_scene(args: argparse.Namespace) -> int:
    file = Path(args.file)
    named = getattr(args, "story_opt", None)
    root = Path(named) if named else find_story(file.absolute().parent) or story_dir(args)
    if not root.is_dir():
        return fail(f"there is no story folder at {root}", NO_FOLDER_HINT)
    if file.suffix != ".toml":
        return fail(f"{file} is not a .toml file", "scenes live in .toml files: --in DIR/scenes.toml")
    if not _is_inside(file, root):
        return fail(
            f"{file} is not inside the story folder {root}, so the story would not see the scene",
            "give a FILE in the story's folder, or --story DIR for another story",
        )
    existing = scene_ids(root)
    try:
        check_new_id(args.id, existing, root)
        if args.to is not None:
            check_new_id(args.to, {}, root)
    except ScaffoldError as exc:
        return fail(str(exc))
    if args.title is not None and find_control(args.title, allow_breaks=False) is not None:
        return fail("the title holds a control character", "give a title of plain text")
    try:
        append_scene(file, scene_skeleton(args.id, args.to, args.title))
    except OSError as exc:
        return fail(f"cannot write {file}: {exc.strerror or exc}", "choose a FILE you can write to")
    print(f"Added the scene '{args.id}' to {file}.")
    if args.to is None:
        print(f'Next: change goto = "{PLACEHOLDER}" to the id of the scene its choice leads to.')
    elif args.to not in existing:
        print(f"Next: write the scene '{args.to}' its choice leads to (relocant new scene {args.to} --in …).")
    print(f'Then give it a way in: a choice in another scene with goto = "{args.id}".')
    here = find_story(Path.cwd())
    shown = "" if here is not None and here.resolve() == root.resolve() else f" {shlex.quote(str(root))}"
    print(f"Check it with: relocant check{shown}")
    return 0


def _is_inside(file: Path, root: Path) -> bool:
    try:
        file.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
