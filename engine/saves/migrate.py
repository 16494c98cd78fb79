"""Rebuilding a saved game on the story as it is now, which may have changed.

On the story the save was made with (same fingerprint) the stored game is
loaded exactly, or not at all. On a changed story the stored states are
fixed up (variables dropped, added, clamped) and, if the scene the save
stopped at is gone, cut back to the nearest earlier scene that still exists.
If the stored states cannot be used at all, the choice log is replayed from
the journey's start with the saved seed, as far as it still goes. Every
adjustment becomes a notice the player reads, worded in the language the game
is played in (:mod:`engine.present.catalogs`).
"""

from __future__ import annotations

from typing import Any

import attrs

from engine.core.diagnostics import RunTimeError
from engine.core.expressions import Type
from engine.core.game import FORMATS as GAME_FORMATS
from engine.core.game import ChoiceUnavailable, Game
from engine.core.model import Story, Variable
from engine.core.state import StateError
from engine.core.values import holds
from engine.present.catalogs import N_, _, ngettext, words
from engine.present.presenter import current
from engine.saves.errors import (
    NESTED_TOO_DEEPLY,
    CannotRebuild,
    DamagedSave,
    JourneyGone,
    OtherStory,
)


@attrs.frozen
class Rebuilt:
    game: Game
    notices: list[str]
    how: str  # "exact", "adjusted", "moved back" or "replayed"


def rebuild(slot: str, story: Story, doc: dict[str, Any]) -> Rebuilt:
    """The game of a decoded save on ``story``; raise an UnreadableSave when there is none."""
    try:
        return _rebuild(slot, story, doc)
    except RecursionError:
        raise DamagedSave(slot, NESTED_TOO_DEEPLY, "game") from None


def _rebuild(slot: str, story: Story, doc: dict[str, Any]) -> Rebuilt:
    saved = doc["story"]
    if saved["id"] != story.id:
        raise OtherStory(slot, saved["id"], story.id)
    if saved["fingerprint"] == story.fingerprint:
        try:
            game = Game.from_dict(story, doc["game"])
        except StateError as exc:
            raise DamagedSave(slot, "{problem}", exc.where or "game", problem=exc) from None
        return Rebuilt(game, [], "exact")
    try:
        return _fix_up(story, doc["game"])
    except StateError as exc:
        return _replay(slot, story, doc["replay"], _brief(exc.describe(words())))


def _brief(text: str, most: int = 200) -> str:
    """A state check's message, which may quote a value from the file of any length, kept short."""
    return text if len(text) <= most else text[: most - 1] + "…"


# ---------------------------------------------------------------- fix-ups


def _fix_up(story: Story, data: Any) -> Rebuilt:
    states, steps, seed = _expand(data)
    told: list[dict[str, None]] = []  # per state: what its fix-ups would tell, ordered, no repeats
    for state in states:
        told.append({})
        _fix_state(story, state, told[-1])
    exists = [s["scene"] in story.scenes and s["journey"] in story.journeys for s in states]
    end = max((i for i, ok in enumerate(exists) if ok), default=-1)
    if end < 0:
        raise StateError(N_("none of the scenes it passed through is in the story any more"))
    begin = max((i + 1 for i in range(end) if not exists[i]), default=0)
    notices: list[str] = []  # where the player resumes first, then the values of that moment
    how = "adjusted" if told[end] else "exact"
    if end < len(states) - 1:
        gone = states[-1]["scene"]
        title = story.scenes[states[end]["scene"]].title
        back = len(states) - 1 - end
        notices.append(
            ngettext(
                "The scene '{gone}' where this save stopped is no longer in the story. You are back at "
                "'{title}', the nearest earlier scene of your journey that still exists ({back} step back).",
                "The scene '{gone}' where this save stopped is no longer in the story. You are back at "
                "'{title}', the nearest earlier scene of your journey that still exists ({back} steps back).",
                back,
            ).format(gone=gone, title=title, back=back)
        )
        how = "moved back"
    if begin > 0:
        title = story.scenes[states[begin]["scene"]].title
        notices.append(
            _("Undo goes back only as far as '{title}': earlier scenes of this save have changed.").format(
                title=title
            )
        )
    kept = states[begin : end + 1]
    game = Game.from_dict(
        story,
        {
            "format": 1,  # the steps of _expand, each as a table of a step and its change
            "seed": seed,
            "start": kept[0],
            "steps": [{"step": steps[i], "delta": states[i + 1]} for i in range(begin, end)],
        },
    )
    return Rebuilt(game, notices + list(told[end]), how)


def _expand(data: Any) -> tuple[list[dict[str, Any]], list[Any], int]:
    """Every stored state in full (the file keeps differences), still unchecked."""
    if (
        not isinstance(data, dict)
        or data.get("format") not in GAME_FORMATS
        or type(data["format"]) is not int
    ):
        raise StateError(N_("the stored game is in a layout this version does not read"))
    seed, start, raw_steps = data.get("seed"), data.get("start"), data.get("steps")
    if not isinstance(seed, int) or not isinstance(start, dict) or not isinstance(raw_steps, list):
        raise StateError(N_("the stored game is incomplete"))
    tables = ("vars", "visits", "taken")
    if not all(isinstance(start.get(k), dict) for k in tables):
        raise StateError(N_("the first state is incomplete"))
    if not _placed(start):
        raise StateError(N_("the first state has no scene or journey"))
    if data["format"] == 2:
        raw_steps = _tables(start, raw_steps)
    states = [dict(start)]
    steps = []
    for raw in raw_steps:
        delta = raw.get("delta") if isinstance(raw, dict) else None
        if not isinstance(delta, dict) or not all(isinstance(delta.get(k, {}), dict) for k in tables):
            raise StateError(N_("a step of the stored game is incomplete"))
        before = states[-1]
        after = {**before, **{k: v for k, v in delta.items() if k not in tables}}
        for key in tables:
            after[key] = {**before[key], **delta.get(key, {})}
        if not _placed(after):
            raise StateError(N_("a step of the stored game has no scene or journey"))
        states.append(after)
        steps.append(raw.get("step"))
    return states, steps, seed


