"""Everything about a game that changes: values, not behaviour.

A :class:`State` is one moment of a game; a :class:`Step` is one choice that
led from a moment to the next. Both are frozen and turn into plain dicts of
JSON types and back, checked against the story on the way in, so a save
cannot smuggle in a value the story would never produce.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from engine.core.calendar import FIRST_CLOCK, LAST_CLOCK
from engine.core.diagnostics import shown
from engine.core.expressions import Type
from engine.core.limits import MAX_INTEGER, MAX_TEXT
from engine.core.model import Story, Variable


def N_(message: str) -> str:
    """Marks a sentence for the game's catalogs; a front end translates it where it is shown."""
    return message


OUTSIDE_THE_CALENDAR = N_("its game time is outside the calendar")


class StateError(ValueError):
    """A dict that does not describe a valid state of this story.

    ``template`` says what is wrong, in English with ``{placeholders}`` that ``values``
    fill (translated where it is shown); ``problem`` is it in English. ``where`` (a step,
    the first state) is added once, by whoever knows it.
    """

    def __init__(self, template: str, where: str = "", **values: Any) -> None:
        self.template = template
        self.values = values
        self.problem = template.format(**values) if values else template
        super().__init__(self.problem)
        self.where = where
        self.step: int | None = None  # the step the problem is in; 0 for the first state

    def describe(self, words: Any) -> str:
        """The problem, and the step it is in, in the language of ``words`` (a gettext catalog)."""
        _ = words.gettext
        problem = _(self.template).format(**self.values) if self.values else _(self.template)
        if self.step:
            return _("step {number}: {problem}").format(number=self.step, problem=problem)
        if self.step == 0:
            return _("the first state: {problem}").format(problem=problem)
        return f"{self.where}: {problem}" if self.where else problem

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}" if self.where else self.problem


@attrs.frozen(slots=False)
class State:
    journey: str
    scene: str
    vars: Mapping[str, Any]  # never mutated once the state exists
    visits: Mapping[str, int]
    taken: Mapping[str, int]  # "scene/choice" -> times taken, for once-only choices
    clock: int
    rng: int


@attrs.frozen(slots=False)
class Step:
    """A choice taken: where, which, what the journal says of it, and its reply."""

    scene: str
    choice: str
    text: str
    journal: str
    clock: int
    goto: str
    reply: str = ""  # the choice's reply as rendered when it was taken; "" when it has none


# ---------------------------------------------------------------- to and from dicts


def value_to_json(value: Any) -> Any:
    return sorted(value) if isinstance(value, frozenset) else value


def state_to_dict(state: State) -> dict[str, Any]:
    return {
        "journey": state.journey,
        "scene": state.scene,
        "vars": {k: value_to_json(v) for k, v in state.vars.items()},
        "visits": dict(state.visits),
        "taken": dict(state.taken),
        "clock": state.clock,
        "rng": state.rng,
    }


def delta_to_dict(before: State, after: State) -> dict[str, Any]:
    """Only what changed: saves of long games stay small."""
    out: dict[str, Any] = {"scene": after.scene, "clock": after.clock}
    if after.rng != before.rng:
        out["rng"] = after.rng
    if after.journey != before.journey:
        out["journey"] = after.journey
    changed = {k: value_to_json(v) for k, v in after.vars.items() if before.vars.get(k) != v}
    if changed:
        out["vars"] = changed
    # A step enters exactly one scene, so only its count can have changed.
    if before.visits.get(after.scene) != after.visits.get(after.scene):
        out["visits"] = {after.scene: after.visits[after.scene]}
    if after.taken is not before.taken:
        taken = {k: v for k, v in after.taken.items() if before.taken.get(k) != v}
        if taken:
            out["taken"] = taken
    return out


# A step's changes, checked: (journey, scene, vars, visits, taken, clock, rng), None where
# unchanged. A plain tuple: a long save makes one per step, and attrs' __init__ costs 6 ×.
Delta = tuple[
    str | None, str, dict[str, Any] | None, dict[str, int] | None, dict[str, int] | None, int, int | None
]


