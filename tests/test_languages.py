"""Playing in a language: --lang, the environment's language, switching mid-game, saves in any language,
and the game's own words in its gettext catalogs.

The story is tests/stories/translated (whole Russian tables, a made-up "xx" in part).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from engine.frontends.language import Languages, choose, from_environment, offered
from engine.frontends.plain.player import PlainPlayer
from engine.loading.loader import load_story
from engine.present import catalogs
from engine.saves import SaveStore
from engine.session.play import Session

ROOT = Path(__file__).resolve().parent.parent
STORY = Path(__file__).resolve().parent / "stories" / "translated"
CATALOG = ROOT / "engine" / "present" / "locale" / "ru" / "LC_MESSAGES" / "relocant.po"
NBSP = "\u00a0"


def play(
    *args: str, input: str, saves: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "play", "--plain", "--story", str(STORY), *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RELOCANT_SAVES": str(saves), **(env or {})},
    )


def test_play_lang_ru_is_russian_throughout(tmp_path: Path) -> None:
    out = play("--lang", "ru", input="1\n1\nstate\nhelp\n", saves=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Выберите путешествие по номеру:" in text
    assert "== Ворота ==" in text and "четверг, 24 февраля 2022\u202fг., 18:00 · Алматы" in text
    assert f"в кармане 38{NBSP}000 ₸" in text  # the story's numbers as Russian writes them
    assert "Изменилось: Деньги −5 ₸, Документы +ИИН" in text
    assert f"Деньги: 37{NBSP}995 ₸" in text and "Усталость: нет" in text
    assert "Введите номер выбора и нажмите Enter. Команды:" in text


def test_the_language_comes_from_the_environment_when_not_asked(tmp_path: Path) -> None:
    russian = play(input="1\n", saves=tmp_path / "1", env={"LANG": "ru_RU.UTF-8"})
    assert "== Ворота ==" in russian.stdout
    listed = play(input="1\n", saves=tmp_path / "2", env={"LANGUAGE": "de:ru", "LANG": "de_DE.UTF-8"})
    assert "== Ворота ==" in listed.stdout  # German is not offered; Russian, next in the list, is
    other = play(input="1\n", saves=tmp_path / "3", env={"LANG": "de_DE.UTF-8"})
    assert "== The gate ==" in other.stdout  # nothing offered: English
    asked = play("--lang", "en", input="1\n", saves=tmp_path / "4", env={"LANG": "ru_RU.UTF-8"})
    assert "== The gate ==" in asked.stdout  # --lang outranks the environment


def test_the_environments_languages_in_order() -> None:
    assert from_environment({"LANGUAGE": "pt_BR:de", "LANG": "ru_RU.UTF-8"}) == [
        "pt_BR",
        "pt",
        "de",
        "ru_RU",
        "ru",
    ]
    assert from_environment({"LC_ALL": "C.UTF-8", "LANG": "POSIX"}) == []
    assert choose(STORY, None, {"LANG": "kk_KZ.UTF-8"}) == "en"
    assert choose(STORY, "xx", {}) == "xx"
    assert choose(STORY, "de", {}) is None
    assert offered(STORY) == ["en", "ru", "xx"]


def test_a_language_the_story_does_not_have_is_refused_with_the_list(tmp_path: Path) -> None:
    out = play("--lang", "de", input="", saves=tmp_path)
    assert out.returncode == 1
    assert "the game cannot be played in 'de'" in out.stderr and "languages: en, ru, xx" in out.stderr
    assert "Traceback" not in out.stderr


def test_switching_language_mid_game_keeps_the_game_where_it_is(tmp_path: Path) -> None:
    languages = Languages(STORY)
    languages.use("en")
    story = languages.story("en")
    assert story is not None
    session = Session(story, SaveStore(tmp_path), tmp_path, clock=lambda: 0.0)
    session.start("walk", seed=3)
    out = io.StringIO()
    player = PlainPlayer(session, out, languages=languages)
    try:
        player.handle("2")  # rest: a reply, a once-only choice taken
        player.handle("1")
        before = (list(player.game.states), list(player.game.steps), player.game.seed)
        player.handle("language ru")
        assert (player.game.states, player.game.steps, player.game.seed) == before
        assert session.story.language == "ru"
        assert player.game.view().title == "Контора" and "Документы: ИИН." in out.getvalue()
        assert [e.text for e in player.game.journal()] == ["Отдохнуть", "Ты заплатила за ИИН."]
        player.handle("language en")
        assert (player.game.states, player.game.steps) == before[:2]
        assert player.game.view().title == "The office"
        player.handle("language de")
        assert "There is no language 'de': en, ru, xx." in out.getvalue()
    finally:
        catalogs.use("en")


def test_an_english_save_loads_in_russian_and_back(tmp_path: Path) -> None:
    english = play("--lang", "en", input="1\n2\n1\nsave walk\n", saves=tmp_path)
    assert "Saved as 'walk'." in english.stdout
    russian = play("--lang", "ru", input="load walk\nlook\nsave walk-ru\n", saves=tmp_path)
    assert "Загружено: «walk»." in russian.stdout
    assert "== Контора ==" in russian.stdout and "Сохранено как «walk-ru»." in russian.stdout
    back = play("--lang", "en", input="load walk-ru\njournal\n", saves=tmp_path)
    assert "Loaded 'walk-ru'." in back.stdout and "== The office ==" in back.stdout
    assert "Rest" in back.stdout and "You paid for the IIN." in back.stdout
    assert "Ника" not in back.stdout and "ИИН" not in back.stdout


def test_the_russian_catalog_translates_every_string_of_the_game_with_its_placeholders() -> None:
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    assert catalog.num_plurals == 3  # one, few, many: 1 финал, 2 финала, 5 финалов
    written = {}
    for _, _, message, *_ in extract_from_dir(
        str(ROOT / "engine"),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)},  # words.gettext too
    ):
        written[message[0] if isinstance(message, tuple) else message] = message
    untranslated = [m for m in written if not catalog.get(m) or not catalog.get(m).string]
    assert untranslated == []
    assert [m.id for m in catalog if m.id and m.fuzzy] == []  # a guess pybabel update made, never shown
    for msgid in written:
        entry = catalog.get(msgid)
        assert entry is not None
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(re.findall(r"\{\w+", ids[0]))
        for text in strings:
            assert set(re.findall(r"\{\w+", text)) == wanted, (msgid, text)
    translations = catalogs.translations("ru")
    assert [
        translations.ngettext(
            "You have found {found} of the story's {total} endings.",
            "You have found {found} of the story's {total} endings.",
            n,
        ).format(found=1, total=n)
        for n in (1, 2, 5, 21)
    ] == [
        "Из 1 финала истории найдено: 1.",
        "Из 2 финалов истории найдено: 1.",
        "Из 5 финалов истории найдено: 1.",
        "Из 21 финала истории найдено: 1.",
    ]


def test_a_checkout_never_built_reads_the_catalog_from_its_po(tmp_path: Path, monkeypatch: object) -> None:
    """The .mo is made by the build; without it the .po is compiled when first asked for."""
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "relocant.po").write_bytes(CATALOG.read_bytes())
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    catalogs.translations.cache_clear()
    try:
        assert catalogs.translations("ru").gettext("New journey") == "Новое путешествие"
    finally:
        catalogs.translations.cache_clear()


def test_loading_the_story_in_every_offered_language() -> None:
    for code in offered(STORY):
        story = Languages(STORY).story(code)
        assert story is not None
        assert story.language == ("" if code == "en" else code)
    assert load_story(STORY, "ru").title == "Перевод"


def test_the_content_note_reads_as_russian_writes_it(tmp_path: Path) -> None:
    """Russian has no capital after a colon: the note, a whole sentence, follows a full stop."""
    game = ROOT / "story"
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", "play", "--plain", "--lang", "ru", "--story", str(game)],
        input="",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RELOCANT_SAVES": str(tmp_path)},
    )
    assert "Предупреждение. Эта игра о войне" in out.stdout
    assert not re.search(
        r": [А-ЯЁ]", catalogs.translations("ru").gettext("Content note: {note}").format(note="Эта")
    )
