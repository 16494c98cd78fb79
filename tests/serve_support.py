"""`relocant serve` started for a test, and a player that reads its screen through pyte.

The server runs as the README starts it (the installed ``relocant`` script)
on a free port; the player speaks the page's websocket protocol with aiohttp
and feeds what the game draws into a terminal emulator.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import attrs
import pyte

RELOCANT = Path(sys.executable).parent / "relocant"
WAIT = 30.0  # seconds for something to appear on a 2-core machine running other tests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@attrs.define
class Served:
    url: str
    root: Path
    process: subprocess.Popen[str]
    output: list[str]

    def log(self) -> str:
        return "".join(self.output)

    def folders(self) -> list[Path]:
        return sorted(p for p in self.root.iterdir() if p.is_dir()) if self.root.exists() else []


@contextmanager
def served(root: Path, *options: str, story: Path | None = None) -> Iterator[Served]:
    """``relocant serve`` on a free port, its players' folders in ``root``; stopped with Ctrl+C after."""
    port = free_port()
    argv = [str(RELOCANT), "serve", "--port", str(port), "--saves", str(root), *options]
    if story is not None:
        argv += ["--story", str(story)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if "Relocant is served at" in line:
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    server = Served(f"http://127.0.0.1:{port}/", root, process, output)
    try:
        assert ready.wait(WAIT) and process.poll() is None, f"the server did not start:\n{server.log()}"
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Player:
    """One browser: its own cookie jar, a websocket to its game, and the screen the game drew."""

    def __init__(self, url: str, width: int = 120, height: int = 36) -> None:
        self.url = url
        self.width, self.height = width, height
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # cookies from an IP
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.messages: list[Any] = []  # the JSON messages the server sent the page
        self.closed = False
        self._reset()

    def _reset(self) -> None:
        self.screen = pyte.Screen(self.width, self.height)
        self.stream = pyte.ByteStream(self.screen)

    async def open_page(self) -> aiohttp.ClientResponse:
        async with self.http.get(self.url) as response:
            await response.read()
            return response

    async def connect(self, origin: str | None = None) -> None:
        """What the page's script does: open the websocket with the terminal's size."""
        self._reset()
        self.closed = False
        headers = {"Origin": origin or self.url.rstrip("/")}
        self.socket = await self.http.ws_connect(
            f"{self.url}ws?width={self.width}&height={self.height}",
            headers=headers,
            timeout=aiohttp.ClientWSTimeout(ws_close=5.0),
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def _pump(self, timeout: float) -> None:
        assert self.socket is not None
        message = await self.socket.receive(timeout=timeout)
        if message.type == aiohttp.WSMsgType.BINARY:
            self.stream.feed(message.data)
        elif message.type == aiohttp.WSMsgType.TEXT:
            self.messages.append(json.loads(message.data))
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            self.closed = True

    async def wait_for(self, text: str, timeout: float = WAIT) -> str:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while text not in self.text():
            left = end - loop.time()
            if left <= 0 or self.closed:
                raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.text()}")
            try:
                await self._pump(left)
            except TimeoutError:
                continue
        return self.text()

    async def wait_closed(self, timeout: float = WAIT) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not self.closed:
            left = end - loop.time()
            if left <= 0:
                raise AssertionError(f"the connection stayed open; the screen shows:\n{self.text()}")
            try:
                await self._pump(left)
            except TimeoutError:
                continue

    async def wait_message(self, kind: str, timeout: float = WAIT) -> Any:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not any(m[0] == kind for m in self.messages):
            left = end - loop.time()
            if left <= 0 or self.closed:
                raise AssertionError(f"no {kind!r} message came; the screen shows:\n{self.text()}")
            try:
                await self._pump(left)
            except TimeoutError:
                continue
        return next(m for m in self.messages if m[0] == kind)

    async def press(self, *keys: str) -> None:
        assert self.socket is not None
        for key in keys:
            await self.socket.send_str(json.dumps(["stdin", key]))

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        await self.http.close()
