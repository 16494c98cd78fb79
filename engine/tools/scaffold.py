"""Skeletons for new story content, written so they load as they stand.

``relocant new scene`` appends one: every key an author commonly needs, the
optional ones commented out with a word on what they do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import tomli

IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
PLACEHOLDER = "CHANGE_ME"


class ScaffoldError(ValueError):
    """A request that cannot be met; the message says why."""


def scene_ids(root: Path) -> dict[str, Path]:
    """Every scene id written under ``root`` and its file, read even when the story has errors."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.toml")):
        try:
            data = tomli.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
            continue
        scenes = data.get("scene", [])
        for scene in scenes if isinstance(scenes, list) else []:
            if isinstance(scene, dict) and isinstance(scene.get("id"), str):
                found.setdefault(scene["id"], path)
    return found


def check_new_id(scene_id: str, existing: dict[str, Path], root: Path) -> None:
    if not IDENT.match(scene_id):
        raise ScaffoldError(
            f"'{scene_id}' is not a valid scene id: use letters, digits and _, starting with a letter "
            "(for example nm_bank_queue)"
        )
    if scene_id in existing:
        where = existing[scene_id]
        try:
            shown = where.relative_to(root.parent)
        except ValueError:
            shown = where
        raise ScaffoldError(f"the scene id '{scene_id}' is already used in {shown}; choose another")


def scene_skeleton(scene_id: str, target: str | None = None, title: str | None = None) -> str:
    goto = target or PLACEHOLDER
    change = "" if target else "   # CHANGE_ME: the id of the scene this choice leads to"
    return f'''
[[scene]]
id = "{scene_id}"
title = {json.dumps(title or "A title the player sees", ensure_ascii=False)}
# journey = "square"          # which journey it belongs to; by default the first that reaches it
# location = "Pushkin Square, Moscow"
# date = "2022-02-24 19:00"   # sets the calendar on entering ("2022-02-24" keeps the time of day)
# advance = "45m"             # or moves it on: "2h", "3d", "1w", "1d 6h"
# effects = ["stress += 1"]   # applied on entering; every variable must be declared
# tags = ["queue"]            # free labels for tools
# facts = ["SOURCE: the documented fact this scene rests on"]   # SOURCE is a [source.*] key
text = """
What the player reads. A blank line starts a new paragraph; *emphasis*, **strong**.
{{if first_visit}}Shown the first time.{{else}}Shown on a return.{{end}}
"""

[[scene.choice]]
text = "What the player picks"
goto = "{goto}"{change}
# id = "{scene_id}_go"          # a stable name for replays; default "{scene_id}->{goto}"
# if = "money_kzt >= 1000"      # when false, the choice is not shown at all
# requires = "'iin' in documents"   # when false, shown disabled with the reason below
# because = "needs an IIN"
# effects = ["money_kzt -= 1000"]
# advance = "20m"
# once = true                   # disappears once taken
# journal = "How the journal records it."

# To make this scene an ending instead, remove its choices and add:
# [scene.ending]
# title = "The ending's name"
# kind = "hopeful"              # or "bittersweet", "sombre"
'''


def append_scene(file: Path, skeleton: str) -> None:
    """Append to ``file`` (created when absent), keeping what it held."""
    old = file.read_text(encoding="utf-8") if file.exists() else ""
    sep = "" if not old or old.endswith("\n") else "\n"
    file.parent.mkdir(parents=True, exist_ok=True)
    with file.open("a", encoding="utf-8") as f:
        f.write(sep + (skeleton if old else skeleton.lstrip("\n")))
