"""The graph the ink runtimes are compared on, written in the scene format.

Each scene has 80 words of plain text and two to four choices; a third of
the choices have a condition and a third have an effect; 2% of the scenes
are endings. Every choice is drawn by one linear congruential generator, so
the graph is the same on every machine and in every language. Choices lead
anywhere, so some scenes are reached by no journey: at 10,000 scenes several
hundred, each a warning, which is what a first load must place cheaply.
"""

from __future__ import annotations

from pathlib import Path

from synthetic import WORDS

HEADER = """[story]
id = "anchors"
title = "Anchors"
version = "1"

[[journey]]
id = "main"
title = "Main"
blurb = "The anchors' graph."
start = "s0"

[variables.gold]
type = "integer"
default = 5
min = 0
max = 1000

[variables.seen]
type = "boolean"
default = false
"""


class Lcg:
    """x -> (1103515245 x + 12345) mod 2^31: the generator every runtime's copy uses."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def next(self) -> int:
        self.state = (1103515245 * self.state + 12345) % 2**31
        return self.state

    def below(self, n: int) -> int:
        return (self.next() >> 8) % n


def scene_toml(i: int, n: int, lcg: Lcg, targets: list[int] | None = None) -> str:
    words = " ".join(WORDS[lcg.below(len(WORDS))] for _ in range(80))
    out = [f'\n[[scene]]\nid = "s{i}"\ntitle = "Scene {i}"\ntext = """\n{words.capitalize()}.\n"""\n']
    if i != 0 and lcg.below(50) == 0:
        out.append(f'\n[scene.ending]\ntitle = "Ending {i}"\nkind = "sombre"\n')
        return "".join(out)
    for c in range(2 + lcg.below(3)):
        goto = lcg.below(n)
        if targets is not None:
            targets.append(goto)
        out.append(f'\n[[scene.choice]]\ntext = "Choice {c} to scene {goto}"\ngoto = "s{goto}"\n')
        roll = lcg.below(3)
        if roll == 0 and c > 0:  # the first choice stays open, so no scene is a dead end
            out.append(f'if = "gold >= {lcg.below(10)}"\n')
        elif roll == 1:
            out.append(f'effects = ["gold += {1 + lcg.below(3)}", "seen = true"]\n')
    return "".join(out)


def generate(
    folder: Path, scenes: int, per_file: int = 100, seed: int = 1, reachable_only: bool = False
) -> list[Path]:
    """Write the graph of ``scenes`` scenes into ``folder``; return its files. With
    ``reachable_only``, only the scenes the journey can reach are written: the same graph
    with nothing to warn about (no scene written leads to one left out)."""
    lcg = Lcg(seed)
    targets: list[list[int]] = [[] for _ in range(scenes)]
    texts = [scene_toml(i, scenes, lcg, targets[i]) for i in range(scenes)]
    keep = set(range(scenes))
    if reachable_only:
        keep, todo = {0}, [0]
        while todo:
            for goto in targets[todo.pop()]:
                if goto not in keep:
                    keep.add(goto)
                    todo.append(goto)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.toml").write_text(HEADER, encoding="utf-8")
    files = [folder / "story.toml"]
    for start in range(0, scenes, per_file):
        path = folder / f"part{start // per_file:05d}.toml"
        path.write_text(
            "".join(texts[i] for i in range(start, min(start + per_file, scenes)) if i in keep),
            encoding="utf-8",
        )
        files.append(path)
    return files
