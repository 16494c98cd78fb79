"""The plain player keeps the language chosen in the game for the next start, as the Textual game does;
``--lang`` on the command line wins for its run and leaves the kept choice alone."""

from __future__ import annotations

import json
from pathlib import Path

from plain_support import run_relocant

STORY = Path(__file__).resolve().parent / "stories" / "translated"


def play(*args: str, input: str, home: Path, env: dict[str, str] | None = None) -> str:
    out = run_relocant("play", "--plain", "--story", str(STORY), *args, input=input, home=home, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_language_chosen_in_the_plain_player_is_kept_for_the_next_start(tmp_path: Path) -> None:
    first = play(input="1\nlanguage ru\nquit\n", home=tmp_path)
    assert "== The gate ==" in first and "== Ворота ==" in first
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["language"] == "ru"
    again = play(input="", home=tmp_path)
    assert "Выберите путешествие по номеру:" in again  # Russian from the first word
    assert "Choose a journey" not in again


def test_the_kept_language_outranks_the_environment(tmp_path: Path) -> None:
    play(input="1\nlanguage ru\nquit\n", home=tmp_path, env={"LANG": "en_GB.UTF-8"})
    again = play(input="continue\n", home=tmp_path, env={"LANG": "en_GB.UTF-8"})
    assert "== Ворота ==" in again


def test_lang_on_the_command_line_wins_for_its_run_and_keeps_the_choice(tmp_path: Path) -> None:
    play(input="1\nlanguage ru\nquit\n", home=tmp_path)
    asked = play("--lang", "en", input="continue\n", home=tmp_path)
    assert "== The gate ==" in asked and "Ворота" not in asked
    assert "== Ворота ==" in play(input="continue\n", home=tmp_path)  # the choice made in the game stands


def test_choosing_a_language_under_lang_is_kept_too(tmp_path: Path) -> None:
    play("--lang", "ru", input="1\nlanguage en\nquit\n", home=tmp_path)
    assert "== The gate ==" in play(input="continue\n", home=tmp_path, env={"LANG": "ru_RU.UTF-8"})


def test_a_kept_language_the_story_no_longer_offers_is_passed_over() -> None:
    from engine.frontends.language import choose

    assert choose(STORY, None, {"LANG": "ru_RU.UTF-8"}, kept="de") == "ru"
    assert choose(STORY, None, {"LANG": "ru_RU.UTF-8"}, kept="en") == "en"
    assert choose(STORY, "xx", {}, kept="ru") == "xx"


def test_the_language_can_be_chosen_at_the_list_of_journeys_too(tmp_path: Path) -> None:
    out = play(input="language\nlanguage ru\n1\n", home=tmp_path)
    assert "Languages: en, ru, xx. Type language and one of them." in out
    before, after = out.split("Languages:", 1)[0], out.split("Choose a journey by number: ", 2)[-1]
    assert "1. A walk" in before and "1. Прогулка" in after  # the list again, in Russian
    assert "== Ворота ==" in after
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["language"] == "ru"
    assert "Выберите путешествие по номеру:" in play(input="", home=tmp_path)
