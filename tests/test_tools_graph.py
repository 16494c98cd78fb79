"""relocant graph: journeys as clusters, choices as labelled edges, endings marked."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.tools.graph import to_dot, to_mermaid

STORIES = Path(__file__).resolve().parent / "stories"


def test_dot_groups_by_journey_and_labels_edges(tiny: Story) -> None:
    dot = to_dot(tiny)
    assert dot.startswith('digraph "tiny" {')
    assert 'subgraph "cluster_walk" {' in dot and 'label="A walk";' in dot
    assert '"gate" -> "office" [label="Pay for an IIN\\nneeds money >= 5", style=dashed];' in dot
    assert '"gate" -> "gate" [label="Rest\\nif not tired\\nonce", style=dashed];' in dot
    assert '"home" [label="Home\\nhome\\nEND: Home (hopeful)", shape=doubleoctagon' in dot
    assert '"gate" [label="The gate\\ngate", penwidth=2.5];' in dot  # the start stands out
    assert dot.count(" -> ") == sum(len(s.choices) for s in tiny.scenes.values())


def test_long_labels_are_shortened_and_quotes_escaped(tiny: Story) -> None:
    dot = to_dot(tiny)
    assert "needs 'iin' in papers and money >…" in dot
    assert "Sign a lease" in dot


def test_unreached_scenes_get_their_own_group() -> None:
    dot = to_dot(load_story(STORIES / "flawed"))
    assert 'subgraph "cluster_unreached"' in dot
    lost = dot.index('"lost" [')
    assert dot.index('subgraph "cluster_unreached"') < lost


def test_mermaid_prefixes_ids_and_marks_endings() -> None:
    mm = to_mermaid(load_story(STORIES / "counted"))
    assert mm.startswith("flowchart LR\n")
    assert '  subgraph j_main["Main"]' in mm
    assert '    s_end(["The end<br/>end<br/>END: Done (hopeful)"]):::hopeful' in mm  # `end` is a keyword
    assert '  s_b -->|"Go back, once<br/>once"| s_a' in mm
    assert "  class s_a start" in mm


def test_mermaid_escapes_quotes(tiny: Story) -> None:
    assert "#quot;" not in to_mermaid(tiny)  # tiny has single quotes only
    assert "needs 'iin' in papers and money #gt;…" in to_mermaid(tiny)


def test_cli_svg_without_graphviz_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["graph", str(STORIES / "tiny"), "--format", "svg"]) == 1
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "brew install graphviz" in err
    assert "Traceback" not in err


def test_cli_svg_pipes_dot_through_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\ndata = sys.stdin.read()\n"
        "assert sys.argv[1:] == ['-Tsvg'] and data.startswith('digraph')\n"
        "print('<svg>' + str(data.count('->')) + '</svg>')\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    out = tmp_path / "g.svg"
    assert main(["graph", str(STORIES / "tiny"), "--format", "svg", "-o", str(out)]) == 0
    assert out.read_text().strip() == "<svg>4</svg>"


def test_cli_writes_dot_and_mermaid(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["graph", str(STORIES / "tiny")]) == 0
    assert capsysbinary.readouterr().out.decode().startswith('digraph "tiny"')
    assert main(["graph", str(STORIES / "tiny"), "--format", "mermaid"]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("flowchart LR")


def test_one_journey_with_the_scenes_it_leads_out_to(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    shutil.copytree(STORIES / "tiny", folder)
    (folder / "zbus.toml").write_text(  # after story.toml: walk is the first journey
        '[[journey]]\nid = "bus"\ntitle = "By bus"\nblurb = "x"\nstart = "stop"\n\n'
        '[[scene]]\nid = "stop"\ntitle = "The stop"\ntext = "A bus."\n\n'
        '[[scene.choice]]\ntext = "Ride to the office"\ngoto = "office"\n'
    )  # office belongs to walk, the first journey that reaches it
    story = load_story(folder)
    dot = to_dot(story, "bus")
    assert 'subgraph "cluster_bus"' in dot and 'subgraph "cluster_walk"' not in dot
    assert '"office" [label="The office\\noffice\\n(walk)", style=dotted];' in dot
    assert '"stop" -> "office"' in dot and '"office" -> "home"' not in dot
    mm = to_mermaid(story, "bus")
    assert '  s_office["The office<br/>office<br/>(walk)"]:::other' in mm
    assert "  class s_stop start" in mm and "s_gate" not in mm
    assert to_dot(story).count(" -> ") == 5  # all journeys: every choice


def test_cli_unknown_journey_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(STORIES / "tiny"), "--journey", "nope"]) == 1
    assert "there is no journey 'nope'; journeys: walk" in capsys.readouterr().err
