"""Saving and loading games so that none is ever lost.

``SaveStore`` is the saves folder; ``SaveMeta`` is one save as a load screen
lists it; ``Loaded`` is a game rebuilt from a save with the notices the
player should read; ``SaveError`` says, fit for a player, what went wrong.
"""

from engine.saves.errors import Loaded, SaveError, SaveMeta
from engine.saves.store import AUTOSAVE, QUICKSAVE, SaveStore

__all__ = ["AUTOSAVE", "QUICKSAVE", "Loaded", "SaveError", "SaveMeta", "SaveStore"]
