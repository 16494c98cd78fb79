"""The player's settings, kept between games in the user config folder.

``settings.json`` in ``platformdirs.user_config_dir("relocant")`` (or the
file ``RELOCANT_CONFIG`` names) holds the theme, the language and, for each saves folder,
the save Continue resumes. A missing or damaged file means the defaults; a
file that cannot be written costs the setting, never the game.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from engine.present.catalogs import _

MAX_BYTES = 64 * 1024


def default_path() -> Path:
    named = os.environ.get("RELOCANT_CONFIG")
    if named:
        return Path(named)
    from platformdirs import user_config_dir

    return Path(user_config_dir("relocant")) / "settings.json"


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()
        self.data: dict[str, Any] = self._read()
        self.problem: str | None = None  # why the last write failed, for a notice

    def _read(self) -> dict[str, Any]:
        try:
            if not self.path.is_file() or self.path.stat().st_size > MAX_BYTES:
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def _text(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    def _keep(self, key: str, value: str) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            self.write()

    @property
    def theme(self) -> str | None:
        return self._text("theme")

    @theme.setter
    def theme(self, name: str) -> None:
        self._keep("theme", name)

    @property
    def language(self) -> str | None:
        """The language the player last chose in the game; None: as ``--lang`` or the environment says."""
        return self._text("language")

    @language.setter
    def language(self, code: str) -> None:
        self._keep("language", code)

    def continue_slot(self, folder: Path) -> str | None:
        slots = self.data.get("continue")
        slot = slots.get(str(folder.resolve())) if isinstance(slots, dict) else None
        return slot if isinstance(slot, str) else None

    def set_continue_slot(self, folder: Path, slot: str | None) -> None:
        slots = self.data.get("continue")
        if not isinstance(slots, dict):
            slots = self.data["continue"] = {}
        key = str(folder.resolve())
        if slots.get(key) == slot:
            return
        if slot is None:
            slots.pop(key, None)
        else:
            slots[key] = slot
        self.write()

    def write(self) -> None:
        text = json.dumps(self.data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.problem = _("Your settings could not be kept in {path}: {reason}.").format(
                path=self.path, reason=exc.strerror or exc
            )
            return
        self.problem = None
