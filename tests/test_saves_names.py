"""Slot names that fit every file system, and one slot per name whatever its case or form.

Also the messages a failing save gives: a save that was written is never
reported as not saved, and each message is one clean sentence.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from plain_support import plain_player

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore, files
from engine.saves.errors import BadSlotName, FolderUnreadable, NotASave, ReadFailed, WriteFailed
from engine.saves.slots import MAX_LENGTH

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
EMOJI = "\U0001f600"  # four bytes in UTF-8; alnum letters of four bytes are rarer than this
LETTER4 = "\U00020000"  # a CJK letter of four bytes in UTF-8 (isalnum)
LETTER3 = "語"  # three bytes


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


def a_game(story: Story, *choices: str) -> Game:
    game = Game.start(story, "city", seed=2)
    for choice in choices:
        game.choose(choice)
    return game


@pytest.mark.parametrize("count", [50, 51, 55, 63, 64, 65])
def test_names_of_four_byte_letters_fit_the_file_system_or_are_refused_up_front(
    story: Story, tmp_path: Path, count: int
) -> None:
    name = LETTER4 * count
    store = SaveStore(tmp_path)
    if count <= 50:
        store.save(name, a_game(story), 1)
        store.save(name, a_game(story, "market"), 2)  # the second save keeps a backup: the longest name
        assert store.load(name, story).game.to_dict() == a_game(story, "market").to_dict()
        store.restore(name)
        assert [m.slot for m in store.list()] == [name]
        return
    with pytest.raises(BadSlotName) as info:
        store.save(name, a_game(story), 1)
    assert info.value.reason == BadSlotName.TOO_LONG
    assert str(info.value) == (
        f"The save name '{name[:20]}…' is too long: keep it to {50 if count <= MAX_LENGTH else 64} characters."
    )
    assert list(tmp_path.iterdir()) == []


def test_sixty_four_three_byte_letters_are_allowed_with_a_backup(story: Story, tmp_path: Path) -> None:
    name = LETTER3 * 64
    store = SaveStore(tmp_path)
    store.save(name, a_game(story), 1)
    store.save(name, a_game(story, "market"), 2)
    assert store.has_previous(name)
    assert store.load(name, story).game.to_dict() == a_game(story, "market").to_dict()


@pytest.mark.parametrize("name", ["COM¹", "lpt²", "Com³", "com0", "LPT0", "ＣＯＭ１", "nul", "Aux"])
def test_names_windows_reserves_are_refused(story: Story, tmp_path: Path, name: str) -> None:
    with pytest.raises(BadSlotName) as info:
        SaveStore(tmp_path).save(name, a_game(story), 1)
    assert info.value.reason == BadSlotName.RESERVED
    assert str(info.value) == f"'{name}' cannot be a save name: some systems reserve it; choose another."


@pytest.mark.parametrize(
    "first, second",
    [
        ("Mixed", "mixed"),
        ("MIXED", "Mixed"),
        ("Straße", "STRASSE"),
        (unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")),
        ("Ёлка", "ёлка"),
    ],
)
def test_names_that_differ_only_in_case_or_form_are_one_slot(
    story: Story, tmp_path: Path, first: str, second: str
) -> None:
    store = SaveStore(tmp_path)
    store.save(first, a_game(story), 1)
    later = a_game(story, "market")
    store.save(second, later, 2)
    assert len([p for p in tmp_path.iterdir() if p.name.endswith(".save.json")]) == 1
    assert [m.slot for m in store.list()] == [unicodedata.normalize("NFC", first)]
    assert store.load(second, story).game.to_dict() == later.to_dict()
    assert store.load(first, story).game.to_dict() == later.to_dict()
    assert store.has_previous(second)
    store.delete(second)
    assert list(tmp_path.iterdir()) == []


def test_a_save_whose_file_name_is_decomposed_loads_by_its_composed_name(
    story: Story, tmp_path: Path
) -> None:
    """A folder copied from an older Mac holds names in decomposed form."""
    game = a_game(story, "market")
    SaveStore(tmp_path).save("café", game, 1)
    composed = tmp_path / "café.save.json"
    composed.rename(tmp_path / unicodedata.normalize("NFD", "café.save.json"))
    store = SaveStore(tmp_path)
    assert store.load("café", story).game.to_dict() == game.to_dict()
    store.save("café", a_game(story), 2)
    assert len(list(tmp_path.iterdir())) == 2  # the save and its backup, under the decomposed name


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A saves folder with mode 000. The system calls are refused here as the kernel refuses
    them to a user who is not root: a test run as root would pass through the mode."""
    folder = tmp_path / "saves"
    folder.mkdir()
    inside = str(folder) + os.sep

    def refusing(real: Any) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            text = os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else ""
            if text.startswith(inside) or text == str(folder):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), text)
            return real(path, *args, **kwargs)

        return call

    for name in ("stat", "lstat", "listdir", "open", "scandir", "unlink", "rename", "replace", "link"):
        monkeypatch.setattr(os, name, refusing(getattr(os, name)))
    folder.chmod(0)
    yield folder
    monkeypatch.undo()
    folder.chmod(stat.S_IRWXU)


