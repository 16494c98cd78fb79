"""Everything about a game that changes: values, not behaviour.

A :class:`State` is one moment of a game; a :class:`Step` is one choice that
led from a moment to the next. Both are frozen and turn into plain dicts of
JSON types and back, checked against the story on the way in, so a save
cannot smuggle in a value the story would never produce.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from engine.core.expressions import Type
from engine.core.model import Story


class StateError(ValueError):
    """A dict that does not describe a valid state of this story."""


@attrs.frozen
class State:
    journey: str
    scene: str
    vars: Mapping[str, Any]  # never mutated once the state exists
    visits: Mapping[str, int]
    taken: Mapping[str, int]  # "scene/choice" -> times taken, for once-only choices
    clock: int
    rng: int


@attrs.frozen
class Step:
    """A choice taken: where, which, and what the journal says of it."""

    scene: str
    choice: str
    text: str
    journal: str
    clock: int
    goto: str


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


def apply_delta(story: Story, before: State, delta: Any, where: str) -> State:
    _require(isinstance(delta, dict), f"{where} is not a table")
    vars_ = before.vars
    if "vars" in delta:
        vars_ = {**before.vars, **_vars(story, delta["vars"], where, partial=True)}
    visits = before.visits
    if "visits" in delta:
        visits = {**before.visits, **_counts(story, delta["visits"], f"{where}: visits", scenes=True)}
    taken = before.taken
    if "taken" in delta:
        taken = {**before.taken, **_counts(story, delta["taken"], f"{where}: taken", scenes=False)}
    return State(
        journey=_journey(story, delta.get("journey", before.journey), where),
        scene=_scene(story, delta.get("scene"), where),
        vars=vars_,
        visits=visits,
        taken=taken,
        clock=_int(delta.get("clock"), f"{where}: clock"),
        rng=_int(delta.get("rng", before.rng), f"{where}: rng"),
    )


def state_from_dict(story: Story, data: Any, where: str = "the state") -> State:
    _require(isinstance(data, dict), f"{where} is not a table")
    for key in ("journey", "scene", "vars", "visits", "taken", "clock", "rng"):
        _require(key in data, f"{where} has no '{key}'")
    return State(
        journey=_journey(story, data["journey"], where),
        scene=_scene(story, data["scene"], where),
        vars=_vars(story, data["vars"], where, partial=False),
        visits=_counts(story, data["visits"], f"{where}: visits", scenes=True),
        taken=_counts(story, data["taken"], f"{where}: taken", scenes=False),
        clock=_int(data["clock"], f"{where}: clock"),
        rng=_int(data["rng"], f"{where}: rng"),
    )


def step_to_dict(step: Step) -> dict[str, Any]:
    return attrs.asdict(step)


_STEP_FIELDS = (
    ("scene", str),
    ("choice", str),
    ("text", str),
    ("journal", str),
    ("clock", int),
    ("goto", str),
)


def step_from_dict(data: Any, where: str) -> Step:
    _require(isinstance(data, dict), f"{where} is not a table")
    values = [data.get(name) for name, _ in _STEP_FIELDS]
    # type() rather than isinstance(): a bool is not a clock, and the fast path matters in long saves.
    if any(type(value) is not want for value, (_, want) in zip(values, _STEP_FIELDS, strict=True)):
        bad = next(
            name for value, (name, want) in zip(values, _STEP_FIELDS, strict=True) if type(value) is not want
        )
        raise StateError(f"{where}: '{bad}' is missing or of the wrong type")
    return Step(*values)


# ---------------------------------------------------------------- checks


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise StateError(message)


def _int(value: Any, where: str) -> int:
    _require(isinstance(value, int) and not isinstance(value, bool), f"{where} is not a whole number")
    return int(value)


def _scene(story: Story, value: Any, where: str) -> str:
    _require(isinstance(value, str), f"{where}: the scene is missing")
    _require(value in story.scenes, f"{where}: the scene '{value}' is not in this story")
    return str(value)


def _journey(story: Story, value: Any, where: str) -> str:
    _require(
        isinstance(value, str) and value in story.journeys,
        f"{where}: the journey '{value}' is not in this story",
    )
    return str(value)


def _counts(story: Story, value: Any, where: str, scenes: bool) -> dict[str, int]:
    _require(isinstance(value, dict), f"{where} is not a table")
    out = {}
    for key, count in value.items():
        _require(
            isinstance(count, int) and not isinstance(count, bool) and count >= 0,
            f"{where}: '{key}' is not a count",
        )
        if scenes:
            _require(key in story.scenes, f"{where}: the scene '{key}' is not in this story")
        out[str(key)] = count
    return out


def _vars(story: Story, value: Any, where: str, partial: bool) -> dict[str, Any]:
    _require(isinstance(value, dict), f"{where}: the variables are not a table")
    out: dict[str, Any] = {}
    for name, raw in value.items():
        var = story.variables.get(name)
        _require(var is not None, f"{where}: the variable '{name}' is not declared by this story")
        assert var is not None
        if var.type is Type.INTEGER:
            _require(
                isinstance(raw, int) and not isinstance(raw, bool),
                f"{where}: '{name}' should be a whole number",
            )
            _require(var.clamp(raw) == raw, f"{where}: '{name}' = {raw} is outside {var.min}..{var.max}")
            out[name] = raw
        elif var.type is Type.BOOLEAN:
            _require(isinstance(raw, bool), f"{where}: '{name}' should be true or false")
            out[name] = raw
        elif var.type is Type.TEXT:
            _require(isinstance(raw, str), f"{where}: '{name}' should be text")
            out[name] = raw
        else:
            _require(
                isinstance(raw, list) and all(isinstance(t, str) for t in raw),
                f"{where}: '{name}' should be a list of tags",
            )
            if var.values is not None:
                bad = [t for t in raw if t not in var.values]
                _require(not bad, f"{where}: '{name}' holds unknown tags {bad}")
            out[name] = frozenset(raw)
    if not partial:
        missing = [n for n in story.variables if n not in out]
        _require(not missing, f"{where}: no value for {', '.join(missing)}")
    return out