def check_delta(story: Story, delta: Any) -> Delta:
    """What ``delta`` (a step's entry of a saved game) changes, checked against the story.

    Run once per step when a save is loaded, so each check is a comparison and its
    message is written only when it fails. The checks need no earlier state: what
    they pass, :func:`fold` applies to any state without failing.
    """
    if type(delta) is not dict:
        raise StateError(N_("the change is not a table"))
    vars_ = visits = taken = journey = rng = None
    # Whole numbers and flags, most of a step's changes, are told here; anything else, and
    # any problem, by _vars and _counts, which say what is wrong (a call costs a tenth of this).
    if "vars" in delta:
        raw = delta["vars"]
        if type(raw) is dict:
            variables = story.variables
            vars_ = {}
            for name, value in raw.items():
                var = variables.get(name)
                if var is None:
                    break
                kind = var.type
                if kind is _INTEGER:
                    if not _integer_fits(var, value):
                        break
                elif kind is not _BOOLEAN or type(value) is not bool:
                    break
                vars_[name] = value
            else:
                raw = None
        if raw is not None:
            vars_ = _vars(story, raw, partial=True)
    if "visits" in delta:
        raw = delta["visits"]
        if type(raw) is not dict:
            _counts(story, raw, "visits", scenes=True)
        scenes = story.scenes
        for key, count in raw.items():
            if type(count) is not int or not 0 <= count <= MAX_INTEGER or key not in scenes:
                _counts(story, raw, "visits", scenes=True)
        visits = dict(raw)
    if "taken" in delta:
        taken = dict(_counts(story, delta["taken"], "taken", scenes=False))
    if "journey" in delta:
        journey = _journey(story, delta["journey"])
    scene: Any = delta.get("scene")
    if type(scene) is not str or scene not in story.scenes:
        _scene(story, scene)
    clock: Any = delta.get("clock")
    if type(clock) is not int or not FIRST_CLOCK <= clock <= LAST_CLOCK:
        _clock(clock)
    if "rng" in delta:
        rng = delta["rng"]
        if type(rng) is not int:
            _int(rng, "rng")
    return (journey, scene, vars_, visits, taken, clock, rng)


def fold(before: State, deltas: Sequence[Delta]) -> State:
    """The state after ``before`` and the checked ``deltas`` (one or more), in order.

    The one place a game's past is rebuilt from a save: it cannot fail. A table no
    delta changes is shared with ``before``, as the states of a game played are.
    """
    journey, vars_, visits, taken, rng = before.journey, before.vars, before.visits, before.taken, before.rng
    new_vars: dict[str, Any] | None = None
    new_visits: dict[str, int] | None = None
    new_taken: dict[str, int] | None = None
    for d_journey, _where, d_vars, d_visits, d_taken, _when, d_rng in deltas:
        if d_journey is not None:
            journey = d_journey
        if d_vars is not None:
            if new_vars is None:
                new_vars = dict(vars_)
            new_vars.update(d_vars)
        if d_visits is not None:
            if new_visits is None:
                new_visits = dict(visits)
            new_visits.update(d_visits)
        if d_taken is not None:
            if new_taken is None:
                new_taken = dict(taken)
            new_taken.update(d_taken)
        if d_rng is not None:
            rng = d_rng
    last = deltas[-1]
    return State(
        journey,
        last[1],
        vars_ if new_vars is None else new_vars,
        visits if new_visits is None else new_visits,
        taken if new_taken is None else new_taken,
        last[5],
        rng,
    )


def state_from_dict(story: Story, data: Any) -> State:
    _require(isinstance(data, dict), "it is not a table")
    for key in ("journey", "scene", "vars", "visits", "taken", "clock", "rng"):
        _require(key in data, f"it has no '{key}'")
    return State(
        journey=_journey(story, data["journey"]),
        scene=_scene(story, data["scene"]),
        vars=_vars(story, data["vars"], partial=False),
        visits=dict(_counts(story, data["visits"], "visits", scenes=True)),
        taken=dict(_counts(story, data["taken"], "taken", scenes=False)),
        clock=_clock(data["clock"]),
        rng=_int(data["rng"], "rng"),
    )


def step_to_dict(step: Step) -> dict[str, Any]:
    out = attrs.asdict(step)
    if not step.reply:
        del out["reply"]  # most choices have none: saves stay as they were
    return out


_STEP_FIELDS = (
    ("scene", str),
    ("choice", str),
    ("text", str),
    ("journal", str),
    ("clock", int),
    ("goto", str),
)


# A step taken, checked: Step's fields in order, as a tuple (one per step of a long save).
StepRecord = tuple[str, str, str, str, int, str, str]


def step_from_dict(data: Any) -> Step:
    return Step(*check_step(data))


