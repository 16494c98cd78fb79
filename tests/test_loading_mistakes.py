"""An author's mistakes are each reported once, where they are, and set off nothing else."""

from __future__ import annotations

from pathlib import Path

from loading_support import GOOD_SCENES, GOOD_STORY, check, messages, story_with

from engine.core.diagnostics import Code
from engine.loading.loader import load

EXTRA_SCENES = """# the walk, continued
journey = "wakl"

[[scene]]
id = "extra"
title = "Extra"
text = "Text."

[[scene.choice]]
text = "Back"
goto = "gate"

[[scene]]
id = "extra2"
title = "Extra 2"
text = "Text."

[[scene.choice]]
text = "Back"
goto = "extra"
"""


def test_a_misspelt_file_journey_is_one_error_at_its_line(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('goto = "home"\n\n', 'goto = "extra2"\n\n', 1)
    result = load(story_with(tmp_path, {"extra.toml": EXTRA_SCENES}, scenes=scenes))
    assert messages(result.diagnostics) == ["extra.toml:2: there is no journey 'wakl'"]
    d = result.errors[0]
    assert d.hint == "did you mean `walk`?"
    assert (d.code, d.name) == (Code.NO_JOURNEY, "wakl")


def test_an_unknown_key_in_a_scene_keeps_the_scene(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('title = "The office"', 'titl = "The office"')
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == ["scenes.toml:30: unknown key 'titl' in [[scene]]"]
    assert result.errors[0].hint == "did you mean `title`?"


def test_a_scene_missing_a_key_is_still_a_scene_others_can_reach(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('title = "The office"\n', "")
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == ["scenes.toml:28: [[scene]] has no 'title'"]


def test_a_glossary_term_used_in_no_text_is_a_warning(tmp_path: Path) -> None:
    extra = '[glossary.kandas]\nterm = "Kandas"\ntext = "Ethnic Kazakhs returning to Kazakhstan."\n'
    result = load(story_with(tmp_path, {"extra.toml": extra}))
    assert messages(result.diagnostics) == [
        "extra.toml:1: the glossary term 'Kandas' appears in no scene's text"
    ]
    assert result.story is not None


def test_a_glossary_term_in_a_text_a_variable_is_given_is_used(tmp_path: Path) -> None:
    extra = '[glossary.kandas]\nterm = "Kandas"\ntext = "Ethnic Kazakhs."\n\n[variables.who]\ntype = "text"\ndefault = "the Kandas"\n'
    scenes = GOOD_SCENES.replace('text = "{if', 'text = "{who} {if')
    result = load(story_with(tmp_path, {"extra.toml": extra}, scenes=scenes))
    assert result.diagnostics == []


# ---------------------------------------------------------------- text that reaches the terminal

ESCAPE_TITLE = GOOD_STORY.replace('title = "Tiny"', 'title = "Tiny\\u001b]0;PWN\\u0007\\u001b[2J"')


def test_a_control_character_in_a_story_is_refused_at_its_line(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "story.toml").write_text(ESCAPE_TITLE, encoding="utf-8")
    result = load(root)
    assert result.story is None
    assert messages(result.errors) == [
        "story.toml:3: this text holds a control character, which could change the player's terminal"
    ]
    assert result.errors[0].column == len('title = "Tiny') + 1


def test_check_never_prints_a_control_character_from_a_file(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "story.toml").write_text(ESCAPE_TITLE, encoding="utf-8")
    (root / "raw.toml").write_text('[[scene]]\nid = "x\x1b[2J"\n', encoding="utf-8")
    out = check(str(root))
    assert out.returncode == 1
    assert "raw.toml:2: error: TOML syntax" in out.stdout
    assert "\\x1b[2J" in out.stdout
    assert not any(c in out.stdout + out.stderr for c in "\x1b\x07")


def test_textual_markup_in_titles_is_only_text_to_the_loader(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('title = "The office"', 'title = "The [/] office [b]"')
    story = GOOD_STORY.replace('title = "Tiny"', 'title = "Tiny [/]"')
    root = story_with(tmp_path, scenes=scenes)
    (root / "story.toml").write_text(story, encoding="utf-8")
    result = load(root)
    assert result.diagnostics == []
    assert result.story is not None and result.story.title == "Tiny [/]"


def test_a_huge_value_with_a_mistake_is_shown_once_and_cut_short(tmp_path: Path) -> None:
    huge = "9" * 10_000_000
    scenes = GOOD_SCENES.replace('advance = "2h"', f'advance = "{huge}x"')
    out = check(str(story_with(tmp_path, scenes=scenes)))
    assert out.returncode == 1
    assert "scenes.toml:31: error:" in out.stdout
    assert len(out.stdout) < 2_000


def test_a_number_beyond_what_a_story_may_hold_is_refused(tmp_path: Path) -> None:
    """Such a story played, but its games could not be saved and loaded again."""
    story = GOOD_STORY.replace("default = 10\n", "default = 10000000000000000000000\n").replace(
        "max = 100\n", "max = 99999999999999999999999\n"
    )
    root = story_with(tmp_path)
    (root / "story.toml").write_text(story, encoding="utf-8")
    result = load(root)
    assert messages(result.errors) == [
        "story.toml:15: 'money' has default 10000000000000000000000, beyond the largest number a story may hold",
        "story.toml:17: 'money' has max 99999999999999999999999, beyond the largest number a story may hold",
    ]


def test_a_mistaken_default_does_not_undeclare_its_variable(tmp_path: Path) -> None:
    story = GOOD_STORY.replace("default = 10\n", 'default = "10"\n')
    root = story_with(tmp_path)
    (root / "story.toml").write_text(story, encoding="utf-8")
    assert messages(load(root).diagnostics) == [
        "story.toml:15: the default of 'money' must be a whole number, not text"
    ]


def test_a_text_default_longer_than_a_text_may_be_is_refused(tmp_path: Path) -> None:
    extra = f'[variables.note]\ntype = "text"\ndefault = "{"x" * 10_001}"\n'
    scenes = GOOD_SCENES.replace('text = "{if', 'text = "{note} {if')
    result = load(story_with(tmp_path, {"extra.toml": extra}, scenes=scenes))
    assert "longer than 10,000 characters" in messages(result.errors)[0]


def test_a_misspelt_table_header_declares_what_it_holds(tmp_path: Path) -> None:
    story = GOOD_STORY.replace("[variables.money]", "[variabels.money]")
    root = story_with(tmp_path)
    (root / "story.toml").write_text(story, encoding="utf-8")
    result = load(root)
    assert messages(result.diagnostics) == ["story.toml:13: unknown top-level key 'variabels'"]
    assert result.errors[0].hint == "did you mean `variables`?"


def test_a_mistake_in_a_misspelt_table_is_shown_where_it_is_written(tmp_path: Path) -> None:
    extra = '[[secne]]\nid = "extra"\ntitle = "Extra"\ntext = "x"\ntitel = "y"\n\n[[secne.choice]]\ntext = "Go"\ngoto = "gate"\n'
    result = load(story_with(tmp_path, {"extra.toml": extra}))
    assert messages(result.errors) == [
        "extra.toml:1: unknown top-level key 'secne'",
        "extra.toml:5: unknown key 'titel' in [[scene]]",
    ]


def test_a_scene_without_an_id_sets_off_nothing_in_the_scenes_that_lead_to_it(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('id = "office"\n', "")
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == ["scenes.toml:28: [[scene]] has no 'id'"]


def test_a_misspelt_goto_does_not_also_make_the_scenes_after_it_unreachable(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('goto = "office"', 'goto = "ofice"')
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == [
        "scenes.toml:14: the choice goes to 'ofice', which is not a scene"
    ]


def test_a_misspelt_journey_start_does_not_also_make_every_scene_unreachable(tmp_path: Path) -> None:
    story = GOOD_STORY.replace('start = "gate"', 'start = "gaet"')
    root = story_with(tmp_path)
    (root / "story.toml").write_text(story, encoding="utf-8")
    result = load(root)
    assert messages(result.diagnostics) == [
        "story.toml:10: the journey 'walk' starts at 'gaet', which is not a scene"
    ]


def test_a_lost_story_header_is_one_error(tmp_path: Path) -> None:
    root = story_with(tmp_path)
    (root / "story.toml").write_text(GOOD_STORY.replace("[story]\n", "# the story\n"), encoding="utf-8")
    result = load(root)
    assert messages(result.diagnostics) == [
        "story.toml:2: these keys belong to [story]: a [story] line is probably missing above them"
    ]


def test_a_scene_whose_id_line_is_broken_sets_off_nothing_in_the_scenes_that_lead_to_it(
    tmp_path: Path,
) -> None:
    scenes = GOOD_SCENES.replace('id = "office"', 'id  "office"')
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == [
        "scenes.toml:29: TOML syntax: expected '=' after a key in a key/value pair"
    ]


def test_an_empty_journey_start_is_one_error_not_a_crash_in_play(tmp_path: Path) -> None:
    """Found by tests/test_fuzz_stories.py: `start = ""` passed check and raised KeyError in play."""
    story = GOOD_STORY.replace('start = "gate"', 'start = ""')
    root = story_with(tmp_path)
    (root / "story.toml").write_text(story, encoding="utf-8")
    result = load(root)
    assert result.story is None
    assert messages(result.diagnostics) == [
        "story.toml:10: the journey 'walk' starts at '', which is not a scene"
    ]


def test_a_misspelt_variable_declaration_is_one_error_where_it_is_declared(tmp_path: Path) -> None:
    story = GOOD_STORY.replace("[variables.money]", "[variables.mony]")
    result = load(story_with(tmp_path, {"story.toml": story}))
    assert messages(result.diagnostics) == [
        "story.toml:13: the variable 'mony' is used nowhere, but 'money', which is not declared, is used 4 times"
    ]
    d = result.errors[0]
    assert d.hint == "did you mean `money`? It is first used at story/scenes.toml:7"
    assert (d.code, d.name) == (Code.NO_VARIABLE, "mony")


def test_a_misspelt_tag_among_a_variables_values_is_one_error_where_it_is_written(tmp_path: Path) -> None:
    story = GOOD_STORY.replace('values = ["iin", "lease"]', 'values = ["iin", "leese"]')
    scenes = GOOD_SCENES.replace(
        'because = "needs an IIN and 50 ₸"',
        'because = "needs an IIN and 50 ₸"\neffects = ["papers += \'lease\'"]',
    ).replace(
        "You have a number now.{end}", "You have a number now.{end}{if 'lease' in papers} A lease too.{end}"
    )
    result = load(story_with(tmp_path, {"story.toml": story}, scenes=scenes))
    assert messages(result.diagnostics) == [
        "story.toml:25: the tag 'leese' of 'papers' is used nowhere, but 'lease', "
        "which is not among its values, is used twice"
    ]
    d = result.errors[0]
    assert d.source_line is not None and d.source_line[d.column - 1 :].startswith('"leese"')
    assert d.hint == "did you mean `lease`? It is first used at story/scenes.toml:43"
    assert (d.code, d.name) == (Code.NO_TAG, "papers")


def test_an_undeclared_variable_used_in_many_places_is_one_error_at_the_first(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace("money", "cash")
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.errors) == [
        "scenes.toml:7: 'cash' is not a declared variable; it is used 4 times, first here"
    ]
    assert result.errors[0].hint == "declare it under [variables] in story.toml"
    assert (result.errors[0].code, result.errors[0].name) == (Code.NO_VARIABLE, "cash")


def test_a_tag_a_condition_looks_for_must_be_among_the_values(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace("requires = \"'iin' in papers", "requires = \"'inn' in papers")
    result = load(story_with(tmp_path, scenes=scenes))
    assert messages(result.diagnostics) == ["scenes.toml:41: 'inn' is not one of the tags of 'papers'"]
    d = result.errors[0]
    assert d.hint == "did you mean `iin`?"
    assert d.source_line is not None and d.source_line[d.column - 1 :].startswith("'inn' in papers")


def test_a_scene_id_ending_in_a_line_break_is_not_an_identifier(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('id = "home"', 'id = "home\\n"').replace('goto = "home"', 'goto = "home\\n"')
    result = load(story_with(tmp_path, scenes=scenes))
    assert [d.message for d in result.errors] == ["'home\\x0a' cannot be a scene id"]


def test_a_tags_default_of_the_wrong_kind_is_one_error(tmp_path: Path) -> None:
    for default, problem in (('"iin"', "not text"), ('["iin", 3]', "not a list")):
        story = GOOD_STORY.replace("default = []", f"default = {default}")
        result = load(story_with(tmp_path / problem[-4:], {"story.toml": story}))
        assert messages(result.diagnostics) == [
            f"story.toml:24: the default of 'papers' must be a list of tags, {problem}"
        ]
