"""Synthetic stories in the real scene format, for the benchmarks.

Each scene has interpolated and conditional text and three choices (one
hidden by a condition, one disabled by a requirement, all with effects), so
loading and stepping exercise every part of the engine.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "the",
    "queue",
    "moves",
    "slowly",
    "past",
    "the",
    "window",
    "while",
    "a",
    "man",
    "reads",
    "the",
    "rate",
    "on",
    "the",
    "board",
    "and",
    "a",
    "child",
    "counts",
    "tickets",
    "under",
    "the",
    "screen",
    "in",
    "the",
    "hall",
    "of",
    "the",
    "service",
    "centre",
]

HEADER = """[story]
id = "synthetic"
title = "Synthetic"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "A generated journey."
start = "s0"
date = "2022-03-01 09:00"

[variables.money]
type = "integer"
default = 1000
min = 0
max = 1000000
label = "Money"
format = "{value} ₸"
show = "number"

[variables.stress]
type = "integer"
default = 3
min = 0
max = 10
show = "bar"

[variables.papers]
type = "tags"
default = []
show = "tags"

[variables.met]
type = "boolean"
default = false
"""


def scene_toml(i: int, n: int, rnd: random.Random) -> str:
    text = " ".join(rnd.choice(WORDS) for _ in range(60))
    targets = [rnd.randrange(n), (i + 1) % n, rnd.randrange(n)]
    return f'''
[[scene]]
id = "s{i}"
title = "Scene {i}"
location = "Almaty"
advance = "{1 + i % 5}h"
effects = ["stress += {i % 3 - 1}"]
text = """
{text.capitalize()}. You have {{money}}.

{{if stress > 5}}Your hands shake.{{elif "p{i % 7}" in papers}}You hold paper {i % 7}.{{else}}It is calm.{{end}} {{if first_visit}}It is new.{{end}}
"""

[[scene.choice]]
text = "Pay {i % 50 + 10} and go to scene {targets[0]}"
goto = "s{targets[0]}"
requires = "money >= {i % 50 + 10}"
because = "not enough money"
effects = ["money -= {i % 50 + 10}", "papers += \\"p{i % 7}\\""]

[[scene.choice]]
text = "Walk to scene {targets[1]}"
goto = "s{targets[1]}"
effects = ["money += {i % 30}", "met = not met"]

[[scene.choice]]
text = "Only when calm: scene {targets[2]}"
goto = "s{targets[2]}"
if = "stress < 8 or met"
effects = ["stress -= 1"]
'''


def generate(folder: Path, scenes: int, per_file: int = 100, seed: int = 1) -> list[Path]:
    """Write a story of ``scenes`` scenes into ``folder``; return its files."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.toml").write_text(HEADER, encoding="utf-8")
    files = [folder / "story.toml"]
    for start in range(0, scenes, per_file):
        path = folder / f"part{start // per_file:04d}.toml"
        body = "".join(scene_toml(i, scenes, rnd) for i in range(start, min(start + per_file, scenes)))
        path.write_text(body, encoding="utf-8")
        files.append(path)
    return files


def ink_source(scenes: int, seed: int = 1) -> str:
    """A comparable ink story: same graph, text, conditions and variable changes."""
    rnd = random.Random(seed)
    out = ["VAR money = 1000", "VAR stress = 3", "VAR met = false", "-> s0", ""]
    for i in range(scenes):
        text = " ".join(rnd.choice(WORDS) for _ in range(60))
        targets = [rnd.randrange(scenes), (i + 1) % scenes, rnd.randrange(scenes)]
        cost = i % 50 + 10
        out += [
            f"=== s{i} ===",
            f"~ stress = stress + {i % 3 - 1}",
            f"{text.capitalize()}. You have {{money}}.",
            "{stress > 5: Your hands shake.|It is calm.}",
            f"+ {{money >= {cost}}} [Pay {cost} and go to scene {targets[0]}]",
            f"  ~ money = money - {cost}",
            f"  -> s{targets[0]}",
            f"+ [Walk to scene {targets[1]}]",
            f"  ~ money = money + {i % 30}",
            "  ~ met = not met",
            f"  -> s{targets[1]}",
            f"+ {{stress < 8 or met}} [Only when calm: scene {targets[2]}]",
            "  ~ stress = stress - 1",
            f"  -> s{targets[2]}",
            "",
        ]
    return "\n".join(out)