def check_step(data: Any) -> StepRecord:
    """A saved step's fields, checked; :class:`Step` takes them as they are."""
    # type() rather than isinstance(): a bool is not a clock; and one check per field,
    # written out, since a long save runs this once per step.
    if type(data) is dict:
        scene, choice, text = data.get("scene"), data.get("choice"), data.get("text")
        journal, clock, goto = data.get("journal"), data.get("clock"), data.get("goto")
        if (
            type(scene) is str
            and type(choice) is str
            and type(text) is str
            and type(journal) is str
            and type(clock) is int
            and type(goto) is str
        ):
            reply = data.get("reply", "")
            if type(reply) is not str:
                raise StateError(N_("'reply' is not a text"))
            if not FIRST_CLOCK <= clock <= LAST_CLOCK:
                raise StateError(OUTSIDE_THE_CALENDAR)
            return (scene, choice, text, journal, clock, goto, reply)
        bad = next(name for name, want in _STEP_FIELDS if type(data.get(name)) is not want)
        raise StateError(N_("'{field}' is missing or of the wrong type"), field=bad)
    raise StateError(N_("the choice taken is not a table"))


# ---------------------------------------------------------------- checks
#
# Each returns the value when it is good and raises StateError when it is not;
# the caller (Game.from_dict) says once where in the game the value was.


def _require(ok: bool, problem: str, **values: Any) -> None:
    if not ok:
        raise StateError(problem, **values)


def _int(value: Any, what: str) -> int:
    _require(type(value) is int, N_("{what} is not a whole number"), what=what)
    return int(value)


def _clock(value: Any) -> int:
    _int(value, "clock")
    _require(FIRST_CLOCK <= value <= LAST_CLOCK, N_("clock is not a moment the calendar can show"))
    return int(value)


def _scene(story: Story, value: Any) -> str:
    _require(isinstance(value, str), N_("the scene is missing"))
    if value not in story.scenes:
        raise StateError(N_("the scene '{scene}' is not in this story"), scene=shown(value))
    return str(value)


def _journey(story: Story, value: Any) -> str:
    if not (isinstance(value, str) and value in story.journeys):
        raise StateError(N_("the journey '{journey}' is not in this story"), journey=shown(value))
    return str(value)


def _counts(story: Story, value: Any, what: str, scenes: bool) -> dict[str, int]:
    if type(value) is not dict:
        raise StateError(N_("{what} is not a table"), what=what)
    for key, count in value.items():
        if type(count) is not int or not 0 <= count <= MAX_INTEGER:
            raise StateError(N_("{what}: '{key}' is not a count"), what=what, key=shown(key))
        if scenes and key not in story.scenes:
            raise StateError(
                N_("{what}: the scene '{scene}' is not in this story"), what=what, scene=shown(key)
            )
    return value


# An enum member read from its class costs ten times a global: _vars runs once per step.
_INTEGER, _BOOLEAN, _TEXT = Type.INTEGER, Type.BOOLEAN, Type.TEXT


def _range(var: Variable) -> tuple[int, int]:
    """The lowest and highest whole number integer variable ``var`` can hold."""
    low = -MAX_INTEGER if var.min is None else max(-MAX_INTEGER, var.min)
    high = MAX_INTEGER if var.max is None else min(MAX_INTEGER, var.max)
    return low, high


def _integer_fits(var: Variable, value: Any) -> bool:
    """Whether ``value`` is a whole number that integer variable ``var`` can hold."""
    if type(value) is not int:
        return False
    low, high = _range(var)
    return low <= value <= high


def _vars(story: Story, value: Any, partial: bool, into: dict[str, Any] | None = None) -> dict[str, Any]:
    """The variables of ``value``, checked, in a new dict or (for a step's changes) written over ``into``."""
    if type(value) is not dict:
        raise StateError(N_("the variables are not a table"))
    variables = story.variables
    out: dict[str, Any] = {} if into is None else into
    for name, raw in value.items():
        var = variables.get(name)
        if var is None:
            raise StateError(N_("the variable '{name}' is not declared by this story"), name=shown(name))
        kind = var.type
        if kind is _INTEGER:
            if not _integer_fits(var, raw):
                raise _bad_integer(var, raw)
            out[name] = raw
        elif kind is _BOOLEAN:
            _require(type(raw) is bool, N_("'{name}' should be true or false"), name=name)
            out[name] = raw
        elif kind is _TEXT:
            if type(raw) is not str or len(raw) > MAX_TEXT:
                _require(isinstance(raw, str), N_("'{name}' should be text"), name=name)
                raise StateError(
                    N_("'{name}' is longer than {most} characters, the longest a text may be"),
                    name=name,
                    most=f"{MAX_TEXT:,}",
                )
            out[name] = raw
        else:
            if type(raw) is not list or not all(type(t) is str for t in raw):
                raise StateError(N_("'{name}' should be a list of tags"), name=name)
            if var.values is not None and not all(t in var.values for t in raw):
                bad = [t for t in raw if t not in var.values]
                raise StateError(
                    N_("'{name}' holds unknown tags: {tags}"), name=name, tags=shown(", ".join(bad))
                )
            out[name] = frozenset(raw)
    if not partial and len(out) != len(variables):
        missing = [n for n in variables if n not in out]
        raise StateError(N_("no value for {names}"), names=", ".join(missing))
    return out


