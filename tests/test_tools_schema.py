"""The JSON Schema editors use for story files agrees with the loader.

It is generated from the loader's own tables (engine.loading.schema), and the
committed copy is exactly what they generate. Every shipped story file
validates; and the mistakes an editor should flag while typing (an unknown
key, a wrong type, a bad id, a bad duration) fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from engine.loading import files, schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schema" / schema.SCHEMA_FILE).read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
STORY_ROOTS = [ROOT / "story", *sorted(p for p in (ROOT / "tests" / "stories").iterdir() if p.is_dir())]
FILES = sorted(path for root in STORY_ROOTS for path in files.list_files(root)[0])  # as the loader reads them


def test_the_committed_schema_is_the_one_the_loader_generates() -> None:
    committed = (ROOT / "docs" / "schema" / schema.SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema.json_schema_text(), (
        "regenerate it: python -m engine.loading.schema > docs/schema/relocant-story.schema.json"
    )


def test_the_schema_knows_every_key_the_loader_knows() -> None:
    for table in schema.TABLES.values():
        assert set(SCHEMA["$defs"][table.name]["properties"]) == set(table.keys)
    assert set(SCHEMA["properties"]) == set(schema.TOP_KEYS)


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_story_file_validates(path: Path) -> None:
    data = tomli.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


SCENE = {"id": "a", "title": "A", "text": "x", "choice": [{"text": "go", "goto": "b"}]}


def scene(**changes: Any) -> dict[str, Any]:
    return {"scene": [{**SCENE, **changes}]}


@pytest.mark.parametrize(
    "doc",
    [
        scene(titel="A"),  # an unknown key
        scene(id="9a"),  # not an id
        scene(advance="2 hours"),
        scene(effects=["  "]),  # an effect with nothing in it
        scene(date="24 Feb 2022"),
        scene(choice=[{"text": "go"}]),  # no goto
        scene(choice=[{"text": "go", "goto": "b", "requires": "x"}]),  # requires without because
        scene(choice=[{"text": "go", "goto": "b", "once": "yes"}]),
        scene(ending={"title": "E", "kind": "happy"}),
        {"variables": {"money": {"type": "integer", "default": "0"}}},
        {"variables": {"stress": {"type": "integer", "default": 0, "show": "bar"}}},  # a bar needs min, max
        {"variables": {"first_visit": {"type": "boolean", "default": False}}},
        {"journeys": []},
        {"story": {"id": "x", "title": "X"}},
    ],
)
def test_mistakes_are_flagged(doc: dict[str, Any]) -> None:
    assert list(VALIDATOR.iter_errors(doc)), doc


def test_a_correct_scene_passes() -> None:
    assert not list(VALIDATOR.iter_errors(scene(advance="1d 6h", date="2022-02-24 19:00")))
