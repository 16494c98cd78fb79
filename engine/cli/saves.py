"""``relocant saves``: list, show, delete, export, import, restore and check saved games."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli.common import load_or_report, story_dir
from engine.core.controls import visible
from engine.core.game import Game
from engine.core.model import Story
from engine.loading import paths
from engine.present import presenter as present
from engine.saves import SaveError, SaveStore
from engine.saves.errors import BadSlotName, SlotTaken, play_time_text, saved_at_text

SAVES_HELP = "the folder of saved games (default: saves/ in a checkout, else your user data folder; or $RELOCANT_SAVES)"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "saves",
        help="list, show, delete, export, import and check saved games",
        description="Manage saved games. Every save is one JSON file in the saves folder.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def action(name: str, help: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        # No default here: `relocant --saves DIR saves list` keeps the DIR given before the command.
        p.add_argument("--saves", metavar="DIR", default=argparse.SUPPRESS, help=SAVES_HELP)
        p.add_argument(
            "--story", dest="story_opt", metavar="DIR", default=argparse.SUPPRESS, help="the story folder"
        )
        return p

    action("list", "list the saved games, newest first")
    p = action("show", "show one save in detail, and whether it loads on the story")
    p.add_argument("slot", metavar="SLOT")
    p = action("delete", "delete a save and its previous version")
    p.add_argument("slot", metavar="SLOT")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p = action("export", "copy a save to a file")
    p.add_argument("slot", metavar="SLOT")
    p.add_argument("path", metavar="PATH", help="the file (or folder) to write")
    p = action("import", "check a save file and add it to the saves")
    p.add_argument("path", metavar="PATH", help="the save file to import")
    p.add_argument("slot", nargs="?", metavar="SLOT", help="the name to give it (default: its own)")
    p.add_argument("--replace", action="store_true", help="replace a save of the same name")
    p = action("restore", "bring back a save's previous version (the current one is kept as the previous)")
    p.add_argument("slot", metavar="SLOT")
    action("check", "tell which saves would not load, or only by falling back, on the story")


def run(args: argparse.Namespace) -> int:
    store = SaveStore(paths.story_saves_dir(paths.story_id_in(story_dir(args)), getattr(args, "saves", None)))
    handler = {
        "list": _list,
        "show": _show,
        "delete": _delete,
        "export": _export,
        "import": _import,
        "restore": _restore,
        "check": _check,
    }[args.action]
    try:
        return handler(store, args)
    except SaveError as exc:
        fail(str(exc))
        return 1


def say(text: str) -> None:
    """Print a line that holds text from a save or a name: control characters shown, not obeyed."""
    print(visible(text))


def fail(text: str) -> None:
    print(f"relocant: {visible(text)}", file=sys.stderr)


def _list(store: SaveStore, args: argparse.Namespace) -> int:
    metas = store.list()
    if not metas:
        say(f"No saved games in {store.folder}.")
    for meta in metas:
        say(meta.describe())
    return 0


def _show(store: SaveStore, args: argparse.Namespace) -> int:
    doc = store.read(args.slot)
    story = doc["story"]
    meta = doc["meta"]
    rows = [
        ("Save", store.resolve(args.slot)),
        ("File", str(store.path(args.slot))),
        ("Story", f"{story['id']} version {story['version']} ({story['fingerprint']})"),
        ("Journey", meta["journey_title"]),
        ("Scene", f"{meta['scene_title']} ({meta['scene_id']})"),
        ("In the game", present.current().clock(meta["clock"])),
        ("Saved at", saved_at_text(doc["saved_at"])),
        ("Played", play_time_text(doc["play_seconds"])),
        ("Choices", str(len(doc["replay"]["choices"]))),
        ("Previous version", "kept" if store.has_previous(args.slot) else "none"),
    ]
    for label, value in rows:
        say(f"{label + ':':<18}{value}")
    current = load_or_report(args)
    if current is None:
        return 1
    try:
        loaded = store.load(args.slot, current)
    except SaveError as exc:
        say(f"{'Loads:':<18}no: {exc}")
        return 1
    say(f"{'Loads:':<18}yes" + (", with notices:" if loaded.notices else ""))
    for notice in loaded.notices:
        say(f"  - {notice}")
    game: Game = loaded.game
    for entry in game.journal()[-5:]:
        say(f"  {entry.number}. {present.current().clock(entry.clock)}, {entry.scene_title}: {entry.text}")
    return 0


def _delete(store: SaveStore, args: argparse.Namespace) -> int:
    slot = store.resolve(args.slot)
    store.require(slot)  # a damaged save can be deleted; a missing one is reported first
    if not args.yes:
        if not sys.stdin.isatty():
            fail(
                f"not deleting '{slot}': there is no terminal to ask for confirmation; add --yes to delete it."
            )
            return 1
        sys.stdout.write(visible(f"Delete the save '{slot}' and its previous version? [y/N] "))
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            say("Nothing was deleted.")
            return 0
    store.delete(slot)
    say(f"Deleted '{slot}'.")
    return 0


def _export(store: SaveStore, args: argparse.Namespace) -> int:
    store.export(args.slot, Path(args.path))
    say(f"Exported '{store.resolve(args.slot)}' to {args.path}.")
    return 0


def _import(store: SaveStore, args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    try:
        meta = store.import_(Path(args.path), args.slot, story, replace=args.replace)
    except SlotTaken as exc:
        fail(
            f"there is already a save named '{exc.slot}'; give another name "
            f"(relocant saves import {args.path} NAME) or add --replace."
        )
        return 1
    except BadSlotName as exc:
        if args.slot is not None:
            raise
        fail(f"{exc} Give the save a name: relocant saves import {args.path} NAME")
        return 1
    say(f"Imported as '{meta.slot}': {meta.describe()}")
    return 0


def _restore(store: SaveStore, args: argparse.Namespace) -> int:
    meta = store.restore(args.slot)
    say(f"Restored the previous version of '{meta.slot}': {meta.describe()}")
    return 0


def _check(store: SaveStore, args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    metas = store.list()
    if not metas:
        say(f"No saved games in {store.folder}.")
        return 0
    trouble = 0
    others = [m for m in metas if m.problem is None and m.story_id != story.id]
    metas = [m for m in metas if m not in others]
    for meta in metas:
        verdict, details = _verdict(store, story, meta.slot)
        trouble += verdict in ("does not load", "falls back")
        say(f"{meta.slot}: {verdict}")
        for line in details:
            say(f"  - {line}")
    if others:
        say(f"({len(others)} save(s) of other stories not checked: {', '.join(m.slot for m in others)})")
    say(f"{len(metas)} save(s) of {story.id}; {trouble} would not load as saved.")
    return 1 if trouble else 0


def _verdict(store: SaveStore, story: Story, slot: str) -> tuple[str, list[str]]:
    try:
        result = store.rebuild(slot, story)
    except SaveError as exc:
        return "does not load", [str(exc)]
    verdict = {
        "exact": "loads",
        "adjusted": "loads, adjusted",
        "moved back": "falls back",
        "replayed": "loads by replaying its choices",
    }[result.how]
    return verdict, result.notices
