"""``relocant serve``: the game in a web browser, one process and one saves folder per player.

Built on textual-serve's pieces (its process runner, its download manager and
its page's script) with its own aiohttp routes, so that each browser gets its
own folder, the page loads nothing from outside, and the number and idle time
of games are bounded.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import mimetypes
import re
import string
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import attrs
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from engine.frontends.web.games import GameProcess, game_command
from engine.frontends.web.players import COOKIE, PlayerFolderError, PlayerFolders, new_id, valid_id
from engine.present import catalogs
from engine.present.catalogs import N_, _, ngettext

NO_SUCH_DOWNLOAD = N_("There is no such download (it may have been fetched already).")

log = logging.getLogger("relocant.serve")

STATIC = Path(textual_serve.__file__).resolve().parent / "static"  # xterm.js, its CSS, the font
PAGE = string.Template((Path(__file__).with_name("page.html")).read_text(encoding="utf-8"))
YEAR = 365 * 24 * 3600
MAX_MESSAGE = 64 * 1024  # one websocket message from the page: a paste, at most
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
mimetypes.add_type("font/ttf", ".ttf")  # served with nosniff: the type must be right


@attrs.frozen
class ServeConfig:
    story_dir: Path
    players_root: Path
    python: str
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    max_games: int = 16
    idle_seconds: float = 30 * 60
    title: str = "Relocant"

    @property
    def url(self) -> str:
        """Where players open the game."""
        if self.public_url:
            return self.public_url.rstrip("/") + "/"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


class Refusal(Exception):
    """Why a connection gets no game; ``message`` is shown to the player."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class GameServer:
    """The routes and the running games; one per ``relocant serve``."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.folders = PlayerFolders(config.players_root)
        self.downloads = DownloadManager()
        self.games: dict[str, GameProcess] = {}  # player id -> their one running game
        self._locks: dict[str, asyncio.Lock] = {}

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE)
        app.add_routes(
            [
                web.get("/", self.index),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.download),
                web.static("/static", STATIC, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_response_prepare.append(self._headers)
        app.on_shutdown.append(self._end_all)
        return app

    # ------------------------------------------------------------ the page

    async def index(self, request: web.Request) -> web.Response:
        player = valid_id(request.cookies.get(COOKIE)) or new_id()
        if player not in self.games and len(self.games) >= self.config.max_games:
            response = web.Response(
                status=503,
                text=f"Relocant: all {self.config.max_games} games this server runs at once are being "
                "played. Try again in a few minutes.\n",
                headers={"Retry-After": "120"},
            )
        else:
            response = web.Response(text=self.page(request), content_type="text/html", charset="utf-8")
        response.set_cookie(
            COOKIE,
            player,
            max_age=YEAR,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.secure,
        )
        return response

    def page(self, request: web.Request) -> str:
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), 8), 48)
        except ValueError:
            font_size = 16
        if self.config.public_url:
            base = self.config.public_url.rstrip("/")
            scheme = "wss" if self.secure else "ws"
            websocket = f"{scheme}:{base.split(':', 1)[1]}/ws"
            static = f"{base}/static/"
        else:
            websocket = ""  # the page works it out from its own address
            static = "static/"
        return PAGE.substitute(
            title=html.escape(self.config.title),
            static=html.escape(static),
            websocket=html.escape(websocket),
            font_size=font_size,
        )

    @property
    def secure(self) -> bool:
        return bool(self.config.public_url and self.config.public_url.startswith("https:"))

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """The page may reach this server only: no outside fonts, scripts or frames."""
        connect = "'self'"
        if self.config.public_url:
            parts = urlsplit(self.config.public_url)
            connect += f" {'wss' if self.secure else 'ws'}://{parts.netloc}"
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self'; connect-src {connect}; frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")

    # ------------------------------------------------------------ a game

    def _same_origin(self, request: web.Request) -> bool:
        """A page elsewhere must not open games (or reach saves) in this server's name."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: the cookie is still needed
        expected = urlsplit(self.config.public_url).netloc if self.config.public_url else request.host
        return urlsplit(origin).netloc == expected

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            raise web.HTTPForbidden(text=_("Relocant: games start only from this server's own page.") + "\n")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        player = valid_id(request.cookies.get(COOKIE))
        try:
            if player is None:
                raise Refusal(
                    _("This browser sent no player cookie. Allow cookies for this site and reload.")
                )
            lock = self._locks.setdefault(player, asyncio.Lock())
            async with lock:
                game = await self._start(player, request, socket)
        except Refusal as refusal:
            await socket.send_bytes(f"\r\n  {refusal.message}\r\n".encode())
            await socket.close()
            return socket
        try:
            await self._relay(socket, game)
        finally:
            await game.end()
            if self.games.get(player) is game:
                del self.games[player]
            log.info("game %s ended (player %s…)", game.pid, player[:6])
        return socket

    async def _start(self, player: str, request: web.Request, socket: web.WebSocketResponse) -> GameProcess:
        earlier = self.games.get(player)
        if earlier is not None:
            log.info("player %s… opened the game again: ending game %s", player[:6], earlier.pid)
            await earlier.end()  # one game per folder: the newest tab plays
        elif len(self.games) >= self.config.max_games:
            raise Refusal(
                ngettext(
                    "This server runs {count} game at a time, and it is being played. Try again in a few minutes.",
                    "All {count} games this server runs at once are being played. Try again in a few minutes.",
                    self.config.max_games,
                ).format(count=self.config.max_games)
            )
        try:
            folder = self.folders.folder(player)
        except PlayerFolderError as exc:
            log.error("no saves folder for player %s…: %s", player[:6], exc.reason)
            raise Refusal(
                _("Your saves folder on this server cannot be used; the server's log says why.")
            ) from None
        command = game_command(self.config.python, self.config.story_dir, folder)
        game = GameProcess(
            command,
            player,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
            download_manager=self.downloads,
        )
        self.games[player] = game
        width = _size(request.query.get("width"), 80)
        height = _size(request.query.get("height"), 24)
        try:
            await game.start(width, height)
        except OSError as exc:
            del self.games[player]
            log.error("the game could not start: %s", exc)
            raise Refusal(_("The game could not start; the server's log says why.")) from None
        log.info("game %s started (player %s…, %d running)", game.pid, player[:6], len(self.games))
        return game

    async def _relay(self, socket: web.WebSocketResponse, game: GameProcess) -> None:
        """Pass the page's keys and sizes to the game until the tab closes or the player is idle too long."""
        while True:
            waited = time.monotonic() - game.last_input
            try:
                message = await socket.receive(timeout=max(self.config.idle_seconds - waited, 0.01))
            except TimeoutError:
                if time.monotonic() - game.last_input < self.config.idle_seconds:
                    continue
                log.info("game %s idle for %.0f s: ending it", game.pid, self.config.idle_seconds)
                return
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                return
            if message.type != WSMsgType.TEXT:
                continue
            await self._handle(socket, game, message.data)

    async def _handle(self, socket: web.WebSocketResponse, game: GameProcess, data: str) -> None:
        try:
            envelope = json.loads(data)
        except ValueError:
            return
        if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
            return
        kind, rest = envelope[0], envelope[1:]
        if kind == "stdin" and rest and isinstance(rest[0], str):
            await game.typed(rest[0])
        elif kind == "resize" and rest and isinstance(rest[0], dict):
            await game.set_terminal_size(_size(rest[0].get("width"), 80), _size(rest[0].get("height"), 24))
        elif kind == "ping" and rest and isinstance(rest[0], str):
            await socket.send_json(["pong", rest[0][:32]])
        elif kind == "blur":
            await game.blur()
        elif kind == "focus":
            await game.focus()

    async def _end_all(self, app: web.Application) -> None:
        await asyncio.gather(*(game.end() for game in list(self.games.values())))

    # ------------------------------------------------------------ files the game hands over

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A journal or save the player's game delivered; only that player may fetch it."""
        key = request.match_info["key"]
        player = valid_id(request.cookies.get(COOKIE))
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text=_(NO_SUCH_DOWNLOAD) + "\n") from None
        if player is None or getattr(meta.app_service, "player", None) != player:
            raise web.HTTPNotFound(text=_(NO_SUCH_DOWNLOAD) + "\n")
        response = web.StreamResponse()
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response.headers["Content-Type"] = content_type
        response.headers["Content-Disposition"] = _disposition(meta.file_name, meta.open_method)
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response


def _size(value: Any, default: int) -> int:
    """A terminal dimension from the page, within what a screen can hold."""
    try:
        return min(max(int(value), 10), 1000)
    except (TypeError, ValueError):
        return default


def _disposition(file_name: str, open_method: str) -> str:
    plain = _SAFE_NAME.sub("_", file_name).strip("._") or "download"
    how = "inline" if open_method == "browser" else "attachment"
    return f"{how}; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name, safe='')}"


def serve(config: ServeConfig, announce: Any = print) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM); each open tab's game ends with it.

    ``announce`` gets the address to open once the port is listening.
    """
    logging.basicConfig(level=logging.INFO, format="relocant serve: %(message)s")
    server = GameServer(config)
    web.run_app(
        server.application(),
        host=config.host,
        port=config.port,
        print=lambda _text: announce(
            catalogs._("Relocant is served at {url}  (Ctrl+C stops it)").format(url=config.url)
        ),
        access_log=None,
    )
