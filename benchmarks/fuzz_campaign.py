"""Fuzz campaign: many more damaged saves, folders, names, story files and expressions
than the test suite's fuzz tests try, each played through everything a player or an
author can do with it, counting the broken promises by kind.

The exercises are those of tests/fuzz_mutations.py (the tests run the same ones on
fewer inputs). A broken promise is a traceback (an exception that is not the
project's own error), a hang (an input that takes longer than ``--timeout``), a
change to a good save, a damaged save in place of a good previous version, an error
without its place, or a control character in a diagnostic. Each input is derived
from ``--seed`` and its number, so any failure can be replayed alone.

Run: ``.venv/bin/python benchmarks/fuzz_campaign.py [--saves N] [--folders N] [--names N]
[--stories N] [--game-story N] [--expressions N] [--seed S] [--timeout SECONDS]
[--full-disk DIR]``

``--full-disk DIR`` adds the disk-full exercise on a real, small file system mounted at
DIR (for example ``mount -t tmpfs -o size=2m tmpfs DIR`` as root): saves into it with
the disk filled to a random level, checking each slot still loads as it was.

fsync is skipped in the save exercises (it costs most of their time and is not what
they test; tests/test_saves_crash.py and the full-disk exercise keep it).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_mutations import (  # noqa: E402
    KINDS,
    exercise_folder,
    exercise_name,
    exercise_save,
    exercise_story,
    mutant,
    played,
    story_mutant,
)

from engine.core.diagnostics import RunTimeError  # noqa: E402
from engine.core.expressions import ExpressionError, Type, parse_effect, parse_expression  # noqa: E402
from engine.core.limits import MAX_INTEGER, MAX_TEXT  # noqa: E402
from engine.loading.loader import load_story  # noqa: E402
from engine.saves import SaveStore, document, files  # noqa: E402
from engine.saves.errors import WriteFailed  # noqa: E402

TEST_STORIES = ROOT / "tests" / "stories"
SMALL_STORIES = [TEST_STORIES / n for n in ("tiny", "saves_loop", "trio", "markup", "counted")]


class Hung(BaseException):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Hung


class NoSync:
    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fsync(self, fd: int) -> None:
        pass


class Tally:
    """Inputs tried and broken promises, by kind, for one exercise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tried = 0
        self.seconds = 0.0
        self.failures: collections.Counter[str] = collections.Counter()
        self.notes: collections.Counter[str] = collections.Counter()  # outcomes that keep the promises
        self.first: dict[str, int] = {}  # kind -> the first input number that showed it

    def run(self, n: int, timeout: float, one: Callable[[int], list[str]]) -> None:
        start = time.perf_counter()
        for i in range(n):
            signal.alarm(max(1, int(timeout)))
            try:
                found = one(i)
            except Hung:
                found = ["hang"]
            except Exception as exc:  # the exercise itself failed: count it, keep going
                found = [f"traceback {type(exc).__name__} outside the exercise"]
            finally:
                signal.alarm(0)
            self.tried += 1
            for note in [k for k in found if k.startswith("note: ")]:
                self.notes[note.removeprefix("note: ")] += 1
            found = [k for k in found if not k.startswith("note: ")]
            for kind in set(found):
                self.failures[kind] += 1
                self.first.setdefault(kind, i)
        self.seconds = time.perf_counter() - start

    def as_dict(self) -> dict[str, Any]:
        return {
            "tried": self.tried,
            "seconds": round(self.seconds, 1),
            "failures": dict(self.failures.most_common()),
            "outcomes": dict(self.notes.most_common()),
            "first": self.first,
        }


# ---------------------------------------------------------------- expressions

_TYPES = {"money": Type.INTEGER, "flag": Type.BOOLEAN, "name": Type.TEXT, "docs": Type.TAGS}
_ATOMS = [
    "money", "flag", "name", "docs", "first_visit", "true", "false", "0", "1", "7",
    str(MAX_INTEGER), str(MAX_INTEGER + 1), "1_000", "'iin'", '""', "visits('gate')",
    "random(1, 6)", "before('2022-02-24')", "count(docs)", "nobody",
]  # fmt: skip
_BINARY = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in", "not in"]
_CHARS = "()'\"\\ +-*/%<>=!,_0123456789abcdefghijklmnopqrstuvwxyz\x00\x1b\u00e9\U0001f600"


class _Ctx:
    def __init__(self, rng: random.Random) -> None:
        self.vars: dict[str, Any] = {
            "money": rng.choice([0, 1, -1, MAX_INTEGER, -MAX_INTEGER, rng.randrange(-1000, 1000)]),
            "flag": rng.random() < 0.5,
            "name": rng.choice(["", "Aru", "x" * MAX_TEXT]),
            "docs": frozenset(rng.sample(["iin", "sim", ""], rng.randrange(4))),
        }
        self.visits = {"gate": 2}
        self.scene = "here"
        self.clock = rng.choice([0, 11_000_000])
        self.rng = 42


