"""String tables (docs/translating.md): a story loaded in another language, and the checks on its tables.

The story is tests/stories/translated: its Russian tables translate every
string, its made-up language "xx" a few. Each test that breaks a table
works on a copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.core.diagnostics import Code
from engine.core.game import Game
from engine.loading.loader import load, load_story
from engine.loading.strings import lock_of
from engine.present.presenter import Presenter

STORY = Path(__file__).resolve().parent / "stories" / "translated"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "translated"
    shutil.copytree(STORY, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path, lang: str = "ru") -> list[tuple[str, str, int | None, str]]:
    """(code, file relative to the story, line, name) of each diagnostic."""
    result = load(root, lang)
    return [
        (
            d.code.value if d.code else "",
            d.file.relative_to(root).as_posix() if d.file else "",
            d.line,
            d.name or "",
        )
        for d in result.diagnostics
    ]


def test_a_story_in_russian_has_the_russian_strings_and_everything_else_the_same() -> None:
    english = load_story(STORY)
    result = load(STORY, "ru")
    assert result.diagnostics == []
    russian = result.story
    assert russian is not None
    assert russian.language == "ru" and english.language == ""
    assert russian.title == "Перевод"
    assert russian.fingerprint == english.fingerprint
    assert russian.scenes.keys() == english.scenes.keys()
    assert russian.variables.keys() == english.variables.keys()
    gate, english_gate = russian.scenes["gate"], english.scenes["gate"]
    assert gate.title == "Ворота" and gate.location == "Алматы"
    assert gate.facts == (("rep", "здесь есть ворота"),)
    assert [c.id for c in gate.choices] == [c.id for c in english_gate.choices]
    assert [c.effects for c in gate.choices] == [c.effects for c in english_gate.choices]
    assert russian.scenes["home"].ending is not None
    assert russian.scenes["home"].ending.title == "Дом"
    assert russian.scenes["home"].ending.kind == "hopeful"
    assert russian.journeys["walk"].title == "Прогулка"
    assert russian.variables["money"].label == "Деньги"
    assert russian.sources["rep"].title == "Репортаж"
    assert result.coverage is not None and result.coverage.total.percent == 100.0


def test_a_game_plays_in_russian_with_the_translated_text_choices_and_labels() -> None:
    game = Game.start(load_story(STORY, "ru"), "walk", seed=1)
    view = game.view()
    assert view.text.startswith("Ника стоит у ворот")  # a text variable's value, shown by its label
    assert [c.text for c in view.choices] == ["Заплатить за ИИН", "Отдохнуть"]
    game.choose("pay")
    assert "Документы: ИИН." in game.view().text
    # The journal line forks on what Russian grammar needs: the English has no {if} there.
    assert game.journal()[0].text == "Ты заплатила за ИИН."
    rows = {row.name: row for row in game.panel()}
    assert rows["papers"].label == "Документы" and rows["papers"].value == frozenset({"iin"})
    assert Presenter("ru").value(game.story.variables["papers"], rows["papers"].value) == "ИИН"


def test_a_game_moves_between_languages_exactly_where_it_is() -> None:
    english, russian = load_story(STORY), load_story(STORY, "ru")
    game = Game.start(english, "walk", seed=5)
    game.choose("rest")
    moved = Game.from_dict(russian, game.to_dict())
    assert game.reply == "You sit on the kerb with 38,000 ₸."
    assert moved.reply == "Ты садишься на бордюр, в кармане 38,000 ₸."  # worded by the story shown
    assert moved.journal()[0].reply == moved.reply
    game.choose("pay")
    moved = Game.from_dict(russian, game.to_dict())
    assert moved.states == game.states and moved.steps == game.steps and moved.seed == game.seed
    assert moved.view().title == "Контора" and game.view().title == "The office"
    assert [e.text for e in moved.journal()] == ["Отдохнуть", "Ты заплатила за ИИН."]
    back = Game.from_dict(english, moved.to_dict())
    assert back.states == game.states
    assert [e.text for e in back.journal()] == ["Rest", "You paid for the IIN."]


def test_glossary_marks_russian_forms_listed_in_also_and_the_tables_own_entries() -> None:
    game = Game.start(load_story(STORY, "ru"), "walk", seed=1)
    marked = [(s.text, s.term) for p in game.view().paragraphs for s in p if s.term]
    assert ("ИИН", "iin") in marked and ("ИИНа", "iin") in marked
    assert ("акимате", "akimat") in marked  # an entry only the Russian glossary has (new = true)
    assert all(term != "propiska" for _, term in marked)  # omitted for this reader
    game.choose("pay")
    marked = [(s.text, s.term) for p in game.view().paragraphs for s in p if s.term]
    assert ("ИИНом", "iin") in marked
    story = load_story(STORY, "ru")
    assert "propiska" not in story.glossary
    assert story.glossary["akimat"].term == "акимат"
    assert story.glossary["iin"].also == ("ИИНа", "ИИНу", "ИИНом", "ИИНе")


def test_a_third_language_needs_only_its_folder(copy: Path) -> None:
    result = load(copy, "xx")
    assert result.story is not None
    assert result.story.title == "Tranzlatu"
    assert result.story.scenes["gate"].title == "Gatu"
    assert result.story.scenes["office"].title == "The office"  # missing: the English is shown
    assert result.coverage is not None
    assert (result.coverage.total.translated, result.coverage.total.missing) == (3, 29)
    (copy / "translations" / "eo").mkdir()
    (copy / "translations" / "eo" / "story.toml").write_text(
        f'["story.title"]\nlock = "{lock_of("Translated")}"\ntext = "Tradukita"\n', encoding="utf-8"
    )
    assert load_story(copy, "eo").title == "Tradukita"


def test_a_changed_english_string_makes_its_entry_stale_at_its_lock_line_and_it_is_still_used(
    copy: Path,
) -> None:
    edit(copy / "scenes.toml", 'title = "The office"', 'title = "The front office"')
    result = load(copy, "ru")
    assert result.story is not None  # a stale entry is a warning
    assert result.story.scenes["office"].title == "Контора"
    (stale,) = [d for d in result.diagnostics if d.code is Code.STALE_TRANSLATION]
    assert stale.name == "scene.office.title"
    assert stale.file == copy / "translations" / "ru" / "scenes.toml"
    lines = stale.file.read_text(encoding="utf-8").splitlines()
    assert lines[stale.line - 1] == f'lock = "{lock_of("The office")}"'
    assert lock_of("The front office") in (stale.hint or "")
    assert result.coverage is not None and result.coverage.total.stale == 1


def test_a_missing_entry_is_reported_at_the_english_string(copy: Path) -> None:
    edit(copy / "translations" / "ru" / "scenes.toml", '["scene.office.title"]', '["scene.office.titl"]')
    problems = found(copy)
    assert ("missing-translation", "scenes.toml", 33, "scene.office.title") in problems
    assert ("orphan-translation", "translations/ru/scenes.toml", 41, "scene.office.titl") in problems
    orphan = next(d for d in load(copy, "ru").diagnostics if d.code is Code.ORPHAN_TRANSLATION)
    assert orphan.hint == "did you mean `scene.office.title`?"


def test_a_table_not_written_yet_is_one_warning(copy: Path) -> None:
    (copy / "translations" / "ru" / "scenes.toml").unlink()
    problems = found(copy)
    assert problems == [
        ("missing-translation", "translations/ru/scenes.toml", None, "translations/ru/scenes.toml"),
        ("unused-glossary", "translations/ru/story.toml", 65, "akimat"),  # only the scenes used it
    ]


def test_a_translation_must_keep_the_englishs_interpolations_and_conditions(copy: Path) -> None:
    table = copy / "translations" / "ru" / "scenes.toml"
    edit(table, "в кармане {money}.", "в кармане деньги.")
    edit(table, "{if first_visit}Здесь всё", "{if true}Здесь всё")
    edit(
        table,
        "Документы: {papers}. У ворот ты был {visits('gate')} раз",
        "Документы: { papers }. Был {visits( 'gate' )} раз",
    )
    result = load(copy, "ru")
    assert result.story is None
    markup = [d for d in result.diagnostics if d.code is Code.TRANSLATION_MARKUP]
    assert [(d.line, d.name) for d in markup] == [(11, "scene.gate.text"), (11, "scene.gate.text")]
    assert sorted(d.message for d in markup) == [
        "the translation leaves out {if first_visit}, which the English has",
        "the translation leaves out {money}, which the English has",
    ]  # whitespace inside the braces does not count


def test_a_translation_may_add_conditions_of_its_own_and_they_are_checked(copy: Path) -> None:
    table = copy / "translations" / "ru" / "scenes.toml"
    edit(table, 'text = "Отдохнуть"', "text = \"{if who == 'Nika'}Отдохнуть{else}Передохнуть{end}\"")
    assert load(copy, "ru").diagnostics == []
    edit(table, "{if who == 'Nika'}Отдохнуть", "{if whom == 'Nika'}Отдохнуть")
    result = load(copy, "ru")
    assert result.story is None
    (problem,) = result.diagnostics
    assert (problem.code, problem.line, problem.column) == (Code.EXPRESSION, 35, 13)
    assert "whom" in problem.message and problem.hint == "did you mean `who`?"
    edit(table, "{if whom == 'Nika'}", "{if visits('gat') > 0}")
    assert found(copy) == [("no-scene", "translations/ru/scenes.toml", 35, "gat")]


def test_broken_tables_are_file_line_errors_never_a_traceback(copy: Path) -> None:
    table = copy / "translations" / "ru" / "story.toml"
    edit(table, 'text = "Прогулка"', 'text = "Прогулка\n')
    problems = found(copy)
    assert problems[0][:3] == ("toml-syntax", "translations/ru/story.toml", 7)
    assert all(code != "missing-translation" for code, *_ in problems)  # what was lost is not missing too
    shutil.copy(STORY / "translations" / "ru" / "story.toml", table)
    edit(table, 'text = "Прогулка"', 'text = "Прогулка\\u001b[2J"')
    assert found(copy) == [("control-character", "translations/ru/story.toml", 7, "")]
    shutil.copy(STORY / "translations" / "ru" / "story.toml", table)
    edit(table, 'text = "Прогулка"', "text = 7")
    edit(table, 'lock = "5ccc2e87"', 'lock = "money"')
    edit(
        table,
        '["story.title"]\nlock = "abbc13c1"',
        '"story.title" = "Перевод"\n["x"]\nlock = "abbc13c1"\ntxt = "?"',
    )
    problems = found(copy)
    assert ("wrong-type", "translations/ru/story.toml", 1, "") in problems  # not a table
    assert ("wrong-type", "translations/ru/story.toml", 9, "journey.walk.title") in problems
    assert ("bad-value", "translations/ru/story.toml", 16, "money") not in problems
    assert ("bad-value", "translations/ru/story.toml", 16, "variable.money.label") in problems
    assert ("unknown-key", "translations/ru/story.toml", 4, "x") not in problems  # an orphan, as a whole
    assert ("orphan-translation", "translations/ru/story.toml", 2, "x") in problems
    (copy / "translations" / "ru" / "more.toml").mkdir()
    assert ("unreadable", "translations/ru/more.toml", None, "") in found(copy)


def test_an_entry_in_two_tables_and_an_entry_in_the_wrong_table(copy: Path) -> None:
    (copy / "translations" / "ru" / "extra.toml").write_text(
        f'["scene.office.title"]\nlock = "{lock_of("The office")}"\ntext = "Офис"\n'
        f'["journey.walk.title"]\nlock = "{lock_of("A walk")}"\ntext = "Прогулка"\n',
        encoding="utf-8",
    )
    (copy / "translations" / "ru" / "story.toml").write_text(
        (STORY / "translations" / "ru" / "story.toml")
        .read_text(encoding="utf-8")
        .replace('["journey.walk.title"]\nlock = "8628f37d"\ntext = "Прогулка"\n', ""),
        encoding="utf-8",
    )
    problems = found(copy)
    assert ("duplicate", "translations/ru/scenes.toml", 41, "scene.office.title") in problems
    assert ("misplaced-translation", "translations/ru/extra.toml", 4, "journey.walk.title") in problems


def test_glossary_omit_and_new_entries_are_checked(copy: Path) -> None:
    table = copy / "translations" / "ru" / "story.toml"
    edit(table, 'omit = true\nlock = "c5c08d3f"', 'omit = true\nlock = "00000000"')
    edit(table, 'new = true\nterm = "акимат"', 'new = true\nterm = ""')
    (copy / "translations" / "ru" / "gloss.toml").write_text(
        '["glossary.iin"]\nnew = true\nterm = "ИИН"\ntext = "?"\n'
        '["glossary.zzz"]\nomit = true\nlock = "00000000"\n'
        '["glossary.x"]\nomit = true\nnew = true\n',
        encoding="utf-8",
    )
    problems = found(copy)
    assert ("stale-translation", "translations/ru/story.toml", 63, "glossary.propiska") in problems
    assert ("bad-value", "translations/ru/story.toml", 67, "glossary.akimat") in problems
    assert ("duplicate", "translations/ru/gloss.toml", 1, "glossary.iin") in problems
    assert ("orphan-translation", "translations/ru/gloss.toml", 5, "glossary.zzz") in problems
    assert ("rule", "translations/ru/gloss.toml", 8, "glossary.x") in problems


def test_a_translated_term_that_no_translated_text_holds_is_a_warning(copy: Path) -> None:
    edit(copy / "translations" / "ru" / "story.toml", 'also = ["акимата", "акимате"]', 'also = ["акимата"]')
    assert found(copy) == [("unused-glossary", "translations/ru/story.toml", 65, "akimat")]


def test_unknown_and_malformed_languages(copy: Path) -> None:
    assert found(copy, "de") == [("no-language", "translations", None, "de")]
    result = load(copy, "../../etc")
    assert result.story is None
    assert [d.code for d in result.diagnostics] == [Code.NO_LANGUAGE]
    assert "is not a language code" in result.diagnostics[0].message


def relocant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_check_lang_reports_and_sums_up(copy: Path) -> None:
    clean = relocant("check", "--lang", "ru", str(copy))
    assert clean.returncode == 0
    assert "ru: 32 of 32 strings translated (100.0% of the words), 0 stale, 0 missing" in clean.stdout
    edit(copy / "scenes.toml", 'title = "The office"', 'title = "The front office"')
    stale = relocant("check", "--lang", "ru", "--strict", str(copy))
    assert stale.returncode == 1
    assert "translated/translations/ru/scenes.toml:42: warning: 'scene.office.title' is stale" in stale.stdout
    assert "Traceback" not in stale.stdout + stale.stderr


def test_stats_lang_gives_the_coverage_in_strings_and_words(copy: Path) -> None:
    edit(copy / "scenes.toml", 'title = "The office"', 'title = "The front office"')
    out = relocant("stats", "--lang", "xx", "--runs", "3", str(copy))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Translation into xx:"
    assert " ".join(lines[1].split()) == (
        "all 3 of 32 strings, 5 of 95 words ( 5.3%); stale 0 (0 words), missing 29 (90 words)"
    )
    assert lines[2].startswith("  story.toml ") and lines[3].startswith("  scenes.toml ")
    assert "Tranzlatu: 3 scenes" in out.stdout  # the figures are of the story in that language
    data = json.loads(relocant("stats", "--lang", "ru", "--runs", "3", "--json", str(copy)).stdout)
    assert data["translation"]["stale"] == 1 and data["translation"]["translated"] == 31
    assert data["translation"]["files"]["scenes.toml"]["stale_words"] == 3
