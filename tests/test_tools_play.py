"""Authoring options of the plain player: --at, --set and --watch."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from plain_support import session_for

from engine.cli import main
from engine.core.game import Game
from engine.core.model import Story
from engine.frontends.plain.watching import WatchingPlayer
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.tools.overrides import OverrideError, parse_setting

STORIES = Path(__file__).resolve().parent / "stories"


def play(monkeypatch: pytest.MonkeyPatch, argv: list[str], lines: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    return main(["play", "--plain", "--story", str(STORIES / "tiny"), *argv])


def test_at_and_set_start_anywhere_with_typed_values(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["--saves", str(tmp_path), "--at", "office", "--set", "money=60", "--set", "papers=iin,lease"]
    assert play(monkeypatch, argv, "state\n2\n") == 0
    out = capsys.readouterr().out
    assert "== The office ==" in out and "Papers: IIN, Lease." in out
    assert "Money: 60 ₸" in out
    assert "  2. Sign a lease" in out  # enabled: the lease needs an IIN and 50
    assert "THE END: Home" in out


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("money=1,000", None),
        ("money=42", 42),
        ("tired=yes", True),
        ("tired=false", False),
        ("papers=iin", frozenset({"iin"})),
        ("papers=", frozenset()),
    ],
)
def test_values_are_read_by_declared_type(tiny: Story, setting: str, value: object) -> None:
    if value is None:
        with pytest.raises(OverrideError, match=r"outside its range 0\.\.100"):
            parse_setting(tiny, setting)
    else:
        assert parse_setting(tiny, setting)[1] == value


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--at", "offic"], "there is no scene 'offic'; did you mean 'office'?"),
        (["--at", "gate", "--set", "mony=3"], "no variable 'mony'; did you mean 'money'?"),
        (["--at", "gate", "--set", "money=lots"], "money is a whole number, not 'lots'"),
        (["--at", "gate", "--set", "tired=maybe"], "tired is true or false, not 'maybe'"),
        (["--at", "gate", "--set", "papers=visa"], "papers has no tag visa; its tags are: iin, lease"),
        (["--at", "gate", "--set", "money"], "'money' is not NAME=VALUE"),
        (["--set", "money=3"], "--set needs --at SCENE"),
    ],
)
def test_bad_settings_are_messages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert play(monkeypatch, argv, "") == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


# ---------------------------------------------------------------- --watch


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a coarse clock still sees it


def watching(folder: Path, *choices: str) -> tuple[WatchingPlayer, io.StringIO]:
    game = Game.start(load_story(folder), "walk", seed=1)
    for c in choices:
        game.choose(c)
    out = io.StringIO()
    session = session_for(game.story, SaveStore(folder.parent / "saves"))
    session.take(game)
    return WatchingPlayer(session, out, folder), out


def test_watch_reloads_and_keeps_position_and_state(folder: Path) -> None:
    player, out = watching(folder, "gate->office")
    edit(folder / "scenes.toml", "Papers: {papers}.", "Your papers: {papers}.")
    player.handle("")
    text = out.getvalue()
    assert "(Reloaded the story.)" in text and "Your papers: IIN." in text
    assert player.game.state.scene == "office" and player.game.state.vars["money"] == 5
    assert len(player.game.steps) == 1  # undo still goes back to the gate
    out.truncate(0)
    player.handle("")
    assert "Reloaded" not in out.getvalue()  # nothing changed since


def test_watch_shows_check_errors_and_plays_on(folder: Path) -> None:
    player, out = watching(folder, "gate->office")
    edit(folder / "scenes.toml", 'goto = "home"', 'goto = "hom"')
    player.handle("look")
    text = out.getvalue()
    assert "error(s); playing on with the last good version" in text
    assert "scenes.toml:" in text and "error:" in text and "hom" in text
    player.handle("1")
    assert player.game.state.scene == "home"  # the old version still plays


def test_watch_moves_back_when_the_scene_is_gone(folder: Path) -> None:
    player, out = watching(folder, "gate->office")
    scenes = folder / "scenes.toml"
    text = scenes.read_text()
    start = text.index('[[scene]]\nid = "office"')
    end = text.index('[[scene]]\nid = "home"')
    body = text[:start] + text[end:]
    scenes.write_text(body.replace('goto = "office"', 'goto = "home"'))
    os.utime(scenes, ns=(0, scenes.stat().st_mtime_ns + 10**9))
    player.handle("")
    assert player.game.state.scene == "gate"
    assert "== The gate ==" in out.getvalue()


def test_watch_does_not_take_a_number_typed_before_the_change(folder: Path) -> None:
    player, out = watching(folder)
    edit(folder / "scenes.toml", "You need an IIN.", "You still need an IIN.")
    player.handle("1")
    assert player.game.state.scene == "gate"
    assert "choose again" in out.getvalue()


def test_watch_flag_runs_the_watching_player(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert play(monkeypatch, ["walk", "--watch", "--saves", str(tmp_path)], "1\n1\n") == 0
    assert "THE END: Home" in capsys.readouterr().out
    # --watch also works in the terminal game (tests/test_app.py); --at and --set do not.
    assert main(["play", "--at", "gate"]) == 1
    assert "--at and --set work with --plain" in capsys.readouterr().err


def test_at_starts_the_scene_after_its_journeys_date_and_effects(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--at plays a scene as its journey would reach it: the journey's effects apply, then --set."""
    folder = tmp_path / "tiny"
    shutil.copytree(STORIES / "tiny", folder)
    meta = folder / "story.toml"
    meta.write_text(
        meta.read_text().replace(
            'date = "2022-02-24 18:00"\n',
            'date = "2022-02-24 18:00"\neffects = ["money = 60", "papers += \'iin\'"]\n',
        )
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("state\n"))
    argv = ["play", "--plain", "--story", str(folder), "--saves", str(tmp_path / "s"), "--at", "office"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Money: 60 ₸" in out and "Documents: IIN" in out
    assert "Thursday, 24 February 2022, 20:00" in out  # the journey's date, then the scene's 2h
    monkeypatch.setattr(sys, "stdin", io.StringIO("state\n"))
    assert main([*argv, "--set", "money=7"]) == 0
    out = capsys.readouterr().out
    assert "Money: 7 ₸" in out and "Documents: IIN" in out  # --set wins; the rest is the journey's


def test_play_help_says_watch_works_in_both_players(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["play", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "for authors (with --plain)" not in help_text  # the group --watch stands in
    assert (
        "--watch reload the story when its files change (in the terminal game and with --plain)" in help_text
    )
