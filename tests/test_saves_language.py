"""What the saves say, in the player's language: every error of the saves layer, the notices of a
save rebuilt on a changed story, `relocant saves` and both players' lists of saves; and each save
listed under the title its scene has now, in the language in use, while the story still has it.

The story is tests/stories/translated (whole Russian tables).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from app_support import language_app, notices, run_async
from plain_support import run_relocant
from textual.widgets import DataTable

from engine.frontends.tui.app import RelocantApp
from engine.frontends.tui.screens.saves import SavesScreen
from engine.loading.loader import load_story
from engine.present import catalogs
from engine.saves import SaveStore
from engine.saves.errors import (
    NESTED_TOO_DEEPLY,
    BadSlotName,
    CannotRebuild,
    DamagedSave,
    DeleteFailed,
    EmptySave,
    EndingNotKept,
    ExportFailed,
    FolderUnreadable,
    JourneyGone,
    NoPreviousVersion,
    NoSuchSave,
    NotAFile,
    NotASave,
    OtherStory,
    ReadFailed,
    Reason,
    SaveError,
    SlotTaken,
    SourceUnreadable,
    TooLarge,
    UnknownFormat,
    WriteFailed,
)
from engine.session.play import Session

STORY = Path(__file__).resolve().parent / "stories" / "translated"
RU = catalogs.translations("ru")
CUT_SHORT_RU = "Сохранение «broken» повреждено: файл обрывается раньше времени."


def every_error() -> list[SaveError]:
    restorable = DamagedSave("x1", "it is cut short (the file ends too early)")
    restorable.restorable = True
    previous = EmptySave("x1")
    previous.previous = True
    return [
        *(BadSlotName("x1", reason, limit=40, bad=("/",)) for reason in ("not text", "empty", "too long")),
        *(BadSlotName("x1", reason, bad=("/",)) for reason in ("characters", "spaces", "reserved")),
        NoSuchSave("x1", ("x2", "x3")),
        NoSuchSave("x1", ()),
        NoPreviousVersion("x1"),
        SlotTaken("x1"),
        previous,
        NotASave("x1"),
        restorable,
        DamagedSave("x1", NESTED_TOO_DEEPLY, "game"),
        DamagedSave("x1", "it is not valid JSON at line {line}", "line 3", line=3),
        DamagedSave("x1", "'{name}' is missing", "x2", name="x2"),
        DamagedSave("x1", "choice {number} of its log is not a scene and a choice", number=2),
        DamagedSave("x1", "none of the scenes it passed through is in the story any more"),
        UnknownFormat("x1", "9", True, 1),
        OtherStory("x1", "x2", "x3"),
        JourneyGone("x1", "x2"),
        CannotRebuild("x1", "x2"),
        NotAFile("x1", "a named pipe"),
        TooLarge("x1", 64 * 1024 * 1024),
        ReadFailed("x1", Reason("permission was denied", "/x1")),
        SourceUnreadable("/x1", kind="a device"),
        SourceUnreadable("/x1", limit=64 * 1024 * 1024),
        SourceUnreadable("/x1", Reason("the file or folder does not exist")),
        FolderUnreadable("/x1", "its name cannot be used"),
        WriteFailed("x1", Reason("the disk is full", "/x1"), earlier_kept=True),
        WriteFailed("x1", Reason("the disk is read-only"), earlier_kept=False),
        DeleteFailed("x1", Reason("a folder is in the way")),
        ExportFailed("x1", "/x2", Reason("a file is in the way of a folder")),
        EndingNotKept(Reason("the disk quota is used up")),
    ]


def english_words(text: str) -> list[str]:
    """The English words left in a message, less the names that stay as they are."""
    kept = {"Relocant", "relocant", "saves", "restore", "JSON"}
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in kept]


def test_every_save_error_says_itself_in_russian_and_is_english_by_default() -> None:
    for error in every_error():
        russian = error.describe(RU)
        assert english_words(russian) == [], (type(error).__name__, russian)
        assert re.search("[а-яё]", russian), russian
        assert str(error) == error.describe(catalogs.ENGLISH)  # the language in use: English here
        if not isinstance(error, BadSlotName | EndingNotKept):
            assert "x1" in russian or "/x1" in russian  # the fields, as they are
    assert every_error()[-2].describe(RU) == (
        "Сохранение «x1» не удалось выгрузить в /x2: на месте папки лежит файл."
    )


def test_str_follows_the_language_the_game_is_played_in() -> None:
    error = NoSuchSave("trip", ("north",))
    catalogs.use("ru")
    try:
        assert str(error) == "Сохранения «trip» нет. Есть сохранения: north."
    finally:
        catalogs.use("en")
    assert str(error) == "There is no save named 'trip'. Saves: north."


def saves_of_both(home: Path) -> Path:
    """A save made in English at the gate ('walk'), and a damaged one ('broken'); their folder."""
    done = play("--lang", "en", input="1\nsave walk\n", home=home)
    assert "Saved as 'walk'." in done.stdout, done.stderr
    saves = home / "saves" / "stories" / "translated"  # a story of one's own keeps its saves apart
    (saves / "broken.save.json").write_text('{"kind": "relocant save", "format": 1, "story', encoding="utf-8")
    return saves


def play(*args: str, input: str, home: Path) -> subprocess.CompletedProcess[str]:
    return relocant("play", "--plain", "--story", str(STORY), *args, input=input, home=home)


def relocant(*args: str, input: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    return run_relocant(*args, input=input, home=home, cwd=STORY)


def test_the_plain_player_lists_saves_and_reports_a_damaged_one_in_russian(tmp_path: Path) -> None:
    saves_of_both(tmp_path)
    done = play("--lang", "ru", input="saves\nload broken\nload nowhere\n", home=tmp_path)
    out = done.stdout
    assert "broken — не читается: повреждено: файл обрывается раньше времени" in out
    # saved in English at the gate, listed under the scene's Russian title
    assert re.search(
        r"walk — Прогулка, Ворота — четверг, 24 февраля 2022\s?г\., 18:00 — сохранено .* — в игре ", out
    )
    assert CUT_SHORT_RU in out
    assert "Сохранения «nowhere» нет. Есть сохранения: " in out
    assert "The gate" not in out and "cannot be read" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["saves", "--lang", "ru", "list"],
        ["--lang", "ru", "saves", "list"],
        ["saves", "list", "--lang", "ru"],
    ],
)
def test_saves_list_in_russian(tmp_path: Path, args: list[str]) -> None:
    saves_of_both(tmp_path)
    done = relocant(*args, "--story", str(STORY), home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "broken — не читается: повреждено: файл обрывается раньше времени" in lines
    assert any(line.startswith("walk — Прогулка, Ворота — ") for line in lines), lines


def test_saves_in_english_unless_asked(tmp_path: Path) -> None:
    saves_of_both(tmp_path)
    done = relocant("saves", "list", "--story", str(STORY), home=tmp_path)
    assert "broken — cannot be read: damaged: it is cut short (the file ends too early)" in done.stdout
    assert "walk — A walk, The gate — Thursday, 24 February 2022, 18:00 — saved " in done.stdout


def test_saves_show_check_and_a_damaged_save_in_russian(tmp_path: Path) -> None:
    saves_of_both(tmp_path)
    shown = relocant("saves", "--lang", "ru", "show", "walk", "--story", str(STORY), home=tmp_path)
    lines = shown.stdout.splitlines()
    assert "Сохранение:       walk" in lines
    # named as the story names them now, in the language in use: the save was made in English
    assert "Путешествие:      Прогулка" in lines and "Сцена:            Ворота (gate)" in lines
    assert "Загружается:      да" in lines
    broken = relocant("saves", "--lang", "ru", "show", "broken", "--story", str(STORY), home=tmp_path)
    assert broken.returncode == 1 and f"relocant: {CUT_SHORT_RU}" in broken.stderr
    checked = relocant("saves", "--lang", "ru", "check", "--story", str(STORY), home=tmp_path)
    assert "walk: загружается" in checked.stdout and "broken: не загружается" in checked.stdout
    assert "3 сохранения истории translated; как сохранены, не загрузились бы: 1." in checked.stdout


def test_a_save_whose_scene_is_gone_is_listed_under_the_title_it_recorded(tmp_path: Path) -> None:
    saves = saves_of_both(tmp_path)
    doc = json.loads((saves / "walk.save.json").read_text(encoding="utf-8"))
    doc["meta"]["scene_id"] = "gone"
    doc["meta"]["scene_title"] = "The old gate"
    (saves / "walk.save.json").write_text(json.dumps(doc), encoding="utf-8")
    done = relocant("saves", "--lang", "ru", "list", "--story", str(STORY), home=tmp_path)
    assert any(line.startswith("walk — Прогулка, The old gate — ") for line in done.stdout.splitlines())


def test_a_save_rebuilt_on_a_changed_story_is_explained_in_russian(tmp_path: Path) -> None:
    story = load_story(STORY, "ru")
    store = SaveStore(tmp_path)
    session = Session(story, store, tmp_path, clock=lambda: 0.0)
    session.start("walk", seed=1)
    session.save("old")
    doc = json.loads((tmp_path / "old.save.json").read_text(encoding="utf-8"))
    doc["story"]["fingerprint"] = "an older version"
    doc["game"]["start"]["vars"]["ghost"] = 1
    doc["game"]["start"]["vars"]["money"] = 10**9
    (tmp_path / "old.save.json").write_text(json.dumps(doc), encoding="utf-8")
    catalogs.use("ru")
    try:
        notices = store.load("old", story).notices
    finally:
        catalogs.use("en")
    assert "Переменной «ghost» больше нет в истории, её значение отброшено." in notices
    assert (
        "«Деньги»: значение 1\u00a0000\u00a0000\u00a0000 вне пределов, которые теперь допускает история; "
        "теперь — 100\u00a0000\u00a0000." in notices
    )


def ru_app(saves: Path) -> RelocantApp:
    return language_app(saves, STORY, "ru")


@run_async
async def test_the_textual_game_lists_saves_and_reports_a_damaged_one_in_russian(tmp_path: Path) -> None:
    saves = saves_of_both(tmp_path)
    app = ru_app(saves)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, SavesScreen)
            table = app.screen.query_one("#slots", DataTable)
            rows = {
                str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)]
                for i in range(table.row_count)
            }
            assert rows["broken"][1:3] == ["не читается", "повреждено: файл обрывается раньше времени"]
            assert rows["walk"][1:3] == ["Прогулка", "Ворота"]
            slots = list(rows)
            await pilot.press(*["down"] * slots.index("broken"), "enter")
            await pilot.pause()
            assert CUT_SHORT_RU in notices(app)
    finally:
        catalogs.use("en")


def test_relocant_serve_speaks_russian_under_lang_ru(tmp_path: Path) -> None:
    done = relocant(
        "serve", "--lang", "ru", "--port", "0", "--max-games", "0", "--story", str(STORY), home=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "relocant serve: ошибка: --port должен быть от 1 до 65535, а не 0",
        "relocant serve: ошибка: --max-games должно быть не меньше 1",
    ]
    english = relocant("serve", "--port", "0", "--story", str(STORY), home=tmp_path)
    assert english.stderr == "relocant serve: error: --port must be from 1 to 65535, not 0\n"


@run_async
async def test_continuing_in_the_textual_game_says_so_in_russian(tmp_path: Path) -> None:
    saves_of_both(tmp_path)
    app = ru_app(tmp_path / "saves" / "stories" / "translated")
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert "Загружено: «" in notices(app) and "Loaded" not in notices(app)
    finally:
        catalogs.use("en")


def test_what_is_wrong_inside_a_saved_game_is_said_in_russian_too(tmp_path: Path) -> None:
    """The detail of a damaged game (a scene the story does not have, at a step) is a
    template with values, translated like the rest of the message."""
    from engine.core.game import Game

    story = load_story(Path(__file__).resolve().parent / "stories" / "tiny")
    store = SaveStore(tmp_path)
    game = Game.start(story, "walk", seed=1)
    game.choose(1)
    store.save("one", game, 1)
    path = tmp_path / "one.save.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["game"]["steps"][0][0] = "nowhere"  # the scene the step led to
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DamagedSave) as caught:
        store.load("one", story)
    assert caught.value.describe(RU) == (
        "Сохранение «one» повреждено: шаг 1: сцены «nowhere» нет в этой истории."
    )
    assert str(caught.value) == "The save 'one' is damaged: step 1: the scene 'nowhere' is not in this story."