def test_a_folder_that_cannot_be_read_gives_messages_not_tracebacks(story: Story, locked: Path) -> None:
    store = SaveStore(locked)
    with pytest.raises(FolderUnreadable) as listing:
        store.list()
    assert str(listing.value) == f"The saves folder {locked} could not be read: permission was denied."
    with pytest.raises(FolderUnreadable):
        store.load("trip", story)
    with pytest.raises(WriteFailed) as writing:
        store.save("trip", a_game(story), 1)
    assert writing.value.reason.startswith("permission was denied (")
    with pytest.raises(ReadFailed):
        store.read("trip")
    with pytest.raises(SaveError):
        store.delete("trip")
    assert store.endings_found(story) == set()
    out = io.StringIO()
    player = plain_player(a_game(story), out, store)
    player.handle("1")
    player.handle("saves")
    player.handle("load trip")
    assert "Traceback" not in out.getvalue()
    assert "(The autosave failed: The game could not be saved as 'autosave': permission was denied (" in (
        out.getvalue()
    )


class FolderSyncFails:
    """``os`` as the writer sees it, except that flushing or closing a folder fails."""

    def __init__(self) -> None:
        self.folders: set[int] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def open(self, path: Any, flags: int, *args: Any) -> int:
        fd = os.open(path, flags, *args)
        if flags & os.O_DIRECTORY:
            self.folders.add(fd)
        return fd

    def fsync(self, fd: int) -> None:
        if fd in self.folders:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)
        if fd in self.folders:
            self.folders.discard(fd)
            raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_save_written_before_the_folder_flush_fails_is_reported_saved(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path)
    store.save("trip", a_game(story), 1)
    later = a_game(story, "market")
    monkeypatch.setattr(files, "os", FolderSyncFails())
    meta = store.save("trip", later, 2)
    monkeypatch.undo()
    assert meta.scene_id == "market"
    assert store.load("trip", story).game.to_dict() == later.to_dict()


def test_importing_a_file_that_is_not_json_says_it_is_not_a_save(story: Story, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Remember to save before the border.\n", "utf-8")
    with pytest.raises(NotASave) as info:
        SaveStore(tmp_path / "saves").import_(notes, "x", story)
    assert str(info.value) == "The save 'notes.txt' is not a Relocant save file."


def test_a_failed_autosave_is_one_clean_sentence_in_the_player(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path)
    store.autosave(a_game(story), 0)

    def full(*args: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = io.StringIO()
    player = plain_player(a_game(story), out, store)
    monkeypatch.setattr(files.os, "write", full)
    player.handle("1")
    monkeypatch.undo()
    assert (
        "(The autosave failed: The game could not be saved as 'autosave': the disk is full. "
        "The earlier save in 'autosave' is unchanged. Your game goes on.)"
    ) in out.getvalue()
