"""Whole-story analysis: what can be reached, and what is never used.

These questions look at the graph of scenes rather than at one table, so
they live apart from the loader, and the authoring tools share them.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.core.model import Story


def successors(story: Story, scene_id: str) -> Iterable[str]:
    scene = story.scenes.get(scene_id)
    return (c.goto for c in scene.choices) if scene else ()


def reachable(story: Story, starts: Iterable[str] | None = None) -> set[str]:
    """Scenes some journey can reach, ignoring conditions."""
    stack = list(starts if starts is not None else (j.start for j in story.journeys.values()))
    seen: set[str] = set()
    while stack:
        sid = stack.pop()
        if sid in seen or sid not in story.scenes:
            continue
        seen.add(sid)
        stack.extend(successors(story, sid))
    return seen


def unused_variables(story: Story, used: set[str]) -> list[str]:
    return [name for name in story.variables if name not in used]