def _grammar(rng: random.Random, depth: int) -> str:
    if depth <= 0 or rng.random() < 0.3:
        return rng.choice(_ATOMS)
    pick = rng.randrange(4)
    if pick == 0:
        return f"{_grammar(rng, depth - 1)} {rng.choice(_BINARY)} {_grammar(rng, depth - 1)}"
    if pick == 1:
        return rng.choice(["-{}", "not {}", "abs({})", "({})", "visits({})"]).format(_grammar(rng, depth - 1))
    if pick == 2:
        name = rng.choice(["min", "max", "random"])
        return f"{name}({_grammar(rng, depth - 1)}, {_grammar(rng, depth - 1)})"
    n = rng.choice([10, 31, 32, 33, 100, 3000])
    return rng.choice(["(" * n + "1" + ")" * n, "not " * n + "true", "-" * n + "1", " + ".join(["1"] * n)])


def exercise_expression(seed: int) -> list[str]:
    rng = random.Random(seed)
    if rng.random() < 0.5:
        source = _grammar(rng, rng.randrange(1, 8))
    else:
        source = "".join(rng.choice(_CHARS) for _ in range(rng.randrange(60)))
    wants = {Type.INTEGER: int, Type.BOOLEAN: bool, Type.TEXT: str, Type.TAGS: frozenset}
    problems = []
    for text, parse in (
        (source, lambda s: [parse_expression(s, _TYPES, allow_random=True)]),
        (f"money += {source}", lambda s: list(parse_effect(s, _TYPES).expressions)),
    ):
        try:
            parsed = parse(text)
        except ExpressionError as exc:
            if not 0 <= exc.offset <= len(text):
                problems.append("error offset outside the source")
            continue
        except Exception as exc:
            problems.append(f"traceback {type(exc).__name__} in parse")
            continue
        for expr in parsed:
            try:
                value = expr.eval(_Ctx(rng))
            except RunTimeError:
                continue
            except Exception as exc:
                problems.append(f"traceback {type(exc).__name__} in eval")
                continue
            if not isinstance(value, wants[expr.type]):
                problems.append("value of the wrong type")
    return problems


# ---------------------------------------------------------------- names

_SCRIPTS = [
    "a",
    "Z",
    "é",
    "ß",
    "Ё",
    "語",
    "\U00020000",
    "\U0001f600",
    "ǅ",
    "ﬁ",
    "¹",
    "٣",
    " ",
    "-",
    "_",
    ".",
    "/",
]


def random_name(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(rng.randrange(1, 80)))
    if kind == 1:
        return "".join(rng.choice(_SCRIPTS) for _ in range(rng.randrange(1, 80)))
    if kind == 2:
        return rng.choice(["com", "lpt", "COM", "Lpt", "con", "nul", "aux", "prn"]) + rng.choice(
            ["", "0", "1", "9", "¹", "²", "³", "１"]
        )
    return rng.choice(_SCRIPTS[:10]) * rng.randrange(40, 90)


# ---------------------------------------------------------------- disk full


def exercise_full_disk(mount: Path, story: Any, seed: int) -> list[str]:
    """Fill the small file system to a random level, then save over a slot and into a new one."""
    rng = random.Random(seed)
    folder = mount / f"run{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    for leftover in mount.glob("filler*"):
        leftover.unlink()
    old, new = played(story, seed, 3), played(story, seed + 1, 30)
    try:
        SaveStore(folder).save("slot", old, 1)
        SaveStore(folder).save("slot", old, 1)
    except WriteFailed:
        return []  # no room even for the first save: nothing to check
    free = shutil.disk_usage(mount).free
    with open(mount / "filler", "wb") as filler:
        try:
            filler.write(b"\0" * max(0, free - rng.randrange(0, 64 * 1024)))
        except OSError:
            pass
    problems = []
    for slot in ("slot", "fresh"):
        try:
            SaveStore(folder).save(slot, new, 2)
            saved = True
        except WriteFailed as exc:
            saved = False
            problems.append(f"note: refused: {exc.reason.split(' (')[0]}")
        except Exception as exc:
            problems.append(f"traceback {type(exc).__name__} in a save on a full disk")
            continue
        store = SaveStore(folder)
        if slot == "fresh" and not saved:
            if store.exists("fresh"):
                problems.append("a failed save left a file")
            continue
        try:
            got = store.load(slot, story).game.to_dict()
        except Exception as exc:
            problems.append(f"slot unreadable after a full disk ({type(exc).__name__})")
            continue
        if got != (new if saved else old).to_dict():
            problems.append("slot changed by a failed save")
        elif saved:
            problems.append("note: saved")
    (mount / "filler").unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return problems


