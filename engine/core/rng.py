"""A tiny seeded random generator whose whole state is one integer.

SplitMix64: the state is saved with the game, so a loaded game draws the same
numbers the original would have.
"""

from __future__ import annotations

MASK = (1 << 64) - 1


def next_state(state: int) -> tuple[int, int]:
    """Return (new_state, 64-bit output)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def draw(state: int, low: int, high: int) -> tuple[int, int]:
    """A whole number from low to high inclusive; returns (new_state, value)."""
    state, out = next_state(state)
    return state, low + out % (high - low + 1)
