"""The saves folder: named slots, the autosave, the quicksave and found endings.

Every write is atomic and keeps the slot's previous version as ``.bak``
(never a damaged file in place of a good one); every load checks the whole
file and rebuilds a new :class:`Game`, so a bad file never touches the game
being played. Nothing in the folder is trusted: only regular files of a
bounded size are read, and each other thing is reported by its name.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.core.game import Game
from engine.core.model import Story
from engine.present.catalogs import N_, _
from engine.saves import document
from engine.saves.errors import (
    NESTED_TOO_DEEPLY,
    DamagedSave,
    DeleteFailed,
    EndingNotKept,
    ExportFailed,
    FolderUnreadable,
    Loaded,
    NoPreviousVersion,
    NoSuchSave,
    NotAFile,
    ReadFailed,
    SaveError,
    SaveMeta,
    SlotTaken,
    SourceUnreadable,
    TooLarge,
    UnreadableSave,
    WriteFailed,
)
from engine.saves.files import (
    NotRegular,
    Oversized,
    explain,
    is_present,
    is_regular,
    read_limited,
    remove_stale_temporaries,
    write_atomic,
)
from engine.saves.migrate import Rebuilt, rebuild
from engine.saves.slots import BACKUP, SUFFIX, check_slot, file_name, slot_key, slot_of

AUTOSAVE = "autosave"
QUICKSAVE = "quicksave"
ENDINGS_FILE = "endings.json"
MAX_SAVE_BYTES = 64 * 1024 * 1024  # a 1,000-step game takes under 300 KiB
MAX_ENDINGS_BYTES = 1024 * 1024
Found = dict[str, list[str]]  # story id -> ending scene ids; named here, where `list` is still the type


class SaveStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._swept = False
        self._lines = document.StepLines()
        self._written: dict[str, tuple[int, ...]] = {}  # file name -> identity of what this store wrote
        # file name -> (identity, meta) of a readable save listed before: listing again reads
        # only the files that changed (a save is replaced by a rename, so it gets a new inode)
        self._listed: dict[str, tuple[tuple[int, ...], SaveMeta]] = {}

    # ------------------------------------------------------------ names and paths

    def resolve(self, name: str) -> str:
        """The slot ``name`` stands for: a save already in the folder whose name differs
        only in case or Unicode form (one file on macOS and Windows), else ``name``.
        Raises :class:`BadSlotName`."""
        slot = check_slot(name)
        if is_present(self.folder / file_name(slot)):
            return slot
        key = slot_key(slot)
        for stem in self._stems():
            if slot_key(stem) == key:
                return stem
        return slot

    def path(self, slot: str) -> Path:
        return self.folder / file_name(self.resolve(slot))

    def backup_path(self, slot: str) -> Path:
        return self.folder / (file_name(self.resolve(slot)) + BACKUP)

    def exists(self, slot: str) -> bool:
        """Whether anything holds the slot's name (a damaged file or a stray link too)."""
        return is_present(self.path(slot))

    def has_previous(self, slot: str) -> bool:
        return is_regular(self.backup_path(slot))

    def require(self, slot: str) -> None:
        """Raise :class:`NoSuchSave` when there is no such save."""
        if not self.exists(slot):
            raise NoSuchSave(self.resolve(slot), self._known())

    def _stems(self) -> list[str]:
        """The names in the folder that are saves, as the files spell them."""
        try:
            names = os.listdir(self.folder)
        except (OSError, ValueError):
            return []
        return sorted(n[: -len(SUFFIX)] for n in names if slot_of(n) is not None)

    def _known(self) -> tuple[str, ...]:
        """The saves there are, for a message; a folder that cannot be listed is the problem itself."""
        try:
            os.listdir(self.folder)
        except FileNotFoundError:
            return ()
        except (OSError, ValueError) as exc:
            reason = (
                explain(exc, with_path=False) if isinstance(exc, OSError) else N_("its name cannot be used")
            )
            raise FolderUnreadable(str(self.folder), reason) from None
        return tuple(check_slot(stem) for stem in self._stems())

    # ------------------------------------------------------------ writing

    def save(self, slot: str, game: Game, play_seconds: float) -> SaveMeta:
        """Write ``game`` to ``slot``; the slot's old version becomes its backup."""
        slot = self.resolve(slot)
        doc = document.build(slot, game, play_seconds, self._lines)
        self._write(slot, document.encode(doc), game.story)
        if game.is_over:
            try:
                self.record_ending(game.story, game.state.scene)
            except EndingNotKept:
                pass  # the save itself is written; the list of endings is a nicety
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
        except OSError as exc:
            raise WriteFailed(slot, explain(exc), earlier_kept=is_regular(path)) from None
        except ReadFailed as exc:  # the current file could not be judged: write nothing rather than guess
            raise WriteFailed(slot, exc.cause, earlier_kept=is_regular(path)) from None
        self._written[path.name] = _identity(path)

    def _worth_keeping(self, slot: str, story: Story | None) -> bool:
        """Whether the slot's current file may become its previous version.

        A damaged file never replaces a good previous version: the load message
        promised that `saves restore` brings that one back. What this store
        wrote itself is known to be good; anything else is read and checked
        (against ``story`` when it is the save's own story).
        """
        path = self.path(slot)
        mine = self._written.get(path.name)
        if mine and mine == _identity(path):
            return True
        if self._loads(slot, story):  # ReadFailed: the save is refused, nothing is guessed
            return True
        try:
            return not self._loads(slot, None, backup=True)
        except ReadFailed:
            return False  # a backup that cannot be read now may be good: leave it

    def _loads(self, slot: str, story: Story | None, backup: bool = False) -> bool:
        """Whether the file (or its backup) is a save that loads: its layout, and its game on
        ``story`` when it is a save of that story. Raises ReadFailed when the system refuses."""
        try:
            doc = self.read(slot, backup=backup)
            if story is not None and doc["story"]["id"] == story.id:
                rebuild(slot, story, doc)
        except ReadFailed:
            raise
        except SaveError:
            return False
        return True

    # ------------------------------------------------------------ reading

    def read(self, slot: str, backup: bool = False) -> dict[str, Any]:
        """The checked layout of a save file (not yet the game)."""
        slot = self.resolve(slot)
        path = self.backup_path(slot) if backup else self.path(slot)
        try:
            return self._read_file(slot, path, backup)
        except FileNotFoundError:
            if backup:
                raise NoPreviousVersion(slot) from None
            raise NoSuchSave(slot, self._known()) from None

    def _read_file(self, slot: str, path: Path, backup: bool = False) -> dict[str, Any]:
        """Read and decode one file; FileNotFoundError when nothing has its name."""
        data = self._read_bytes(slot, path, backup)
        try:
            return document.decode(slot, data)
        except UnreadableSave as exc:
            exc.previous = backup
            raise

    def _read_bytes(self, slot: str, path: Path, backup: bool = False) -> bytes:
        try:
            return read_limited(path, MAX_SAVE_BYTES)
        except FileNotFoundError:
            raise
        except NotRegular as exc:
            error: UnreadableSave = NotAFile(slot, exc.kind)
        except Oversized as exc:
            error = TooLarge(slot, exc.limit)
        except OSError as exc:
            error = ReadFailed(slot, explain(exc))
        error.previous = backup
        raise error

    def load(self, slot: str, story: Story) -> Loaded:
        """Rebuild the game saved in ``slot``; raise :class:`SaveError` and change nothing if it cannot be."""
        return self._load(self.resolve(slot), story)

    def _load(self, slot: str, story: Story, doc: dict[str, Any] | None = None) -> Loaded:
        """:meth:`load`, from ``doc`` when the file was just read and decoded (Continue reads it once)."""
        self.require(slot)
        try:
            with _uncollected():
                if doc is None:
                    doc = self.read(slot)
                loaded = self._loaded(slot, doc, rebuild(slot, story, doc))
                del doc  # its thousands of tables go before the collector runs, not after
        except UnreadableSave as exc:
            try:
                exc.restorable = self._loads(slot, story, backup=True)
            except ReadFailed:
                exc.restorable = False
            raise
        return loaded

    def rebuild(self, slot: str, story: Story) -> Rebuilt:
        """Like :meth:`load`, and say how the game was rebuilt: for ``saves check``."""
        slot = self.resolve(slot)
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

    def load_newest(self, story: Story) -> Loaded | None:
        """The most recent save of this story that loads; None if there is none.

        Each save is read once: the newest one of this story is loaded from what
        listing the folder read of it (an older one only if that one fails).
        """
        failures: list[str] = []
        first_error: SaveError | None = None
        metas, newest = self._listing(story.id)
        for meta in metas:
            if meta.problem is None and meta.story_id != story.id:
                continue
            try:
                if newest is not None and newest[0] is meta:
                    loaded = self._load(self.resolve(meta.slot), story, newest[1])
                else:
                    loaded = self.load(meta.slot, story)
            except SaveError as exc:
                first_error = first_error or exc
                failures.append(f"{exc}")
                continue
            if failures:
                notices = [
                    _("{failures} Continuing from '{slot}' instead.").format(
                        failures=" ".join(failures), slot=meta.slot
                    ),
                    *loaded.notices,
                ]
                return Loaded(loaded.game, loaded.meta, notices)
            return loaded
        if first_error is not None:
            raise first_error
        return None

    def _listing(self, story_id: str | None) -> tuple[list[SaveMeta], tuple[SaveMeta, dict[str, Any]] | None]:
        """:meth:`list`, and the newest readable save of ``story_id`` with its decoded document
        (only that one is kept: a folder may hold many long games)."""
        try:
            names = sorted(os.listdir(self.folder))
        except FileNotFoundError:
            return [], None
        except OSError as exc:
            raise FolderUnreadable(str(self.folder), explain(exc, with_path=False)) from None
        metas = []
        newest: tuple[SaveMeta, dict[str, Any] | None] | None = None
        newest_moment = 0.0
        for name in names:
            slot = slot_of(name)
            if slot is None:
                continue
            path = self.folder / name
            identity = _identity(path)
            known = self._listed.get(name)
            doc: dict[str, Any] | None = None
            if identity and known is not None and known[0] == identity:
                meta = known[1]
            else:
                try:
                    with _uncollected():
                        doc = self._read_file(slot, path)
                except FileNotFoundError:
                    continue  # removed since the folder was listed
                except UnreadableSave as exc:
                    written = _modified(path)
                    metas.append(SaveMeta(slot, "", "", "", "", 0, written, 0.0, "", error=exc))
                    continue
                meta = document.meta_of(slot, doc)
                if identity:
                    self._listed[name] = (identity, meta)
            metas.append(meta)
            if meta.story_id == story_id:
                # The sort below is stable: of two saves made at one moment, the first by name comes first.
                moment = document.saved_moment(meta)
                if newest is None or moment > newest_moment:
                    newest, newest_moment = (meta, doc), moment
        metas.sort(key=document.saved_moment, reverse=True)
        if newest is None or newest[1] is None:
            return metas, None
        return metas, (newest[0], newest[1])

    def list(self) -> list[SaveMeta]:
        """Every save in the folder, newest first; damaged ones too, with their problem."""
        return self._listing(None)[0]

    # ------------------------------------------------------------ managing

    def delete(self, slot: str) -> None:
        """Remove a save and its previous version."""
        slot = self.resolve(slot)
        self.require(slot)
        try:
            self.path(slot).unlink()
            self.backup_path(slot).unlink(missing_ok=True)
        except OSError as exc:
            raise DeleteFailed(slot, explain(exc)) from None

    def restore(self, slot: str) -> SaveMeta:
        """Bring back the slot's previous version; the current one becomes the backup."""
        slot = self.resolve(slot)
        path = self.backup_path(slot)
        try:
            data = self._read_bytes(slot, path, backup=True)
        except FileNotFoundError:
            raise NoPreviousVersion(slot) from None
        try:
            doc = document.decode(slot, data)
        except UnreadableSave as exc:
            exc.previous = True
            raise
        self._write(slot, data)
        return document.meta_of(slot, doc)

    def export(self, slot: str, path: Path) -> None:
        """Copy a save to a file anywhere, e.g. to move it to another computer."""
        slot = self.resolve(slot)
        self.require(slot)
        try:
            data = self._read_bytes(slot, self.path(slot))
        except FileNotFoundError:
            raise NoSuchSave(slot, self._known()) from None
        document.decode(slot, data)
        target = Path(path)
        try:
            if target.is_dir():
                target = target / file_name(slot)
            write_atomic(target, data)
        except OSError as exc:
            raise ExportFailed(slot, str(target), explain(exc)) from None

    def import_(
        self, path: Path, slot: str | None = None, story: Story | None = None, replace: bool = False
    ) -> SaveMeta:
        """Check a save file from elsewhere (against ``story`` when given) and store it as ``slot``
        (by default the name the file gives itself). Everything is checked before anything is
        written; without ``replace``, an existing save of that name is :class:`SlotTaken`."""
        source = Path(path)
        label = source.name or str(source)
        try:
            data = read_limited(source, MAX_SAVE_BYTES)
        except NotRegular as exc:
            raise SourceUnreadable(str(source), kind=exc.kind) from None
        except Oversized as exc:
            raise SourceUnreadable(str(source), limit=exc.limit) from None
        except OSError as exc:
            raise SourceUnreadable(str(source), explain(exc)) from None
        doc = document.decode(label, data)
        target = self.resolve(slot if slot is not None else _own_slot(doc, source))
        if not replace and self.exists(target):
            raise SlotTaken(target)
        if story is not None:
            rebuild(label, story, doc)
        doc["slot"] = target
        try:
            text = document.encode(doc)
        except (RecursionError, ValueError):
            raise DamagedSave(label, NESTED_TOO_DEEPLY) from None
        self._write(target, text, story)
        return document.meta_of(target, doc)

    # ------------------------------------------------------------ endings

    def _endings_path(self) -> Path:
        return self.folder / ENDINGS_FILE

    def _read_endings(self) -> Found:
        try:
            data = json.loads(read_limited(self._endings_path(), MAX_ENDINGS_BYTES))
        except (OSError, NotRegular, Oversized, ValueError, RecursionError):
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
            raise EndingNotKept(explain(exc)) from None

    def endings_found(self, story: Story) -> set[str]:
        return {e for e in self._read_endings().get(story.id, []) if e in story.scenes}


@contextmanager
def _uncollected() -> Iterator[None]:
    """Pause the cyclic collector while a save is parsed and its game rebuilt.

    Both make thousands of small tables and objects with no cycles among them,
    which the collector would only rescan again and again while they are made
    (a tenth of a load's time); what it is owed it collects at its next turn.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _own_slot(doc: dict[str, Any], source: Path) -> str:
    """The name a save file gives itself, else its file name's."""
    slot = doc.get("slot")
    if isinstance(slot, str) and slot:
        return slot
    name = source.name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else source.stem


def _identity(path: Path) -> tuple[int, ...]:
    """What tells one version of a file from another without reading it; () if there is none."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return ()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _modified(path: Path) -> str:
    """When a file was last written, as ISO text; for saves whose own record is unreadable."""
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime).astimezone().isoformat()
    except (OSError, ValueError, OverflowError):
        return ""
