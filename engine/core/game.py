"""Playing a story: the rules, and the one place where a game's state changes.

A :class:`Game` holds the story (shared, immutable) and a stack of frozen
:class:`~engine.core.state.State` values, one per step, so undo is a pop. Every
front end (the Textual app, the plain-text player, the tests, the tools)
plays through this class and nothing else.
"""

from __future__ import annotations

import random as _random
from collections.abc import MutableSequence
from functools import cached_property
from typing import Any

import attrs

from engine.core import calendar
from engine.core.diagnostics import RunTimeError
from engine.core.expressions import Effect, Expression, Type
from engine.core.history import States, Steps
from engine.core.limits import MAX_INTEGER
from engine.core.model import Choice, Ending, Scene, Story
from engine.core.state import (
    N_,
    Delta,
    State,
    StateError,
    Step,
    StepRecord,
    check_delta,
    check_rows,
    check_step,
    delta_to_dict,
    state_from_dict,
    state_to_dict,
    step_row,
    step_to_dict,
)
from engine.core.text import Formatter, Paragraph, Template, paragraphs, render

FORMAT = 2  # the version of the dict layout written by Game.to_dict; 1 is still read (and written on request)
FORMATS = (1, 2)


class ChoiceUnavailable(Exception):
    """The choice asked for is not on offer now (hidden, disabled or unknown)."""


class _Ctx:
    """The mutable scratch copy an expression reads and an effect writes."""

    __slots__ = ("clamped", "clock", "rng", "scene", "vars", "visits")

    def __init__(self, vars: dict[str, Any], visits: Any, scene: str, clock: int, rng: int) -> None:
        self.vars = vars
        self.visits = visits
        self.scene = scene
        self.clock = clock
        self.rng = rng
        self.clamped: list[Clamp] = []


@attrs.frozen
class Clamp:
    """An effect that would have taken an integer past its ``min`` or ``max``: its
    value stopped changing there, which the explorer reports (the effect is too strong)."""

    variable: str
    wanted: int
    bound: int
    scene: str


@attrs.frozen
class Successor:
    """The moment after a choice, the step that led there, and any effects held at a bound."""

    state: State
    step: Step
    clamped: tuple[Clamp, ...]


@attrs.frozen
class ChoiceView:
    number: int  # 1-based, among the choices shown
    id: str
    text: str
    enabled: bool
    reason: str | None  # why it is disabled
    goto: str


@attrs.frozen
class Change:
    """A visible consequence of the last step, as values: the front end words it
    (engine.present: "−40,000 ₸", "+IIN", "Stress 4 → 6")."""

    name: str
    label: str
    old: Any
    new: Any
    delta: int | None = None  # for a whole number: new - old
    added: tuple[str, ...] = ()  # for tags: those gained, sorted
    removed: tuple[str, ...] = ()  # and those lost


@attrs.frozen
class PanelRow:
    """One visible variable, as the side panel (or the plain `state` command) shows it."""

    name: str
    label: str
    group: str
    show: str  # number, bar, flag, tags, text
    value: Any  # the front end words it (engine.present: "12,000 ₸", "IIN, Lease")
    min: int | None = None
    max: int | None = None


@attrs.frozen
class JournalEntry:
    number: int
    scene_title: str
    clock: int
    text: str
    reply: str = ""  # what the choice's reply said, as rendered when it was taken

    @property
    def when(self) -> str:
        return calendar.format_clock(self.clock)


@attrs.frozen
class View:
    """What a front end shows for the current moment."""

    scene_id: str
    title: str
    journey: str
    location: str
    clock: int
    text: str
    choices: tuple[ChoiceView, ...]
    ending: Ending | None
    story: Story = attrs.field(repr=False, eq=False)

    @property
    def when(self) -> str:
        return calendar.format_clock(self.clock)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return paragraphs(self.text, self.story.marker)

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        return self.story.scenes[self.scene_id].facts


