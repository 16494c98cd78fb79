"""The story as a graph: scenes as nodes grouped by journey, choices as edges.

Written as Graphviz DOT or Mermaid text; SVG is DOT passed through Graphviz.
Edge labels carry the choice's text, shortened, and its conditions, so a
reader sees at a glance which ways are open to whom.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.model import Choice, Scene, Story
from engine.core.text import source_of

LABEL_WIDTH = 28
ENDING_COLOURS = {"hopeful": "#d8f0d0", "bittersweet": "#f4e8c8", "sombre": "#e0d8e8"}


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def edge_label(choice: Choice) -> str:
    parts = [shorten(source_of(choice.text))]
    if choice.condition is not None:
        parts.append("if " + shorten(choice.condition.source))
    if choice.requires is not None:
        parts.append("needs " + shorten(choice.requires.source))
    if choice.once:
        parts.append("once")
    return "\n".join(parts)


def groups(story: Story, only: str | None = None) -> Iterator[tuple[str, str, list[Scene]]]:
    """(journey id, title, scenes) for each journey (or just ``only``), then scenes no journey reaches."""
    by: dict[str | None, list[Scene]] = {}
    for scene in story.scenes.values():
        by.setdefault(scene.journey if scene.journey in story.journeys else None, []).append(scene)
    for jid, journey in story.journeys.items():
        if jid in by and only in (None, jid):
            yield jid, journey.title, by[jid]
    if None in by and only is None:
        yield "unreached", "Reached by no journey", by[None]


def drawn(story: Story, only: str | None) -> tuple[list[Scene], list[str]]:
    """The scenes drawn in full, and the other scenes their choices lead to."""
    scenes = [s for _, _, group in groups(story, only) for s in group]
    inside = {s.id for s in scenes}
    outside = [c.goto for s in scenes for c in s.choices if c.goto not in inside]
    return scenes, list(dict.fromkeys(outside))


def outside_label(story: Story, scene_id: str) -> str:
    other = story.scenes.get(scene_id)
    return f"{other.title}\n{scene_id}\n({other.journey or 'no journey'})" if other else scene_id


def starts(story: Story) -> set[str]:
    return {j.start for j in story.journeys.values()}


# ---------------------------------------------------------------- DOT


def _dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(story: Story, only: str | None = None) -> str:
    """The graph in Graphviz DOT; ``only`` draws one journey, with the scenes it leads out to."""
    first = starts(story)
    scenes, outside = drawn(story, only)
    out = [
        f"digraph {_dot(story.id)} {{",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for jid, title, group in groups(story, only):
        out += [f"  subgraph {_dot('cluster_' + jid)} {{", f"    label={_dot(title)};", "    style=dashed;"]
        for s in group:
            attrs = [f"label={_dot(s.title + chr(10) + s.id)}"]
            if s.ending is not None:
                label = f"{s.title}\n{s.id}\nEND: {s.ending.title} ({s.ending.kind})"
                colour = ENDING_COLOURS.get(s.ending.kind, "#eeeeee")
                attrs = [f"label={_dot(label)}", "shape=doubleoctagon", f"fillcolor={_dot(colour)}"]
            if s.id in first:
                attrs.append("penwidth=2.5")
            out.append(f"    {_dot(s.id)} [{', '.join(attrs)}];")
        out.append("  }")
    for sid in outside:
        out.append(f"  {_dot(sid)} [label={_dot(outside_label(story, sid))}, style=dotted];")
    for s in scenes:
        for c in s.choices:
            style = ", style=dashed" if c.condition is not None or c.requires is not None else ""
            out.append(f"  {_dot(s.id)} -> {_dot(c.goto)} [label={_dot(edge_label(c))}{style}];")
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- Mermaid


def _mm(text: str) -> str:
    """A Mermaid label: quoted, with the characters Mermaid reads escaped as entities."""
    escaped = text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return '"' + escaped.replace("\n", "<br/>") + '"'


def _node(scene_id: str) -> str:
    return "s_" + scene_id  # a prefix keeps ids such as `end` from meaning Mermaid keywords


def to_mermaid(story: Story, only: str | None = None) -> str:
    """The graph as a Mermaid flowchart; ``only`` draws one journey, with the scenes it leads out to."""
    first = starts(story)
    scenes, outside = drawn(story, only)
    out = ["flowchart LR"]
    for jid, title, group in groups(story, only):
        out.append(f"  subgraph j_{jid}[{_mm(title)}]")
        for s in group:
            if s.ending is not None:
                label = f"{s.title}\n{s.id}\nEND: {s.ending.title} ({s.ending.kind})"
                out.append(f"    {_node(s.id)}([{_mm(label)}]):::{s.ending.kind}")
            else:
                out.append(f"    {_node(s.id)}[{_mm(s.title + chr(10) + s.id)}]")
        out.append("  end")
    for sid in outside:
        out.append(f"  {_node(sid)}[{_mm(outside_label(story, sid))}]:::other")
    for s in scenes:
        for c in s.choices:
            arrow = "-.->" if c.condition is not None or c.requires is not None else "-->"
            out.append(f"  {_node(s.id)} {arrow}|{_mm(edge_label(c))}| {_node(c.goto)}")
    for kind, colour in ENDING_COLOURS.items():
        out.append(f"  classDef {kind} fill:{colour}")
    if outside:
        out.append("  classDef other stroke-dasharray:3 3")
    if first:
        out.append("  classDef start stroke-width:3px")
        marked = [_node(s) for s in sorted(first) if s in {x.id for x in scenes}]
        if marked:
            out.append("  class " + ",".join(marked) + " start")
    return "\n".join(out) + "\n"
