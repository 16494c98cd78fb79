"""What the parser records an expression reads is what `check` relies on: a variable
read only by an effect's condition is used, and a visits() there is checked, at its column."""

from __future__ import annotations

import shutil
from pathlib import Path

from engine.loading.loader import load

STORIES = Path(__file__).resolve().parent / "stories"


def tiny_with_effects(tmp_path: Path, effects: str) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STORIES / "tiny", root)
    scenes = (root / "scenes.toml").read_text(encoding="utf-8")
    (root / "scenes.toml").write_text(scenes.replace('effects = ["tired = true"]', f"effects = [{effects}]"))
    (root / "story.toml").write_text(
        (root / "story.toml").read_text(encoding="utf-8")
        + '\n[variables.luck]\ntype = "integer"\ndefault = 0\nlabel = "Luck"\n',
        encoding="utf-8",
    )
    return root


def test_a_variable_read_only_in_an_effects_condition_is_used(tmp_path: Path) -> None:
    result = load(tiny_with_effects(tmp_path, '"tired = true if luck > 2"'))
    assert [d.message for d in result.diagnostics] == []


def test_visits_in_an_effects_value_or_condition_is_checked_at_its_column(tmp_path: Path) -> None:
    effects = "\"tired = visits('gat') > 1\", \"tired = true if visits('offic') > 1\""
    result = load(tiny_with_effects(tmp_path, effects))
    errors = [(d.message, d.column, d.hint) for d in result.diagnostics if d.is_error]
    line = next(d.source_line for d in result.diagnostics)
    assert errors == [
        (
            "visits() names 'gat', which is not a scene",
            line.index("visits('gat')") + 1,
            "did you mean `gate`?",
        ),
        (
            "visits() names 'offic', which is not a scene",
            line.index("visits('offic')") + 1,
            "did you mean `office`?",
        ),
    ]
