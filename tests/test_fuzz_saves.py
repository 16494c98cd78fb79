"""Fuzzing the saves: any file, any folder, any name ends in the store's own error or a game.

Every input hypothesis draws is played through everything a player can do
with it (tests/fuzz_mutations.py): list, show, load on the story and on a
changed one, continue, check, import, save over it, restore. The property:
no traceback, no hang, and no change to a good save; a damaged save never
takes the place of the good previous version.

The runs are deterministic (``derandomize``) and sized to take a few seconds
each on a CI machine of two cores; benchmarks/fuzz_campaign.py runs the same
exercises over many more inputs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from fuzz_mutations import (
    HOSTILE_VALUES,
    KINDS,
    exercise_folder,
    exercise_name,
    exercise_save,
    mutant,
    played,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.core.model import Story
from engine.loading.loader import load_story
from engine.saves import SaveStore, document, files
from engine.saves.errors import BadSlotName
from engine.saves.slots import check_slot, slot_key

STORY_DIR = Path(__file__).parent / "stories" / "saves_loop"
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STORY = load_story(STORY_DIR)


def _changed() -> Story:
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(STORY_DIR, folder, dirs_exist_ok=True)
    scenes = folder / "scenes.toml"
    scenes.write_text(scenes.read_text("utf-8").replace("The stalls.", "The stalls, busy."), "utf-8")
    story = load_story(folder)
    shutil.rmtree(folder)
    return story


CHANGED = _changed()


def _base_saves() -> list[bytes]:
    """Real save files: a short game, a long one with tags and text, one from the second journey."""
    out = []
    for seed, choices in ((1, 2), (7, 40)):
        game = played(STORY, seed, choices)
        out.append(document.encode(document.build("base", game, 12.5)))
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(Path(folder))
        store.save("road", played(STORY, 3, 0), 0)
        out.append(store.path("road").read_bytes())
    # The long game as an earlier version saved it: format 1, each step and its change as tables.
    older = json.loads(out[1])
    older["format"], older["game"] = 1, played(STORY, 7, 40).to_dict(1)
    out.append(json.dumps(older, indent=1).encode("utf-8"))
    return out


BASES = _base_saves()


class Hung(BaseException):
    """Not an OSError, so nothing under test swallows it."""


class NoSync:
    """``os`` as the writer sees it, without fsync: durability is not what these tests are
    about (tests/test_saves_crash.py and test_saves_disk.py are), and it costs most of their time."""

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def fsync(self, fd: int) -> None:
        pass


@pytest.fixture(autouse=True)
def no_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "os", NoSync())


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hung("a saves command waited on something that never came")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def run_save(data: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        return exercise_save(Path(folder), STORY, CHANGED, data)


@settings(FUZZ, max_examples=150)
@given(base=st.sampled_from(range(len(BASES))), seed=st.integers(0, 2**32), changes=st.integers(1, 4))
def test_a_mutated_save_file_never_breaks_a_promise(base: int, seed: int, changes: int) -> None:
    """Flipped bits, cuts, lost and doubled lines, spliced bytes, BOM, CRLF, NUL, and
    hostile values, removed keys, swapped types and deep nesting at any place in the document."""
    assert run_save(mutant(BASES[base], seed, changes)) == []


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(HOSTILE_VALUES),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
# Mostly the values no game writes, some of any kind.
hostile_values = st.sampled_from(HOSTILE_VALUES) | json_values


@settings(FUZZ, max_examples=80)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["kind", "format", "slot", "saved_at", "play_seconds", "story", "meta", "replay", "game"]
        ),
        hostile_values,
        max_size=9,
    ),
    base=st.sampled_from(range(len(BASES))),
)
def test_a_save_with_any_top_level_values_never_breaks_a_promise(
    fields: dict[str, object], base: int
) -> None:
    """Each field of a real save replaced by any JSON value: the layout check's own ground."""
    doc = json.loads(BASES[base])
    doc.update(fields)
    data = json.dumps(doc).encode("utf-8", "surrogatepass")
    assert run_save(data) == []