def _bad_integer(var: Variable, raw: Any) -> StateError:
    if type(raw) is not int:
        return StateError(N_("'{name}' should be a whole number"), name=var.name)
    low, high = _range(var)
    return StateError(
        N_("'{name}' = {value} is outside {low}..{high}"), name=var.name, value=shown(raw), low=low, high=high
    )


# ---------------------------------------------------------------- format 2: a step as one row
#
# A row holds what a step cannot be derived from: [scene, choice, text, clock, vars, rng,
# other], the last three left out from the end when empty. ``scene`` and ``clock`` are the
# moment the step led to; the step's own scene and clock are the moment before (the row
# above, or the first state), its goto the scene it led to, its journal its text, its reply
# "", and the count of the scene entered one more than before. ``other`` holds whatever is
# not so: the step's own field of that name (scene, journal, clock, goto, reply) and the
# change's journey, visits and taken; a game that is played needs it only for a journal line
# of its own, a reply, a new journey or a once-only choice.

_NO_CHANGES: dict[str, Any] = {}  # never written to
_STEP_OTHER = frozenset(("scene", "journal", "clock", "goto", "reply", "journey", "visits", "taken"))


def step_row(step: Step, before: State, after: State) -> list[Any]:
    """The format-2 row of ``step``, which led from ``before`` to ``after``."""
    other: dict[str, Any] = {}
    if step.scene != before.scene:
        other["scene"] = step.scene
    if step.journal != step.text:
        other["journal"] = step.journal
    if step.clock != before.clock:
        other["clock"] = step.clock
    if step.goto != after.scene:
        other["goto"] = step.goto
    if step.reply:
        other["reply"] = step.reply
    if after.journey != before.journey:
        other["journey"] = after.journey
    scene = after.scene
    count = after.visits.get(scene)
    if count != before.visits.get(scene, 0) + 1:
        other["visits"] = {} if count == before.visits.get(scene) else {scene: count}
    if after.taken is not before.taken:
        taken = {k: v for k, v in after.taken.items() if before.taken.get(k) != v}
        if taken:
            other["taken"] = taken
    row: list[Any] = [scene, step.choice, step.text, after.clock]
    changed = {k: value_to_json(v) for k, v in after.vars.items() if before.vars.get(k) != v}
    rng = after.rng if after.rng != before.rng else None
    if other:
        row += (changed, rng, other)
    elif rng is not None:
        row += (changed, rng)
    elif changed:
        row.append(changed)
    return row


