"""Choice steps on the anchors' graph: the graph the ink runtimes are measured on.

The graph is written by benchmarks/anchors.py (N scenes of 80 words, 2 to 4
choices, a third conditional and a third with effects, 2% endings, all drawn
by one linear congruential generator); this walks it, drawing each choice
from the same generator and starting the journey again at an ending, so
every runtime given the same N and seed takes the same steps.
benchmarks/synthetic.py is another story (three choices always, effects on
every choice, no endings) and stays as it is.

A step is what a player's choice costs: take the choice (its effects, the
next scene's calendar and effects), render the next scene's text and its
choices, and list the open ones. The story is loaded with
``engine.loading.loader.load``, as the game loads it.

Run: ``.venv/bin/python benchmarks/anchors_steps.py [--sizes 100,1000,10000,100000] [--steps N]``.
Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from anchors import Lcg, generate

from engine.core.game import Game
from engine.loading.loader import load


def walk(story, steps: int, seed: int = 7) -> Iterator[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The wall and CPU time of each of ``steps`` choices, in ns, on an LCG walk.

    CPU time leaves out the time the process was not running: on a shared
    machine the wall time's tail is mostly other work.
    """
    lcg = Lcg(seed)
    game = Game.start(story, "main", seed=seed)
    open_ = [c for c in game.view().choices if c.enabled]
    wall, cpu = time.perf_counter_ns, time.process_time_ns
    for _ in range(steps):
        pick = open_[lcg.below(len(open_))].id
        w0, c0 = wall(), cpu()
        view = game.choose(pick)
        open_ = [c for c in view.choices if c.enabled]
        c1, w1 = cpu(), wall()
        yield w1 - w0, c1 - c0
        if view.ending is not None or len(game.states) > 2_000:
            game = Game.start(story, "main", seed=seed)
            open_ = [c for c in game.view().choices if c.enabled]


def measure(size: int, steps: int, frozen: bool = True) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "story"
        files = generate(root, size)
        mb = sum(f.stat().st_size for f in files) / 1e6
        t0 = time.perf_counter()
        result = load(root)
        loaded = time.perf_counter() - t0
    story = result.story
    assert story is not None, [d.message for d in result.diagnostics if d.is_error][:3]
    if not frozen:
        gc.unfreeze()  # as before the loader froze the story: every object of it tracked
    collections = sum(s["collections"] for s in gc.get_stats())
    times = list(walk(story, steps))
    collections = sum(s["collections"] for s in gc.get_stats()) - collections
    print(
        f"{size:>9,} scenes, {mb:.1f} MB, loaded in {loaded:.2f} s{'' if frozen else ', not frozen'}; "
        f"{len(times):,} steps, {collections} collections"
    )
    for label, index in (("wall", 0), ("CPU", 1)):
        us = sorted(t[index] / 1000 for t in times)
        p99 = us[min(len(us) - 1, int(len(us) * 0.99))]
        print(
            f"    {label:>4}: mean {statistics.fmean(us):7.1f}  median {statistics.median(us):7.1f}  "
            f"p99 {p99:7.1f}  max {us[-1]:9.1f} µs",
            flush=True,
        )
    del story, result
    gc.unfreeze()
    gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="unfreeze the story after loading, to see what freezing saves",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, load average {load_avg:.1f}; a step's time in µs")
    for size in sizes:
        measure(size, args.steps, frozen=not args.no_freeze)


if __name__ == "__main__":
    main()
