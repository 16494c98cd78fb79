"""Engine benchmark: load and check, choice steps, state to and from dicts.

Generates synthetic stories of 1,000 and 10,000 scenes in the real format and
measures, side by side in the same run:

- ``tomli`` alone reading and parsing the same files (the floor any TOML story pays);
- ``engine.loading.loader.load`` (read, parse, build, type-check every expression,
  check the graph, place every warning): the only way a story is loaded, the first
  time and every time. Both in CPU time (what the aim is set in; the machine may be
  shared) and wall time, as mean, median and p99 of runs taken in turn with tomli
  (``--runs``): each load against the tomli run just before it, and the loads'
  mean, median and p99 against the tomli runs' own. Measured on the synthetic story (no warnings) and on the
  anchors' graph (``anchors.py``, the graph the ink runtimes
  are compared on, with hundreds of unreachable scenes, each a warning);
- a choice step (take a choice, render the next scene, list its choices);
- ``Game.to_dict`` / ``Game.from_dict`` for a 1,000-step game;
- inkjs (the JavaScript ink runtime) on a comparable graph, when Node.js is
  installed: it is fetched from the npm registry into benchmarks/.node/.

Run: ``.venv/bin/python benchmarks/bench_engine.py`` (add ``--quick`` to skip
the 10,000-scene story). Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import anchors
from synthetic import generate, ink_source

from engine.core.game import Game
from engine.loading.loader import load

HERE = Path(__file__).resolve().parent


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    """The fastest of ``runs`` calls; what a call returns is freed after the clock stops,
    since a game keeps its story (and a parser's caller its tables)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return min(times)


def best_cpu_and_wall(runs: int, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The fastest CPU time and the fastest wall time of ``runs`` calls (freeing untimed)."""
    cpu, wall = [], []
    for _ in range(runs):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - t0)
        del result
    return min(cpu), min(wall)


def tomli_only(files: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    return [tomli.loads(path.read_text(encoding="utf-8")) for path in files]


def spread(times: list[float]) -> tuple[float, float, float]:
    """Mean, median and 99th percentile."""
    ordered = sorted(times)
    return (
        statistics.fmean(times),
        statistics.median(times),
        ordered[min(len(times) - 1, int(len(times) * 0.99))],
    )


def measure_load(name: str, root: Path, files: list[Path], runs: int) -> object:
    """First load against tomli alone on the same files, ``runs`` of each taken in turn,
    in CPU and wall time; the loaded story."""
    mb = sum(f.stat().st_size for f in files) / 1e6
    result = load(root)
    assert result.story is not None and not result.errors, result.errors[:3]
    times: dict[str, list[float]] = {"tomli cpu": [], "tomli wall": [], "load cpu": [], "load wall": []}
    for _ in range(runs):
        for label, fn in (("tomli", lambda: tomli_only(files)), ("load", lambda: load(root))):
            cpu, wall = best_cpu_and_wall(1, fn)
            times[f"{label} cpu"].append(cpu)
            times[f"{label} wall"].append(wall)
    print(f"  {name} ({len(files)} files, {mb:.1f} MB, {len(result.warnings)} warnings), {runs} runs each:")
    print(f"    {'':18}{'mean / median / p99 (ms)':>30}{'':6}{'best':>8}")
    for what in ("tomli cpu", "tomli wall", "load cpu", "load wall"):
        mean, median, p99 = spread(times[what])
        print(
            f"    {what:18}{mean * 1000:10.1f} /{median * 1000:8.1f} /{p99 * 1000:8.1f}"
            f"{'':6}{min(times[what]) * 1000:8.1f}"
        )
    for kind in ("cpu", "wall"):
        ratios = [lo / to for lo, to in zip(times[f"load {kind}"], times[f"tomli {kind}"], strict=True)]
        mean, median, p99 = spread(ratios)
        best = min(times[f"load {kind}"]) / min(times[f"tomli {kind}"])
        print(
            f"    load / tomli, {kind:4} {mean:7.2f} /{median:8.2f} /{p99:8.2f} (each run against the tomli run"
            f" before it);{best:6.2f} best against best"
        )
        load_spread, tomli_spread = spread(times[f"load {kind}"]), spread(times[f"tomli {kind}"])
        mean, median, p99 = (lo / to for lo, to in zip(load_spread, tomli_spread, strict=True))
        print(
            f"    load / tomli, {kind:4} {mean:7.2f} /{median:8.2f} /{p99:8.2f} (the loads' mean, median and p99"
            " against the tomli runs')"
        )
    return result.story


def full_collection_times() -> tuple[float, float]:
    """CPU time of one full collection with the loaded story frozen, then unfrozen."""
    times = []
    for _ in range(2):
        gc.collect()
        c0 = time.process_time()
        gc.collect()
        times.append(time.process_time() - c0)
        gc.unfreeze()
    gc.freeze()
    return times[0], times[1]


def step_times(story, steps: int, seed: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    rnd = random.Random(seed)
    game = Game.start(story, "main", seed=seed)
    out = []
    for _ in range(steps):
        view = game.view()
        open_ = [c for c in view.choices if c.enabled]
        pick = rnd.choice(open_).id
        t0 = time.perf_counter()
        view = game.choose(pick)
        _ = [c for c in view.choices if c.enabled]
        out.append(time.perf_counter() - t0)
        if len(game.states) > 1500:
            game = Game.start(story, "main", seed=seed)
    return out


def long_game(story, steps: int) -> Game:  # type: ignore[no-untyped-def]
    rnd = random.Random(5)
    game = Game.start(story, "main", seed=5)
    for _ in range(steps):
        game.choose(rnd.choice([c for c in game.view().choices if c.enabled]).id)
    return game


def inkjs_median_us(scenes: int, steps: int) -> float | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        print("  inkjs: Node.js is not installed; skipped")
        return None
    node_dir = HERE / ".node"
    if not (node_dir / "node_modules" / "inkjs").is_dir():
        node_dir.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(node_dir), "inkjs@2.4.0"],
            check=True,
            capture_output=True,
        )
    with tempfile.TemporaryDirectory() as tmp:
        ink = Path(tmp) / "story.ink"
        ink.write_text(ink_source(scenes), encoding="utf-8")
        out = subprocess.run(
            ["node", str(HERE / "ink_steps.js"), str(ink), str(steps), "7"],
            check=True,
            capture_output=True,
            text=True,
            env={"NODE_PATH": str(node_dir / "node_modules"), "PATH": "/usr/bin:/bin:/usr/local/bin"},
        )
    return float(json.loads(out.stdout)["median_us"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-scene story")
    parser.add_argument("--steps", type=int, default=20_000)
    parser.add_argument("--load-only", action="store_true", help="measure loading only")
    parser.add_argument("--big", action="store_true", help="also load the 100,000-scene anchors' graph")
    parser.add_argument("--runs", type=int, default=11, help="loads of each story (and tomli runs) to time")
    parser.add_argument("--anchors-only", action="store_true", help="load the anchors' graph only")
    parser.add_argument(
        "--without-warnings",
        action="store_true",
        help="also load the anchors' graph cut to the scenes its journey reaches (no warnings)",
    )
    args = parser.parse_args()
    sizes = (1_000,) if args.quick else (1_000, 10_000)
    print(f"Python {sys.version.split()[0]}")
    for size in (*sizes, 100_000) if args.big else sizes:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"\n{size:,} scenes")
            root = Path(tmp) / "anchors"
            print(f"  load average before: {os.getloadavg()[0]:.2f}")
            measure_load("anchors' graph", root, anchors.generate(root, size), args.runs)
            print(f"  load average after: {os.getloadavg()[0]:.2f}")
            if args.without_warnings:
                root = Path(tmp) / "reachable"
                files = anchors.generate(root, size, reachable_only=True)
                measure_load("anchors' graph, reachable scenes only", root, files, args.runs)
                print(f"  load average after: {os.getloadavg()[0]:.2f}")
            if size > 10_000 or args.anchors_only:
                continue
            root = Path(tmp) / "story"
            story = measure_load("synthetic story", root, generate(root, size), args.runs)
            collect_frozen, collect_unfrozen = full_collection_times()
            print(
                f"  full gc.collect():      {collect_frozen * 1000:8.1f} ms CPU with the story frozen (as loaded), "
                f"{collect_unfrozen * 1000:.1f} ms if it were not"
            )
            if args.load_only:
                continue
            times = step_times(story, args.steps)
            med = statistics.median(times) * 1e6
            ordered = sorted(times)
            p95 = ordered[int(len(times) * 0.95)] * 1e6
            p99 = ordered[int(len(times) * 0.99)] * 1e6
            mean = statistics.fmean(times) * 1e6
            print(
                f"  choice step:            {med:8.1f} µs median, {p95:.1f} µs p95, {p99:.1f} µs p99, "
                f"{mean:.1f} µs mean, {ordered[-1] * 1e3:.1f} ms worst ({len(times):,} steps)"
            )
            game = long_game(story, 1000)
            data = game.to_dict()
            t_to = best_of(5, game.to_dict)
            t_from = best_of(5, lambda story=story, data=data: Game.from_dict(story, data))
            print(f"  to_dict (1,000 steps):  {t_to * 1000:8.2f} ms")
            print(f"  from_dict (1,000 steps):{t_from * 1000:8.2f} ms")
            if size == 1_000:
                ink = inkjs_median_us(size, 20_000)
                if ink is not None:
                    print(f"  inkjs choice step:      {ink:8.1f} µs median (same graph, same run)")
                    print(f"  relocant / inkjs:       {med / ink:8.2f}")


if __name__ == "__main__":
    main()
