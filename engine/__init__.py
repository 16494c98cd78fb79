"""Relocant: a small narrative engine and the game built on it.

The engine is layered: core < loading < saves < session < tools < frontends <
cli, each importing only from those below it (tests/test_layers.py). Only
:mod:`engine.frontends.tui` imports Textual, and it only draws what the
engine says.
"""

__version__ = "0.1.0"
