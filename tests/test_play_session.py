"""The rules of a sitting at the game, passed by both front ends alike.

Each test plays the real front end (the plain player through its standard
input, the Textual game through Pilot) and reads what reached the saves
folder: the two share one session (engine/session/play.py), so they must
agree on autosaving, endings, Continue, quicksaves and never replacing the
game only the autosave holds.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import make_app
from session_fronts import FRONTS, PlainFront, TextualFront

from engine.loading import paths
from engine.loading.loader import load_story
from engine.saves import SaveStore

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "stories" / "tiny"
BOTH = pytest.mark.parametrize("front", FRONTS, ids=lambda f: f.name)
Front = PlainFront | TextualFront


def route(saves: Path, slot: str = "autosave") -> list[str]:
    """The ids of the choices taken in the game saved in ``slot``."""
    game = SaveStore(saves).load(slot, load_story(TINY)).game
    return [step.choice for step in game.steps]


@BOTH
def test_every_choice_and_undo_is_autosaved(front: Front, tmp_path: Path) -> None:
    front.sit(TINY, tmp_path, ["new 1", "choose 2"])
    assert route(tmp_path) == ["gate->gate"]
    front.sit(TINY, tmp_path, ["continue", "choose 1"])
    assert route(tmp_path) == ["gate->gate", "gate->office"]
    front.sit(TINY, tmp_path, ["continue", "undo"])
    assert route(tmp_path) == ["gate->gate"]


@BOTH
def test_a_new_game_is_autosaved_before_its_first_choice(front: Front, tmp_path: Path) -> None:
    front.sit(TINY, tmp_path, ["new 1"])
    assert route(tmp_path) == []


@BOTH
def test_an_ending_reached_is_counted_among_the_endings_found(front: Front, tmp_path: Path) -> None:
    shown = front.sit(TINY, tmp_path, ["new 1", "choose 1", "choose 1"])
    assert SaveStore(tmp_path).endings_found(load_story(TINY)) == {"home"}
    assert "found 1 of the story's 1 endings" in shown


@BOTH
def test_continue_resumes_a_loaded_save_until_a_choice_is_made(front: Front, tmp_path: Path) -> None:
    front.sit(TINY, tmp_path, ["new 1", "save first", "choose 2"])
    assert (route(tmp_path), route(tmp_path, "first")) == (["gate->gate"], [])
    front.sit(TINY, tmp_path, ["load first"])  # an earlier save of the same game: nothing asked
    front.sit(TINY, tmp_path, ["continue", "choose 1"])
    assert route(tmp_path) == ["gate->office"]  # went on from 'first', not from the autosave


@BOTH
def test_a_new_journey_never_silently_replaces_the_game_only_the_autosave_holds(
    front: Front, tmp_path: Path
) -> None:
    front.sit(TINY, tmp_path, ["new 1", "choose 2"])
    front.sit(TINY, tmp_path, ["new 1", "cancel"])
    assert route(tmp_path) == ["gate->gate"]
    assert [m.slot for m in SaveStore(tmp_path).list()] == ["autosave"]
    front.sit(TINY, tmp_path, ["new 1", "keep"])
    assert route(tmp_path, "walk kept") == ["gate->gate"]
    assert route(tmp_path) == []
    front.sit(TINY, tmp_path, ["new 1", "replace", "choose 1"])
    assert route(tmp_path) == ["gate->office"]
    assert sorted(m.slot for m in SaveStore(tmp_path).list()) == ["autosave", "walk kept"]


@BOTH
def test_nothing_is_asked_when_the_game_in_progress_is_kept_elsewhere(front: Front, tmp_path: Path) -> None:
    front.sit(TINY, tmp_path, ["new 1", "choose 2", "save mine"])
    front.sit(TINY, tmp_path, ["new 1", "choose 1"])  # no question: the 1 is the choice
    assert route(tmp_path) == ["gate->office"]
    assert route(tmp_path, "mine") == ["gate->gate"]


@BOTH
def test_quicksave_and_quickload(front: Front, tmp_path: Path) -> None:
    front.sit(TINY, tmp_path, ["new 1", "choose 2", "quicksave", "choose 1", "quickload"])
    assert route(tmp_path, "quicksave") == ["gate->gate"]
    front.sit(TINY, tmp_path, ["continue", "choose 1"])  # Continue follows the quickload
    assert route(tmp_path) == ["gate->gate", "gate->office"]


@BOTH
def test_a_failed_autosave_is_told_and_the_game_goes_on(front: Front, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.write_text("not a folder", encoding="utf-8")
    shown = front.sit(TINY, saves, ["new 1", "choose 1"])
    assert "The autosave failed" in shown
    assert "The office" in shown


# ---------------------------------------------------------------- when the autosave is written


def test_the_textual_game_writes_the_autosave_right_after_the_frame(tmp_path: Path) -> None:
    """Not at quitting: a game killed after a scene is shown keeps the choice that led there."""

    async def run() -> None:
        app = make_app(tmp_path, story=TINY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("n", "1")
            await pilot.pause()
            await pilot.press("2")
            await pilot.pause()
            assert route(tmp_path) == ["gate->gate"]
            assert not app.session.due

    asyncio.run(run())


def test_a_killed_plain_game_keeps_its_last_choice(tmp_path: Path) -> None:
    player = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "play",
            "--plain",
            "--story",
            str(TINY),
            "--saves",
            str(tmp_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert player.stdin is not None and player.stdout is not None
    player.stdin.write("1\n2\n")
    player.stdin.flush()
    seen = ""
    while "== The gate ==" not in seen.partition("== The gate ==")[2]:  # the scene after the choice
        seen += player.stdout.readline()
    player.kill()
    player.wait()
    assert route(tmp_path) == ["gate->gate"]


# ---------------------------------------------------------------- a story of one's own


def test_a_story_of_ones_own_keeps_its_own_saves(tmp_path: Path) -> None:
    """Playing another story never replaces the game's autosave: each story has its own folder."""
    env = {**os.environ, "RELOCANT_SAVES": str(tmp_path)}
    game_id = paths.game_story_id()
    assert game_id is not None and game_id != "tiny"

    def plain(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "engine.cli", "play", "--plain", *args],
            input="1\nquit\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr

    plain("square")
    before = (tmp_path / "autosave.save.json").read_bytes()
    plain("--story", str(TINY), "walk")
    assert (tmp_path / "autosave.save.json").read_bytes() == before
    assert route(tmp_path / "stories" / "tiny") == ["gate->office"]


