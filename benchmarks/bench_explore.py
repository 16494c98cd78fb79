"""Explore benchmark: distinct states and choices per second on a 1,000-scene story.

The story is generated in the real format into a temporary folder: 1,000
scenes in one journey, each with interpolated and conditional text and three
choices (one hidden by a condition, one disabled by a requirement) leading
forward, now and then back, and the last 20 scenes endings. Its variables
are small and bounded (coins 0..3, stress 0..5, a flag), so the exhaustive
walk is finite: up to 48 states per scene.

Run: ``.venv/bin/python benchmarks/bench_explore.py [--scenes N] [--runs N]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import WORDS  # the same vocabulary as the engine benchmark's stories

from engine.loading.loader import load_story
from engine.tools.explore import explore_exhaustive, explore_random

HEADER = """[story]
id = "bench"
title = "Explore benchmark"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "A generated journey."
start = "s0"
date = "2022-03-01 09:00"

[variables.coins]
type = "integer"
default = 1
min = 0
max = 3
label = "Coins"
show = "number"

[variables.stress]
type = "integer"
default = 2
min = 0
max = 5
label = "Stress"
show = "bar"

[variables.met]
type = "boolean"
default = false
label = "Met"
"""


def scene(i: int, n: int, rnd: random.Random) -> str:
    text = " ".join(rnd.choice(WORDS) for _ in range(40))
    if i >= n - 20:
        kind = ("hopeful", "bittersweet", "sombre")[i % 3]
        return f'''
[[scene]]
id = "s{i}"
title = "Ending {i}"
text = "{text}. {{if met}}You met someone.{{end}}"

[scene.ending]
title = "Ending {i}"
kind = "{kind}"
'''
    ahead = [min(n - 1, i + rnd.randint(1, 25)) for _ in range(3)]
    if rnd.random() < 0.1:
        ahead[1] = max(0, i - rnd.randint(1, 10))  # a way back: loops the walk must merge
    return f'''
[[scene]]
id = "s{i}"
title = "Scene {i}"
location = "Almaty"
effects = ["stress += {i % 3 - 1}"]
text = """
{text.capitalize()}. You have {{coins}} coins.

{{if stress > 3}}Your hands shake.{{elif met}}Someone waves.{{else}}It is calm.{{end}}
"""

[[scene.choice]]
text = "Pay a coin and go on to {ahead[0]}"
goto = "s{ahead[0]}"
requires = "coins >= 1"
because = "no coins"
effects = ["coins -= 1", "stress -= 1"]

[[scene.choice]]
text = "Walk to {ahead[1]}"
goto = "s{ahead[1]}"
effects = ["coins += 1"]

[[scene.choice]]
text = "Talk to the man"
goto = "s{ahead[2]}"
if = "stress < 4 or met"
effects = ["met = not met"]
'''


def generate(folder: Path, scenes: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    (folder / "story.toml").write_text(HEADER, encoding="utf-8")
    for start in range(0, scenes, 100):
        body = "".join(scene(i, scenes, rnd) for i in range(start, min(start + 100, scenes)))
        (folder / f"part{start // 100:03d}.toml").write_text(body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=2_000, help="random playthroughs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.scenes)
        story = load_story(Path(tmp))
    best = None
    for _ in range(3):
        r = explore_exhaustive(story, max_states=10_000_000)
        if best is None or r.seconds < best.seconds:
            best = r
    assert best is not None and best.complete
    print(f"story: {args.scenes:,} scenes (generated), Python {sys.version.split()[0]}")
    print(
        f"exhaustive: {best.states:,} distinct states, {best.steps:,} choices in {best.seconds:.2f} s "
        f"(best of 3): {best.states / best.seconds:,.0f} states/s, {best.steps / best.seconds:,.0f} choices/s"
    )
    t0 = time.perf_counter()
    r = explore_random(story, args.runs, seed=1)
    took = time.perf_counter() - t0
    print(
        f"random: {args.runs:,} playthroughs, {r.steps:,} choices in {took:.2f} s: "
        f"{r.steps / took:,.0f} choices/s"
    )


if __name__ == "__main__":
    main()
