"""How both front ends word what a choice changed: each change with its label.

``Money −138,000 ₸``, ``Hope +1``, ``Documents +IIN``: a change is never
shown bare, so a debt that grows cannot read as money received. The values
themselves are worded by the presentation layer (:mod:`engine.present`).
"""

from __future__ import annotations

from engine.core.game import Change
from engine.core.model import Story, Variable
from engine.present.presenter import current


def change_text(var: Variable, change: Change) -> str:
    """The change itself: a bar's by how much (``+1``), anything else as the presenter words it."""
    if var.show == "bar" and change.delta is not None:
        sign = "+" if change.delta > 0 else "−"
        return sign + current().number(abs(change.delta))
    return current().change(var, change)


def labelled(var: Variable, change: Change) -> str:
    """``Money −40,000 ₽``: the change after its label (once, where the wording already has it)."""
    text = change_text(var, change)
    return text if text.startswith(change.label) else f"{change.label} {text}"


def change_summary(story: Story, changes: list[Change], separator: str = " · ") -> str:
    """ "Roubles −40,000 ₽ · Stress +1": what a choice changed, each with its label."""
    return separator.join(
        labelled(story.variables[change.name], change) for change in changes if change.name in story.variables
    )
