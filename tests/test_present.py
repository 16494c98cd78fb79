"""The presentation layer: numbers, dates, amounts, plural forms and changes, per language, from CLDR.

Nothing here may depend on the process locale: each test names its language.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.core.calendar import parse_date
from engine.core.game import Game
from engine.core.text import GlossaryMarker, paragraphs, plain
from engine.loading.loader import load_story
from engine.present.presenter import Presenter

STORY = Path(__file__).resolve().parent / "stories" / "translated"
NBSP = "\u00a0"
NNBSP = "\u202f"  # CLDR's narrow no-break space, before "г."
EVENING = parse_date("2022-02-24 19:00")[0]


def test_dates_in_english_keep_the_games_style_and_in_russian_are_russian() -> None:
    assert Presenter("en").clock(EVENING) == "Thursday, 24 February 2022, 19:00"
    assert Presenter("en").day(EVENING) == "24 February 2022"
    assert Presenter("ru").clock(EVENING) == f"четверг, 24 февраля 2022{NNBSP}г., 19:00"
    assert Presenter("ru").day(EVENING) == f"24 февраля 2022{NNBSP}г."


def test_numbers_and_amounts() -> None:
    assert Presenter("en").number(38000) == "38,000"
    assert Presenter("ru").number(38000) == f"38{NBSP}000"
    assert Presenter("ru").amount(38000, "RUB") == f"38{NBSP}000{NBSP}₽"
    assert Presenter("en").amount(38000, "KZT") == "KZT38,000"
    assert Presenter("ru").number(-999_999_999_999_999_999).startswith("-999")


def test_plural_forms() -> None:
    russian = Presenter("ru")
    assert [russian.count(n, "day") for n in (1, 2, 5, 11, 21, 22)] == [
        "1 день",
        "2 дня",
        "5 дней",
        "11 дней",
        "21 день",
        "22 дня",
    ]
    english = Presenter("en")
    assert [english.count(n, "day") for n in (1, 2, 5)] == ["1 day", "2 days", "5 days"]
    assert english.duration(2 * 60 + 5) == "2 hours 5 minutes"
    assert russian.duration(3 * 24 * 60) == "3 дня"


def test_a_language_babel_does_not_know_is_shown_as_english() -> None:
    made_up = Presenter("xx")
    assert made_up.number(38000) == "38,000"
    assert made_up.clock(EVENING) == "Thursday, 24 February 2022, 19:00"


def test_changes_are_values_the_presenter_words() -> None:
    story = load_story(STORY)
    game = Game.start(story, "walk", seed=1)
    game.choose("pay")
    changes = {c.name: c for c in game.changes()}
    assert (changes["money"].old, changes["money"].new, changes["money"].delta) == (38000, 37995, -5)
    english, russian = Presenter("en"), Presenter("ru")
    assert english.change(story.variables["money"], changes["money"]) == "−5 ₸"
    assert english.change(story.variables["papers"], changes["papers"]) == "+IIN"
    ru_story = load_story(STORY, "ru")
    assert russian.change(ru_story.variables["papers"], changes["papers"]) == "+ИИН"
    game.choose("lease")  # not open (the lease needs 50 ₸ and an IIN: it has both)
    assert russian.value(ru_story.variables["papers"], frozenset({"iin", "lease"})) == "ИИН, Договор аренды"
    assert english.ending("hopeful") == "a hopeful ending" and english.ending_word("sombre") == "sombre"


def test_story_text_shows_numbers_in_the_language_it_is_played_in() -> None:
    russian = Presenter("ru").localise(load_story(STORY, "ru"))
    view = Game.start(russian, "walk", seed=1).view()
    assert f"в кармане 38{NBSP}000 ₸." in view.text
    english = Presenter("en").localise(load_story(STORY))
    assert "with 38,000 ₸." in Game.start(english, "walk", seed=1).view().text


def test_no_output_depends_on_the_process_locale() -> None:
    code = (
        "import locale\ntry: locale.setlocale(locale.LC_ALL, '')\nexcept locale.Error: pass\n"
        "from engine.present.presenter import Presenter\n"
        f"print(Presenter('en').clock({EVENING}), Presenter('en').number(38000))"
    )
    for setting in ("C.UTF-8", "ru_RU.UTF-8", "de_DE.UTF-8"):
        env = {**os.environ, "LC_ALL": setting, "LANG": setting}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == "Thursday, 24 February 2022, 19:00 38,000"


def test_no_break_spaces_survive_into_the_paragraphs_shown() -> None:
    """Russian typography keeps a number with its thousands and its sign: "38 000 ₽" never breaks
    across lines; the spaces between words are still folded into one."""
    shown = paragraphs(f"Было 38{NBSP}000{NBSP}₽ и  \n  20{NNBSP}г.", GlossaryMarker({}))
    assert plain(shown) == f"Было 38{NBSP}000{NBSP}₽ и 20{NNBSP}г."
