"""Damage for the fuzz tests and the campaign: mutated saves, hostile folders, odd names.

Each ``exercise_*`` function plays one input through everything a player can
do with it (list, show, load on the story and on a changed one, continue,
save over it, restore, import) and returns the broken promises it saw, as
short kinds ("traceback KeyError in load", "good save changed", ...). An
empty list means the input ended in the store's own errors or in a game.
``tests/test_fuzz_*.py`` asserts the list is empty for inputs hypothesis
draws; ``benchmarks/fuzz_campaign.py`` counts the kinds over many more.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.core.game import Game
from engine.core.model import Story
from engine.saves import SaveError, SaveStore, document
from engine.saves.errors import BadSlotName, OtherStory, UnreadableSave, WriteFailed
from engine.saves.slots import slot_key

# ---------------------------------------------------------------- save files

# Values no game writes, for a field anywhere in a save.
HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    10**12,
    -(10**15),
    10**300,
    1e308,
    -0.0,
    "",
    "x" * 5000,
    "\x1b]0;PWN\x07\x1b[2J",
    "[/]",
    "\ud800",
    [],
    {},
    [[[[[[[[[[["deep"]]]]]]]]]]],
    {"scene": "flat"},
    list(range(50)),
]

# Text spliced into a file at some offset.
HOSTILE_BYTES: list[bytes] = [
    b"{",
    b"}",
    b"[",
    b'"',
    b"\\",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"9" * 5000,
    b"[" * 3000,
    b'{"a":' * 1500,
    b"\x1b[2J",
    b"\xed\xa0\x80",  # a lone surrogate, as UTF-8
]


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document, as the keys and indexes that lead there."""
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths_in(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += paths_in(item, (*prefix, i))
    return out


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def mutate_doc(doc: Any, rng: random.Random) -> Any:
    """One change at one place: a hostile value, a removed key, a swapped type, a renamed key."""
    places = paths_in(doc)
    path = rng.choice(places)
    op = rng.choice(["value", "value", "delete", "swap", "rename", "deep"])
    if not path:
        return rng.choice(HOSTILE_VALUES) if op != "deep" else json.loads(nested(rng.randrange(2, 900)))
    parent = _parent(doc, path)
    key = path[-1]
    old = parent[key]
    if op == "value":
        parent[key] = rng.choice(HOSTILE_VALUES)
    elif op == "deep":
        parent[key] = json.loads(nested(rng.randrange(2, 900)))
    elif op == "delete":
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
    elif op == "swap":
        swapped = {dict: lambda v: list(v.values()), list: lambda v: {str(i): x for i, x in enumerate(v)}}
        change = swapped.get(type(old))
        if change is not None:
            parent[key] = change(old)
        elif isinstance(old, str):
            parent[key] = len(old)
        elif isinstance(old, bool | int | float):
            parent[key] = str(old)
        else:
            parent[key] = [old]
    elif isinstance(parent, dict):
        parent[f"{key}_"] = parent.pop(key)
    return doc


def mutate_bytes(data: bytes, rng: random.Random, splices: list[bytes] = HOSTILE_BYTES) -> bytes:
    """One change to the text: flipped bits, a cut, a lost or doubled line, spliced bytes, BOM, CRLF."""
    op = rng.choice(["flip", "truncate", "delete line", "double line", "splice", "bom", "crlf", "nul"])
    if not data:
        return rng.choice(splices)
    at = rng.randrange(len(data))
    if op == "flip":
        out = bytearray(data)
        out[at] ^= 1 << rng.randrange(8)
        return bytes(out)
    if op == "truncate":
        return data[:at]
    lines = data.split(b"\n")
    line = rng.randrange(len(lines))
    if op == "delete line":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if op == "double line":
        return b"\n".join(lines[: line + 1] + lines[line:])
    if op == "bom":
        return b"\xef\xbb\xbf" + data
    if op == "crlf":
        return data.replace(b"\n", b"\r\n")
    if op == "nul":
        return data[:at] + b"\x00" + data[at:]
    return data[:at] + rng.choice(splices) + data[at + rng.randrange(4) :]


def mutant(base: bytes, seed: int, changes: int = 1) -> bytes:
    """A save file with ``changes`` random changes, at the level of its values or of its bytes."""
    rng = random.Random(seed)
    data = base
    for _ in range(changes):
        if rng.random() < 0.5:
            try:
                doc = json.loads(data)
            except (ValueError, RecursionError):
                data = mutate_bytes(data, rng)
                continue
            doc = mutate_doc(doc, rng)
            try:
                data = json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
            except (ValueError, RecursionError):
                data = mutate_bytes(data, rng)
        else:
            data = mutate_bytes(data, rng)
    return data


# ---------------------------------------------------------------- one input, every use


class Broken(Exception):
    """A promise the saves did not keep; its text is the kind of failure."""


def guarded(what: str, call: Callable[[], Any]) -> Any:
    """Run ``call``; a SaveError is the promised outcome (returned), anything else is a failure."""
    try:
        return call()
    except SaveError as exc:
        if isinstance(exc, UnreadableSave) and not exc.slot:
            raise Broken(f"error without its file in {what}") from None
        text = str(exc)
        if not text or "Traceback" in text:
            raise Broken(f"unreadable message in {what}") from None
        return exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        raise Broken(f"traceback {type(exc).__name__} in {what}") from exc


def shown(game: Game) -> None:
    """Everything a front end draws from a game, so a loaded game that cannot be shown is found."""
    view = game.view()
    str(view.when), str(view.text), [c.text for c in view.choices]
    for entry in game.journal():
        str(entry.when)
    game.changes()


def played(story: Story, seed: int, choices: int) -> Game:
    """A game of some length on the saves test story, the same for the same numbers."""
    game = Game.start(story, "city", seed=seed)
    rng = random.Random(seed)
    for _ in range(choices):
        open_ = [c for c in game.view().choices if c.enabled]
        if not open_:
            break
        game.choose(rng.choice(open_).number)
    return game


def exercise_save(folder: Path, story: Story, changed: Story, data: bytes) -> list[str]:
    """Put ``data`` in a slot that has a good previous version, beside another good save, and use it."""
    try:
        _exercise_save(folder, story, changed, data)
    except Broken as exc:
        return [str(exc)]
    return []


_GAMES: dict[int, tuple[Game, bytes, bytes]] = {}


def _games(story: Story) -> tuple[Game, bytes, bytes]:
    """The save exercise's files (a good save, a good previous version) and the game saved
    over the mutant, made once per story."""
    if id(story) not in _GAMES:
        good, previous, later = played(story, 1, 3), played(story, 2, 4), played(story, 3, 5)
        good_bytes = document.encode(document.build("good", good, 1))
        previous_bytes = document.encode(document.build("victim", previous, 2))
        _GAMES[id(story)] = (later, good_bytes, previous_bytes)
    return _GAMES[id(story)]


def _exercise_save(folder: Path, story: Story, changed: Story, data: bytes) -> None:
    later, good_bytes, previous_bytes = _games(story)
    # "victim" holds `data`, and its previous version is a good save.
    (folder / "good.save.json").write_bytes(good_bytes)
    (folder / "victim.save.json.bak").write_bytes(previous_bytes)
    (folder / "victim.save.json").write_bytes(data)
    fresh = SaveStore(folder)

    metas = guarded("list", fresh.list)
    if isinstance(metas, SaveError):
        raise Broken("list failed")
    for meta in metas:
        guarded("describe", meta.describe)
        if meta.problem is None:
            guarded("the load screen's date", lambda m=meta: m.when)
    guarded("show", lambda: fresh.read("victim"))
    # Damaged, as the store judges it: it does not load on its own story (a save of
    # another story cannot be checked here, and is kept like a good one).
    damaged = False
    for on in (story, changed):
        loaded = guarded("load", lambda s=on: fresh.load("victim", s))
        if isinstance(loaded, SaveError):
            damaged = damaged or (on is story and not isinstance(loaded, OtherStory))
            continue
        guarded("showing a loaded game", lambda g=loaded.game: shown(g))
    for on in (story, changed):
        guarded("check", lambda s=on: fresh.rebuild("victim", s))
        newest = guarded("continue", lambda s=on: fresh.load_newest(s))
        if newest is None or isinstance(newest, SaveError):
            raise Broken("continue lost the good save")
    elsewhere = folder / "imported"
    imported = guarded("import", lambda: SaveStore(elsewhere).import_(fresh.path("victim"), "x", story))
    if isinstance(imported, SaveError) and elsewhere.exists() and any(elsewhere.iterdir()):
        raise Broken("a refused import wrote something")

    guarded("saving over it", lambda: SaveStore(folder).save("victim", later, 4))
    if (folder / "good.save.json").read_bytes() != good_bytes:
        raise Broken("good save changed")
    after = SaveStore(folder)
    reloaded = guarded("loading what was saved over it", lambda: after.load("victim", story))
    if isinstance(reloaded, SaveError) or reloaded.game.to_dict() != later.to_dict():
        raise Broken("the new save did not load")
    if damaged and after.backup_path("victim").read_bytes() != previous_bytes:
        raise Broken("damaged save replaced the good previous version")
    restored = guarded("restore", lambda: after.restore("victim"))
    if damaged and isinstance(restored, SaveError):
        raise Broken("restore failed")


# ---------------------------------------------------------------- folders


KINDS = ("good", "garbage", "empty", "dangling", "pipe", "zero", "folder", "loop", "huge")


def make_entry(folder: Path, name: str, kind: str, good: bytes) -> None:
    path = folder / name
    if kind == "good":
        path.write_bytes(good)
    elif kind == "garbage":
        path.write_bytes(b"\x00\xffnot a save")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "dangling":
        path.symlink_to(folder / f"gone-{name}")
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(path)
    else:
        with open(path, "wb") as big:
            big.truncate(65 * 1024 * 1024)


def exercise_folder(
    folder: Path, story: Story, entries: list[tuple[str, str, str]], endings: str
) -> list[str]:
    """A folder holding ``entries`` (slot, kind of its file, kind of its backup or "") and an
    endings record of the kind ``endings`` (or none), beside one good save: every command works."""
    try:
        _exercise_folder(folder, story, entries, endings)
    except Broken as exc:
        return [str(exc)]
    return []


def _exercise_folder(folder: Path, story: Story, entries: list[tuple[str, str, str]], endings: str) -> None:
    game = played(story, 5, 3)
    SaveStore(folder).save("anchor", game, 1)
    good = SaveStore(folder).path("anchor").read_bytes()
    for slot, kind, backup in entries:
        make_entry(folder, f"{slot}.save.json", kind, good)
        if backup:
            make_entry(folder, f"{slot}.save.json.bak", backup, good)
    if endings:
        make_entry(folder, "endings.json", endings, b"{}")
    store = SaveStore(folder)
    metas = guarded("list", store.list)
    if isinstance(metas, SaveError) or "anchor" not in [m.slot for m in metas]:
        raise Broken("list lost the good save")
    for meta in metas:
        guarded("describe", meta.describe)
    newest = guarded("continue", lambda: store.load_newest(story))
    if newest is None or isinstance(newest, SaveError):
        raise Broken("continue lost the good save")
    guarded("endings", lambda: store.endings_found(story))
    for slot, _, _ in entries:
        guarded("load", lambda s=slot: store.load(s, story))
        guarded("restore", lambda s=slot: store.restore(s))
        guarded("export", lambda s=slot: store.export(s, folder / "exported.json"))
        source = folder / f"{slot}.save.json"
        guarded("import", lambda p=source: SaveStore(folder / "in").import_(p, "x", story))
        saved = guarded("save over it", lambda s=slot: store.save(s, game, 2))
        if isinstance(saved, SaveError):
            if not (isinstance(saved, WriteFailed) and "a folder is in the way" in saved.reason):
                raise Broken(f"saving over a bad thing failed: {type(saved).__name__}")
        else:
            loaded = guarded("load what was saved", lambda s=slot: store.load(s, story))
            if isinstance(loaded, SaveError) or loaded.game.to_dict() != game.to_dict():
                raise Broken("saving over a bad thing did not take")
        guarded("delete", lambda s=slot: store.delete(s))
    if store.load("anchor", story).game.to_dict() != game.to_dict():
        raise Broken("good save changed")


# ---------------------------------------------------------------- names


def exercise_name(folder: Path, story: Story, name: str) -> list[str]:
    """A name a player typed: refused with a message, or a slot that saves, loads and lists."""
    try:
        _exercise_name(folder, story, name)
    except Broken as exc:
        return [str(exc)]
    return []


def _exercise_name(folder: Path, story: Story, name: str) -> None:
    store = SaveStore(folder)
    game = played(story, 6, 2)
    meta = guarded("save", lambda: store.save(name, game, 1))
    if isinstance(meta, SaveError):
        if not isinstance(meta, BadSlotName):
            raise Broken(f"{type(meta).__name__} for a name")
        if os.listdir(folder):
            raise Broken("a refused name wrote something")
        return
    guarded("save again", lambda: store.save(name, game, 2))  # makes the backup: the longest names
    for entry in os.listdir(folder):
        if len(os.fsencode(entry)) > 255:
            raise Broken("file name over 255 bytes")
    variants = {name, name.upper(), name.lower(), unicodedata.normalize("NFD", name)}
    for variant in variants:
        if slot_key(variant) != slot_key(name):
            continue
        loaded = guarded("load by another case or form", lambda v=variant: store.load(v, story))
        if isinstance(loaded, SaveError):
            if isinstance(loaded, BadSlotName):
                continue  # e.g. upper-casing made a reserved name or a longer one
            raise Broken("a name's other case or form did not find its save")
        if loaded.game.to_dict() != game.to_dict():
            raise Broken("a name's other case or form found another save")
    if [m.slot for m in store.list()] != [meta.slot]:
        raise Broken("one name listed as several saves")


# ---------------------------------------------------------------- story files

EXPRESSION_KEYS = ("requires", "if", "show_if", "when")
HOSTILE_EXPRESSIONS = [
    "(" * 40 + "1" + ")" * 40,
    "(" * 3000 + "1" + ")" * 3000,
    "not " * 2000 + "true",
    "-" * 2000 + "1",
    "abs(" * 500 + "1" + ")" * 500,
    " + ".join(["1"] * 2000),
    "9" * 5000,
    "'" + "x" * 20000 + "'",
    "money +",
    "'unclosed",
    "visits(",
    "random(1, 999999999999999999999)",
    "1 / 0",
    "\x1b[2J",
    "[/]",
    "",
]
HOSTILE_TOML_VALUES = [
    "1",
    "-9223372036854775809",
    "9" * 5000,
    "1e999",
    "nan",
    "true",
    '""',
    '"' + "x" * 20000 + '"',
    '"\\u001b]0;PWN\\u0007"',
    '"[/]"',
    "[]",
    '[1, "a", true]',
    "[" * 3000 + "]" * 3000,
    "{}",
    "{a = 1}",
    "{" + "a = {" * 500 + "}" * 501,
    "1979-05-27T07:32:00Z",
    '"2022-02-30 25:61"',
    '"99999999999d"',
    '"""\nmany\nlines\n"""',
]


def mutate_story_text(data: bytes, rng: random.Random) -> bytes:
    """One change to a story file: the byte changes of a save file, or one that knows TOML: a
    value of another type, an expression no story should hold, a key removed or doubled."""
    values = HOSTILE_TOML_VALUES
    lines = data.split(b"\n")
    assigned = [i for i, line in enumerate(lines) if b" = " in line and not line.lstrip().startswith(b"#")]
    op = rng.choice(["bytes", "bytes", "value", "value", "expression", "duplicate key", "table"])
    if op == "bytes" or not assigned:
        return mutate_bytes(data, rng, HOSTILE_BYTES)
    i = rng.choice(assigned)
    key = lines[i].split(b" = ", 1)[0]
    if op == "value":
        lines[i] = key + b" = " + rng.choice(values).encode()
    elif op == "expression":
        source = rng.choice(HOSTILE_EXPRESSIONS).replace("\\", "\\\\").replace('"', '\\"')
        if key.strip().decode(errors="replace") in EXPRESSION_KEYS:
            lines[i] = key + b' = "' + source.encode() + b'"'
        else:
            lines[i] = key + b' = ["' + source.encode() + b'"]'  # as an effects list
    elif op == "duplicate key":
        lines.insert(i, lines[i])
    else:
        header = rng.choice(
            [
                b"[[scene]]",
                b"[[scene.choice]]",
                b"[story]",
                b"[[journey]]",
                b"[variables.x]",
                b"[scene.ending]",
            ]
        )
        lines.insert(i, header)
    return b"\n".join(lines)


def story_mutant(root: Path, into: Path, seed: int, changes: int = 1) -> Path:
    """A copy of the story folder ``root`` in ``into`` with ``changes`` changes to its files."""
    rng = random.Random(seed)
    copy = into / "story"
    shutil.copytree(root, copy)
    files = sorted(copy.rglob("*.toml"))
    for _ in range(changes):
        target = rng.choice(files)
        target.write_bytes(mutate_story_text(target.read_bytes(), rng))
    return copy


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def exercise_story(root: Path, seed: int = 0) -> list[str]:
    """Load a story folder as ``relocant check`` does and, if it loads, play it a little.

    The promise: every problem is a diagnostic with its file (and line), shown
    without control characters; a story that loads plays (a step may stop
    with the engine's RunTimeError) and its games save and load back.
    """
    from engine.core.diagnostics import RunTimeError
    from engine.loading.loader import load

    try:
        result = load(root)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        return [f"traceback {type(exc).__name__} in load"]
    problems = []
    for d in result.diagnostics:
        try:
            text = d.format(root)
        except Exception as exc:
            return [f"traceback {type(exc).__name__} in a diagnostic"]
        if d.is_error and d.file is None:
            problems.append("error without a file")
        if d.is_error and d.line is None:
            problems.append("error without a line")
        if _CONTROL.search(text):
            problems.append("control character in a diagnostic")
    story = result.story
    if story is None:
        if not result.errors:
            problems.append("no story and no error")
        return sorted(set(problems))
    rng = random.Random(seed)
    for journey in story.journeys:
        try:
            game = Game.start(story, journey, seed=rng.randrange(2**32))
            for _ in range(rng.randrange(1, 40)):
                shown(game)
                open_ = [c for c in game.view().choices if c.enabled]
                if not open_:
                    break
                game.choose(rng.choice(open_).number)
            shown(game)
        except RunTimeError:
            continue
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            problems.append(f"traceback {type(exc).__name__} in play")
            continue
        try:
            again = Game.from_dict(
                story, json.loads(document.encode(document.build("fuzz", game, 0)))["game"]
            )
        except Exception as exc:
            problems.append(f"traceback {type(exc).__name__} in save and load")
            continue
        if again.to_dict() != game.to_dict():
            problems.append("a saved game loads back different")
    return sorted(set(problems))