def _tables(start: dict[str, Any], rows: list[Any]) -> list[dict[str, Any]]:
    """Format-2 rows as format 1's tables of a step and its change, still unchecked: what a row
    leaves out is derived as Game.from_dict derives it (docs/saves.md)."""
    out = []
    scene, clock, counts = start.get("scene"), start.get("clock"), dict(start["visits"])
    for row in rows:
        if not isinstance(row, list) or not 4 <= len(row) <= 7:
            raise StateError(N_("a step of the stored game is incomplete"))
        full: list[Any] = [*row, *[{}, None, {}][len(row) - 4 :]]
        goto, choice, text, when, changed, rng, other = full
        if not isinstance(other, dict) or not isinstance(goto, str):
            raise StateError(N_("a step of the stored game is incomplete"))
        visits = other.get("visits")
        if visits is None:
            count = counts.get(goto, 0)
            visits = {goto: (count if isinstance(count, int) else 0) + 1}
        if isinstance(visits, dict):
            counts.update(visits)
        step = {
            "scene": other.get("scene", scene),
            "choice": choice,
            "text": text,
            "journal": other.get("journal", text),
            "clock": other.get("clock", clock),
            "goto": other.get("goto", goto),
            "reply": other.get("reply", ""),
        }
        delta = {"scene": goto, "clock": when, "vars": changed, "visits": visits}
        if rng is not None:
            delta["rng"] = rng
        for key in ("journey", "taken"):
            if key in other:
                delta[key] = other[key]
        out.append({"step": step, "delta": delta})
        scene, clock = goto, when
    return out


def _placed(state: dict[str, Any]) -> bool:
    """Whether a stored state names its scene and journey (as text; what they name is checked later)."""
    return isinstance(state.get("scene"), str) and isinstance(state.get("journey"), str)


def _fix_state(story: Story, state: dict[str, Any], notices: dict[str, None]) -> None:
    values = state["vars"]
    fixed: dict[str, Any] = {}
    for name, raw in values.items():
        var = story.variables.get(name)
        if var is None:
            notices[
                _("The variable '{name}' is no longer in the story and was dropped.").format(name=name)
            ] = None
            continue
        fixed[name] = _fix_value(var, raw, notices)
    for name, var in story.variables.items():
        if name not in fixed:
            fixed[name] = list(var.default) if isinstance(var.default, frozenset) else var.default
            notices[
                _("'{label}' is new in the story and starts at {value}.").format(
                    label=var.label, value=current().value(var, var.default)
                )
            ] = None
    state["vars"] = fixed
    state["visits"] = {k: v for k, v in state["visits"].items() if k in story.scenes}


def _fix_value(var: Variable, raw: Any, notices: dict[str, None]) -> Any:
    default = list(var.default) if isinstance(var.default, frozenset) else var.default
    if not holds(var.type, raw):
        notices[
            _("'{label}' has changed in the story and starts again at {value}.").format(
                label=var.label, value=current().value(var, var.default)
            )
        ] = None
        return default
    if var.type is Type.INTEGER and var.clamp(raw) != raw:
        present = current()
        notices[
            _("'{label}' was {value}, outside what the story now allows; it is now {now}.").format(
                label=var.label, value=present.number(raw), now=present.number(var.clamp(raw))
            )
        ] = None
        return var.clamp(raw)
    if var.type is Type.TAGS and var.values is not None:
        unknown = sorted(t for t in raw if t not in var.values)
        if unknown:
            notices[
                _("'{label}' no longer has {tags}; dropped.").format(label=var.label, tags=", ".join(unknown))
            ] = None
            return [t for t in raw if t in var.values]
    return raw


# ---------------------------------------------------------------- replay


def _replay(slot: str, story: Story, log: dict[str, Any], why: str) -> Rebuilt:
    journey = log["journey"]
    if journey not in story.journeys:
        raise JourneyGone(slot, journey)
    try:
        game = Game.start(story, journey, seed=log["seed"])
    except RunTimeError as exc:
        raise CannotRebuild(slot, str(exc)) from None
    choices = log["choices"]
    stopped = None
    for entry in choices:
        scene, choice = entry["scene"], entry["choice"]
        if game.state.scene != scene:
            stopped = _("the story no longer leads to '{scene}' there").format(scene=scene)
            break
        try:
            game.choose(choice)
        except (ChoiceUnavailable, RunTimeError):
            stopped = _("the choice '{choice}' in '{scene}' is no longer open").format(
                choice=choice, scene=scene
            )
            break
    done = len(game.steps)
    notices = [
        _(
            "The saved state no longer fits the story ({why}), so the game was rebuilt by "
            "replaying your choices on the current story."
        ).format(why=why)
    ]
    if stopped is not None:
        notices.append(
            ngettext(
                "Only {done} of {total} choice could be replayed ({stopped}). You are at '{title}'.",
                "Only {done} of {total} choices could be replayed ({stopped}). You are at '{title}'.",
                len(choices),
            ).format(done=done, total=len(choices), stopped=stopped, title=game.scene.title)
        )
    return Rebuilt(game, notices, "replayed" if stopped is None else "moved back")
