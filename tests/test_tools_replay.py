"""Golden playthroughs: every file under tests/playthroughs must still play the same.

A playthrough names its story by id: tests/stories/<id> for fixtures, story/
for the game's own story. Record one with `relocant replay --story DIR
--record tests/playthroughs/NAME.toml --journey J --choices a,b,c`.
"""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.core.game import Game
from engine.loading.loader import load_story
from engine.loading.paths import story_saves_dir
from engine.saves import SaveStore
from engine.tools.replay import ReplayFileError, compare, dumps, fixture_folder, loads, play, read

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
PLAYTHROUGHS = sorted((ROOT / "tests" / "playthroughs").glob("*.toml"))
TINY_ROUTE = ["gate->gate", "gate->office", "office->home"]


def story_folder(story_id: str) -> Path:
    return fixture_folder(story_id) or ROOT / "story"


def test_there_are_playthroughs() -> None:
    assert len(PLAYTHROUGHS) >= 3


@pytest.mark.parametrize("path", PLAYTHROUGHS, ids=lambda p: p.stem)
def test_recorded_playthrough_still_plays_the_same(path: Path) -> None:
    recorded = read(path)
    story = load_story(story_folder(recorded.story), recorded.lang or None)
    now, diff = compare(recorded, story)
    assert now.problem is None, now.problem
    assert diff == [], "\n".join(diff)


def test_there_are_playthroughs_in_russian_of_each_journey() -> None:
    russian = [read(path) for path in PLAYTHROUGHS if read(path).lang == "ru"]
    assert {p.journey for p in russian} == {"square", "border", "number"}
    assert all("Ты " in "".join(p.screens) for p in russian)


def test_a_playthrough_in_russian_fails_on_the_english_story_and_replays_in_its_own() -> None:
    path = ROOT / "tests" / "playthroughs" / "ru_bd_end_further.toml"
    recorded = read(path)
    _, diff = compare(recorded, load_story(ROOT / "story"))
    assert diff != []
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["replay", str(path)]) == 0, out.getvalue() + err.getvalue()
    assert "same (23 choices)" in out.getvalue()


@pytest.mark.parametrize("lang", ["../x", "RU RU", 7])
def test_a_playthrough_whose_language_is_not_a_language_code_is_refused(lang: object) -> None:
    text = (
        'format = 1\nstory = "tiny"\nlang = '
        + json.dumps(lang)
        + '\njourney = "walk"\nseed = 0\nchoices = []\n'
    )
    with pytest.raises(ReplayFileError, match="lang, when given, a language code"):
        loads(text + "[[screen]]\ntext = 'x'\n", "x.toml")


def test_round_trip_through_the_file_format(tiny) -> None:  # type: ignore[no-untyped-def]
    p = play(tiny, "walk", 0, TINY_ROUTE)
    assert loads(dumps(p), "x") == p


def test_a_text_edit_shows_as_a_diff(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    recorded = play(load_story(folder), "walk", 0, TINY_ROUTE)
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text().replace("You have a number now.", "You have an IIN now."))
    now, diff = compare(recorded, load_story(folder))
    assert now.problem is None
    assert "-You have a number now." in diff and "+You have an IIN now." in diff


def test_a_broken_route_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    recorded = play(load_story(folder), "walk", 0, TINY_ROUTE)
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text().replace('if = "not tired"', 'if = "tired"'))
    now, diff = compare(recorded, load_story(folder))
    assert now.problem is not None
    assert "'gate->gate' is not on offer in scene 'gate'" in now.problem
    assert any(line.startswith("+!! the route stops") for line in diff)


def test_cli_record_replay_and_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    target = tmp_path / "p.toml"
    argv = ["replay", "--story", str(folder), "--record", str(target), "--journey", "walk"]
    assert main([*argv, "--choices", ",".join(TINY_ROUTE)]) == 0
    assert main(["replay", "--story", str(folder), str(target)]) == 0
    assert "same (3 choices)" in capsys.readouterr().out
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text().replace("The office", "The bureau"))
    assert main(["replay", "--story", str(folder), str(target)]) == 1
    out = capsys.readouterr().out
    assert "-== The office ==" in out and "+== The bureau ==" in out
    assert main(["replay", "--story", str(folder), "--update", str(target)]) == 0
    assert main(["replay", "--story", str(folder), str(target)]) == 0
    capsys.readouterr()
    assert main([*argv, "--choices", "gate->nowhere"]) == 1
    assert "'gate->nowhere' is not on offer" in capsys.readouterr().err


def test_cli_records_from_a_save(tmp_path: Path, tiny, capsys) -> None:  # type: ignore[no-untyped-def]
    game = Game.start(tiny, "walk", seed=5)
    for cid in TINY_ROUTE:
        game.choose(cid)
    save = tmp_path / "save.json"
    target = tmp_path / "p.toml"
    argv = ["replay", "--story", str(STORIES / "tiny"), "--record", str(target), "--from-save", str(save)]
    for layout in (2, 1):  # a step as a row, and as a table (saves of earlier versions)
        save.write_text(json.dumps({"game": game.to_dict(layout)}))
        assert main(argv) == 0
        assert read(target).choices == tuple(TINY_ROUTE) and read(target).seed == 5
    save.write_text("{}")
    assert main(argv) == 1
    assert "is not a Relocant save" in capsys.readouterr().err


