"""One bad thing in the saves folder never locks a player out of the others.

The folder may hold a link to nothing, a named pipe (reading it waits for a
writer forever), a link to /dev/zero (reading it never ends), a folder, or a
file far too large to be a save, each under a save's name. Every command
still works, and each such thing is reported by its name.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from engine.core.game import Game
from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveStore
from engine.saves.errors import NoSuchSave, NotAFile, SourceUnreadable, TooLarge
from engine.session.play import Session

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
RELOCANT = str(Path(sys.executable).with_name("relocant"))

# What list() says of each kind of thing under a save's name.
BAD = {
    "dangling": "not a file: it is a link to a file that does not exist",
    "pipe": "not a file: it is a named pipe",
    "zero": "not a file: it is a device",
    "folder": "not a file: it is a folder",
    "loop": "not a file: it is a link that leads back to itself",
    "huge": "too large to be a save (a save is at most 64 MB)",
}


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


class Hung(BaseException):
    """Not an OSError (as TimeoutError is), so no handler in the code under test swallows it."""


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that waits on a pipe fails the test in seconds rather than holding CI."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hung("the saves code waited on something that never came")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def hostile_folder(folder: Path, story: Story) -> Game:
    """A folder with one good save and every kind of bad thing under a save's name."""
    good = Game.start(story, "city", seed=8)
    good.choose("market")
    store = SaveStore(folder)
    store.save("good", good, 5)
    # Saved long ago, so every bad thing below is newer and --continue meets them first.
    doc = json.loads(store.path("good").read_text("utf-8"))
    doc["saved_at"] = "2024-01-01T10:00:00.000000+00:00"
    store.path("good").write_text(json.dumps(doc), "utf-8")
    (folder / "dangling.save.json").symlink_to(folder / "gone.save.json")
    os.mkfifo(folder / "pipe.save.json")
    (folder / "zero.save.json").symlink_to("/dev/zero")
    (folder / "folder.save.json").mkdir()
    (folder / "loop.save.json").symlink_to(folder / "loop.save.json")
    with open(folder / "huge.save.json", "wb") as big:
        big.truncate(65 * 1024 * 1024)  # sparse: takes no room on the disk
    return good


def test_list_reports_each_bad_thing_by_name_and_still_lists_the_good_save(
    story: Story, tmp_path: Path
) -> None:
    hostile_folder(tmp_path, story)
    metas = {m.slot: m for m in SaveStore(tmp_path).list()}
    assert sorted(metas) == sorted([*BAD, "good"])
    assert metas["good"].problem is None
    for slot, problem in BAD.items():
        assert metas[slot].problem == problem
        assert metas[slot].describe() == f"{slot} — cannot be read: {problem}"


@pytest.mark.parametrize("slot", sorted(BAD))
def test_loading_a_bad_thing_says_what_it_is(story: Story, tmp_path: Path, slot: str) -> None:
    hostile_folder(tmp_path, story)
    with pytest.raises((NotAFile, TooLarge)) as info:
        SaveStore(tmp_path).load(slot, story)
    assert str(info.value) == f"The save '{slot}' is {BAD[slot]}."
    assert info.value.slot == slot


def test_loading_a_missing_name_lists_the_saves_there(story: Story, tmp_path: Path) -> None:
    hostile_folder(tmp_path, story)
    with pytest.raises(NoSuchSave) as info:
        SaveStore(tmp_path).load("nope", story)
    assert info.value.known == tuple(sorted([*BAD, "good"]))


def test_continue_loads_the_good_save_past_the_bad_things(story: Story, tmp_path: Path) -> None:
    good = hostile_folder(tmp_path, story)
    loaded = SaveStore(tmp_path).load_newest(story)
    assert loaded is not None and loaded.meta.slot == "good"
    assert loaded.game.to_dict() == good.to_dict()
    assert "The save 'pipe' is not a file: it is a named pipe." in loaded.notices[0]


def test_the_textual_sessions_load_screen_and_continue_work(story: Story, tmp_path: Path) -> None:
    good = hostile_folder(tmp_path, story)
    session = Session(story, SaveStore(tmp_path), tmp_path)
    slots = {m.slot: m for m in session.slots()}
    assert slots["good"].problem is None and slots["pipe"].problem == BAD["pipe"]
    assert session.load_newest() is not None
    assert session.game is not None and session.game.to_dict() == good.to_dict()


def test_a_bad_thing_can_be_deleted_and_saved_over(story: Story, tmp_path: Path) -> None:
    good = hostile_folder(tmp_path, story)
    store = SaveStore(tmp_path)
    store.delete("dangling")
    assert not os.path.lexists(tmp_path / "dangling.save.json")
    for slot in ("pipe", "zero", "loop"):
        store.save(slot, good, 1)
    for slot in ("pipe", "zero", "loop"):
        assert store.load(slot, story).game.to_dict() == good.to_dict()
        assert not store.has_previous(slot)  # a pipe, a device or a link is never kept as a save
    assert os.path.realpath("/dev/zero") == "/dev/zero"  # the link was replaced, not written through


def test_import_refuses_a_device_a_pipe_and_a_huge_file(story: Story, tmp_path: Path) -> None:
    hostile_folder(tmp_path, story)
    store = SaveStore(tmp_path / "mine")
    cases = {
        "/dev/zero": "it is a device, not a file",
        str(tmp_path / "pipe.save.json"): "it is a named pipe, not a file",
        str(tmp_path / "huge.save.json"): "it is too large to be a save (a save is at most 64 MB)",
    }
    for path, reason in cases.items():
        with pytest.raises(SourceUnreadable) as info:
            store.import_(Path(path), "z", story)
        assert info.value.reason == reason
    assert not (tmp_path / "mine").exists()


def test_an_endings_record_that_is_a_pipe_does_not_hang(story: Story, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "endings.json")
    assert SaveStore(tmp_path).endings_found(story) == set()


def relocant(*args: str, saves: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real command, with its memory capped so that reading /dev/zero fails, not the machine."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    env = {k: v for k, v in os.environ.items() if k != "RELOCANT_SAVES"}
    return subprocess.run(
        [RELOCANT, *args, "--saves", str(saves)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=cap,
    )


def test_as_a_player_list_check_show_and_continue_work(story: Story, tmp_path: Path) -> None:
    hostile_folder(tmp_path, story)
    done = relocant("saves", "list", saves=tmp_path)
    assert done.returncode == 0, done.stderr
    for slot, problem in BAD.items():
        assert f"{slot} — cannot be read: {problem}\n" in done.stdout
    done = relocant("saves", "check", "--story", str(STORY_DIR), saves=tmp_path)
    assert "good: loads\n" in done.stdout
    assert "pipe: does not load\n  - The save 'pipe' is not a file: it is a named pipe.\n" in done.stdout
    assert "Traceback" not in done.stderr
    done = relocant("saves", "show", "dangling", "--story", str(STORY_DIR), saves=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "relocant: The save 'dangling' is not a file: it is a link to a file that does not exist.\n"
    )
    done = relocant(
        "play", "--plain", "--continue", "--story", str(STORY_DIR), saves=tmp_path, stdin="quit\n"
    )
    assert done.returncode == 0, done.stderr
    assert "Continuing from 'good' instead." in done.stdout
    assert "== The market ==" in done.stdout
    done = relocant("saves", "import", "/dev/zero", "z", "--story", str(STORY_DIR), saves=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "relocant: The file /dev/zero could not be read: it is a device, not a file.\n"
