"""``NAME=VALUE`` settings from the command line, read by each variable's declared type.

Authors start a scene with any state (``relocant play --plain --at SCENE
--set money_kzt=5000 --set documents=iin,lease``); a value the story could
not hold is refused with a message rather than played with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.core.expressions import Type
from engine.core.model import Story
from engine.core.names import suggest

TRUE = ("true", "yes", "1", "on")
FALSE = ("false", "no", "0", "off")


class OverrideError(ValueError):
    """A setting that names no variable or holds a value its type cannot take."""


def parse_setting(story: Story, setting: str) -> tuple[str, Any]:
    name, eq, raw = setting.partition("=")
    name = name.strip()
    if not eq or not name:
        raise OverrideError(f"'{setting}' is not NAME=VALUE (for example money_kzt=5000)")
    var = story.variables.get(name)
    if var is None:
        near = suggest(name, story.variables)
        hint = f"; did you mean '{near}'?" if near else ""
        raise OverrideError(f"the story declares no variable '{name}'{hint}")
    raw = raw.strip()
    if var.type is Type.INTEGER:
        try:
            value = int(raw.replace(",", "").replace("_", ""))
        except ValueError:
            raise OverrideError(f"{name} is a whole number, not '{raw}'") from None
        if var.clamp(value) != value:
            raise OverrideError(f"{name} = {value} is outside its range {var.min}..{var.max}")
        return name, value
    if var.type is Type.BOOLEAN:
        if raw.lower() in TRUE:
            return name, True
        if raw.lower() in FALSE:
            return name, False
        raise OverrideError(f"{name} is true or false, not '{raw}'")
    if var.type is Type.TAGS:
        tags = frozenset(t.strip() for t in raw.split(",") if t.strip())
        unknown = sorted(t for t in tags if var.values is not None and t not in var.values)
        if unknown:
            allowed = ", ".join(var.values or ())
            raise OverrideError(f"{name} has no tag {', '.join(unknown)}; its tags are: {allowed}")
        return name, tags
    return name, raw


def parse_settings(story: Story, settings: Iterable[str]) -> dict[str, Any]:
    return dict(parse_setting(story, s) for s in settings)
