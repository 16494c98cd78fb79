"""Engine benchmark: load and check, choice steps, state to and from dicts.

Generates synthetic stories of 1,000 and 10,000 scenes in the real format and
measures, side by side in the same run:

- ``tomli`` alone parsing the same files (the floor any TOML story pays);
- ``engine.loading.loader.load`` (read, parse, build, type-check every expression,
  check the graph): the only way a story is loaded, the first time and every time;
- a choice step (take a choice, render the next scene, list its choices);
- ``Game.to_dict`` / ``Game.from_dict`` for a 1,000-step game;
- inkjs (the JavaScript ink runtime) on a comparable graph, when Node.js is
  installed: it is fetched from the npm registry into benchmarks/.node/.

Run: ``.venv/bin/python benchmarks/bench_engine.py`` (add ``--quick`` to skip
the 10,000-scene story). Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
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


def tomli_only(files: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    return [tomli.loads(path.read_text(encoding="utf-8")) for path in files]


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
    args = parser.parse_args()
    sizes = (1_000,) if args.quick else (1_000, 10_000)
    print(f"Python {sys.version.split()[0]}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "story"
            files = generate(root, size)
            mb = sum(f.stat().st_size for f in files) / 1e6
            print(f"\n{size:,} scenes ({len(files)} files, {mb:.1f} MB)")
            t_tomli = best_of(3, lambda files=files: tomli_only(files))
            result = load(root)
            assert result.story is not None and not result.diagnostics, result.diagnostics[:3]
            t_load = best_of(3, lambda root=root: load(root))
            print(f"  tomli alone:            {t_tomli * 1000:8.1f} ms")
            print(f"  load + check:           {t_load * 1000:8.1f} ms  ({t_load / t_tomli:.2f}x tomli)")
            story = result.story
            times = step_times(story, args.steps)
            med = statistics.median(times) * 1e6
            p95 = sorted(times)[int(len(times) * 0.95)] * 1e6
            print(f"  choice step:            {med:8.1f} µs median, {p95:.1f} µs p95 ({len(times):,} steps)")
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
