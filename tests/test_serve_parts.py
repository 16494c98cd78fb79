"""The parts of `relocant serve` that need no server: player ids, their folders, the game command."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

import pytest

from engine.cli.serve import is_local, problems
from engine.frontends.web.games import game_command
from engine.frontends.web.players import PlayerFolderError, PlayerFolders, new_id, valid_id


def test_new_ids_have_the_one_shape_that_is_accepted() -> None:
    ids = {new_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(valid_id(i) == i for i in ids)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "../../etc",
        "0" * 31,
        "0" * 33,
        "A" * 32,
        "0" * 31 + "/",
        "0" * 31 + "\n",
        "0" * 32 + "\n",
        "０" * 32,  # fullwidth digits
    ],
)
def test_anything_else_a_visitor_sends_is_no_player_id(value: str | None) -> None:
    assert valid_id(value) is None


def test_each_player_gets_a_private_folder_directly_in_the_root(tmp_path: Path) -> None:
    folders = PlayerFolders(tmp_path / "players")
    a, b = new_id(), new_id()
    fa, fb = folders.folder(a), folders.folder(b)
    assert fa != fb and fa.parent == fb.parent == tmp_path / "players"
    assert fa.stat().st_mode & 0o777 == 0o700
    assert folders.folder(a) == fa


def test_a_player_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "players"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    player = new_id()
    os.symlink(elsewhere, root / player)
    with pytest.raises(PlayerFolderError) as raised:
        PlayerFolders(root).folder(player)
    assert raised.value.reason == "is not a folder"


def test_a_player_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "players"
    root.mkdir()
    player = new_id()
    (root / player).write_text("not a folder")
    with pytest.raises(PlayerFolderError):
        PlayerFolders(root).folder(player)


def test_a_malformed_id_never_reaches_the_disk(tmp_path: Path) -> None:
    with pytest.raises(PlayerFolderError):
        PlayerFolders(tmp_path / "players").folder("../escape")
    assert not (tmp_path / "players").exists()


def test_the_game_command_quotes_every_path() -> None:
    python = "/opt/my python/bin/python3"
    story = Path("/srv/story; rm -rf ~")
    saves = Path("/srv/players/$(id)/x'y")
    argv = shlex.split(game_command(python, story, saves))
    assert argv == [
        "exec",
        python,
        "-P",
        "-m",
        "engine.cli",
        "play",
        "--story",
        str(story),
        "--saves",
        str(saves),
    ]


def options(**given: object) -> argparse.Namespace:
    base: dict[str, object] = {"port": 8000, "max_games": 16, "idle_minutes": 30.0, "public_url": None}
    return argparse.Namespace(**{**base, **given})


def test_sensible_options_have_no_problems() -> None:
    assert problems(options()) == []
    assert problems(options(public_url="https://play.example.org/")) == []


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"port": 0}, "--port"),
        ({"port": 70000}, "--port"),
        ({"max_games": 0}, "--max-games"),
        ({"idle_minutes": 0.0}, "--idle-minutes"),
        ({"idle_minutes": float("nan")}, "--idle-minutes"),
        ({"public_url": "example.org"}, "--public-url"),
        ({"public_url": "ftp://example.org"}, "--public-url"),
        ({"public_url": "https://example.org/relocant/"}, "cannot be served under a path"),
        ({"public_url": "https://example.org/?a=1"}, "--public-url"),
    ],
)
def test_wrong_options_are_named(given: dict[str, object], said: str) -> None:
    found = problems(options(**given))
    assert len(found) == 1 and said in found[0]


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("::1", True), ("localhost", True)])
def test_loopback_hosts_are_local(host: str, local: bool) -> None:
    assert is_local(host) is local


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1", "example.org"])
def test_other_hosts_are_not_local(host: str) -> None:
    assert not is_local(host)


def test_ending_a_game_that_does_not_quit_ends_the_game_process_itself(tmp_path: Path) -> None:
    """The kill after the grace period must reach the game, not only a shell around it."""
    import asyncio

    from textual_serve.download_manager import DownloadManager

    from engine.frontends.web.games import GameProcess

    pid_file = tmp_path / "pid"
    stubborn = tmp_path / "python"  # stands in for the game: ignores the quit request
    stubborn.write_text(f"#!/bin/sh\necho $$ > '{pid_file}'\nexec sleep 600\n")
    stubborn.chmod(0o755)

    async def nothing(*_: object) -> None:
        return None

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    async def play() -> bool:
        game = GameProcess(
            game_command(str(stubborn), tmp_path, tmp_path),
            new_id(),
            write_bytes=nothing,
            write_str=nothing,
            close=nothing,
            download_manager=DownloadManager(),
        )
        await game.start(80, 24)
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text().strip():
                break
            await asyncio.sleep(0.05)
        pid = int(pid_file.read_text())
        await game.end(grace=0.5)
        for _ in range(100):  # the kernel may take a moment to reap it
            if not alive(pid):
                return True
            await asyncio.sleep(0.05)
        os.kill(pid, 9)
        return False

    assert asyncio.run(play()), "the game process outlived its end"
