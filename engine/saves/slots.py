"""Slot names: what a player may call a save, and the file each name maps to.

A slot name becomes a file name, so it is checked before it touches the
disk: no separators, no ``..``, no hidden files, nothing a file system
would read as a device, and short enough in bytes for every file the slot
uses (``NAME.save.json.bak`` and the temporary files beside it). Names that
differ only in case or Unicode form are one slot (:func:`slot_key`), as
they are one file on macOS and Windows.
"""

from __future__ import annotations

import unicodedata

from engine.saves.errors import BadSlotName

MAX_LENGTH = 64  # characters
# Bytes of the name in UTF-8. The longest file a slot uses is the temporary copy of
# its backup, ".NAME.save.json.bak.PID.XXXXXXXX.tmp": 200 + 40 stays under the
# 255 bytes most file systems allow, with room for a ten-digit process id.
MAX_BYTES = 200
SUFFIX = ".save.json"
BACKUP = ".bak"
_ALLOWED_PUNCTUATION = "-_ "
# Windows reserves these with any case, and COM/LPT with a superscript digit too;
# the check is on the slot key, whose NFKC form reads "COM¹" as "com1".
_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


def check_slot(name: object) -> str:
    """Return the slot name in its normal form, or raise :class:`BadSlotName` saying what is wrong."""
    if not isinstance(name, str):
        raise BadSlotName(name, BadSlotName.NOT_TEXT)
    slot = unicodedata.normalize("NFC", name)
    if not slot:
        raise BadSlotName(slot, BadSlotName.EMPTY)
    if len(slot) > MAX_LENGTH:
        raise BadSlotName(slot, BadSlotName.TOO_LONG, limit=MAX_LENGTH)
    size = len(slot.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        # Say how many characters like these fit: 50 emoji, 66 Chinese letters (capped at 64).
        raise BadSlotName(slot, BadSlotName.TOO_LONG, limit=len(slot) * MAX_BYTES // size)
    bad = tuple(sorted({c for c in slot if not (c.isalnum() or c in _ALLOWED_PUNCTUATION)}))
    if bad:
        raise BadSlotName(slot, BadSlotName.CHARACTERS, bad=bad)
    if slot != slot.strip():
        raise BadSlotName(slot, BadSlotName.SPACES)
    if slot_key(slot) in _DEVICE_NAMES:
        raise BadSlotName(slot, BadSlotName.RESERVED)
    return slot


def slot_key(slot: str) -> str:
    """What two names of one slot share: the same letters, whatever their case or Unicode form."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", slot).casefold())


def file_name(slot: str) -> str:
    return slot + SUFFIX


def slot_of(file_name: str) -> str | None:
    """The slot a file in the saves folder holds, or None if it is not a save."""
    if not file_name.endswith(SUFFIX) or file_name.startswith("."):
        return None
    slot = file_name[: -len(SUFFIX)]
    try:
        return check_slot(slot)
    except BadSlotName:
        return None
