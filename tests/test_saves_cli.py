"""``relocant saves …`` and ``relocant play --plain`` with saves, run as a player would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveStore

RELOCANT = str(Path(sys.executable).with_name("relocant"))
STORIES = Path(__file__).parent / "stories"
LOOP = STORIES / "saves_loop"


def relocant(*args: str, stdin: str = "", saves: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RELOCANT_SAVES"}
    return subprocess.run(
        [RELOCANT, *args, "--saves", str(saves)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def game_after(*choices: str, seed: int = 3) -> Game:
    game = Game.start(load_story(LOOP), "city", seed=seed)
    for choice in choices:
        game.choose(choice)
    return game


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    store = SaveStore(tmp_path)
    store.save("first", game_after("market"), 30)
    store.save("second", game_after("market", "work"), 90)
    return tmp_path


def test_list_shows_every_save_newest_first(saves: Path) -> None:
    done = relocant("saves", "list", saves=saves)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(" — ")[0] for line in lines] == ["second", "first"]
    assert "The city, The market — Wednesday, 21 September 2022, 12:30" in lines[0]
    assert lines[0].endswith("played 1:30")


def test_the_folders_may_also_be_given_before_the_command(saves: Path) -> None:
    done = subprocess.run(
        [RELOCANT, "--saves", str(saves), "--story", str(LOOP), "saves", "show", "first"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"File:             {saves / 'first.save.json'}" in done.stdout
    assert "Loads:            yes" in done.stdout


def test_show_tells_where_the_save_is_and_that_it_loads(saves: Path) -> None:
    done = relocant("saves", "show", "second", "--story", str(LOOP), saves=saves)
    assert done.returncode == 0, done.stderr
    assert "Scene:            The market (market)" in done.stdout
    assert "Loads:            yes" in done.stdout
    assert "You unloaded a truck for cash." in done.stdout


def test_delete_asks_and_refuses_without_a_terminal(saves: Path) -> None:
    done = relocant("saves", "delete", "first", saves=saves)
    assert done.returncode == 1
    assert "not deleting 'first': there is no terminal to ask for confirmation; add --yes" in done.stderr
    assert (saves / "first.save.json").is_file()
    done = relocant("saves", "delete", "first", "--yes", saves=saves)
    assert done.returncode == 0 and "Deleted 'first'." in done.stdout
    assert not (saves / "first.save.json").exists()
    done = relocant("saves", "delete", "first", "--yes", saves=saves)
    assert done.returncode == 1
    assert done.stderr == "relocant: There is no save named 'first'. Saves: second.\n"


def test_export_then_import_under_another_name(saves: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "mine.json"
    assert relocant("saves", "export", "second", str(outside), saves=saves).returncode == 0
    assert json.loads(outside.read_text("utf-8"))["slot"] == "second"
    done = relocant("saves", "import", str(outside), "--story", str(LOOP), saves=saves)
    assert done.returncode == 1
    assert "there is already a save named 'second'" in done.stderr
    done = relocant("saves", "import", str(outside), "copy", "--story", str(LOOP), saves=saves)
    assert done.returncode == 0, done.stderr
    loaded = SaveStore(saves).load("copy", load_story(LOOP))
    assert loaded.game.to_dict() == game_after("market", "work").to_dict()


def test_import_refuses_a_damaged_file_and_writes_nothing(
    saves: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    bad = tmp_path_factory.mktemp("elsewhere") / "bad.json"
    bad.write_text(json.dumps({"kind": "relocant save", "format": 1}), "utf-8")
    done = relocant("saves", "import", str(bad), "broken", "--story", str(LOOP), saves=saves)
    assert done.returncode == 1
    assert done.stderr == "relocant: The save 'bad.json' is damaged: 'story' is missing.\n"
    assert not (saves / "broken.save.json").exists()


def test_check_sorts_saves_by_how_they_load_on_a_new_release(tmp_path: Path) -> None:
    v1 = load_story(STORIES / "saves_v1")
    store = SaveStore(tmp_path)
    for slot, choices in {"market": ["go"], "bus": ["go", "listen"]}.items():
        game = Game.start(v1, "trip", seed=1)
        for choice in choices:
            game.choose(choice)
        store.save(slot, game, 1)
    (tmp_path / "junk.save.json").write_text("{", "utf-8")
    done = relocant("saves", "check", "--story", str(STORIES / "saves_v2"), saves=tmp_path)
    assert done.returncode == 1
    out = done.stdout
    assert "market: loads, adjusted\n" in out
    assert "bus: falls back\n  - The scene 'bus' where this save stopped is no longer in the story." in out
    assert "junk: does not load\n  - The save 'junk' is damaged: it is cut short" in out
    assert out.endswith("3 save(s) of saves_migrate; 2 would not load as saved.\n")
    done = relocant("saves", "check", "--story", str(STORIES / "saves_v1"), saves=tmp_path)
    assert "market: loads\n" in done.stdout and "bus: loads\n" in done.stdout


def test_bad_slot_name_in_the_player_is_explained(tmp_path: Path) -> None:
    done = relocant(
        "play", "--plain", "city", "--story", str(LOOP), stdin="save ../x\nquit\n", saves=tmp_path
    )
    assert done.returncode == 0
    assert "The save name '../x' cannot contain '.' '/': use letters, digits, spaces, - and _." in done.stdout
    # nothing but the new game's autosave was written, in the folder or beside it
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.save.json"]
    assert not (tmp_path.parent / "x.save.json").exists()


def test_play_save_kill_continue_resumes_exactly(tmp_path: Path) -> None:
    """A game killed mid-play continues from its last choice, with the same future."""
    player = subprocess.Popen(
        [RELOCANT, "play", "--plain", "city", "--seed", "3", "--story", str(LOOP), "--saves", str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert player.stdin is not None and player.stdout is not None
    player.stdin.write("1\nsave here\n2\nsaves\n")
    player.stdin.flush()
    seen = ""
    while "  here — " not in seen:
        line = player.stdout.readline()
        assert line, f"the player stopped early: {seen}"
        seen += line
    player.send_signal(signal.SIGKILL)
    player.wait(timeout=10)
    player.stdout.close()
    player.stdin.close()
    assert player.stderr is not None
    player.stderr.close()

    expected = game_after("market", "work")
    done = relocant(
        "play", "--plain", "--continue", "--story", str(LOOP), stdin="journal\n2\nquit\n", saves=tmp_path
    )
    assert done.returncode == 0, done.stderr
    view = expected.view()
    assert f"== {view.title} ==\n{view.when} · {view.location}" in done.stdout
    assert "1. Wednesday, 21 September 2022, 08:00, The flat: Go to the market" in done.stdout
    assert "2. Wednesday, 21 September 2022, 08:30, The market: You unloaded a truck for cash." in done.stdout
    resumed = SaveStore(tmp_path).load("autosave", load_story(LOOP)).game
    expected.choose(2)
    assert resumed.to_dict() == expected.to_dict()
    # The named save still holds the moment it was made.
    here = SaveStore(tmp_path).load("here", load_story(LOOP)).game
    assert here.to_dict() == game_after("market").to_dict()