@settings(FUZZ, max_examples=150)
@given(
    part=st.sampled_from(["meta", "story", "replay", "start", "step", "delta", "other"]),
    key=st.sampled_from(
        [
            "journey",
            "scene",
            "scene_id",
            "clock",
            "seed",
            "choices",
            "vars",
            "visits",
            "taken",
            "rng",
            "id",
            "fingerprint",
            "journey_title",
            "choice",
            "text",
            "journal",
            "goto",
            "reply",
        ]
    ),
    value=hostile_values,
)
def test_a_save_with_any_value_in_a_known_place_never_breaks_a_promise(
    part: str, key: str, value: object
) -> None:
    doc = json.loads(BASES[3] if part in ("step", "delta") else BASES[1])  # format 1, else 2
    steps = doc["game"]["steps"]
    if part == "step":
        table = steps[0]["step"]
    elif part == "delta":
        table = steps[1]["delta"]
    elif part == "other":  # the other fields of a row (format 2)
        steps[2] += [{}, None, {}][len(steps[2]) - 4 :]
        table = steps[2][6]
    else:
        table = doc["game"]["start"] if part == "start" else doc[part]
    table[key] = value
    assert run_save(json.dumps(doc).encode("utf-8", "surrogatepass")) == []


@settings(FUZZ, max_examples=80)
@given(step=st.integers(0, 39), field=st.integers(0, 7), value=hostile_values, cut=st.booleans())
def test_a_save_with_any_value_in_a_row_never_breaks_a_promise(
    step: int, field: int, value: object, cut: bool
) -> None:
    """A step's row (format 2) with any value in any of its places, or cut short there."""
    doc = json.loads(BASES[1])
    row = doc["game"]["steps"][step % len(doc["game"]["steps"])]
    if cut:
        del row[field:]
    else:
        while len(row) <= field:  # vars, rng, other, and one field too many
            row.append(({}, None, {}, None)[len(row) - 4])
        row[field] = value
    assert run_save(json.dumps(doc).encode("utf-8", "surrogatepass")) == []


def _a_slot(name: str) -> bool:
    try:
        check_slot(name)
    except BadSlotName:
        return False
    return True


slots = st.text(alphabet=st.characters(categories=["Ll", "Lu", "Nd"]), min_size=1, max_size=6).filter(_a_slot)


@settings(FUZZ, max_examples=40)
@given(
    entries=st.lists(
        st.tuples(slots, st.sampled_from(KINDS), st.sampled_from(("", *KINDS))),
        min_size=1,
        max_size=4,
        unique_by=lambda e: slot_key(e[0]),
    ).filter(lambda es: all(slot_key(e[0]) != "anchor" for e in es)),
    endings=st.sampled_from(("", *KINDS)),
)
def test_a_folder_of_links_pipes_devices_and_junk_never_locks_a_player_out(
    entries: list[tuple[str, str, str]], endings: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert exercise_folder(Path(folder), STORY, entries, endings) == []


@settings(FUZZ, max_examples=250)
@given(name=st.text(max_size=80) | st.text(alphabet=st.characters(min_codepoint=0x10000), max_size=70))
def test_any_name_is_refused_with_a_message_or_is_one_slot(name: str) -> None:
    """Letters of any script and width, spaces, controls, separators, reserved device names, case."""
    with tempfile.TemporaryDirectory() as folder:
        assert exercise_name(Path(folder), STORY, name) == []


@pytest.mark.parametrize(
    "name",
    ["COM¹", "ＬＰＴ３", "\ud800x", "a\x00b", "..", "con", "x" * 64, "\U00020000" * 50, "ǅemal", "ﬁle"],
)
def test_names_at_the_edges(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert exercise_name(Path(folder), STORY, name) == []
