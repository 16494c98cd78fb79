"""relocant new scene: a skeleton that passes `relocant check`, and clear refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.cli import main
from engine.loading.loader import load

STORIES = Path(__file__).resolve().parent / "stories"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    return folder


def link(folder: Path, scene_id: str) -> None:
    """Give the new scene a way in: a choice from the office."""
    scenes = folder / "scenes.toml"
    scenes.write_text(
        scenes.read_text().replace(
            '[[scene]]\nid = "home"',
            f'[[scene.choice]]\ntext = "Detour"\ngoto = "{scene_id}"\n\n[[scene]]\nid = "home"',
        )
    )


def test_skeleton_with_a_target_passes_check(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "scene", "cafe", "--in", str(story / "cafe.toml"), "--to", "home", "--story", str(story)]
    assert main(argv) == 0
    assert "Added the scene 'cafe'" in capsys.readouterr().out
    result = load(story)
    assert result.story is not None and not result.errors
    assert "cafe" in result.story.scenes
    assert [d.message for d in result.warnings] == ["no journey can reach the scene 'cafe'"]
    link(story, "cafe")
    assert main(["check", str(story)]) == 0  # no error, no warning


def test_skeleton_holds_every_common_key(story: Path) -> None:
    assert main(["new", "scene", "cafe", "--in", str(story / "scenes.toml"), "--story", str(story)]) == 0
    text = (story / "scenes.toml").read_text()
    assert text.startswith('[[scene]]\nid = "gate"')  # what was there is kept
    for key in (
        "location",
        "date",
        "advance",
        "effects",
        "tags",
        "facts",
        "journey",
        "if",
        "requires",
        "because",
        "once",
        "journal",
        "[scene.ending]",
        "kind",
    ):
        assert f"# {key}" in text
    assert 'goto = "CHANGE_ME"' in text


def test_placeholder_target_is_the_only_error(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "scene", "cafe", "--in", str(story / "new.toml"), "--story", str(story)]) == 0
    assert 'change goto = "CHANGE_ME"' in capsys.readouterr().out
    errors = load(story).errors
    assert len(errors) == 1 and "CHANGE_ME" in errors[0].message
    new = story / "new.toml"
    new.write_text(new.read_text().replace('"CHANGE_ME"', '"home"'))
    link(story, "cafe")
    assert main(["check", str(story)]) == 0


@pytest.mark.parametrize(
    ("scene_id", "message"),
    [
        ("gate", "the scene id 'gate' is already used in tiny/scenes.toml"),
        ("9lives", "'9lives' is not a valid scene id"),
        ("with-dash", "'with-dash' is not a valid scene id"),
    ],
)
def test_refuses_bad_ids(
    story: Path, capsys: pytest.CaptureFixture[str], scene_id: str, message: str
) -> None:
    before = (story / "scenes.toml").read_text()
    assert main(["new", "scene", scene_id, "--in", str(story / "scenes.toml"), "--story", str(story)]) == 1
    assert message in capsys.readouterr().err
    assert (story / "scenes.toml").read_text() == before


def test_refuses_a_file_outside_the_story(story: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["new", "scene", "cafe", "--in", str(tmp_path / "x.toml"), "--story", str(story)]) == 1
    assert "not inside the story folder" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()