def check_rows(story: Story, start: State, rows: list[Any]) -> tuple[list[StepRecord], list[Delta]]:
    """The steps and changes of format-2 ``rows`` after ``start``, checked against the story;
    what a row leaves out is derived from the moment before it, never read from the file.

    Runs once per step of a long save: the common case is told by plain comparisons in
    one loop, and anything else, or any problem, by the checks that say what is wrong.
    """
    scenes = story.scenes
    ranges, flags = _plain_variables(story)
    records: list[StepRecord] = []
    deltas: list[Delta] = []
    counts = dict(start.visits)  # every scene's count so far: the next one entered is one more
    scene, clock = start.scene, start.clock
    number = 0
    try:
        for number, row in enumerate(rows, 1):  # noqa: B007 - read by the handler
            if type(row) is not list:
                raise StateError(N_("it is not a list"))
            size = len(row)
            if size == 4:
                goto, choice, text, when = row
                raw_vars, rng, other = _NO_CHANGES, None, None
            elif size == 5:
                goto, choice, text, when, raw_vars = row
                rng = other = None
            elif size == 6:
                goto, choice, text, when, raw_vars, rng = row
                other = None
            elif size == 7:
                goto, choice, text, when, raw_vars, rng, other = row
            else:
                raise StateError(N_("it has {count} fields, not 4 to 7"), count=size)
            if type(goto) is not str or goto not in scenes:
                _scene(story, goto)
            if type(choice) is not str:
                raise StateError(N_("'{field}' is missing or of the wrong type"), field="choice")
            if type(text) is not str:
                raise StateError(N_("'{field}' is missing or of the wrong type"), field="text")
            if type(when) is not int or not FIRST_CLOCK <= when <= LAST_CLOCK:
                _clock(when)
            vars_: dict[str, Any] | None = None
            if raw_vars:
                if type(raw_vars) is dict:
                    for name, value in raw_vars.items():
                        bounds = ranges.get(name)
                        if bounds is not None:
                            if type(value) is not int or not bounds[0] <= value <= bounds[1]:
                                break
                        elif type(value) is not bool or name not in flags:
                            break
                    else:
                        vars_ = dict(raw_vars)
                if vars_ is None:
                    vars_ = _vars(story, raw_vars, partial=True)
            elif type(raw_vars) is not dict:
                raise StateError(N_("the variables are not a table"))
            if rng is not None and type(rng) is not int:
                _int(rng, "rng")
            if other is None or (
                len(other) == 1 and type(other) is dict and type(other.get("journal")) is str
            ):
                # nothing else, or a journal line of its own: the most common other field
                count = counts.get(goto, 0) + 1
                if count > MAX_INTEGER:  # told by the check, without a call on every step
                    _visit(counts, goto)
                counts[goto] = count
                journal = text if other is None else other["journal"]
                records.append((scene, choice, text, journal, clock, goto, ""))
                deltas.append((None, goto, vars_, {goto: count}, None, when, rng))
            else:
                record, delta = _other(story, other, (scene, choice, text, text, clock, goto, ""), counts)
                records.append(record)
                deltas.append((delta[0], goto, vars_, delta[1], delta[2], when, rng))
            scene, clock = goto, when
    except StateError as exc:
        exc.where = f"step {number}"
        exc.step = number
        raise
    return records, deltas


def _plain_variables(story: Story) -> tuple[dict[str, tuple[int, int]], frozenset[str]]:
    """The story's integer variables with the range each can hold, and its flags: most of
    what a step changes, told by a lookup and a comparison."""
    ranges = {name: _range(var) for name, var in story.variables.items() if var.type is _INTEGER}
    return ranges, frozenset(n for n, v in story.variables.items() if v.type is _BOOLEAN)


def _visit(counts: dict[str, int], scene: str) -> int:
    """The count of ``scene`` entered once more than ``counts`` says, checked; not yet kept."""
    count = counts.get(scene, 0) + 1
    if count > MAX_INTEGER:
        raise StateError(N_("{what}: '{key}' is not a count"), what="visits", key=shown(scene))
    return count


def _other(
    story: Story, other: Any, record: StepRecord, counts: dict[str, int]
) -> tuple[StepRecord, tuple[str | None, dict[str, int] | None, dict[str, int] | None]]:
    """A row's step and change with its ``other`` fields, checked; ``counts`` then follows them."""
    if type(other) is not dict:
        raise StateError(N_("its other fields are not a table"))
    for key in other:
        if key not in _STEP_OTHER:
            raise StateError(N_("it has a field '{field}' no step has"), field=shown(key))
    texts = {}
    for key, at in (("scene", 0), ("journal", 3), ("goto", 5), ("reply", 6)):
        value = other.get(key, record[at])
        if type(value) is not str:
            raise StateError(N_("'{field}' is missing or of the wrong type"), field=key)
        texts[key] = value
    clock = other.get("clock", record[4])
    if type(clock) is not int:
        raise StateError(N_("'{field}' is missing or of the wrong type"), field="clock")
    if not FIRST_CLOCK <= clock <= LAST_CLOCK:
        raise StateError(OUTSIDE_THE_CALENDAR)
    journey = _journey(story, other["journey"]) if "journey" in other else None
    taken = dict(_counts(story, other["taken"], "taken", scenes=False)) if "taken" in other else None
    goto = record[5]
    if "visits" in other:
        visits = dict(_counts(story, other["visits"], "visits", scenes=True))
    else:
        visits = {goto: _visit(counts, goto)}
    counts.update(visits)
    made = (texts["scene"], record[1], record[2], texts["journal"], clock, texts["goto"], texts["reply"])
    return made, (journey, visits or None, taken)
