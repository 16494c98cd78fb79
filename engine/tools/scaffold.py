"""Skeletons for new story content, written so they load as they stand.

``relocant new scene`` appends one: every key an author commonly needs, the
optional ones commented out with a word on what they do. ``relocant new
story`` writes a whole small story that checks clean and plays to its ending,
so an author starts from something that works rather than from a copy of the
game.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import tomli

from engine.core.diagnostics import relative_name
from engine.core.names import IDENTIFIER_RULE, is_identifier

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
    if not is_identifier(scene_id):
        raise ScaffoldError(
            f"'{scene_id}' is not a valid scene id: use {IDENTIFIER_RULE} (for example nm_bank_queue)"
        )
    if scene_id in existing:
        shown = relative_name(existing[scene_id], root)
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


# ---------------------------------------------------------------- a new story


def story_id_for(folder: Path) -> str:
    """An id made from the folder's name: ``my-story`` gives ``my_story``."""
    words = re.findall(r"[A-Za-z0-9]+", folder.name.lower())
    ident = "_".join(words)
    return ident if is_identifier(ident) else f"story_{ident}" if ident else "story"


def title_for(story_id: str) -> str:
    words = story_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def story_files(story_id: str, title: str, schema: str | None = None) -> dict[str, str]:
    """The files of a minimal story: a journey of four scenes, one an ending, that checks clean.

    ``schema``, the path from the story folder to the story schema, goes on
    each file's first line, where editors that know TOML schemas look for it.
    """
    if not is_identifier(story_id):
        raise ScaffoldError(f"'{story_id}' is not a valid story id: use {IDENTIFIER_RULE}")
    first = f"#:schema {schema}\n" if schema else ""
    return {
        "story.toml": first + _STORY.format(id=story_id, title=json.dumps(title, ensure_ascii=False)),
        "scenes.toml": first + _SCENES,
    }


def write_story(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder``, which must not exist or be empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} already exists and is not an empty folder; choose a new name")
    inside = _story_around(folder)
    if inside is not None:
        raise ScaffoldError(
            f"{folder} is inside the story {inside}, which would read the new story's files as its own; "
            "make the new story somewhere else"
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _story_around(folder: Path) -> Path | None:
    for parent in folder.absolute().parents:
        try:
            if (parent / "story.toml").is_file():
                return parent
        except OSError:
            continue
    return None


_STORY = """\
# A story: its title, its journeys, and the variables its scenes use.
# The format is described in docs/scene-format.md; after each edit, run
#   relocant check
# in this folder. Ids and variable names are letters, digits and _.

[story]
id = "{id}"            # saves record it: keep it once players have saves
title = {title}
version = "1"
subtitle = "A short story in four scenes"
# content_note = "What a player should know before starting."

[[journey]]
id = "first"
title = "The first day"
blurb = "Your first morning in a new city. Say here, in two or three sentences, what the journey is."
start = "first_arrival"   # the id of its first scene
where = "Almaty"
when = "March 2022"
date = "2022-03-01 08:00" # the calendar at the start

# Every variable a scene reads or changes is declared once.
[variables.money]
type = "integer"
default = 20
min = 0
label = "Money"
format = "{{value}} ₸"
show = "number"           # shown in the side panel (and by `state` in the plain player)

# Words the player can look up; marked wherever they appear in the text.
[glossary.tenge]
term = "tenge"
text = "The money of Kazakhstan, written ₸."
"""

_SCENES = """\
# The scenes of the journey "first". Any .toml file in the story folder (or
# below it) may hold scenes; the line below puts this file's scenes in the
# journey "first".
journey = "first"

[[scene]]
id = "first_arrival"
title = "Arrival"
location = "Almaty-2 station"
# The text: a blank line starts a paragraph, *emphasis*, **strong**, {money}
# shows a variable, {if ...}...{else}...{end} shows one branch.
text = \"\"\"
{if first_visit}The train stops. You step down onto the platform with *one* bag
and {money} in your pocket, the first tenge you have held.{else}The platform has
emptied. A porter sweeps round your feet.{end}

Which way now?
\"\"\"

[[scene.choice]]
id = "arrival_look"
text = "Look around the platform"
goto = "first_arrival"
advance = "15m"
once = true                      # gone once taken

[[scene.choice]]
id = "arrival_tea"
text = "Buy tea at the kiosk"
goto = "first_kiosk"
advance = "10m"

[[scene.choice]]
id = "arrival_walk"
text = "Walk into the city"
goto = "first_street"
advance = "30m"

[[scene]]
id = "first_kiosk"
title = "The kiosk"
text = "The woman at the kiosk smiles at your accent. Tea is 5 ₸."

[[scene.choice]]
id = "kiosk_buy"
text = "Pay for a tea"
goto = "first_street"
requires = "money >= 5"          # shown, but disabled with the reason below, while false
because = "you need 5 ₸"
effects = ["money -= 5"]
journal = "You bought tea at the station."

[[scene.choice]]
id = "kiosk_leave"
text = "Leave without buying"
goto = "first_street"

[[scene]]
id = "first_street"
title = "The street"
advance = "20m"
text = \"\"\"
The mountains stand white at the end of the street.
{if money < 20}The tea is still warm in your hand.{end}
\"\"\"

[[scene.choice]]
id = "street_flat"
text = "Find the flat"
goto = "first_flat"

[[scene]]
id = "first_flat"
title = "The flat"
text = \"\"\"
The key turns. It is a small room, and for now it is yours. You have {money} left.
\"\"\"

[scene.ending]
title = "A room of your own"
kind = "hopeful"
"""
