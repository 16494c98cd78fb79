"""The saves folder: named slots, the autosave, the quicksave and found endings.

Every write is atomic and keeps the slot's previous version as ``.bak``;
every load checks the whole file and rebuilds a new :class:`Game`, so a bad
file never touches the game being played.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.core.game import Game
from engine.core.model import Story
from engine.saves import document
from engine.saves.errors import Loaded, SaveError, SaveMeta
from engine.saves.files import explain, remove_stale_temporaries, write_atomic
from engine.saves.migrate import Rebuilt, rebuild
from engine.saves.slots import BACKUP, check_slot, file_name, slot_of

AUTOSAVE = "autosave"
QUICKSAVE = "quicksave"
ENDINGS_FILE = "endings.json"
Found = dict[str, list[str]]  # story id -> ending scene ids; named here, where `list` is still the type


class SaveStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._swept = False
        self._lines = document.StepLines()
        self._written: dict[str, tuple[int, ...]] = {}  # file name -> identity of what this store wrote

    # ------------------------------------------------------------ paths

    def path(self, slot: str) -> Path:
        return self.folder / file_name(check_slot(slot))

    def backup_path(self, slot: str) -> Path:
        return self.folder / (file_name(check_slot(slot)) + BACKUP)

    def exists(self, slot: str) -> bool:
        return self.path(slot).is_file()

    def require(self, slot: str) -> None:
        """Raise the player's message when there is no such save."""
        if not self.exists(slot):
            raise SaveError(f"There is no save named '{check_slot(slot)}'.{self._names_hint()}")

    # ------------------------------------------------------------ writing

    def save(self, slot: str, game: Game, play_seconds: float) -> SaveMeta:
        """Write ``game`` to ``slot``; the slot's old version becomes its backup."""
        slot = check_slot(slot)
        doc = document.build(slot, game, play_seconds, self._lines)
        self._write(slot, document.encode(doc), game.story)
        if game.is_over:
            self.record_ending(game.story, game.state.scene)
        return document.meta_of(slot, doc)

    def autosave(self, game: Game, play_seconds: float) -> SaveMeta:
        return self.save(AUTOSAVE, game, play_seconds)

    def quicksave(self, game: Game, play_seconds: float) -> SaveMeta:
        return self.save(QUICKSAVE, game, play_seconds)

    def _write(self, slot: str, data: bytes, story: Story | None = None) -> None:
        path, backup = self.path(slot), self.backup_path(slot)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._swept:
                remove_stale_temporaries(self.folder)
                self._swept = True
            keep = self._worth_keeping(slot, story)
            write_atomic(path, data, backup=backup if keep else None)
            self._written[path.name] = _identity(path)
        except OSError as exc:
            raise SaveError(
                f"The game could not be saved as '{slot}': {explain(exc)}. {self._unchanged(slot)}"
            ) from None

    def _worth_keeping(self, slot: str, story: Story | None) -> bool:
        """Whether the slot's current file may become its previous version.

        A damaged file never replaces a good previous version: the load message
        promised that `saves restore` brings that one back. What this store
        wrote itself is known to be good; anything else is read and checked
        (against ``story`` when it is the save's own story).
        """
        path = self.path(slot)
        if path.name in self._written and self._written[path.name] == _identity(path):
            return True
        if self._sound(slot, story):
            return True
        try:
            return not self._sound(slot, None, backup=True)
        except OSError:
            return False

    def _sound(self, slot: str, story: Story | None, backup: bool = False) -> bool:
        try:
            doc = self.read(slot, backup=backup)
            if story is not None and doc["story"]["id"] == story.id:
                rebuild(slot, story, doc)
        except SaveError:
            return False
        return True

    def _unchanged(self, slot: str) -> str:
        if self.path(slot).is_file():
            return f"The earlier save in '{slot}' is unchanged."
        return "Nothing was written."

    # ------------------------------------------------------------ reading

    def read(self, slot: str, backup: bool = False) -> dict[str, Any]:
        """The checked layout of a save file (not yet the game)."""
        slot = check_slot(slot)
        path = self.backup_path(slot) if backup else self.path(slot)
        label = f"{slot} (previous version)" if backup else slot
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            if backup:
                raise SaveError(f"The save '{slot}' has no previous version.") from None
            raise SaveError(f"There is no save named '{slot}'.{self._names_hint()}") from None
        except OSError as exc:
            raise SaveError(f"The save '{label}' could not be read: {explain(exc)}.") from None
        return document.decode(label, data)

    def load(self, slot: str, story: Story) -> Loaded:
        """Rebuild the game saved in ``slot``; raise :class:`SaveError` and change nothing if it cannot be."""
        slot = check_slot(slot)
        self.require(slot)
        try:
            doc = self.read(slot)
            result = rebuild(slot, story, doc)
        except SaveError as exc:
            raise SaveError(f"{exc}{self._backup_hint(slot)}") from None
        return self._loaded(slot, doc, result)

    def rebuild(self, slot: str, story: Story) -> Rebuilt:
        """Like :meth:`load`, and say how the game was rebuilt: for ``saves check``."""
        slot = check_slot(slot)
        return rebuild(slot, story, self.read(slot))

    def _loaded(self, slot: str, doc: dict[str, Any], result: Rebuilt) -> Loaded:
        game = result.game
        state = game.state
        story = game.story
        journey = story.journeys.get(state.journey)
        meta = SaveMeta(
            slot=slot,
            journey=state.journey,
            journey_title=journey.title if journey else state.journey,
            scene_id=state.scene,
            scene_title=story.scenes[state.scene].title,
            clock=state.clock,
            saved_at=doc["saved_at"],
            play_seconds=float(doc["play_seconds"]),
            story_version=doc["story"]["version"],
            story_id=doc["story"]["id"],
        )
        return Loaded(game, meta, list(result.notices))

    def _backup_hint(self, slot: str) -> str:
        if not self.backup_path(slot).is_file():
            return ""
        return f' Its previous version is kept: `relocant saves restore "{slot}"` brings it back.'

    def _names_hint(self) -> str:
        names = [m.slot for m in self.list()]
        return f" Saves: {', '.join(names)}." if names else " There are no saves yet."

    def load_newest(self, story: Story) -> Loaded | None:
        """The most recent save of this story that loads; None if there is none."""
        failures: list[str] = []
        first_error: SaveError | None = None
        for meta in self.list():
            if meta.problem is None and meta.story_id != story.id:
                continue
            try:
                loaded = self.load(meta.slot, story)
            except SaveError as exc:
                first_error = first_error or exc
                failures.append(f"{exc}")
                continue
            if failures:
                skipped = " ".join(failures)
                notices = [f"{skipped} Continuing from '{meta.slot}' instead.", *loaded.notices]
                return Loaded(loaded.game, loaded.meta, notices)
            return loaded
        if first_error is not None:
            raise first_error
        return None

    def list(self) -> list[SaveMeta]:
        """Every save in the folder, newest first; damaged ones too, with their problem."""
        try:
            names = sorted(os.listdir(self.folder))
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise SaveError(f"The saves folder {self.folder} could not be read: {explain(exc)}.") from None
        metas = []
        for name in names:
            slot = slot_of(name)
            if slot is None:
                continue
            try:
                metas.append(document.meta_of(slot, self.read(slot)))
            except SaveError as exc:
                written = _modified(self.path(slot))
                metas.append(SaveMeta(slot, "", "", "", "", 0, written, 0.0, "", problem=_problem(exc, slot)))
        metas.sort(key=document.saved_moment, reverse=True)
        return metas

    # ------------------------------------------------------------ managing

    def delete(self, slot: str) -> None:
        """Remove a save and its previous version."""
        slot = check_slot(slot)
        self.require(slot)
        path = self.path(slot)
        try:
            path.unlink()
            self.backup_path(slot).unlink(missing_ok=True)
        except OSError as exc:
            raise SaveError(f"The save '{slot}' could not be deleted: {explain(exc)}.") from None

    def restore(self, slot: str) -> SaveMeta:
        """Bring back the slot's previous version; the current one becomes the backup."""
        slot = check_slot(slot)
        doc = self.read(slot, backup=True)
        self._write(slot, self.backup_path(slot).read_bytes())
        return document.meta_of(slot, doc)

    def export(self, slot: str, path: Path) -> None:
        """Copy a save to a file anywhere, e.g. to move it to another computer."""
        slot = check_slot(slot)
        self.read(slot)
        target = Path(path)
        if target.is_dir():
            target = target / file_name(slot)
        try:
            write_atomic(target, self.path(slot).read_bytes())
        except OSError as exc:
            raise SaveError(f"The save '{slot}' could not be exported to {target}: {explain(exc)}.") from None

    def import_(self, path: Path, slot: str, story: Story | None = None) -> SaveMeta:
        """Check a save file from elsewhere (against ``story`` when given) and store it as ``slot``."""
        slot = check_slot(slot)
        source = Path(path)
        label = source.name
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise SaveError(f"The file {source} could not be read: {explain(exc)}.") from None
        doc = document.decode(label, data)
        if story is not None:
            rebuild(label, story, doc)
        doc["slot"] = slot
        self._write(slot, document.encode(doc), story)
        return document.meta_of(slot, doc)

    # ------------------------------------------------------------ endings

    def _endings_path(self) -> Path:
        return self.folder / ENDINGS_FILE

    def _read_endings(self) -> Found:
        try:
            data = json.loads(self._endings_path().read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            k: [e for e in v if isinstance(e, str)]
            for k, v in data.items()
            if isinstance(k, str) and isinstance(v, list)
        }

    def record_ending(self, story: Story, scene_id: str) -> None:
        """Remember that this player reached ``scene_id``; kept across games."""
        found = self._read_endings()
        known = found.setdefault(story.id, [])
        if scene_id in known:
            return
        known.append(scene_id)
        text = json.dumps(found, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self._endings_path(), text.encode("utf-8"))
        except OSError as exc:
            raise SaveError(f"The ending found could not be remembered: {explain(exc)}.") from None

    def endings_found(self, story: Story) -> set[str]:
        return {e for e in self._read_endings().get(story.id, []) if e in story.scenes}


def _identity(path: Path) -> tuple[int, ...]:
    """What tells one version of a file from another without reading it; () if there is none."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _modified(path: Path) -> str:
    """When a file was last written, as ISO text; for saves whose own record is unreadable."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat()
    except (OSError, ValueError, OverflowError):
        return ""


def _problem(exc: SaveError, slot: str) -> str:
    """The error without the leading "The save 'slot' is", for a list line."""
    text = str(exc)
    for prefix in (f"The save '{slot}' is ", f"The save '{slot}' "):
        if text.startswith(prefix):
            return text[len(prefix) :].rstrip(".")
    return text.rstrip(".")
