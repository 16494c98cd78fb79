"""``relocant saves``: list, show, delete, export, import, restore and check saved games.

What it says is in the player's language (``--lang``, else the one chosen in
the game, else the environment's), as the game's own words are.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli import add_lang_argument
from engine.cli.common import load_or_report, story_dir
from engine.core.controls import visible
from engine.core.game import Game
from engine.core.model import Story
from engine.loading import paths
from engine.present import presenter as present
from engine.present.catalogs import N_, _, ngettext
from engine.saves import SaveError, SaveStore
from engine.saves.errors import BadSlotName, SlotTaken, play_time_text, saved_at_text

SAVES_HELP = "the folder of saved games (default: saves/ in a checkout, else your user data folder; or $RELOCANT_SAVES)"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "saves",
        help="list, show, delete, export, import and check saved games",
        description="Manage saved games. Every save is one JSON file in the saves folder.",
    )
    add_lang_argument(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def action(name: str, help: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        # No default here: `relocant --saves DIR saves list` keeps the DIR given before the command.
        p.add_argument("--saves", metavar="DIR", default=argparse.SUPPRESS, help=SAVES_HELP)
        p.add_argument(
            "--story", dest="story_opt", metavar="DIR", default=argparse.SUPPRESS, help="the story folder"
        )
        add_lang_argument(p)
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
    from engine.frontends.language import offered, story_language, use_chosen

    root = story_dir(args)
    asked = getattr(args, "lang", None)
    language = use_chosen(root, asked)
    if language is None:
        fail(f"there is no language '{asked}': " + ", ".join(offered(root)))
        return 1
    args.lang = story_language(root, language)
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
        say(_("No saved games in {folder}.").format(folder=store.folder))
        return 0
    story = _story_quietly(args)
    for meta in metas:
        say((meta if story is None else meta.titled_by(story)).describe())
    return 0


def _story_quietly(args: argparse.Namespace) -> Story | None:
    """The story in the language in use, to name each save's scene as it is named now; None
    when it does not load (the saves still list, with the titles they recorded)."""
    from engine.loading.loader import load

    return load(story_dir(args), getattr(args, "lang", None)).story


def _show(store: SaveStore, args: argparse.Namespace) -> int:
    doc = store.read(args.slot)
    story = doc["story"]
    meta = doc["meta"]
    current = _story_quietly(args)
    named = current if current is not None and current.id == story["id"] else None
    scene = named.scenes.get(meta["scene_id"]) if named is not None else None
    journey = named.journeys.get(meta["journey"]) if named is not None else None
    rows = [
        (_("Save:"), store.resolve(args.slot)),
        (_("File:"), str(store.path(args.slot))),
        (
            _("Story:"),
            _("{id} version {version} ({fingerprint})").format(
                id=story["id"], version=story["version"], fingerprint=story["fingerprint"]
            ),
        ),
        (_("Journey:"), journey.title if journey is not None else meta["journey_title"]),
        (_("Scene:"), f"{scene.title if scene is not None else meta['scene_title']} ({meta['scene_id']})"),
        (_("In the game:"), present.current().clock(meta["clock"])),
        (_("Saved at:"), saved_at_text(doc["saved_at"])),
        (_("Played:"), play_time_text(doc["play_seconds"])),
        (_("Choices:"), str(len(doc["replay"]["choices"]))),
        (_("Previous version:"), _("kept") if store.has_previous(args.slot) else _("none")),
    ]
    for label, value in rows:
        say(f"{label:<18}{value}")
    if current is None:
        load_or_report(args)  # says why the story does not load
        return 1
    loads = _("Loads:").ljust(18)
    try:
        loaded = store.load(args.slot, current)
    except SaveError as exc:
        say(loads + _("no: {error}").format(error=exc))
        return 1
    say(loads + (_("yes, with notices:") if loaded.notices else _("yes")))
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
                _(
                    "not deleting '{slot}': there is no terminal to ask for confirmation; add --yes to delete it."
                ).format(slot=slot)
            )
            return 1
        sys.stdout.write(
            visible(_("Delete the save '{slot}' and its previous version? [y/N] ").format(slot=slot))
        )
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes", _("y"), _("yes")):
            say(_("Nothing was deleted."))
            return 0
    store.delete(slot)
    say(_("Deleted '{slot}'.").format(slot=slot))
    return 0


def _export(store: SaveStore, args: argparse.Namespace) -> int:
    store.export(args.slot, Path(args.path))
    say(_("Exported '{slot}' to {path}.").format(slot=store.resolve(args.slot), path=args.path))
    return 0


def _import(store: SaveStore, args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    try:
        meta = store.import_(Path(args.path), args.slot, story, replace=args.replace)
    except SlotTaken as exc:
        fail(
            _(
                "there is already a save named '{slot}'; give another name "
                "(relocant saves import {path} NAME) or add --replace."
            ).format(slot=exc.slot, path=args.path)
        )
        return 1
    except BadSlotName as exc:
        if args.slot is not None:
            raise
        fail(
            _("{error} Give the save a name: relocant saves import {path} NAME").format(
                error=exc, path=args.path
            )
        )
        return 1
    say(_("Imported as '{slot}': {save}").format(slot=meta.slot, save=meta.describe()))
    return 0


def _restore(store: SaveStore, args: argparse.Namespace) -> int:
    meta = store.restore(args.slot)
    say(_("Restored the previous version of '{slot}': {save}").format(slot=meta.slot, save=meta.describe()))
    return 0


def _check(store: SaveStore, args: argparse.Namespace) -> int:
    story = load_or_report(args)
    if story is None:
        return 1
    metas = store.list()
    if not metas:
        say(_("No saved games in {folder}.").format(folder=store.folder))
        return 0
    trouble = 0
    others = [m for m in metas if m.problem is None and m.story_id != story.id]
    metas = [m for m in metas if m not in others]
    for meta in metas:
        how, details = _verdict(store, story, meta.slot)
        trouble += how in (NOT_LOADING, "moved back")
        say(f"{meta.slot}: {_(VERDICTS[how])}")
        for line in details:
            say(f"  - {line}")
    if others:
        say(
            ngettext(
                "({count} save(s) of other stories not checked: {saves})",
                "({count} save(s) of other stories not checked: {saves})",
                len(others),
            ).format(count=len(others), saves=", ".join(m.slot for m in others))
        )
    say(
        ngettext(
            "{count} save(s) of {story}; {trouble} would not load as saved.",
            "{count} save(s) of {story}; {trouble} would not load as saved.",
            len(metas),
        ).format(count=len(metas), story=story.id, trouble=trouble)
    )
    return 1 if trouble else 0


NOT_LOADING = "does not load"
VERDICTS = {  # how a save rebuilds on the story (migrate.Rebuilt.how), as `saves check` says it
    NOT_LOADING: N_("does not load"),
    "exact": N_("loads"),
    "adjusted": N_("loads, adjusted"),
    "moved back": N_("falls back"),
    "replayed": N_("loads by replaying its choices"),
}


def _verdict(store: SaveStore, story: Story, slot: str) -> tuple[str, list[str]]:
    """How the save rebuilds on ``story`` (a key of VERDICTS), and what the player would be told."""
    try:
        result = store.rebuild(slot, story)
    except SaveError as exc:
        return NOT_LOADING, [str(exc)]
    return result.how, result.notices
