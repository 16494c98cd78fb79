"""The loader and checker: one test per kind of problem, asserting the message and the line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from engine.core.diagnostics import Diagnostic
from engine.loading.loader import load

STORIES = Path(__file__).resolve().parent / "stories"

GOOD_SCENES = (STORIES / "tiny" / "scenes.toml").read_text(encoding="utf-8")


def story_with(tmp_path: Path, extra: str, name: str = "extra.toml", replace: str | None = None) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STORIES / "tiny", root)
    if replace is not None:
        (root / "scenes.toml").write_text(replace, encoding="utf-8")
    if extra:
        (root / name).write_text(extra, encoding="utf-8")
    return root


def only(diags: list[Diagnostic], fragment: str) -> Diagnostic:
    found = [d for d in diags if fragment in d.message]
    assert len(found) == 1, [d.message for d in diags]
    return found[0]


SCENE = """
[[scene]]
id = "extra"
title = "Extra"
text = "Text."
"""


def test_the_fixture_story_is_clean() -> None:
    result = load(STORIES / "tiny")
    assert result.diagnostics == []
    assert result.story is not None


def test_toml_syntax_error(tmp_path: Path) -> None:
    root = story_with(tmp_path, '[[scene]]\nid = "x"\ntitle = Pushkin Square\n')
    d = only(load(root).errors, "TOML syntax")
    assert (d.file.name, d.line) == ("extra.toml", 3)
    assert "quotes" in (d.hint or "")
    assert d.source_line == "title = Pushkin Square"


def test_unknown_key_with_a_suggestion(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + 'titel = "x"\n\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n')
    d = only(load(root).errors, "unknown key 'titel'")
    assert d.line == 6
    assert d.hint == "did you mean `title`?"


def test_unknown_key_in_a_choice(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + '\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\nrequire = "true"\n')
    d = only(load(root).errors, "unknown key 'require'")
    assert d.line == 10
    assert d.hint == "did you mean `requires`?"


def test_wrong_value_type(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + 'tags = "protest"\n\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n')
    d = only(load(root).errors, "'tags' must be a list of texts, not text")
    assert d.line == 6


def test_duplicate_scene_ids_name_both_places(tmp_path: Path) -> None:
    root = story_with(
        tmp_path,
        '[[scene]]\nid = "office"\ntitle = "Again"\ntext = "x"\n[scene.ending]\ntitle = "x"\nkind = "sombre"\n',
    )
    found = [d for d in load(root).errors if "'office' is used twice" in d.message]
    places = sorted((d.file.name, d.line) for d in found)
    assert places == [("extra.toml", 2), ("scenes.toml", 29)]


def test_missing_target_scene_with_a_suggestion(tmp_path: Path) -> None:
    root = story_with(tmp_path, "", replace=GOOD_SCENES.replace('goto = "office"', 'goto = "ofice"'))
    d = only(load(root).errors, "goes to 'ofice'")
    assert (d.file.name, d.line) == ("scenes.toml", 14)
    assert d.hint == "did you mean `office`?"
    assert d.column == 8


def test_undeclared_variable_points_at_the_name(tmp_path: Path) -> None:
    root = story_with(
        tmp_path, "", replace=GOOD_SCENES.replace('requires = "money >= 5"', 'requires = "mony >= 5"')
    )
    d = only(load(root).errors, "'mony' is not a declared variable")
    assert (d.line, d.column) == (15, 13)
    assert d.hint == "did you mean `money`?"
    assert d.format().splitlines()[-2].strip() == "^"


def test_expression_syntax_error_in_text_points_into_the_text(tmp_path: Path) -> None:
    broken = GOOD_SCENES.replace("{if first_visit}", "{if first_visit and}")
    root = story_with(tmp_path, "", replace=broken)
    d = only(load(root).errors, "ends too soon")
    assert d.line == 7
    assert d.source_line is not None and d.source_line[d.column - 1] == "}"


def test_expression_type_error_in_an_effect(tmp_path: Path) -> None:
    root = story_with(tmp_path, "", replace=GOOD_SCENES.replace('"money -= 5"', "\"money -= 'five'\""))
    d = only(load(root).errors, "'money -=' needs an integer, not text")
    assert d.line == 17


def test_unknown_tag(tmp_path: Path) -> None:
    root = story_with(tmp_path, "", replace=GOOD_SCENES.replace("papers += 'iin'", "papers += 'inn'"))
    d = only(load(root).errors, "'inn' is not one of the tags of 'papers'")
    assert d.hint == "did you mean `iin`?"


def test_journey_whose_start_is_missing(tmp_path: Path) -> None:
    root = story_with(tmp_path, '[[journey]]\nid = "two"\ntitle = "Two"\nblurb = "b"\nstart = "gat"\n')
    d = only(load(root).errors, "starts at 'gat', which is not a scene")
    assert (d.file.name, d.line) == ("extra.toml", 5)
    assert d.hint == "did you mean `gate`?"


def test_unknown_source_in_facts(tmp_path: Path) -> None:
    root = story_with(
        tmp_path, "", replace=GOOD_SCENES.replace('"rep: there is a gate"', '"meduza: there is a gate"')
    )
    d = only(load(root).errors, "there is no source 'meduza'")
    assert d.line == 5


def test_bad_date_and_duration(tmp_path: Path) -> None:
    root = story_with(
        tmp_path,
        SCENE + 'date = "24.02.2022"\nadvance = "2 hours"\n\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n',
    )
    errors = load(root).errors
    assert only(errors, "is not a date").line == 6


def test_requires_without_because(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + '\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\nrequires = "true"\n')
    assert only(load(root).errors, "needs 'because'").line == 10


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    broken = GOOD_SCENES.replace('goto = "office"', 'goto = "ofice"').replace("money >= 5", "mony >= 5")
    root = story_with(tmp_path, "", replace=broken)
    messages = [d.message for d in load(root).errors]
    assert any("ofice" in m for m in messages) and any("mony" in m for m in messages)


# ---------------------------------------------------------------- warnings


def test_unreachable_scene_is_a_warning(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + '\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n')
    result = load(root)
    assert result.errors == []
    d = only(result.warnings, "no journey can reach the scene 'extra'")
    assert (d.file.name, d.line) == ("extra.toml", 3)


def test_scene_with_no_way_out_is_a_warning(tmp_path: Path) -> None:
    root = story_with(
        tmp_path,
        "",
        replace=GOOD_SCENES.replace(
            '[[scene.choice]]\ntext = "Go home"\ngoto = "home"\n\n[[scene.choice]]\ntext = "Sign a lease"\ngoto = "home"\n'
            'requires = "\'iin\' in papers and money >= 50"\nbecause = "needs an IIN and 50 ₸"\n',
            "",
        ),
    )
    d = only(load(root).warnings, "'office' is not an ending and has no choices")
    assert d.line == 29


def test_unused_variable_is_a_warning(tmp_path: Path) -> None:
    root = story_with(tmp_path, '[variables.spare]\ntype = "integer"\ndefault = 0\n')
    d = only(load(root).warnings, "'spare' is declared but never used")
    assert (d.file.name, d.line) == ("extra.toml", 1)


# ---------------------------------------------------------------- the command


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True)


def test_check_exits_0_on_a_clean_story() -> None:
    out = run("check", str(STORIES / "tiny"))
    assert out.returncode == 0, out.stdout
    assert "0 error(s), 0 warning(s)" in out.stdout


def test_check_exits_1_with_file_line_and_caret_and_no_traceback(tmp_path: Path) -> None:
    root = story_with(tmp_path, "", replace=GOOD_SCENES.replace('goto = "office"', 'goto = "ofice"'))
    out = run("check", "--story", str(root))
    assert out.returncode == 1
    assert "story/scenes.toml:14: error: the choice goes to 'ofice', which is not a scene" in out.stdout
    assert "did you mean `office`?" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_play_on_a_broken_story_reports_and_exits_1(tmp_path: Path) -> None:
    root = story_with(tmp_path, "[[scene]\n")
    out = subprocess.run(
        [sys.executable, "-m", "engine.cli", "play", "--plain", "--story", str(root), "walk"],
        capture_output=True,
        text=True,
        input="",
    )
    assert out.returncode == 1
    assert "extra.toml:1: error: TOML syntax" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr


def test_check_on_a_missing_folder(tmp_path: Path) -> None:
    out = run("check", str(tmp_path / "nope"))
    assert out.returncode == 1
    assert "there is no story folder" in out.stderr


# ---------------------------------------------------------------- loading again


def test_a_second_load_of_the_same_files_gives_the_same_story_and_play(tmp_path: Path) -> None:
    from engine.core.game import Game

    root = story_with(tmp_path, "")
    first, second = load(root), load(root)
    assert first.story is not None and second.story is not None
    a, b = Game.start(first.story, "walk", seed=3), Game.start(second.story, "walk", seed=3)
    for choice in (2, 1, 1):
        assert a.choose(choice) == b.choose(choice)
    assert a.to_dict() == b.to_dict()


def test_a_second_load_of_a_broken_story_reports_the_same_problems(tmp_path: Path) -> None:
    root = story_with(tmp_path, SCENE + 'titel = "x"\n')
    first, second = load(root), load(root)
    assert second.story is None
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    assert any("unknown key 'titel'" in d.message for d in second.errors)


def test_an_edit_is_never_hidden_by_the_cache(tmp_path: Path) -> None:
    root = story_with(tmp_path, "")
    assert load(root).errors == []
    scenes = root / "scenes.toml"
    scenes.write_text(scenes.read_text().replace('goto = "office"', 'goto = "ofice"'))
    assert any("ofice" in d.message for d in load(root).errors)


def test_a_loaded_story_is_kept_out_of_the_collectors_rounds() -> None:
    """A full collection would rescan every scene during play; the story is frozen out of it."""
    import gc

    story = load(STORIES / "tiny").story
    assert story is not None
    scene = story.scenes["gate"]
    assert gc.is_tracked(scene)
    assert not any(any(o is scene for o in gc.get_objects(g)) for g in range(3))