class Game:
    def __init__(
        self, story: Story, states: MutableSequence[State], steps: MutableSequence[Step], seed: int
    ) -> None:
        if len(states) != len(steps) + 1:
            raise ValueError("a game has one more state than steps")
        self.story = story
        self.states = states
        self.steps = steps
        self.seed = seed
        self._shown: tuple[State, View] | None = None  # the view of the last state rendered

    # ------------------------------------------------------------ starting

    @classmethod
    def start(cls, story: Story, journey_id: str, seed: int | None = None) -> Game:
        if journey_id not in story.journeys:
            raise KeyError(f"there is no journey '{journey_id}'; journeys: {', '.join(story.journeys)}")
        journey = story.journeys[journey_id]
        seed = _random.SystemRandom().getrandbits(63) if seed is None else seed
        start = story.scenes[journey.start]
        ctx = _Ctx(story.defaults(), {}, "", journey.date or 0, seed)  # in no scene yet
        try:
            _apply_all(story, journey.effects, ctx)
        except RunTimeError as exc:
            exc.journey = journey_id
            raise
        state = _enter(story, start, ctx, journey_id, {})
        return cls(story, [state], [], seed)

    @classmethod
    def at_scene(
        cls, story: Story, scene_id: str, values: dict[str, Any] | None = None, seed: int = 0
    ) -> Game:
        """Start anywhere with any values: for authors trying a scene.

        The scene's journey starts as it would (its date, then its effects);
        ``values`` then override, and the scene is entered.
        """
        scene = story.scenes[scene_id]
        journey = scene.journey or next(iter(story.journeys))
        start = story.journeys.get(journey)
        ctx = _Ctx(story.defaults(), {}, "", (start.date if start else None) or 0, seed)
        if start is not None:
            try:
                _apply_all(story, start.effects, ctx)
            except RunTimeError as exc:
                exc.journey = journey
                raise
        ctx.vars.update(values or {})
        return cls(story, [_enter(story, scene, ctx, journey, {})], [], seed)

    # ------------------------------------------------------------ reading

    @property
    def state(self) -> State:
        return self.states[-1]

    @property
    def scene(self) -> Scene:
        return self.story.scenes[self.state.scene]

    @property
    def is_over(self) -> bool:
        return self.scene.ending is not None

    @property
    def can_undo(self) -> bool:
        return len(self.states) > 1

    def _ctx(self, state: State | None = None) -> _Ctx:
        s = state or self.states[-1]
        return _Ctx(s.vars, s.visits, s.scene, s.clock, s.rng)  # type: ignore[arg-type]

    def view(self) -> View:
        """The current scene rendered."""
        return self.view_at(self.states[-1])

    def view_at(self, state: State) -> View:
        """``state``'s scene rendered; rendering is pure, so the last state's view is kept."""
        if self._shown is not None and self._shown[0] is state:
            return self._shown[1]
        scene = self.story.scenes[state.scene]
        ctx = self._ctx(state)
        fmt = self.format_value
        text = render(scene.text, ctx, fmt)
        shown: list[ChoiceView] = []
        for choice in scene.choices:
            if choice.once and state.taken.get(f"{scene.id}/{choice.id}"):
                continue
            if choice.condition is not None and not _holds(choice.condition, ctx):
                continue
            enabled = choice.requires is None or _holds(choice.requires, ctx)
            shown.append(
                ChoiceView(
                    len(shown) + 1,
                    choice.id,
                    render(choice.text, ctx, fmt),
                    enabled,
                    None if enabled else _words(choice.because, ctx, fmt),
                    choice.goto,
                )
            )
        view = View(
            scene.id,
            scene.title,
            scene.journey or state.journey,
            scene.location,
            state.clock,
            text,
            tuple(shown),
            scene.ending,
            self.story,
        )
        self._shown = (state, view)
        return view

    def format_value(self, variable: str | None, value: Any) -> str:
        """How story text shows a value: as the story's presentation says, else in a neutral form."""
        if self.story.formatter is not None:
            return self.story.formatter(variable, value)
        var = self.story.variables.get(variable) if variable is not None else None
        if var is not None:
            return var.display(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, frozenset):
            return ", ".join(sorted(value))
        return str(value)

    def panel(self) -> list[PanelRow]:
        """The variables the player can see now, in the story's order, with their values."""
        return self.panel_at(self.states[-1])

    def panel_at(self, state: State) -> list[PanelRow]:
        """The variables the player can see at ``state`` (one a choice leads to, say)."""
        ctx = self._ctx(state)
        rows = []
        for name, var in self.story.variables.items():
            if var.show is None:
                continue
            if var.show_if is not None and not _holds(var.show_if, ctx):
                continue
            value = state.vars[name]
            rows.append(PanelRow(name, var.label, var.group or "", var.show, value, var.min, var.max))
        return rows

    # ------------------------------------------------------------ playing

    def choose(self, choice: str | int) -> View:
        """Take a choice by id, or by its number as shown; return the new view."""
        view = self.view()
        picked = next((c for c in view.choices if c.id == choice or c.number == choice), None)
        if picked is None:
            raise ChoiceUnavailable(f"there is no choice {choice!r} here")
        if not picked.enabled:
            raise ChoiceUnavailable(f"that choice is not open: {picked.reason}")
        after = self.successor(self.states[-1], picked)
        self.steps.append(after.step)
        self.states.append(after.state)
        return self.view()

    def successor(self, state: State, shown: ChoiceView) -> Successor:
        """The moment after taking ``shown``, a choice open in ``state``'s view.

        Changes nothing: ``choose`` records what it returns, and the explorer
        walks a story's states with it.
        """
        scene = self.story.scenes[state.scene]
        spec: Choice = next(c for c in scene.choices if c.id == shown.id)
        ctx = _Ctx(dict(state.vars), state.visits, state.scene, state.clock + spec.advance, state.rng)
        _apply_all(self.story, spec.effects, ctx)
        reply = self._reply(spec, ctx)
        taken = state.taken
        if spec.once:
            key = f"{scene.id}/{spec.id}"
            taken = {**taken, key: taken.get(key, 0) + 1}
        new = _enter(self.story, self.story.scenes[spec.goto], ctx, state.journey, taken)
        journal = _words(spec.journal, self._ctx(state), self.format_value) or shown.text
        step = Step(scene.id, spec.id, shown.text, journal, state.clock, spec.goto, reply)
        return Successor(new, step, tuple(ctx.clamped))

    def undo(self, steps: int = 1) -> None:
        """Step back, as far as the start."""
        for _ in range(steps):
            if len(self.states) == 1:
                return
            del self.states[-1]  # not pop: a loaded game need not make the state it drops
            del self.steps[-1]

    # ------------------------------------------------------------ what happened

    @property
    def reply(self) -> str:
        """The reply of the choice that led here: "" at the start, or when it has none."""
        return self.taken(len(self.steps) - 1)[2] if self.steps else ""

    def _reply(self, spec: Choice, ctx: _Ctx) -> str:
        # The reply reads the moment the choice made, still in its scene: before the next is entered.
        return spec.reply.render(ctx, self.format_value).strip() if spec.reply is not None else ""

    def reply_paragraphs(self) -> tuple[Paragraph, ...]:
        """:attr:`reply` split into paragraphs of styled spans, like scene text."""
        return paragraphs(self.reply, self.story.marker) if self.reply else ()

    def changes(self) -> list[Change]:
        """What the last step changed in the variables the player can see."""
        if len(self.states) < 2:
            return []
        return diff(self.story, self.states[-2], self.states[-1])

    def journal(self) -> list[JournalEntry]:
        """Each decision so far, in the words of the story as it is now (its language, its edits)."""
        return [
            JournalEntry(
                i + 1,
                self.story.scenes[s.scene].title if s.scene in self.story.scenes else s.scene,
                s.clock,
                *self.taken(i)[1:],
            )
            for i, s in enumerate(self.steps)
        ]

    def taken(self, index: int) -> tuple[str, str, str]:
        """The choice of step ``index``, its journal line and its reply, as the story now words them.

        A step keeps the words it was taken with; a game moved to a story in
        another language shows its past in that language, and one whose
        choice is no longer in the story shows the words kept.
        """
        step = self.steps[index]
        scene = self.story.scenes.get(step.scene)
        choice = next((c for c in scene.choices if c.id == step.choice), None) if scene else None
        if choice is None:
            return step.text, step.journal, step.reply
        state = self.states[index]
        try:
            ctx = self._ctx(state)
            text = render(choice.text, ctx, self.format_value)
            journal = _words(choice.journal, ctx, self.format_value) or text
            reply = ""
            if choice.reply is not None:
                after = _Ctx(
                    dict(state.vars), state.visits, state.scene, state.clock + choice.advance, state.rng
                )
                _apply_all(self.story, choice.effects, after)
                reply = self._reply(choice, after)
        except RunTimeError:
            return step.text, step.journal, step.reply
        return text, journal, reply

    # ------------------------------------------------------------ to and from dicts

    def to_dict(self, format: int = FORMAT) -> dict[str, Any]:
        """The whole game: the first state, then each step with what it changed.

        Format 2 (docs/saves.md) writes a step as one row of what cannot be derived from
        the moment before it; format 1, each step and its change as tables of every field.
        """
        states = self.states
        if format == 1:
            steps: list[Any] = [
                {"step": step_to_dict(step), "delta": delta_to_dict(states[i], states[i + 1])}
                for i, step in enumerate(self.steps)
            ]
        else:
            steps = [step_row(step, states[i], states[i + 1]) for i, step in enumerate(self.steps)]
        return {"format": format, "seed": self.seed, "start": state_to_dict(states[0]), "steps": steps}

    @classmethod
    def from_dict(cls, story: Story, data: Any) -> Game:
        """Rebuild a game; raise :class:`StateError` naming what is wrong, and where."""
        if not isinstance(data, dict):
            raise StateError(N_("the game is not a table"))
        layout = data.get("format")
        if layout not in FORMATS or type(layout) is not int:
            raise StateError(
                N_("unknown game format {format} (this version reads {reads})"),
                format=repr(layout),
                reads=" and ".join(map(str, FORMATS)),
            )
        seed = data.get("seed")
        if type(seed) is not int:
            raise StateError(N_("the game has no seed"))
        raw_steps = data.get("steps")
        if not isinstance(raw_steps, list):
            raise StateError(N_("the game has no list of steps"))
        try:
            start = state_from_dict(story, data.get("start"))
        except StateError as exc:
            exc.where = "the first state"
            exc.step = 0
            raise
        if layout == 2:
            records, changes = check_rows(story, start, raw_steps)
            return cls(story, States.loaded(start, changes), Steps.loaded(records), seed)
        number = 0
        try:
            steps: list[StepRecord] = []
            deltas: list[Delta] = []
            for number, raw in enumerate(raw_steps, 1):  # noqa: B007 - read by the handler
                if type(raw) is not dict:
                    raise StateError(N_("it is not a table"))
                steps.append(check_step(raw.get("step")))
                deltas.append(check_delta(story, raw.get("delta")))
        except StateError as exc:
            exc.where = f"step {number}" if number else "the first state"
            exc.step = number
            raise
        # Every record is checked: the states and steps are made from them as they are read.
        return cls(story, States.loaded(start, deltas), Steps.loaded(steps), seed)


