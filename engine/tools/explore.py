"""Playing a story automatically to find what authors cannot see by reading.

Two ways: :func:`explore_exhaustive` walks every distinct state a player can
reach (breadth first, so the path it reports to a problem is a shortest one)
up to a bound; :func:`explore_random` plays seeded random playthroughs. Both
fill the same :class:`Report`: scenes never reached, choices never enabled or
never taken, endings never reached, run-time errors with the choices that led
to them, states from which no ending can be reached, and integer variables
pushed against their declared ``min`` or ``max``.

Two states are the same state when everything that can change what happens
next is equal: the journey, the scene, every variable, the clock, the random
generator, the once-only choices taken, and those visit counts an expression
can read (exact counts for scenes named in ``visits("…")``; for a scene that
tests ``first_visit``, only whether it was entered never, once, or more).
Merging them is what keeps the walk finite on stories with loops.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from engine.core.diagnostics import RunTimeError
from engine.core.expressions import Expression
from engine.core.game import Clamp, Game
from engine.core.model import Scene, Story
from engine.core.state import State
from engine.core.text import expressions_of

Progress = Callable[[int, int], None]  # (done, total)


@attrs.frozen
class Found:
    """A problem met while playing, with the choices that lead to it."""

    kind: str  # "error", "stuck", "trap", "unfinished", "min", "max"
    message: str
    journey: str
    path: tuple[str, ...]
    scene: str = ""

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, value_serializer=lambda _i, _a, v: list(v) if isinstance(v, tuple) else v)


@attrs.frozen
class Report:
    story_id: str
    fingerprint: str
    mode: str  # "exhaustive" or "random"
    journeys: tuple[str, ...]
    seed: int
    states: int  # distinct states (exhaustive) or positions visited (random)
    steps: int  # choices taken
    cut_by: tuple[str, ...]  # the bounds that stopped the walk somewhere; empty when complete
    seconds: float
    unreached_scenes: tuple[str, ...]
    never_enabled: tuple[str, ...]  # "scene/choice" of reached scenes
    never_taken: tuple[str, ...]  # enabled somewhere but never taken
    unreached_endings: tuple[str, ...]
    errors: tuple[Found, ...]  # run-time errors, dead ends, traps
    warnings: tuple[Found, ...]  # variables at a bound, unfinished playthroughs
    scene_counts: dict[str, int]  # states (or visits) per scene
    path_lengths: tuple[int, ...] = ()  # choices to an ending, per random playthrough that ended
    random_runs: int = 0  # random playthroughs that completed a cut exhaustive walk
    random_visits: dict[str, int] = attrs.field(factory=dict)  # entries per scene in those playthroughs

    @property
    def complete(self) -> bool:
        return not self.cut_by

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def to_dict(self) -> dict[str, Any]:
        out = attrs.asdict(self, recurse=False)
        out["complete"] = self.complete
        for key in (
            "journeys",
            "cut_by",
            "unreached_scenes",
            "never_enabled",
            "never_taken",
            "unreached_endings",
        ):
            out[key] = list(out[key])
        out["path_lengths"] = list(self.path_lengths)
        out["errors"] = [f.to_dict() for f in self.errors]
        out["warnings"] = [f.to_dict() for f in self.warnings]
        return out


# ---------------------------------------------------------------- state identity


class Keyer:
    """Turns a :class:`State` into the hashable key two equal states share.

    Which visit counts matter comes from what the parser recorded each
    expression reads; ``first_visit`` anywhere in a scene (its text, its
    effects and their conditions, its choices) reads that scene's count.
    """

    def __init__(self, story: Story) -> None:
        counted: set[str] = set()
        first: set[str] = set()
        for scene in story.scenes.values():
            for expr in _scene_expressions(scene):
                counted.update(sid for sid, _ in expr.scenes)
                if expr.first_visit:
                    first.add(scene.id)
        # True: the exact count matters; False: only never, once or more.
        self.mode = {name: False for name in first} | {name: True for name in counted}

    def key(self, s: State) -> tuple[Any, ...]:
        seen = []
        for name, count in s.visits.items():
            how = self.mode.get(name)
            if how is not None:
                seen.append((name, count if how else min(count, 2)))
        seen.sort()
        taken = tuple(sorted(s.taken.items())) if s.taken else ()
        # Every state of a run gets its variables in the story's declared order.
        return (s.journey, s.scene, tuple(s.vars.values()), tuple(seen), taken, s.clock, s.rng)


def _scene_expressions(scene: Scene) -> Iterable[Expression]:
    """Every expression evaluated while the game is at ``scene`` or enters it."""
    yield from expressions_of(scene.text)
    for effect in scene.effects:
        yield from effect.expressions
    for choice in scene.choices:
        yield from expressions_of(choice.text)
        for cond in (choice.condition, choice.requires):
            if cond is not None:
                yield cond
        for effect in choice.effects:
            yield from effect.expressions


# ---------------------------------------------------------------- shared bookkeeping


class _Tally:
    """What both modes record, and the report built from it."""

    def __init__(self, story: Story, journeys: tuple[str, ...]) -> None:
        self.story = story
        self.journeys = journeys
        self.scene_counts: dict[str, int] = {}
        self.reached: set[str] = set()
        self.visits: dict[str, int] = {}  # entries per scene in random playthroughs after a walk
        self.enabled: set[str] = set()
        self.taken: set[str] = set()
        self.errors: dict[str, Found] = {}
        self.warnings: dict[str, Found] = {}
        # A bar shows its ends: the player sees it full or empty, so only a value held
        # at a bound out of sight is news to the author.
        self.bars = {name for name, var in story.variables.items() if var.show == "bar"}

    def error(self, found: Found, key: str | None = None) -> None:
        self.errors.setdefault(key or found.message, found)

    def warn(self, found: Found, key: str | None = None) -> None:
        self.warnings.setdefault(key or found.message, found)

    def run_time(self, exc: RunTimeError, journey: str, path: tuple[str, ...]) -> None:
        self.error(Found("error", f"run-time error: {exc}", journey, path, exc.scene))

    def clamps(self, held: tuple[Clamp, ...], journey: str, path: Callable[[], tuple[str, ...]]) -> None:
        """Note an effect held at an integer's min or max: it would have gone further,
        so the value stopped changing there (the path is found only then)."""
        for clamp in held:
            if clamp.variable in self.bars:
                continue
            kind = "min" if clamp.wanted < clamp.bound else "max"
            key = f"{clamp.variable}/{kind}"
            if key not in self.warnings:
                message = (
                    f"'{clamp.variable}' was held at its {kind}imum {clamp.bound:,} "
                    f"(an effect would have made it {clamp.wanted:,})"
                )
                self.warn(Found(kind, message, journey, path(), clamp.scene), key=key)

    def report(
        self,
        mode: str,
        seed: int,
        states: int,
        steps: int,
        cut_by: tuple[str, ...],
        started: float,
        path_lengths: tuple[int, ...] = (),
    ) -> Report:
        story = self.story
        reached = self.reached
        choices = [
            f"{sid}/{c.id}" for sid, scene in story.scenes.items() if sid in reached for c in scene.choices
        ]
        return Report(
            story_id=story.id,
            fingerprint=story.fingerprint,
            mode=mode,
            journeys=self.journeys,
            seed=seed,
            states=states,
            steps=steps,
            cut_by=cut_by,
            seconds=time.perf_counter() - started,
            unreached_scenes=tuple(s for s in story.scenes if s not in reached),
            never_enabled=tuple(c for c in choices if c not in self.enabled),
            never_taken=tuple(c for c in choices if c in self.enabled and c not in self.taken),
            unreached_endings=tuple(s for s in story.endings if s not in reached),
            errors=tuple(self.errors.values()),
            warnings=tuple(self.warnings.values()),
            scene_counts=dict(sorted(self.scene_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            path_lengths=path_lengths,
        )


def _journeys(story: Story, only: Iterable[str] | None) -> tuple[str, ...]:
    chosen = tuple(only) if only else tuple(story.journeys)
    for j in chosen:
        if j not in story.journeys:
            raise KeyError(f"there is no journey '{j}'; journeys: {', '.join(story.journeys)}")
    return chosen


# ---------------------------------------------------------------- exhaustive


def explore_exhaustive(
    story: Story,
    journeys: Iterable[str] | None = None,
    seed: int = 0,
    max_states: int = 200_000,
    max_steps: int = 1_000,
    progress: Progress | None = None,
    max_per_scene: int | None = None,
    then_random: int = 0,
) -> Report:
    """Walk every distinct reachable state, breadth first, within the bounds.

    ``max_states`` caps the distinct states kept, ``max_per_scene`` those
    kept at any one scene (so a scene with many variants cannot use up the
    walk before later scenes are reached), ``max_steps`` the choices from a
    journey's start. States beyond a bound are not expanded, and the report
    says which bound cut the walk. When a bound did, ``then_random`` random
    playthroughs look further: what they reach counts as reached, and what
    they find is reported, though the figures stay the walk's.
    """
    started = time.perf_counter()
    chosen = _journeys(story, journeys)
    tally = _Tally(story, chosen)
    keyer = Keyer(story)
    index: dict[tuple[Any, ...], int] = {}
    states: list[State] = []
    parent: list[tuple[int, str]] = []  # (state it came from, choice id); -1 for a start
    depth: list[int] = []
    succ: list[list[int] | None] = []  # None: never expanded (beyond a bound)
    ending: list[bool] = []
    steps = 0
    cut: set[str] = set()  # the bounds that stopped the walk somewhere
    queue: deque[int] = deque()

    def path_to(i: int, extra: str | None = None) -> tuple[str, ...]:
        out = [extra] if extra else []
        while parent[i][0] >= 0:
            out.append(parent[i][1])
            i = parent[i][0]
        return tuple(reversed(out))

    def add(state: State, came_from: int, choice: str, d: int) -> int | None:
        key = keyer.key(state)
        found = index.get(key)
        if found is not None:
            return found
        if len(states) >= max_states:
            cut.add("max-states")
            return None
        if max_per_scene is not None and tally.scene_counts.get(state.scene, 0) >= max_per_scene:
            cut.add("max-per-scene")
            return None
        i = len(states)
        index[key] = i
        states.append(state)
        parent.append((came_from, choice))
        depth.append(d)
        succ.append(None)
        ending.append(story.scenes[state.scene].ending is not None)
        tally.scene_counts[state.scene] = tally.scene_counts.get(state.scene, 0) + 1
        tally.reached.add(state.scene)
        queue.append(i)
        return i

    for jid in chosen:
        try:
            first = Game.start(story, jid, seed=seed)
        except RunTimeError as exc:
            tally.run_time(exc, jid, ())
            continue
        add(first.state, -1, jid, 0)

    if not states:
        return tally.report("exhaustive", seed, 0, 0, (), started)
    game = Game(story, states[:1], [], seed)
    most = min(max_states, max_per_scene * len(story.scenes)) if max_per_scene else max_states
    while queue:
        i = queue.popleft()
        state = states[i]
        journey = state.journey
        if ending[i]:
            succ[i] = []
            continue
        if depth[i] >= max_steps:
            cut.add("max-steps")
            continue
        try:
            view = game.view_at(state)
        except RunTimeError as exc:
            tally.run_time(exc, journey, path_to(i))
            succ[i] = []
            continue
        out: list[int] = []
        left_out = False  # a successor was left out by a bound
        for shown in view.choices:
            cid = f"{state.scene}/{shown.id}"
            if not shown.enabled:
                continue
            tally.enabled.add(cid)
            tally.taken.add(cid)
            steps += 1
            try:
                after = game.successor(state, shown)
                new = after.state
                game.view_at(new)  # a scene that cannot be shown fails the choice that leads to it
            except RunTimeError as exc:
                tally.run_time(exc, journey, path_to(i, shown.id))
                continue
            tally.clamps(after.clamped, journey, lambda: path_to(i, shown.id))  # noqa: B023 - called at once
            target = add(new, i, shown.id, depth[i] + 1)
            if target is None:
                left_out = True
            else:
                out.append(target)
        if left_out:
            continue  # left as never expanded: the walk cannot say where it leads
        succ[i] = out
        if not out:
            tally.error(
                Found(
                    "stuck",
                    f"dead end: scene '{state.scene}' offers no choice that can be taken",
                    journey,
                    path_to(i),
                    state.scene,
                ),
                key=f"stuck/{state.scene}",
            )
        if progress is not None and i % 1000 == 0:
            progress(i, len(states) if not queue else most)

    _report_traps(story, tally, states, succ, ending, path_to)
    extra = 0
    if cut and then_random > 0:
        _, more, _ = _play_random(story, tally, chosen, then_random, seed, max_steps, progress, False)
        steps += more
        extra = then_random
    report = tally.report("exhaustive", seed, len(states), steps, tuple(sorted(cut)), started)
    visits = dict(sorted(tally.visits.items(), key=lambda kv: (-kv[1], kv[0])))
    return attrs.evolve(report, random_runs=extra, random_visits=visits)


def _report_traps(
    story: Story,
    tally: _Tally,
    states: list[State],
    succ: list[list[int] | None],
    ending: list[bool],
    path_to: Callable[[int], tuple[str, ...]],
) -> None:
    """Report states no ending can be reached from: loops a player cannot leave.

    States beyond a bound count as able to reach an ending, since the walk
    does not know; so a report on a partial walk names only certain traps.
    """
    preds: list[list[int]] = [[] for _ in states]
    good = [False] * len(states)
    stack: list[int] = []
    for i, out in enumerate(succ):
        if out is None or ending[i]:
            good[i] = True
            stack.append(i)
        for j in out or ():
            preds[j].append(i)
    while stack:
        i = stack.pop()
        for p in preds[i]:
            if not good[p]:
                good[p] = True
                stack.append(p)
    trapped: dict[str, list[int]] = {}
    for i, ok in enumerate(good):
        if not ok and succ[i]:  # dead ends are reported on their own
            trapped.setdefault(states[i].journey, []).append(i)
    for journey, members in trapped.items():
        scenes = sorted({states[i].scene for i in members})
        first = members[0]
        tally.error(
            Found(
                "trap",
                f"no way out: from {len(members)} state(s) in scene(s) {', '.join(scenes)} "
                "no ending can be reached",
                journey,
                path_to(first),
                states[first].scene,
            ),
            key=f"trap/{journey}",
        )


# ---------------------------------------------------------------- random


def explore_random(
    story: Story,
    runs: int,
    journeys: Iterable[str] | None = None,
    seed: int = 0,
    max_steps: int = 1_000,
    progress: Progress | None = None,
) -> Report:
    """Play ``runs`` playthroughs picking uniformly among the open choices.

    The same ``seed`` gives the same playthroughs; the journeys take turns.
    """
    started = time.perf_counter()
    chosen = _journeys(story, journeys)
    tally = _Tally(story, chosen)
    if not chosen:
        return tally.report("random", seed, 0, 0, (), started)
    positions, steps, lengths = _play_random(story, tally, chosen, runs, seed, max_steps, progress, True)
    return tally.report("random", seed, positions, steps, (), started, tuple(lengths))


def _play_random(
    story: Story,
    tally: _Tally,
    chosen: tuple[str, ...],
    runs: int,
    seed: int,
    max_steps: int,
    progress: Progress | None,
    count: bool,
) -> tuple[int, int, list[int]]:
    """Random playthroughs recorded in ``tally``; their visits go to the scene counts if ``count``."""
    rnd = random.Random(seed)
    steps = positions = 0
    lengths: list[int] = []
    for run in range(runs):
        journey = chosen[run % len(chosen)]
        game_seed = rnd.getrandbits(63)
        try:
            game = Game.start(story, journey, seed=game_seed)
        except RunTimeError as exc:
            tally.run_time(exc, journey, ())
            continue
        path: list[str] = []
        state = game.state
        while True:
            positions += 1
            tally.reached.add(state.scene)
            counts = tally.scene_counts if count else tally.visits
            counts[state.scene] = counts.get(state.scene, 0) + 1
            try:
                view = game.view_at(state)
            except RunTimeError as exc:
                tally.run_time(exc, journey, tuple(path))
                break
            if view.ending is not None:
                lengths.append(len(path))
                break
            if len(path) >= max_steps:
                tally.warn(
                    Found(
                        "unfinished",
                        f"a playthrough did not reach an ending in {max_steps} choices "
                        f"(a loop a player may not leave?); it was in scene '{state.scene}'",
                        journey,
                        tuple(path[-20:]),
                        state.scene,
                    ),
                    key=f"unfinished/{journey}",
                )
                break
            open_ = [c for c in view.choices if c.enabled]
            for c in open_:
                tally.enabled.add(f"{state.scene}/{c.id}")
            if not open_:
                tally.error(
                    Found(
                        "stuck",
                        f"dead end: scene '{state.scene}' offers no choice that can be taken",
                        journey,
                        tuple(path),
                        state.scene,
                    ),
                    key=f"stuck/{state.scene}",
                )
                break
            pick = rnd.choice(open_)
            tally.taken.add(f"{state.scene}/{pick.id}")
            steps += 1
            try:
                after = game.successor(state, pick)
            except RunTimeError as exc:
                tally.run_time(exc, journey, (*path, pick.id))
                break
            path.append(pick.id)
            tally.clamps(after.clamped, journey, lambda: tuple(path))  # noqa: B023 - called at once
            state = after.state
        if progress is not None:
            progress(run + 1, runs)
    return positions, steps, lengths
