"""Slot names: what a player may call a save, and the file each name maps to.

A slot name becomes a file name, so it is checked before it touches the
disk: no separators, no ``..``, no hidden files, nothing a file system
would read as a device.
"""

from __future__ import annotations

import unicodedata

from engine.saves.errors import SaveError

MAX_LENGTH = 64
SUFFIX = ".save.json"
BACKUP = ".bak"
_ALLOWED_PUNCTUATION = "-_ "
_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}


def check_slot(name: str) -> str:
    """Return the slot name in its normal form, or raise :class:`SaveError` saying what is wrong."""
    if not isinstance(name, str):
        raise SaveError("A save name must be text.")
    slot = unicodedata.normalize("NFC", name)
    if not slot:
        raise SaveError("A save needs a name, for example: before-the-border.")
    if len(slot) > MAX_LENGTH:
        raise SaveError(f"The save name '{slot[:20]}…' is too long: keep it to {MAX_LENGTH} characters.")
    bad = sorted({c for c in slot if not (c.isalnum() or c in _ALLOWED_PUNCTUATION)})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        raise SaveError(
            f"The save name '{slot}' cannot contain {shown}: use letters, digits, spaces, - and _."
        )
    if slot != slot.strip():
        raise SaveError(f"The save name '{slot}' cannot start or end with a space.")
    if slot.lower() in _DEVICE_NAMES:
        raise SaveError(f"'{slot}' cannot be a save name: some systems reserve it; choose another.")
    return slot


def file_name(slot: str) -> str:
    return slot + SUFFIX


def slot_of(file_name: str) -> str | None:
    """The slot a file in the saves folder holds, or None if it is not a save."""
    if not file_name.endswith(SUFFIX) or file_name.startswith("."):
        return None
    slot = file_name[: -len(SUFFIX)]
    try:
        return check_slot(slot)
    except SaveError:
        return None
