"""``python -m engine.cli`` runs ``relocant``."""

from engine.cli import entry

entry()
