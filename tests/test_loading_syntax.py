"""TOML syntax errors: reported where the mistake is, and nothing reported that only follows from them."""

from __future__ import annotations

from pathlib import Path

from loading_support import GOOD_SCENES, messages, story_with

from engine.loading.loader import load

SHOP_JOURNEY = """
[[journey]]
id = "shop"
title = "The shop"
blurb = "Buying things."
start = "sm_arrival"

[variables.coins]
type = "integer"
default = 3
"""

SHOP = """[[scene]]
id = "sm_arrival"
title = "Arrival"
text = "You arrive."

[[scene.choice]]
text = "Go in"
goto = "sm_shop"

[[scene]]
id = "sm_shop"
title = "The shop"
text = "A shop."

[[scene.choice]
text = "Buy"
goto = "gate"
effects = ["coins -= 1"]
"""

TO_THE_SHOP = GOOD_SCENES.replace(
    '[[scene.choice]]\ntext = "Rest"',
    '[[scene.choice]]\ntext = "Shop"\ngoto = "sm_shop"\n\n[[scene.choice]]\ntext = "Rest"',
)


def test_a_syntax_error_sets_off_no_errors_or_warnings_elsewhere(tmp_path: Path) -> None:
    root = story_with(tmp_path, {"shop_journey.toml": SHOP_JOURNEY, "shop.toml": SHOP}, scenes=TO_THE_SHOP)
    result = load(root)
    assert messages(result.diagnostics) == [
        "shop.toml:15: TOML syntax: expected ']]' at the end of an array declaration; a ']' is probably missing"
    ]


def test_the_rest_of_a_file_with_a_syntax_error_is_still_checked(tmp_path: Path) -> None:
    broken = SHOP.replace('goto = "sm_shop"', 'goto = "sm_shp"')
    root = story_with(tmp_path, {"shop_journey.toml": SHOP_JOURNEY, "shop.toml": broken}, scenes=TO_THE_SHOP)
    found = messages(load(root).errors)
    assert found[0].startswith("shop.toml:15: TOML syntax")
    assert found[1].startswith("shop.toml:8: the choice goes to 'sm_shp', which is not a scene")
    assert len(found) == 2


def test_a_syntax_error_is_reported_before_anything_else(tmp_path: Path) -> None:
    scenes = GOOD_SCENES.replace('goto = "office"', 'goto = "ofice"')
    root = story_with(tmp_path, {"z_broken.toml": '[[scene]\nid = "z"\n'}, scenes=scenes)
    found = messages(load(root).errors)
    assert found[0].startswith("z_broken.toml:1: TOML syntax")
    assert found[1].startswith("scenes.toml:14: the choice goes to 'ofice'")


def test_an_unclosed_multiline_text_is_reported_where_the_quotes_are_missing(tmp_path: Path) -> None:
    extra = (
        '[[scene]]\nid = "extra"\ntitle = "Extra"\ntext = """\nSome text.\nMore text.\n\n'
        '[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n\n'
        '[[scene]]\nid = "extra2"\ntitle = "Extra 2"\ntext = """\nOther text.\n"""\n\n'
        '[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n'
    )
    result = load(story_with(tmp_path, {"extra.toml": extra}))
    assert len(result.errors) == 1, messages(result.diagnostics)
    d = result.errors[0]
    assert (d.file.name, d.line) == ("extra.toml", 6)
    assert 'a closing """ is probably missing' in d.message
    assert d.source_line == "More text."
    assert result.warnings == []


def test_an_unclosed_list_is_reported_at_its_line(tmp_path: Path) -> None:
    extra = (
        '[[scene]]\nid = "extra"\ntitle = "Extra"\ntext = "x"\ntags = ["a", "b"\n\n'
        '[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n'
    )
    result = load(story_with(tmp_path, {"extra.toml": extra}))
    assert len(result.errors) == 1, messages(result.diagnostics)
    d = result.errors[0]
    assert (d.file.name, d.line) == ("extra.toml", 5)
    assert "']' is probably missing" in d.message


def test_an_unclosed_one_line_text_is_reported_at_its_line(tmp_path: Path) -> None:
    extra = '[[scene]]\nid = "extra"\ntitle = "Extra\ntext = "x"\n'
    d = load(story_with(tmp_path, {"extra.toml": extra})).errors[0]
    assert (d.file.name, d.line) == ("extra.toml", 3)
    assert 'a closing " is probably missing' in d.message


def test_a_misspelt_dotted_table_header_is_reported_at_its_line(tmp_path: Path) -> None:
    extra = '# more variables\n\n[variabls.spare]\ntype = "integer"\ndefault = 0\n'
    result = load(story_with(tmp_path, {"extra.toml": extra}))
    d = result.errors[0]
    assert "unknown top-level key 'variabls'" in d.message
    assert (d.line, d.source_line) == (3, "[variabls.spare]")
    assert d.hint == "did you mean `variables`?"


def test_a_dotted_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    extra = '[[scene]]\nid = "extra"\ntitle = "Extra"\ntext = "x"\nfoo.bar = 1\n\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n'
    d = load(story_with(tmp_path, {"extra.toml": extra})).errors[0]
    assert "unknown key 'foo'" in d.message
    assert (d.line, d.source_line) == (5, "foo.bar = 1")


def test_a_header_like_line_inside_a_text_is_not_taken_for_a_table(tmp_path: Path) -> None:
    extra = (
        '[[scene]]\nid = "extra"\ntitle = "Extra"\ntext = """\n[scene]\n[[scene]]\nNoise.\n"""\n'
        'titel = "x"\n\n[[scene.choice]]\ntext = "Go"\ngoto = "gate"\n'
    )
    d = load(story_with(tmp_path, {"extra.toml": extra})).errors[0]
    assert "unknown key 'titel'" in d.message
    assert d.line == 9