# ---------------------------------------------------------------- rules
#
# A RunTimeError gets its scene where it is raised (from ``ctx.scene``, or here)
# and its expression where that is evaluated (``_holds``, ``_apply_all``, the
# text's parts): each part of its context is added once, nothing is re-wrapped.

_LAST_MOMENT = calendar.format_clock(calendar.LAST_CLOCK)


def _enter(story: Story, scene: Scene, ctx: _Ctx, journey: str, taken: Any) -> State:
    """Enter ``scene``: calendar, visit count, then its effects."""
    if scene.date is not None:
        moment = scene.date if scene.date_has_time else calendar.set_day(ctx.clock, scene.date)
        ctx.clock = max(ctx.clock, moment)  # time never runs backwards, whatever the way in
    ctx.clock += scene.advance
    if ctx.clock > calendar.LAST_CLOCK:
        raise RunTimeError(
            f"the calendar would pass {_LAST_MOMENT}, the last moment it can show", scene=scene.id
        )
    ctx.visits = {**ctx.visits, scene.id: ctx.visits.get(scene.id, 0) + 1}
    ctx.scene = scene.id
    _apply_all(story, scene.effects, ctx)
    return State(journey, scene.id, ctx.vars, ctx.visits, taken, ctx.clock, ctx.rng)


