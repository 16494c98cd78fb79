"""The engine proper: the story model, game state, expressions and text.

Pure and self-contained: it reads no files and imports nothing else of the
engine. Everything else builds on it.
"""
