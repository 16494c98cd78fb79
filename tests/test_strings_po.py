"""A translation as a gettext .po file and back (`relocant strings export/import`, docs/translating.md):
what comes back checks clean and plays the same, keeps what a .po file cannot say, and an entry
translated from an English that has changed since is stale at its line."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po, write_po

from engine.core.diagnostics import Code
from engine.loading.loader import load
from engine.loading.strings import lock_of
from engine.tools import po
from engine.tools import replay as replays

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "story"
TRANSLATED = Path(__file__).resolve().parent / "stories" / "translated"
PLAYTHROUGHS = Path(__file__).resolve().parent / "playthroughs"


def copied(story: Path, tmp_path: Path) -> Path:
    target = tmp_path / story.name
    shutil.copytree(story, target)
    return target


def tables(root: Path) -> dict[str, bytes]:
    folder = root / "translations" / "ru"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.toml"))}


def exported(root: Path) -> bytes:
    return po.po_bytes(po.export(po.read(root, "ru")))


def edited(data: bytes, change: dict[str, tuple[str, bool]]) -> bytes:
    """The .po file with the messages named by their context given a new msgstr, fuzzy or not."""
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context in change:
            message.string, fuzzy = change[message.context]
            if fuzzy:
                message.flags.add("fuzzy")
            else:
                message.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def test_importing_what_was_exported_changes_no_table(tmp_path: Path) -> None:
    root = copied(GAME, tmp_path)
    before = tables(root)
    done = po.import_po(po.read(root, "ru"), exported(root))
    assert done.written == [] and done.entries == 0 and done.untranslated == 0 and done.problems == []
    assert done.unchanged > 1000
    assert tables(root) == before  # byte for byte, comments and all


def test_the_russian_rebuilt_from_its_po_file_checks_clean_and_plays_the_same(tmp_path: Path) -> None:
    root = copied(GAME, tmp_path)
    data = exported(root)
    carried = {m.context for m in read_po(io.BytesIO(data)) if m.id}
    folder = root / "translations" / "ru"
    originals = {p: tomllib.loads(p.read_text(encoding="utf-8")) for p in folder.rglob("*.toml")}
    for path, entries in originals.items():  # only what a .po file cannot say is left
        kept = {key: body for key, body in entries.items() if key not in carried}
        path.write_text(
            "".join(
                f"[{json.dumps(key, ensure_ascii=False)}]\n"
                + "".join(
                    f"{name} = {json.dumps(value, ensure_ascii=False)}\n" for name, value in body.items()
                )
                + "\n"
                for key, body in kept.items()
            ),
            encoding="utf-8",
        )
    assert any(tomllib.loads(p.read_text(encoding="utf-8")) != e for p, e in originals.items())
    done = po.import_po(po.read(root, "ru"), data)
    assert done.problems == [] and done.entries == len(carried)
    for path, entries in originals.items():
        assert tomllib.loads(path.read_text(encoding="utf-8")) == entries, path
    result = load(root, "ru")
    assert result.story is not None
    assert [d.format(root) for d in result.diagnostics] == []  # clean, as the tables it came from
    for path in sorted(PLAYTHROUGHS.glob("ru_*.toml")):
        recorded = replays.read(path)
        assert recorded.lang == "ru"
        _now, diff = replays.compare(recorded, result.story)
        assert diff == [], path.name


def test_an_old_po_file_imported_after_the_english_changed_is_stale_at_its_line(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    data = edited(exported(root), {"scene.gate.title": ("Ворота во двор", False)})
    scenes = root / "scenes.toml"
    scenes.write_text(
        scenes.read_text(encoding="utf-8").replace('title = "The gate"', 'title = "The iron gate"'),
        encoding="utf-8",
    )
    done = po.import_po(po.read(root, "ru"), data)
    assert done.entries == 1
    table = root / "translations" / "ru" / "scenes.toml"
    lines = table.read_text(encoding="utf-8").splitlines()
    at = lines.index('text = "Ворота во двор"')
    assert lines[at - 1] == f'lock = "{lock_of("The gate")}"'  # the English the translator read
    stale = [d for d in load(root, "ru").diagnostics if d.code is Code.STALE_TRANSLATION]
    assert [(d.file, d.line, d.name) for d in stale] == [(table, at, "scene.gate.title")]
    checked = subprocess.run(
        [sys.executable, "-m", "engine.cli", "check", "--lang", "ru", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"translations/ru/scenes.toml:{at}: warning: 'scene.gate.title' is stale" in checked.stdout


def test_a_stale_entry_is_exported_fuzzy_and_stays_stale_until_reviewed(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    table = root / "translations" / "ru" / "scenes.toml"
    text = table.read_text(encoding="utf-8")
    right = f'lock = "{lock_of("The gate")}"\ntext = "Ворота"'
    assert right in text
    table.write_text(text.replace(right, 'lock = "12345678"\ntext = "Ворота"'), encoding="utf-8")
    data = exported(root)
    message = read_po(io.BytesIO(data)).get("The gate", "scene.gate.title")
    assert isinstance(message, Message) and message.fuzzy and "lock: 12345678" in message.auto_comments
    # a translator changes another entry and leaves the fuzzy one for later
    later = edited(
        data, {"scene.gate.location": ("Город Алматы", False), "scene.gate.title": ("Калитка", True)}
    )
    po.import_po(po.read(root, "ru"), later)
    after = table.read_text(encoding="utf-8")
    assert 'lock = "12345678"\ntext = "Калитка"' in after
    assert f'lock = "{lock_of("Almaty")}"\ntext = "Город Алматы"' in after
    story = load(root, "ru").story
    assert story is not None and story.scenes["gate"].location == "Город Алматы"
    assert [d.name for d in load(root, "ru").diagnostics if d.code is Code.STALE_TRANSLATION] == [
        "scene.gate.title"
    ]
    # reviewed: the fuzzy mark taken off, the entry follows the English again
    po.import_po(po.read(root, "ru"), edited(later, {"scene.gate.title": ("Калитка", False)}))
    assert f'lock = "{lock_of("The gate")}"\ntext = "Калитка"' in table.read_text(encoding="utf-8")
    assert [d for d in load(root, "ru").diagnostics if d.code is Code.STALE_TRANSLATION] == []


def test_what_a_po_file_cannot_say_is_kept_and_what_it_cannot_place_is_said(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    before = tables(root)
    catalog = read_po(io.BytesIO(exported(root)))
    for message in catalog:
        if message.id:
            message.string = ""  # nothing translated: nothing changes
    catalog["a stray"] = Message("a stray", "что-то", context="scene.nowhere.title")
    catalog["no context"] = Message("no context", "без контекста")
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    done = po.import_po(po.read(root, "ru"), out.getvalue())
    assert done.written == [] and tables(root) == before
    assert len(done.problems) == 2
    assert done.problems[0] == (
        "scene.nowhere.title: the story has no such string and the message names no file; left out"
    )
    assert done.problems[1].endswith(": a message with no msgctxt names no string; left out")
    assert "glossary.propiska" not in exported(root).decode("utf-8")  # the entry Russian leaves out


def relocant(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ},
    )
    assert "Traceback" not in done.stderr
    return done


def test_relocant_strings_export_and_import(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    shown = relocant("strings", "export", "--lang", "ru", str(root), cwd=tmp_path)
    assert shown.returncode == 0
    catalog = read_po(io.StringIO(shown.stdout))
    assert catalog.get("The gate", "scene.gate.title").string == "Ворота"
    written = relocant(
        "strings", "export", "--lang", "ru", "-o", "ru.po", cwd=root
    )  # the story where you stand
    assert written.returncode == 0 and (root / "ru.po").read_text(encoding="utf-8") == shown.stdout
    (root / "ru.po").write_bytes(
        edited((root / "ru.po").read_bytes(), {"scene.gate.title": ("Калитка", False)})
    )
    done = relocant("strings", "import", "--lang", "ru", "ru.po", cwd=root)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "wrote translations/ru/scenes.toml",
        "1 entry written, 31 unchanged, 0 untranslated left out; check them: relocant check --lang ru",
    ]
    assert relocant("strings", "export", str(root), cwd=tmp_path).returncode == 1
    (tmp_path / "bad.po").write_text("these are not the messages of a catalog\n", encoding="utf-8")
    bad = relocant("strings", "import", "--lang", "ru", str(tmp_path / "bad.po"), str(root), cwd=tmp_path)
    assert bad.returncode == 1 and "not a .po file that can be read" in bad.stderr
    nowhere = relocant("strings", "export", "--lang", "de", str(root), cwd=tmp_path)
    assert nowhere.returncode == 0  # a language with no tables yet: every string, none translated
    assert 'msgctxt "scene.gate.title"\nmsgid "The gate"\nmsgstr ""' in nowhere.stdout


def test_any_text_is_written_so_that_it_reads_back_as_it_was(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    tricky = {
        "scene.gate.text": 'Три кавычки """ и \\ черта, «ёлочки»\tи таб.\n\n{who} {money}{if first_visit}.{else}!{end}\n',
        "scene.gate.location": 'Алматы "в кавычках" \\n не перевод строки \x7f',
        "scene.gate.facts": 'rep: первый факт\nrep: второй, с "кавычками"',
    }
    po.import_po(po.read(root, "ru"), edited(exported(root), {k: (v, False) for k, v in tricky.items()}))
    table = tomllib.loads((root / "translations" / "ru" / "scenes.toml").read_text(encoding="utf-8"))
    assert table["scene.gate.text"]["text"] == tricky["scene.gate.text"]
    assert table["scene.gate.location"]["text"] == tricky["scene.gate.location"]
    assert table["scene.gate.facts"]["text"] == ["rep: первый факт", 'rep: второй, с "кавычками"']


def test_tables_holding_a_control_character_are_not_exported(tmp_path: Path) -> None:
    root = copied(TRANSLATED, tmp_path)
    table = root / "translations" / "ru" / "scenes.toml"
    table.write_text(
        table.read_text(encoding="utf-8").replace('"Ворота"', '"Ворота\\u001b[2J"'), encoding="utf-8"
    )
    done = relocant("strings", "export", "--lang", "ru", str(root), cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert "scenes.toml: a text holds a control character" in done.stderr and "\x1b" not in done.stderr
