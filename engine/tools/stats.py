"""Numbers about a story for its authors: size, reading time, longest route.

Words are counted in what a player can read (scene and choice text, every
branch of a conditional, without the ``{…}`` markup), so "total words" is
what was written and "one reading" estimates what one playthrough shows.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from engine.core.model import Scene, Story
from engine.tools.explore import explore_random

WORDS_PER_MINUTE = 200
_MARKUP = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(source: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", source)))


def scene_words(scene: Scene) -> int:
    return words(scene.text.source) + sum(words(c.text.source) for c in scene.choices)


@attrs.frozen
class JourneyStats:
    id: str
    title: str
    scenes: int
    words: int
    choices: int
    endings: int
    mean_path: float  # scenes on a random playthrough to an ending, on average
    reading_minutes: float  # mean_path x mean words per scene / 200
    longest: tuple[str, ...]  # the longest route once loops are cut, in scenes


@attrs.frozen
class StoryStats:
    scenes: int
    words: int
    choices: int
    endings: int
    total_minutes: float  # every word written, at 200 a minute
    journeys: tuple[JourneyStats, ...]

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, value_serializer=lambda _i, _a, v: list(v) if isinstance(v, tuple) else v)


def longest_route(story: Story, start: str) -> tuple[str, ...]:
    """The longest route from ``start`` once the graph's loops are cut.

    A loop is cut where a choice leads back to a scene on the depth-first
    search's current route (a back edge); what remains is acyclic, and its
    longest path, which enters no scene twice, is found by dynamic
    programming in linear time. (The longest simple path of a graph with
    loops is NP-hard; this is the usual acyclic approximation.)
    """
    order: list[str] = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    dag: dict[str, list[str]] = {}
    stack: list[tuple[str, int]] = [(start, 0)]
    state[start] = 1
    while stack:
        sid, i = stack.pop()
        targets = [c.goto for c in story.scenes[sid].choices if c.goto in story.scenes]
        dag.setdefault(sid, [])
        if i < len(targets):
            stack.append((sid, i + 1))
            t = targets[i]
            if t not in state:
                dag[sid].append(t)
                state[t] = 1
                stack.append((t, 0))
            elif state[t] == 2:
                dag[sid].append(t)
        else:
            state[sid] = 2
            order.append(sid)  # post-order: successors before the scene
    best: dict[str, tuple[int, str | None]] = {}
    for sid in order:
        nxt = max(dag[sid], key=lambda t: best[t][0], default=None)
        best[sid] = (1 + (best[nxt][0] if nxt else 0), nxt)
    route: list[str] = []
    cur: str | None = start
    while cur is not None:
        route.append(cur)
        cur = best[cur][1]
    return tuple(route)


def compute(story: Story, runs_per_journey: int = 200, seed: int = 0) -> StoryStats:
    by_journey: dict[str, list[Scene]] = {j: [] for j in story.journeys}
    for scene in story.scenes.values():
        if scene.journey in by_journey:
            by_journey[scene.journey].append(scene)
    journeys = []
    for jid, journey in story.journeys.items():
        scenes = by_journey[jid]
        counts = [scene_words(s) for s in scenes]
        report = explore_random(story, runs_per_journey, [jid], seed=seed, max_steps=500)
        lengths = report.path_lengths
        mean_path = (sum(lengths) / len(lengths) + 1) if lengths else 0.0
        mean_words = (sum(counts) / len(counts)) if counts else 0.0
        journeys.append(
            JourneyStats(
                jid,
                journey.title,
                len(scenes),
                sum(counts),
                sum(len(s.choices) for s in scenes),
                sum(1 for s in scenes if s.ending is not None),
                round(mean_path, 1),
                round(mean_path * mean_words / WORDS_PER_MINUTE, 1),
                longest_route(story, journey.start),
            )
        )
    total = sum(scene_words(s) for s in story.scenes.values())
    return StoryStats(
        len(story.scenes),
        total,
        sum(len(s.choices) for s in story.scenes.values()),
        len(story.endings),
        round(total / WORDS_PER_MINUTE, 1),
        tuple(journeys),
    )