def test_the_textual_game_plays_another_story_in_its_own_saves_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.frontends import tui
    from engine.frontends.tui.app import RelocantApp

    monkeypatch.setenv("RELOCANT_SAVES", str(tmp_path))
    folders: list[Path] = []

    def run(
        self: RelocantApp, **kwargs: object
    ) -> None:  # the session the game plays once its story is loaded
        assert self.opening is not None
        session = self.opening.load()
        assert not isinstance(session, str), session
        folders.append(session.folder)

    monkeypatch.setattr(RelocantApp, "run", run)
    assert tui.run(TINY, None) == 0
    assert tui.run(paths.default_story_dir(), None) == 0
    assert tui.run(TINY, str(tmp_path / "named")) == 0
    assert folders == [tmp_path / "stories" / "tiny", tmp_path, tmp_path / "named"]


def test_a_story_id_that_is_no_folder_name_is_kept_apart_by_its_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELOCANT_SAVES", "/base")
    odd = paths.story_saves_dir("../../etc")
    assert odd.parent == Path("/base/stories") and odd.name.startswith("story-")
    assert paths.story_saves_dir("../../etc") == odd != paths.story_saves_dir("../../etc2")


def test_a_scene_tried_with_at_asks_before_replacing_a_game_but_not_another_trial(tmp_path: Path) -> None:
    def at(keys: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "engine.cli", "play", "--plain", "--story", str(TINY)]
            + ["--saves", str(tmp_path), "--at", "office"],
            input=keys,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    PlainFront().sit(TINY, tmp_path, ["new 1", "choose 2"])
    assert "kept only in the autosave" in at("\n")  # cancelled: the game stays
    assert route(tmp_path) == ["gate->gate"]
    at("r\n")
    assert SaveStore(tmp_path).load("autosave", load_story(TINY)).game.state.scene == "office"
    assert "kept only in the autosave" not in at("state\n")  # one trial replaces another