# ---------------------------------------------------------------- the campaign


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20000)
    parser.add_argument("--folders", type=int, default=300)
    parser.add_argument("--names", type=int, default=20000)
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--game-story", type=int, default=300)
    parser.add_argument("--expressions", type=int, default=50000)
    parser.add_argument("--full-disk", type=Path, metavar="DIR")
    parser.add_argument("--full-disk-runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()

    # A regression that reads /dev/zero fails here rather than taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (8 * 1024**3, 8 * 1024**3))
    signal.signal(signal.SIGALRM, _stop)
    story = load_story(TEST_STORIES / "saves_loop")
    changed_dir = Path(tempfile.mkdtemp())
    shutil.copytree(TEST_STORIES / "saves_loop", changed_dir, dirs_exist_ok=True)
    scenes = changed_dir / "scenes.toml"
    scenes.write_text(scenes.read_text("utf-8").replace("The stalls.", "The stalls, busy."), "utf-8")
    changed = load_story(changed_dir)
    # Real save files to mutate: a short game, a long one with tags and text, one barely begun.
    bases = [
        document.encode(document.build("base", played(story, s, n), 12.5))
        for s, n in ((1, 2), (7, 40), (3, 0))
    ]
    tallies: list[Tally] = []

    def exercise(name: str, n: int, one: Callable[[int], list[str]]) -> None:
        if n <= 0:
            return
        tally = Tally(name)
        tally.run(n, args.timeout, one)
        tallies.append(tally)
        print(
            f"{name}: {tally.tried} in {tally.seconds:.0f} s, {sum(tally.failures.values())} broken",
            file=sys.stderr,
        )

    def in_folder(work: Callable[[Path], list[str]]) -> list[str]:
        with tempfile.TemporaryDirectory() as folder:
            return work(Path(folder))

    real_os = files.os
    files.os = NoSync()  # type: ignore[assignment]
    seed = args.seed * 1_000_003

    def one_save(i: int) -> list[str]:
        rng = random.Random(seed + i)
        data = mutant(rng.choice(bases), seed + i, rng.randrange(1, 6))
        return in_folder(lambda f: exercise_save(f, story, changed, data))

    def one_folder(i: int) -> list[str]:
        rng = random.Random(seed + i)
        names = rng.sample(["a", "B", "ёж", "x 1", "語", "z_9"], rng.randrange(1, 5))
        entries = [(n, rng.choice(KINDS), rng.choice(("", *KINDS))) for n in names]
        return in_folder(lambda f: exercise_folder(f, story, entries, rng.choice(("", *KINDS))))

    def one_name(i: int) -> list[str]:
        name = random_name(random.Random(seed + i))
        return in_folder(lambda f: exercise_name(f, story, name))

    exercise("save files", args.saves, one_save)
    exercise("saves folders", args.folders, one_folder)
    exercise("slot names", args.names, one_name)
    files.os = real_os  # type: ignore[assignment]

    def one_story(roots: list[Path]) -> Callable[[int], list[str]]:
        def run(i: int) -> list[str]:
            rng = random.Random(seed + i)
            root = rng.choice(roots)
            return in_folder(
                lambda f: exercise_story(story_mutant(root, f, seed + i, rng.randrange(1, 4)), seed + i)
            )

        return run

    exercise("story files (test stories)", args.stories, one_story(SMALL_STORIES))
    exercise("story files (the game's story)", args.game_story, one_story([ROOT / "story"]))
    exercise("expressions", args.expressions, lambda i: exercise_expression(seed + i))
    if args.full_disk is not None:
        exercise(
            "full disk", args.full_disk_runs, lambda i: exercise_full_disk(args.full_disk, story, seed + i)
        )
    shutil.rmtree(changed_dir, ignore_errors=True)

    print(f"\n{'exercise':<34}{'tried':>8}{'broken':>8}  broken promises by kind (first input)")
    for t in tallies:
        kinds = ", ".join(f"{k} ×{n} (#{t.first[k]})" for k, n in t.failures.most_common()) or "none"
        print(f"{t.name:<34}{t.tried:>8}{sum(t.failures.values()):>8}  {kinds}")
        if t.notes:
            print(f"{'':<50}(outcomes: {', '.join(f'{k} ×{n}' for k, n in t.notes.most_common())})")
    json.dump({"seed": args.seed, "exercises": {t.name: t.as_dict() for t in tallies}}, sys.stderr, indent=1)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
