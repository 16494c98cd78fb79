"""Relocant: a small narrative engine and the game built on it.

The engine (everything directly in this package) never imports Textual; the
terminal UI lives in :mod:`engine.app` and only draws what the engine says.
"""

__version__ = "0.1.0"