def test_cli_records_from_a_save_named_as_in_saves_list(tmp_path: Path, tiny, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """--from-save autosave finds the story's autosave wherever the game keeps saves (a checkout's
    saves/, the user data folder after pip install ., or RELOCANT_SAVES), as the tutorial says."""
    game = Game.start(tiny, "walk", seed=5)
    for cid in TINY_ROUTE:
        game.choose(cid)
    monkeypatch.setenv("RELOCANT_SAVES", str(tmp_path / "saves"))
    SaveStore(story_saves_dir(tiny.id)).save("autosave", game, 1.0)
    target = tmp_path / "p.toml"
    argv = ["replay", "--story", str(STORIES / "tiny"), "--record", str(target), "--from-save", "autosave"]
    assert main(argv) == 0
    assert read(target).choices == tuple(TINY_ROUTE) and read(target).seed == 5


def test_cli_bad_file_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format = [")
    assert main(["replay", "--story", str(STORIES / "tiny"), str(bad)]) == 1
    assert "not valid TOML" in capsys.readouterr().err


def test_cli_finds_the_test_story_a_playthrough_names(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --story, a playthrough of tests/stories/ID replays on that story, not the game's."""
    assert main(["replay", *map(str, PLAYTHROUGHS)]) == 0
    out = capsys.readouterr().out
    assert out.count(": same (") == len(PLAYTHROUGHS)


def test_update_refuses_a_broken_route(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    target = tmp_path / "p.toml"
    target.write_text(dumps(play(load_story(folder), "walk", 0, TINY_ROUTE)))
    before = target.read_text()
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text().replace('if = "not tired"', 'if = "tired"'))
    assert main(["replay", "--story", str(folder), "--update", str(target)]) == 1
    assert "not updated: the route stops" in capsys.readouterr().out
    assert target.read_text() == before


def header_commands(path: Path) -> list[list[str]]:
    """The commands a playthrough's header gives, as argument lists."""
    lines = path.read_text(encoding="utf-8").splitlines()[:3]
    found = [line.split("`")[1] for line in lines[:2]] + [lines[2].lstrip("# ")]
    return [shlex.split(c) for c in found]


@pytest.mark.parametrize("where", ["beside", "inside"])
def test_the_header_commands_work_as_written(tmp_path: Path, where: str) -> None:
    """Recorded on a story found by --story or by standing in it, the header's commands run as given."""
    work = tmp_path / "work"
    folder = work / "mine"
    shutil.copytree(STORIES / "tiny", folder)
    meta = folder / "story.toml"
    meta.write_text(meta.read_text().replace('id = "tiny"', 'id = "mine"'))
    cwd, story, target = (
        (work, ["--story", "mine"], "p.toml") if where == "beside" else (folder, [], "../p.toml")
    )
    record = ["replay", *story, "--record", target, "--journey", "walk", "--choices", ",".join(TINY_ROUTE)]
    assert relocant(*record, cwd=cwd).returncode == 0
    replay, update, again = header_commands(work / "p.toml")
    assert replay[0] == "relocant" and "--story" in replay
    out = relocant(*replay[1:], cwd=cwd)
    assert out.returncode == 0 and "same (3 choices)" in out.stdout, out.stdout + out.stderr
    out = relocant(*update[1:], cwd=cwd)
    assert out.returncode == 0, out.stderr
    out = relocant(*again[1:], cwd=cwd)
    assert out.returncode == 0 and "Recorded 3 choices" in out.stdout, out.stderr


def test_the_header_of_a_game_story_playthrough_names_no_folder(tmp_path: Path) -> None:
    text = dumps(play(load_story(STORIES / "tiny"), "walk", 0, TINY_ROUTE), "p.toml")
    assert "--story" not in text.split("format =")[0]


def relocant(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_a_save_begun_with_at_is_not_recorded_as_if_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = str(STORIES / "tiny")
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    assert main(["play", "--plain", "--story", tiny, "--saves", str(tmp_path), "--at", "office"]) == 0
    capsys.readouterr()
    target = tmp_path / "p.toml"
    argv = [
        "replay",
        "--story",
        tiny,
        "--record",
        str(target),
        "--from-save",
        str(tmp_path / "autosave.save.json"),
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "began at the scene 'office' (played with --at), not at the start of the journey 'walk'" in err
    assert "hint: play the route from the start (relocant play --plain walk)" in err
    assert not target.exists()


@pytest.mark.parametrize("kind", ["folder", "huge"])
def test_from_save_reads_only_a_save_sized_file(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.save.json"
    if kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as f:
            f.truncate(33 * 1024 * 1024)
    argv = [
        "replay",
        "--story",
        str(STORIES / "tiny"),
        "--record",
        str(tmp_path / "p.toml"),
        "--from-save",
        str(path),
    ]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert ("is not a file" if kind == "folder" else "is too large to be a save") in err
