"""Text from files reaches a terminal only with its control characters escaped."""

from __future__ import annotations

from engine.core.controls import find_control, visible


def test_escape_sequences_are_written_out() -> None:
    title = "\x1b]0;PWN\x07\x1b[2JRelocant"
    shown = visible(title)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "\\x1b]0;PWN\\x07\\x1b[2JRelocant"


def test_c1_controls_and_del_are_written_out() -> None:
    assert visible("a\x9bb\x7fc") == "a\\x9bb\\x7fc"


def test_line_breaks_are_escaped_in_one_line_fields_and_kept_in_text() -> None:
    assert visible("one\ntwo") == "one\\x0atwo"
    assert visible("one\ntwo\tthree", allow_breaks=True) == "one\ntwo\tthree"


def test_find_control_gives_the_offset() -> None:
    assert find_control("Pushkin Square") is None
    assert find_control("ab\x1bc") == 2
    assert find_control("a\nb") is None
    assert find_control("a\nb", allow_breaks=False) == 1


def test_ordinary_text_is_unchanged() -> None:
    text = "Алматы, 24 февраля 2022 г. — 38 000 ₽ «ИИН»"
    assert visible(text) == text
