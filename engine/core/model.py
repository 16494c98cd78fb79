"""The story as loaded: immutable values, compiled once, shared by every game.

Like ink's compiled story, nothing here changes while playing; everything
that changes lives in :mod:`engine.core.state`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from engine.core.expressions import Effect, Expression, Type
from engine.core.text import Formatter, GlossaryMarker, Template, Text


@attrs.frozen
class Variable:
    name: str
    type: Type
    default: Any
    label: str
    format: str | None = None
    show: str | None = None
    group: str | None = None
    min: int | None = None
    max: int | None = None
    values: tuple[str, ...] | None = None
    labels: dict[str, str] = attrs.field(factory=dict)
    show_if: Expression | None = None  # the side panel shows it only while this holds

    def clamp(self, value: int) -> int:
        if self.min is not None and value < self.min:
            return self.min
        if self.max is not None and value > self.max:
            return self.max
        return value

    def display(self, value: Any) -> str:
        """The value as the player sees it: ``12,000 ₸``, ``IIN, Lease``."""
        if self.type is Type.INTEGER:
            text = f"{value:,}"
        elif self.type is Type.BOOLEAN:
            text = "yes" if value else "no"
        elif self.type is Type.TAGS:
            text = ", ".join(self.tag_label(t) for t in sorted(value)) or "none"
        else:
            text = self.labels.get(value, str(value))  # a translation may say how a text value is shown
        return self.format.replace("{value}", text) if self.format else text

    def tag_label(self, tag: str) -> str:
        label = self.labels.get(tag)
        if label is None:
            text = tag.replace("_", " ")
            label = text[:1].upper() + text[1:]
        return label


@attrs.frozen
class Ending:
    title: str
    kind: str


@attrs.frozen
class Details:
    """What a choice does when taken, and what it says when it cannot be: read only then.

    Most choices have none (:data:`NO_DETAILS`), and choices that have the same
    share one value, so a choice is quick to make and small to keep.
    """

    because: str | Template | None = None  # a Template only in a translation that adds {if} blocks
    effects: tuple[Effect, ...] = ()
    advance: int = 0
    journal: str | Template | None = None
    reply: Template | None = None  # shown once the choice is taken, before the next scene


NO_DETAILS = Details()


@attrs.frozen
class Choice:
    """A choice: what it shows, where it leads, and when (read at every step)."""

    id: str
    text: Text
    goto: str
    condition: Expression | None = None
    requires: Expression | None = None
    once: bool = False
    details: Details = NO_DETAILS

    @property
    def because(self) -> str | Template | None:
        return self.details.because

    @property
    def effects(self) -> tuple[Effect, ...]:
        return self.details.effects

    @property
    def advance(self) -> int:
        return self.details.advance

    @property
    def journal(self) -> str | Template | None:
        return self.details.journal

    @property
    def reply(self) -> Template | None:
        return self.details.reply


@attrs.frozen
class Scene:
    id: str
    title: str
    text: Text
    journey: str | None = None
    location: str = ""
    date: int | None = None
    date_has_time: bool = True
    advance: int = 0
    effects: tuple[Effect, ...] = ()
    tags: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (source key, fact)
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None


@attrs.frozen
class Journey:
    id: str
    title: str
    blurb: str
    start: str
    where_text: str = ""
    when: str = ""
    date: int | None = None
    effects: tuple[Effect, ...] = ()


@attrs.frozen
class GlossaryEntry:
    key: str
    term: str
    text: str
    also: tuple[str, ...] = ()


@attrs.frozen
class Source:
    key: str
    title: str
    outlet: str = ""
    date: str = ""
    about: str = ""


@attrs.frozen
class Story:
    id: str
    title: str
    version: str
    root: Path
    fingerprint: str
    subtitle: str = ""
    content_note: str = ""
    journeys: dict[str, Journey] = attrs.field(factory=dict)
    scenes: dict[str, Scene] = attrs.field(factory=dict)
    variables: dict[str, Variable] = attrs.field(factory=dict)
    glossary: dict[str, GlossaryEntry] = attrs.field(factory=dict)
    sources: dict[str, Source] = attrs.field(factory=dict)
    marker: GlossaryMarker = attrs.field(factory=lambda: GlossaryMarker({}), eq=False)
    language: str = ""  # the language of its strings: a string table's code, or "" for the story's own
    # How story text shows an interpolated value ({money}); set by the presentation layer for the
    # player's language (engine.present), else the neutral form of Variable.display.
    formatter: Formatter | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def endings(self) -> dict[str, Scene]:
        return {sid: s for sid, s in self.scenes.items() if s.ending is not None}

    def journey_of(self, scene_id: str) -> str | None:
        scene = self.scenes.get(scene_id)
        return scene.journey if scene else None

    def defaults(self) -> dict[str, Any]:
        return {name: v.default for name, v in self.variables.items()}
