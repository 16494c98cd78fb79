"""The author's docs agree with the tools: what they show works as shown.

- docs/scene-format.md's worked example, copied into an empty folder, checks
  with no error and no warning;
- its key tables name every key the loader knows, and mark **required**
  exactly the keys the loader requires;
- docs/writing-scenes.md's "Start a new story", followed command by command,
  gives a story that checks clean and plays to its ending;
- the files `relocant new story` writes validate against docs/schema.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import tomli

from engine.loading.schema import SCHEMA_FILE, TABLES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FORMAT = (DOCS / "scene-format.md").read_text(encoding="utf-8")
TUTORIAL = (DOCS / "writing-scenes.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def relocant(*args: str, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=input,
        timeout=120,
    )


# ---------------------------------------------------------------- the worked example


def test_the_worked_example_is_a_whole_story_that_checks_clean(tmp_path: Path) -> None:
    files = blocks(section(FORMAT, "## A worked example"), "toml")
    assert len(files) >= 2
    for text in files:
        name = text.splitlines()[0].removeprefix("#").strip()
        assert name.endswith(".toml"), f"each block's first line names its file: {text[:60]!r}"
        target = tmp_path / "story" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    out = relocant("check", "--strict", cwd=tmp_path / "story")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.rstrip().endswith("; 0 error(s), 0 warning(s)"), out.stdout
    played = relocant(
        "play", "--plain", "--saves", str(tmp_path / "saves"), cwd=tmp_path / "story", input="1\n1\n"
    )
    assert "THE END: Tea on the street (hopeful)" in played.stdout, played.stdout + played.stderr


# ---------------------------------------------------------------- the key tables

HEADINGS = {
    "story": "## `[story]`",
    "journey": "## `[[journey]]`",
    "variable": "## `[variables.NAME]`",
    "glossary": "## `[glossary.KEY]`",
    "source": "## `[source.KEY]`",
    "scene": "## `[[scene]]`",
    "choice": "### `[[scene.choice]]`",
    "ending": "### `[scene.ending]`",
}


def documented(table: str) -> dict[str, bool]:
    """Each key of a table in scene-format.md, and whether it is marked **required**."""
    start = FORMAT.index(HEADINGS[table])
    body = FORMAT[FORMAT.index("\n", start) :]
    body = body[: min(i for i in (body.find("\n## "), body.find("\n### "), len(body)) if i != -1)]
    keys: dict[str, bool] = {}
    for row in re.findall(r"^\| (`[^|]+`) \| [^|]+ \| (.*) \|$", body, re.M):
        for key in re.findall(r"`([a-z_]+)`", row[0]):
            keys[key] = row[1].startswith("**required**")
    return keys


@pytest.mark.parametrize("table", sorted(TABLES))
def test_the_key_tables_name_every_key_and_mark_the_required_ones(table: str) -> None:
    keys = documented(table)
    schema = TABLES[table]
    assert sorted(keys) == sorted(schema.keys), table
    assert sorted(k for k, required in keys.items() if required) == sorted(schema.required), table


# ---------------------------------------------------------------- the tutorial's new story


# Typed at every plain player: the journey, "Walk into the city", then "Go round the market first"
# once the market is written (before, 2 is no choice and 1 goes to the flat), then on to the flat.
ROUTE = "1\n3\n2\n1\n"


def test_start_a_new_story_works_as_written(tmp_path: Path) -> None:
    """Run each command of the section in a shell, in a project folder, making its one edit by hand."""
    text = section(TUTORIAL, "## Start a new story")
    project = tmp_path / "project"
    project.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RELOCANT_SAVES": str(project / "saves"),  # saves/ in the project's folder, as in a checkout
    }
    cwd = project
    commands = [line.split("  #")[0].strip() for block in blocks(text, "sh") for line in block.splitlines()]
    snippet = blocks(text, "toml")[0]
    assert 'goto = "first_market"' in snippet
    results: list[tuple[str, str]] = []
    for command in filter(None, commands):
        if command.startswith("cd "):
            cwd = cwd / command[3:]
            continue
        assert command.startswith("relocant "), command
        out = subprocess.run(
            command,
            shell=True,
            cwd=cwd,
            env=env,
            input=ROUTE,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0 and "Traceback" not in out.stderr, (command, out.stdout, out.stderr)
        results.append((command, out.stdout))
        if command.startswith("relocant new scene"):
            scenes = cwd / "scenes.toml"
            body = scenes.read_text(encoding="utf-8")
            marker = '[[scene]]\nid = "first_flat"'
            assert body.count(marker) == 1
            scenes.write_text(body.replace(marker, snippet + "\n" + marker), encoding="utf-8")

    def said(start: str) -> list[str]:
        return [out for command, out in results if command.startswith(start)]

    checks = said("relocant check")
    assert checks[0].rstrip().endswith("4 scenes, 1 journey(s), 1 ending(s); 0 error(s), 0 warning(s)")
    assert checks[-1].rstrip().endswith("5 scenes, 1 journey(s), 1 ending(s); 0 error(s), 0 warning(s)")
    assert "THE END: A room of your own (hopeful)" in said("relocant play --plain")[0]
    assert "== The market ==" in said("relocant play --plain --at first_market")[0]
    assert "same (3 choices)" in said("relocant replay ../")[-1]
    recorded = (project / "mystory-playthroughs" / "market.toml").read_text(encoding="utf-8")
    assert 'choices = ["arrival_walk", "street_market", "first_market->first_flat"]' in recorded


def test_the_tutorial_quotes_what_check_says_of_a_new_story() -> None:
    text = " ".join(section(TUTORIAL, "## Start a new story").split())
    assert "`…/mystory: 4 scenes, 1 journey(s), 1 ending(s); 0 error(s), 0 warning(s)`" in text


def test_a_new_story_validates_against_the_schema(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((DOCS / "schema" / SCHEMA_FILE).read_text("utf-8"))
    )
    assert relocant("new", "story", "s", cwd=tmp_path).returncode == 0
    for path in sorted((tmp_path / "s").glob("*.toml")):
        errors = list(validator.iter_errors(tomli.loads(path.read_text(encoding="utf-8"))))
        assert not errors, (path.name, [e.message for e in errors])


def test_every_module_the_architecture_names_exists() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(engine/[\w/]+(?:\.py)?)`", text))
    assert len(named) > 20
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, missing
