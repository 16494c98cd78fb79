"""Numbers about a story for its authors: size, reading time, longest route.

"Words" counts what was written (scene and choice text, every branch of a
conditional, without the ``{…}`` markup). "One reading" counts what random
playthroughs actually show (the passage as rendered, the choices offered,
each reply), so a scene visited twice, or written for three protagonists,
is counted as a player reads it.
"""

from __future__ import annotations

import random
import re
import statistics
from typing import Any

import attrs

from engine.core.diagnostics import RunTimeError
from engine.core.game import Game
from engine.core.model import Scene, Story
from engine.core.text import plain, source_of

WORDS_PER_MINUTE = 200
_MARKUP = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(source: str) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", source)))


def scene_words(scene: Scene) -> int:
    return words(source_of(scene.text)) + sum(words(source_of(c.text)) for c in scene.choices)


@attrs.frozen
class JourneyStats:
    id: str
    title: str
    scenes: int
    words: int
    choices: int
    endings: int
    mean_path: float  # scenes on a random playthrough to an ending, on average
    reading_minutes: float  # median of the playthroughs' words shown, at 200 a minute
    reading_low: float  # a tenth of the playthroughs read less than this
    reading_high: float  # a tenth read more
    own_minutes: float  # median of the words shown in the journey's own scenes
    went_on: float  # the share of playthroughs that went on into another journey's scenes
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


@attrs.frozen
class Reading:
    """What one playthrough showed: words in its journey's own scenes and in others'."""

    own: int
    other: int
    scenes: int


def read_through(story: Story, journey: str, seed: int, max_steps: int = 500) -> Reading:
    """Play ``journey`` choosing at random, and count the words shown on the way.

    A run-time error ends the playthrough where it happened (``relocant explore``
    reports it); what was shown until then still counts.
    """
    rnd = random.Random(seed)
    counts = {True: 0, False: 0}
    scenes = 0
    try:
        game = Game.start(story, journey, seed=seed)
        for _ in range(max_steps + 1):
            view = game.view()
            scenes += 1
            own = story.scenes[view.scene_id].journey == journey
            counts[own] += words(plain(view.paragraphs)) + sum(words(c.text) for c in view.choices)
            open_ = [c for c in view.choices if c.enabled]
            if view.ending is not None or not open_:
                break
            game.choose(rnd.choice(open_).id)
            counts[own] += words(game.reply)
    except RunTimeError:
        pass
    return Reading(counts[True], counts[False], scenes)


def _tenths(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    cuts = statistics.quantiles(values, n=10, method="inclusive")
    return cuts[0], cuts[-1]


def _minutes(n: float) -> float:
    return round(n / WORDS_PER_MINUTE, 1)


def compute(story: Story, runs_per_journey: int = 200, seed: int = 0) -> StoryStats:
    by_journey: dict[str, list[Scene]] = {j: [] for j in story.journeys}
    for scene in story.scenes.values():
        if scene.journey in by_journey:
            by_journey[scene.journey].append(scene)
    journeys = []
    for jid, journey in story.journeys.items():
        scenes = by_journey[jid]
        counts = [scene_words(s) for s in scenes]
        rnd = random.Random(seed)
        readings = [read_through(story, jid, rnd.getrandbits(63)) for _ in range(runs_per_journey)]
        mean_path = statistics.fmean(r.scenes for r in readings)
        shown = [float(r.own + r.other) for r in readings]
        low, high = _tenths(shown)
        journeys.append(
            JourneyStats(
                jid,
                journey.title,
                len(scenes),
                sum(counts),
                sum(len(s.choices) for s in scenes),
                sum(1 for s in scenes if s.ending is not None),
                round(mean_path, 1),
                _minutes(statistics.median(shown)),
                _minutes(low),
                _minutes(high),
                _minutes(statistics.median(r.own for r in readings)),
                round(sum(1 for r in readings if r.other) / len(readings), 2),
                longest_route(story, journey.start),
            )
        )
    total = sum(scene_words(s) for s in story.scenes.values())
    return StoryStats(
        len(story.scenes),
        total,
        sum(len(s.choices) for s in story.scenes.values()),
        len(story.endings),
        _minutes(total),
        tuple(journeys),
    )
