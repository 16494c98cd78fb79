"""A save's JSON is read exactly as the json module reads it, whichever parser does the work.

engine/saves/document.py parses with orjson when it can: these tests hold its
result (values and their types, key order) and its errors to json.loads's on
hostile texts, on random documents, and on the saves a player gets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.game import Game
from engine.loading.loader import load_story
from engine.saves import SaveError, SaveStore, document

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"


def parsed_as_json_does(data: bytes) -> None:
    """document.parse gives what json.loads gives (repr tells 1 from 1.0 and shows key order),
    or raises the very error json.loads raises."""
    text = data.decode("utf-8", "surrogatepass")
    try:
        expected: Any = repr(json.loads(text))
    except (ValueError, RecursionError) as exc:
        with pytest.raises(type(exc)) as info:
            document.parse(data, text)
        assert str(info.value) == str(exc)
        return
    assert repr(document.parse(data, text)) == expected


HOSTILE = [
    b'{"rng": 18446744073709551615}',  # 2**64 - 1: the largest orjson keeps an integer
    b'{"rng": 18446744073709551616}',  # 2**64: orjson would make it a float
    b'{"a": -9223372036854775808}',
    b'{"a": -9223372036854775809}',
    b'{"a": -10000000000000000000}',
    b'{"a": 99999999999999999999}',
    b'{"a": 123456789012345678901234567890}',
    b'{"a": [1, ' + b"7" * 5000 + b"]}",  # past Python's 4,300 digits
    b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    b'{"a": 1e400}',
    b'{"a": 1, "a": 2, "b": 3}',
    b'{"a": "\\ud800"}',  # a lone surrogate
    b'{"a": "\\ud83d\\ude00"}',
    b'{"a": "x\x01y"}',
    b'{"a": 1,}',
    b'{"a": 01}',
    b'{"a": -0}',
    b'{"a": 1.0, "b": 1e2, "c": 4.9e-324, "d": 9007199254740993.0}',
    b'{"a": "2022-09-21-12345678901234567890"}',
    b'{"a":' + b"[" * 2000 + b"]" * 2000 + b"}",
    b'{"a":' + b"[" * 500 + b"]" * 500 + b"}",
    b'{"a": 1} {"b": 2}',
    b'{"a": 1',
    b'\x0c{"a": 1}',
]


@pytest.mark.parametrize("data", HOSTILE, ids=lambda d: repr(d[:40]))
def test_hostile_texts_read_as_json_reads_them(data: bytes) -> None:
    parsed_as_json_does(data)


@pytest.mark.parametrize(
    ("text", "wide"),
    [
        ("18446744073709551615", False),
        ("18446744073709551616", True),
        ("-9223372036854775808", False),
        ("-9223372036854775809", True),
        ("9223372036854775808", False),
        ("-1000000000000000000", False),
        ("-10000000000000000000", True),
        ("100000000000000000000", True),
        ("[1, 2, 12345678901234567890]", False),
        ("[1, 2, 92345678901234567890]", True),
    ],
)
def test_wide_integers_are_found(text: str, wide: bool) -> None:
    assert document.wide_integers(text.encode()) is wide


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from([2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(value=_VALUES, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_random_documents_read_as_json_reads_them(value: Any, ascii_only: bool, indent: int | None) -> None:
    text = json.dumps({"doc": value}, ensure_ascii=ascii_only, indent=indent)
    parsed_as_json_does(text.encode("utf-8", "surrogatepass"))


def test_a_save_with_an_integer_beyond_64_bits_is_reported_with_that_integer(tmp_path: Path) -> None:
    """orjson alone would read 2**64 as a float, and the message would call it not a whole number."""
    story = load_story(STORY_DIR)
    game = Game.start(story, "city", seed=3)
    game.choose("market")
    store = SaveStore(tmp_path)
    store.save("trip", game, 1)
    path = store.path("trip")
    doc = json.loads(path.read_text("utf-8"))
    doc["game"]["start"]["vars"]["money"] = 2**64
    path.write_text(json.dumps(doc, indent=1), "utf-8")
    with pytest.raises(SaveError, match=r"'money' = 18446744073709551616 is outside 0\.\.200"):
        store.load("trip", story)
    doc["game"]["start"]["vars"]["money"] = 50
    doc["game"]["seed"] = 2**64 + 1  # any whole number is a seed
    path.write_text(json.dumps(doc, indent=1), "utf-8")
    assert store.load("trip", story).game.seed == 2**64 + 1