def _words(text: str | Template | None, ctx: _Ctx, fmt: Formatter) -> str | None:
    """A choice's reason or journal line: plain text, or a template a translation made of it."""
    return text.render(ctx, fmt) if isinstance(text, Template) else text


def _holds(condition: Expression, ctx: _Ctx) -> bool:
    try:
        return bool(condition.eval(ctx))
    except RunTimeError as exc:
        exc.expression = condition.source
        raise


def _apply_all(story: Story, effects: tuple[Effect, ...], ctx: _Ctx) -> None:
    for effect in effects:
        try:
            _apply(story, effect, ctx)
        except RunTimeError as exc:
            exc.expression = effect.source
            raise


def _apply(story: Story, effect: Effect, ctx: _Ctx) -> None:
    if effect.condition is not None and not effect.condition.eval(ctx):
        return
    value = effect.value.eval(ctx)
    name = effect.target
    var = story.variables[name]
    if effect.target_type is Type.TAGS:
        if var.values is not None and value not in var.values:
            raise RunTimeError(f"'{value}' is not one of the tags of '{name}'", scene=ctx.scene)
        current = ctx.vars[name]
        ctx.vars[name] = current | {value} if effect.op == "+=" else current - {value}
        return
    if effect.op == "+=":
        value = ctx.vars[name] + value
    elif effect.op == "-=":
        value = ctx.vars[name] - value
    if effect.target_type is Type.INTEGER:
        held = var.clamp(value)
        if held != value:
            ctx.clamped.append(Clamp(name, value, held, ctx.scene))
            value = held
        if not -MAX_INTEGER <= value <= MAX_INTEGER:
            raise RunTimeError(
                f"'{name}' would go beyond ±{MAX_INTEGER:,}, the largest whole number a story can hold "
                "(a max for it would hold it there)",
                scene=ctx.scene,
            )
    ctx.vars[name] = value


def diff(story: Story, before: State, after: State) -> list[Change]:
    """The values the player can see that changed between two moments."""
    out: list[Change] = []
    for name, var in story.variables.items():
        if var.show is None:
            continue
        old, new = before.vars.get(name), after.vars.get(name)
        if old == new:
            continue
        if var.type is Type.INTEGER and isinstance(old, int) and isinstance(new, int):
            out.append(Change(name, var.label, old, new, new - old))
        elif var.type is Type.TAGS and isinstance(old, frozenset) and isinstance(new, frozenset):
            out.append(
                Change(name, var.label, old, new, None, tuple(sorted(new - old)), tuple(sorted(old - new)))
            )
        else:
            out.append(Change(name, var.label, old, new))
    return out


__all__ = [
    "Change",
    "ChoiceUnavailable",
    "ChoiceView",
    "Clamp",
    "Game",
    "JournalEntry",
    "StateError",
    "Successor",
    "View",
]
