"""Who is playing: one random id per browser, and the saves folder it owns.

The id travels in an HTTP-only cookie. It is the only thing a visitor sends
that reaches a path, so it is checked against one exact shape first and the
folder it names must sit directly in the root, as a real folder.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

import attrs

COOKIE = "relocant_player"
_SHAPE = re.compile(r"[0-9a-f]{32}")


class PlayerFolderError(Exception):
    """A player's saves folder cannot be used; ``reason`` says why, for the server's log."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder = folder
        self.reason = reason


def new_id() -> str:
    """128 random bits as hex: unguessable, and safe as a folder name."""
    return secrets.token_hex(16)


def valid_id(value: str | None) -> str | None:
    """The id when ``value`` has exactly the shape :func:`new_id` gives, else None."""
    if value is not None and _SHAPE.fullmatch(value):
        return value
    return None


@attrs.frozen
class PlayerFolders:
    """The root that holds one saves folder per player, readable by the server's user only."""

    root: Path

    def folder(self, player: str) -> Path:
        """The player's folder, created on first use; never one outside the root or a link."""
        if valid_id(player) is None:
            raise PlayerFolderError(self.root, "not a player id")
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder = self.root / player
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise PlayerFolderError(folder, exc.strerror or str(exc)) from None
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode):
            raise PlayerFolderError(folder, "is not a folder")
        if folder.resolve().parent != self.root.resolve():
            raise PlayerFolderError(folder, "is outside the players' root")
        return folder
