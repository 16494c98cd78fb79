"""Saves benchmark: save and load times for a game with a 1,000-step history.

The game wanders the loop of tests/stories/saves_loop (chance, tags, text and
numbers change along the way) for 1,000 choices. Each figure is the median of
many runs, with the parts shown separately: the game to a dict, the dict to
JSON text, the atomic write (temporary file, fsync, backup link, rename,
folder fsync); and reading, checking the layout, and rebuilding the game.

``--load`` measures only what a player waits for when a game is continued on
the next launch: the save read, parsed and checked, and ``Game.from_dict``
rebuilding the game and validating every step against the story (the story
itself is loaded before, and measured by bench_engine.py). Each run is timed
in wall and CPU time, and the mean, median and 99th percentile are given.

``--count K`` saves the game and loads it K times, untimed, for counting instructions:
instructions don't move with the machine's load, as times do. One load is the difference
between K=6 and K=1, divided by 5::

    PYTHONHASHSEED=0 valgrind --tool=callgrind .venv/bin/python benchmarks/bench_saves.py --count 6

Run: ``.venv/bin/python benchmarks/bench_saves.py [--steps N] [--runs N] [--folder DIR] [--load] [--count K]``
(``--folder`` measures the disk that will hold the saves; the default is a
temporary folder, often in memory, where fsync costs nothing).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore, document

STORY_DIR = Path(__file__).resolve().parent.parent / "tests" / "stories" / "saves_loop"


def long_game(steps: int) -> Game:
    story = load_story(STORY_DIR)
    game = Game.start(story, "city", seed=42)
    rnd = random.Random(7)
    while len(game.steps) < steps:
        open_ = [c for c in game.view().choices if c.enabled and story.scenes[c.goto].ending is None]
        game.choose(rnd.choice(open_).number)
    return game


_fresh = iter(range(10**9))


def _fresh_slot(folder: Path, game: Game) -> None:
    """A first save with no earlier file to keep: the difference from a save over a slot
    another store wrote is the cost of checking that file before it is kept as the previous version."""
    SaveStore(folder).save(f"new{next(_fresh)}", game, 1.0)


def median_ms(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def timed(runs: int, fn: Callable[[], object]) -> tuple[list[float], list[float]]:
    """Wall and CPU time of each of ``runs`` calls, in ms (what a call returns is freed untimed)."""
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
        del result
    return wall, cpu


def spread(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{statistics.fmean(times):6.2f} / {statistics.median(times):6.2f} / {p99:6.2f}"


def measure_load(game: Game, runs: int, folder: Path | None) -> None:
    story = game.story
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        store = SaveStore(Path(tmp))
        store.save("autosave", game, 1.0)
        size = store.path("autosave").stat().st_size
        parsed = json.loads(store.path("autosave").read_bytes())
        rows = [
            ("continue: newest save found and loaded", lambda: SaveStore(Path(tmp)).load_newest(story)),
            ("load, whole (SaveStore.load)", lambda: SaveStore(Path(tmp)).load("autosave", story)),
            ("  read + parse + check layout", lambda: store.read("autosave")),
            ("  Game.from_dict (validates)", lambda: Game.from_dict(story, parsed["game"])),
        ]
        print(f"A game of {len(game.steps)} steps; save file {size / 1024:.0f} KiB; {runs} runs of each")
        print(f"{'':40}{'wall mean / median / p99':>26}   {'CPU mean / median / p99':>24}  (ms)")
        for label, fn in rows:
            timed(3, fn)  # warm
            wall, cpu = timed(runs, fn)
            print(f"{label:<40}{spread(wall):>26}   {spread(cpu):>24}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--folder", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument(
        "--load", action="store_true", help="measure only loading a saved game, as a player does"
    )
    parser.add_argument(
        "--count", type=int, metavar="K", help="load the save K times, untimed (for callgrind)"
    )
    args = parser.parse_args()

    game = long_game(args.steps)
    if args.count is not None:
        with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
            SaveStore(Path(tmp)).save("autosave", game, 1.0)
            for _ in range(args.count):
                SaveStore(Path(tmp)).load("autosave", game.story)
        return
    if args.load:
        measure_load(game, args.runs, args.folder)
        return
    story = game.story
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        store = SaveStore(Path(tmp))
        store.save("bench", game, 1.0)  # from here on, the store has every step encoded
        size = store.path("bench").stat().st_size
        doc = document.build("bench", game, 1.0)
        data = document.encode(doc)
        parsed = json.loads(data)
        figures = [
            (
                "first save over a slot (SaveStore.save)",
                median_ms(args.runs, lambda: SaveStore(Path(tmp)).save("bench", game, 1.0)),
            ),
            (
                "first save into a new slot",
                median_ms(args.runs, lambda: _fresh_slot(Path(tmp), game)),
            ),
            ("  the document, steps encoded", median_ms(args.runs, lambda: document.build("b", game, 1.0))),
            ("  the document as text", median_ms(args.runs, lambda: document.encode(doc))),
            ("autosave (earlier steps kept)", median_ms(args.runs, lambda: store.save("bench", game, 1.0))),
            ("(Game.to_dict, for comparison)", median_ms(args.runs, game.to_dict)),
            ("  atomic write + backup + fsync", median_ms(args.runs, lambda: store._write("bench", data))),
            ("load, whole (SaveStore.load)", median_ms(args.runs, lambda: store.load("bench", story))),
            ("  read + parse + check layout", median_ms(args.runs, lambda: store.read("bench"))),
            (
                "  Game.from_dict (validates)",
                median_ms(args.runs, lambda: Game.from_dict(story, parsed["game"])),
            ),
            ("list (1 save)", median_ms(args.runs, store.list)),
        ]
    print(f"A game of {len(game.steps)} steps; save file {size / 1024:.0f} KiB; median of {args.runs} runs")
    print(f"written to {'a temporary folder' if args.folder is None else args.folder}")
    for label, ms in figures:
        print(f"{label:<36}{ms:8.2f} ms")
    json.dump({label.strip(): round(ms, 3) for label, ms in figures}, sys.stderr)
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
