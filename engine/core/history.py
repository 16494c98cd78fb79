"""A loaded game's past: its states and steps, made when they are first read.

Loading a save checks every step and every change it records against the
story, so a damaged save is refused at load, naming its step. Making a frozen
:class:`State` and :class:`Step` for each of a long game's steps then costs
more than the checks; most are never read (undo reads a few, a save or the
journal all). So a loaded game keeps the checked records and makes the
current state, and one every :data:`CHECKPOINT` steps, at once; any other
state is folded from the nearest one made before it (:func:`fold`, which
cannot fail), and a step is made from its record, when first read, and kept.

:class:`States` and :class:`Steps` behave as lists of what they hold: index,
slice, iterate, compare, append, pop, delete, assign.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from operator import index as as_index
from typing import Any, Generic, TypeVar, overload

from engine.core.state import Delta, State, Step, StepRecord, fold

CHECKPOINT = 32  # steps between the states made at load: undo folds at most this many records

T = TypeVar("T")


class _Made(MutableSequence[T], Generic[T]):
    """A list whose items are made from records (tuples) when first read.

    A slice is a new list of the same records that gives back what it makes
    to the list it was cut from, while that still holds the same record there.
    Changing an item anywhere but at the end first makes every item after it,
    which may depend on it.
    """

    __slots__ = ("_items", "_offset", "_parent")

    def __init__(self, items: list[Any], parent: _Made[T] | None = None, offset: int = 0) -> None:
        self._items = items
        self._parent = parent
        self._offset = offset

    def _make(self, at: int) -> T:
        """The item at ``at`` (a record now), made and kept."""
        raise NotImplementedError

    def _kept(self, at: int, record: tuple[Any, ...], item: T) -> None:
        """Keep ``item`` made from ``record`` at ``at``, here and in the list this was cut from."""
        items = self._items
        if at < len(items) and items[at] is record:
            items[at] = item
            if self._parent is not None:
                self._parent._kept(self._offset + at, record, item)

    def _make_from(self, start: int) -> None:
        """Make every item from ``start`` on: they may depend on what is about to change."""
        items = self._items
        for at in range(max(0, start), len(items)):
            if type(items[at]) is tuple:
                self._make(at)

    # ------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, key: int) -> T: ...

    @overload
    def __getitem__(self, key: slice) -> _Made[T]: ...

    def __getitem__(self, key: int | slice) -> T | _Made[T]:
        if isinstance(key, slice):
            return self._slice(key)
        item = self._items[key]
        if type(item) is tuple:
            at = as_index(key)
            return self._make(at + len(self._items) if at < 0 else at)
        return item

    def _slice(self, key: slice) -> _Made[T]:
        start, stop, step = key.indices(len(self._items))
        if step != 1:
            return type(self)([self[at] for at in range(start, stop, step)])
        if start < stop:
            self[start]  # a slice's first item is made: what follows it is folded from it
        return type(self)(self._items[start:stop], self, start)

    def __iter__(self) -> Iterator[T]:
        items = self._items
        at = 0
        while at < len(items):
            item = items[at]
            yield self._make(at) if type(item) is tuple else item
            at += 1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Made | list):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"

    # ------------------------------------------------------------ changing

    def append(self, value: T) -> None:
        self._items.append(value)

    def pop(self, at: int = -1) -> T:
        value = self[at]
        del self[at]
        return value

    @overload
    def __setitem__(self, key: int, value: T) -> None: ...

    @overload
    def __setitem__(self, key: slice, value: Iterable[T]) -> None: ...

    def __setitem__(self, key: int | slice, value: Any) -> None:
        if isinstance(key, slice):
            value = list(value)
            self._make_from(key.indices(len(self._items))[0])
        else:
            at = as_index(key)
            self._make_from((at + len(self._items) if at < 0 else at) + 1)
        self._items[key] = value

    def __delitem__(self, key: int | slice) -> None:
        size = len(self._items)
        if isinstance(key, slice):
            start, stop, step = key.indices(size)
            if not (step == 1 and stop >= size):  # more than the end goes: what follows may depend on it
                self._make_from(start)
        else:
            at = as_index(key)
            if (at + size if at < 0 else at) != size - 1:
                self._make_from(at + size if at < 0 else at)
        del self._items[key]

    def insert(self, at: int, value: T) -> None:
        self._make_from(at + len(self._items) if at < 0 else at)
        self._items.insert(at, value)


class States(_Made[State]):
    """A game's states, each folded from the nearest state made before it when first read."""

    __slots__ = ()

    @classmethod
    def loaded(cls, start: State, deltas: Sequence[Delta]) -> States:
        """``start`` and the state after each delta: made at once every CHECKPOINT steps and at the end."""
        items: list[Any] = [start, *deltas]
        state, made = start, 0
        for at in (*range(CHECKPOINT, len(deltas), CHECKPOINT), len(deltas)):
            if at > made:
                state = items[at] = fold(state, deltas[made:at])
                made = at
        return cls(items)

    def _make(self, at: int) -> State:
        items = self._items
        base = at - 1
        while base > 0 and type(items[base]) is tuple:
            base -= 1
        state = fold(items[base], items[base + 1 : at + 1])
        self._kept(at, items[at], state)
        return state


class Steps(_Made[Step]):
    """A game's steps, each made from its checked record when first read."""

    __slots__ = ()

    @classmethod
    def loaded(cls, records: list[StepRecord]) -> Steps:
        """The steps of ``records``, which the list now holds (the caller lets go of it)."""
        return cls(records)

    def _make(self, at: int) -> Step:
        record = self._items[at]
        step = Step(*record)
        self._kept(at, record, step)
        return step
