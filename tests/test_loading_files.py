"""Whatever a story folder holds ends in an error naming the file (and line), never a traceback or a hang."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from loading_support import check, messages, story_with

from engine.core.diagnostics import Code
from engine.loading import files
from engine.loading.loader import load


def only_error(root: Path) -> str:
    result = load(root)
    assert result.story is None
    assert len(result.errors) == 1, messages(result.diagnostics)
    assert result.warnings == []
    return messages(result.errors)[0]


def test_a_folder_named_like_a_story_file(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "more.toml").mkdir()
    assert only_error(root) == "more.toml:None: this is a folder, not a story file"


def test_a_link_to_nothing(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    assert only_error(root) == "gone.toml:None: the file is a link to nothing"


def test_a_link_to_itself(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "loop.toml").symlink_to(root / "loop.toml")
    assert only_error(root) == "loop.toml:None: the file is a link that leads back to itself"


def test_a_linked_folder_that_leads_back_up_is_read_once(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "again").symlink_to(root, target_is_directory=True)
    result = load(root)
    assert result.errors == [] and result.story is not None


def test_a_pipe_named_like_a_story_file_is_not_waited_on(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    os.mkfifo(root / "pipe.toml")
    assert only_error(root) == "pipe.toml:None: this is not a regular file (a pipe, a device or a socket)"


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = story_with(tmp_path)
    locked = root / "locked.toml"
    locked.write_text('[[scene]]\nid = "x"\n', encoding="utf-8")
    real_open = os.open

    def refuse(path: object, *args: object, **kw: object) -> int:
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", refuse)
    assert only_error(root) == "locked.toml:None: the file cannot be read (permission denied)"


def test_an_unreadable_folder_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = story_with(tmp_path)
    (root / "more").mkdir()
    (root / "more" / "scenes.toml").write_text('[[scene]]\nid = "x"\n', encoding="utf-8")
    real_scandir = os.scandir

    def refuse(path: object) -> object:
        if Path(str(path)) == root / "more":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(files.os, "scandir", refuse)
    assert only_error(root) == "more:None: the folder cannot be read (permission denied)"


def test_a_file_too_large_to_be_a_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    root = story_with(tmp_path)
    (root / "story.toml").write_text("# " + "x" * 200 + "\n", encoding="utf-8")
    (root / "scenes.toml").write_text("# small\n", encoding="utf-8")
    result = load(root)
    assert messages(result.errors) == ["story.toml:None: the file is larger than 100 bytes"]
    assert result.errors[0].code is Code.UNREADABLE


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "latin.toml").write_bytes(b'[[scene]]\nid = "caf\xe9"\n')
    assert only_error(root) == "latin.toml:2: the file is not UTF-8 text"


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 1000 + "]" * 1000 + "\n",
        "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n",
        "\n[" + ".".join(["a"] * 5000) + "]\n",
    ],
    ids=["lists", "inline tables", "dotted header"],
)
def test_toml_nested_past_what_can_be_read(tmp_path: Path, text: str) -> None:
    root = story_with(tmp_path, {"deep.toml": "# deep\n" + text})
    found = only_error(root)
    assert found.startswith("deep.toml:")
    assert "nested" in found


def test_a_scene_id_that_is_a_list(tmp_path: Path) -> None:
    extra = '[[scene]]\nid = ["a", "b"]\ntitle = "A"\ntext = "x"\n'
    assert only_error(story_with(tmp_path, {"extra.toml": extra})) == (
        "extra.toml:2: 'id' must be text in quotes, not a list"
    )


def test_check_reports_each_special_file_and_no_traceback(tmp_path: Path) -> None:
    root = story_with(tmp_path, {"deep.toml": "x = " + "[" * 1000 + "]" * 1000 + "\n"})
    (root / "folder.toml").mkdir()
    (root / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    os.mkfifo(root / "pipe.toml")
    out = check(str(root))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    for name in ("deep.toml:1: error", "folder.toml: error", "gone.toml: error", "pipe.toml: error"):
        assert name in out.stdout


def test_a_number_too_long_for_python_is_an_error_at_its_line(tmp_path: Path) -> None:
    """tomli lets Python's ValueError for integers over 4,300 digits through: it must be a file:line error."""
    from engine.loading.loader import load

    (tmp_path / "story.toml").write_text(
        '[story]\nid = "t"\ntitle = "T"\nversion = "1"\n\n[variables.n]\ntype = "integer"\ndefault = '
        + "9" * 5000
        + "\n",
        encoding="utf-8",
    )
    result = load(tmp_path)
    assert result.story is None
    [error] = result.errors
    assert error.line == 8 and "too long" in error.message


def test_string_tables_under_translations_are_not_read_as_story_files(tmp_path: Path) -> None:
    """docs/translating.md: `translations/<lang>/` beside the story holds string tables."""
    root = story_with(tmp_path)
    tables = root / "translations" / "ru"
    tables.mkdir(parents=True)
    (tables / "story.toml").write_text('["story.title"]\nlock = "00000000"\ntext = "Т"\n', encoding="utf-8")
    result = load(root)
    assert result.errors == [] and result.warnings == [], messages(result.diagnostics)
    assert result.story is not None


def test_a_nested_folder_named_translations_is_still_read(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    inner = root / "part" / "translations"
    inner.mkdir(parents=True)
    (inner / "bad.toml").write_text("[[scene]\n", encoding="utf-8")
    assert load(root).errors != []
