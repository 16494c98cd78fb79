"""`relocant serve`: a browser's game over the page's websocket, read through a terminal emulator.

Each test starts the real server (the installed ``relocant serve``) and plays
as the page's script does; what the game draws goes into pyte, and the tests
read the screen a player would see.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from serve_support import WAIT, Player, served

from engine.core.game import Game
from engine.frontends.web.players import PlayerFolders
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.saves.slots import slot_of

ROOT = Path(__file__).resolve().parent.parent
TRIO = Path(__file__).resolve().parent / "stories" / "trio"


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(test())


def saves_in(folder: Path) -> list[str]:
    return sorted(slot for name in os.listdir(folder) if (slot := slot_of(name)) is not None)


def test_title_new_journey_first_scene_and_a_choice_in_the_game_s_own_story(tmp_path: Path) -> None:
    story = load_story(ROOT / "story")
    journey_id, journey = next(iter(story.journeys.items()))
    game = Game.start(story, journey_id, seed=1)
    first = game.view()
    choice = next(c for c in first.choices if c.enabled)
    after = story.scenes[choice.goto].title

    async def play(url: str) -> None:
        player = Player(url)
        try:
            page = await player.open_page()
            assert page.status == 200
            await player.connect()
            await player.wait_for("New journey")
            await player.press("n")
            await player.wait_for(journey.title)
            await player.press("1")
            await player.wait_for(first.title)
            await player.press(str(choice.number))
            await player.wait_for(after)
        finally:
            await player.close()

    with served(tmp_path / "players") as server:
        run(lambda: play(server.url))
        (folder,) = server.folders()
        assert saves_in(folder) == ["autosave"]


def test_two_browsers_get_two_saves_folders_and_never_see_each_other_s_continue(tmp_path: Path) -> None:
    async def play(url: str) -> None:
        ann, bob = Player(url), Player(url)
        try:
            await ann.open_page()
            await ann.connect()
            await ann.wait_for("Continue (no saved game yet)")
            await ann.press("n", "1")
            await ann.wait_for("The road north")
            await ann.press("1")
            await ann.wait_for("The exchange office")

            await bob.open_page()
            await bob.connect()
            await bob.wait_for("Continue (no saved game yet)")
            assert "The exchange office" not in bob.text()
            await bob.press("n", "2")
            await bob.wait_for("The public service centre")

            await ann.socket.close()  # type: ignore[union-attr]
            await ann.connect()  # the same browser comes back: its own game is there
            await ann.wait_for("Continue: North, The exchange office")
            await ann.press("c")
            await ann.wait_for("Now you have")
        finally:
            await ann.close()
            await bob.close()

    with served(tmp_path / "players", story=TRIO) as server:
        run(lambda: play(server.url))
        folders = server.folders()
        assert len(folders) == 2, server.log()
        assert [saves_in(f) for f in folders] == [["autosave"], ["autosave"]]
        assert {f.name for f in folders} <= {p.name for p in (tmp_path / "players").iterdir()}
        for folder in folders:
            assert folder.stat().st_mode & 0o077 == 0, "a player's folder is readable by other users"


def test_the_journal_reaches_the_browser_that_asked_and_no_other(tmp_path: Path) -> None:
    async def play(url: str) -> None:
        ann, eve = Player(url), Player(url)
        try:
            await ann.open_page()
            await eve.open_page()
            await ann.connect()
            await ann.wait_for("New journey")
            await ann.press("n", "1")
            await ann.wait_for("The road north")
            await ann.press("1")
            await ann.wait_for("The exchange office")
            await ann.press("j")
            await ann.wait_for("Journal")
            await ann.press("e")
            _, key = await ann.wait_message("deliver_file_start")
            async with eve.http.get(f"{url}download/{key}") as stolen:
                assert stolen.status == 404
            got = await ann.http.get(f"{url}download/{key}")
            assert got.status == 200
            assert got.headers["Content-Disposition"].startswith('attachment; filename="journal-north-')
            text = await got.text()
            assert text.startswith("# Trio: North")
            assert "You changed roubles at a bad rate." in text
        finally:
            await ann.close()
            await eve.close()

    with served(tmp_path / "players", story=TRIO) as server:
        run(lambda: play(server.url))
        (folder,) = server.folders()
        assert not [name for name in os.listdir(folder) if name.startswith("journal")], (
            "written on the server"
        )


def test_a_websocket_without_the_player_cookie_gets_no_game(tmp_path: Path) -> None:
    async def play(url: str) -> None:
        stranger = Player(url)
        try:
            await stranger.connect()  # no page first, so no cookie
            await stranger.wait_for("sent no player cookie")
            await stranger.wait_closed()
        finally:
            await stranger.close()

    with served(tmp_path / "players", story=TRIO) as server:
        run(lambda: play(server.url))
        assert server.folders() == []


def test_a_page_on_another_site_cannot_open_a_game(tmp_path: Path) -> None:
    import aiohttp

    async def play(url: str) -> None:
        player = Player(url)
        try:
            await player.open_page()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await player.connect(origin="http://evil.example")
            assert refused.value.status == 403
        finally:
            await player.close()

    with served(tmp_path / "players", story=TRIO) as server:
        run(lambda: play(server.url))
        assert server.folders() == []


def test_no_more_games_than_the_cap(tmp_path: Path) -> None:
    async def play(url: str) -> None:
        ann, bob = Player(url), Player(url)
        try:
            await ann.open_page()
            await ann.connect()
            await ann.wait_for("New journey")
            page = await bob.open_page()
            assert page.status == 503
            await bob.connect()
            await bob.wait_for("This server runs 1 game at a time, and it is being played")
            await bob.wait_closed()
        finally:
            await ann.close()
            await bob.close()

    with served(tmp_path / "players", "--max-games", "1", story=TRIO) as server:
        run(lambda: play(server.url))


def test_an_idle_game_ends_and_its_autosave_continues(tmp_path: Path) -> None:
    root = tmp_path / "players"
    trio = load_story(TRIO)
    game = Game.start(trio, "north", seed=1)
    game.choose(1)

    async def play(url: str) -> None:
        player = Player(url)
        try:
            await player.open_page()
            (cookie,) = [c for c in player.http.cookie_jar if c.key == "relocant_player"]
            SaveStore(PlayerFolders(root).folder(cookie.value)).autosave(game, 60.0)
            await player.connect()
            await player.wait_for("Continue: North, The exchange office")
            await player.wait_closed(timeout=WAIT + 6)  # no key for --idle-minutes (6 s)
            await player.connect()
            await player.wait_for("Continue: North, The exchange office")
            await player.press("c")
            await player.wait_for("Now you have")
        finally:
            await player.close()

    with served(root, "--idle-minutes", "0.1", story=TRIO) as server:
        run(lambda: play(server.url))
        assert "idle for 6 s: ending it" in server.log()


def test_a_second_tab_of_the_same_browser_takes_over_the_game(tmp_path: Path) -> None:
    async def play(url: str) -> None:
        first = Player(url)
        try:
            await first.open_page()
            await first.connect()
            await first.wait_for("New journey")
            await first.press("n", "1")
            await first.wait_for("The road north")
            await first.press("1")
            await first.wait_for("The exchange office")
            old = first.socket
            await first.connect()  # same cookie: the newest tab plays, the older one closes
            await first.wait_for("Continue: North, The exchange office")
            assert old is not None
            message = await old.receive(timeout=30)
            while message.type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                message = await old.receive(timeout=30)
        finally:
            await first.close()

    import aiohttp

    with served(tmp_path / "players", story=TRIO) as server:
        run(lambda: play(server.url))
        assert len(server.folders()) == 1


def test_stopping_the_server_ends_every_game_process(tmp_path: Path) -> None:
    import re

    async def play(url: str) -> list[Player]:
        players = [Player(url) for _ in range(3)]
        for player in players:
            await player.open_page()
            await player.connect()
        for player in players:
            await player.wait_for("New journey")
        return players

    loop = asyncio.new_event_loop()
    players: list[Player] = []
    try:
        with served(tmp_path / "players", story=TRIO) as server:
            players = loop.run_until_complete(play(server.url))
        pids = [int(pid) for pid in re.findall(r"game (\d+) started", server.log())]
        assert len(pids) == 3
        assert server.process.returncode == 0, server.log()
        for pid in pids:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        for player in players:
            loop.run_until_complete(player.close())
        loop.close()
