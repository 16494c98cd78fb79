"""What the game knows of a story before it is loaded: its languages and its heading.

The Textual game shows its title screen while the story is loaded and
checked; the screen needs only the story's id (for its saves folder) and
its title, subtitle and content note, in the language played. Reading
those costs one or two small TOML files, against the whole story for a
load. The story, once loaded, is what the game plays and shows from then
on; a heading that cannot be read here means the game waits for the load,
which then reports what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import tomli

TRANSLATIONS = "translations"  # the story's string tables (docs/translating.md), never story files
LANGUAGE_RULE = "a language code such as ru, kk, de or pt_BR"
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?")
_READ = (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError)


def is_language(code: object) -> bool:
    return isinstance(code, str) and _LANGUAGE.fullmatch(code) is not None


def languages(root: Path) -> list[str]:
    """The languages a story has string tables for: the folders under translations/."""
    folder = root / TRANSLATIONS
    try:
        return sorted(p.name for p in folder.iterdir() if is_language(p.name) and p.is_dir())
    except OSError:
        return []


class Heading(NamedTuple):
    """The story's id and the words of its title screen."""

    id: str
    title: str
    subtitle: str
    content_note: str


def _table(path: Path) -> dict[str, Any] | None:
    try:
        return tomli.loads(path.read_text(encoding="utf-8"))
    except _READ:
        return None


def heading(root: Path, lang: str | None = None) -> Heading | None:
    """The heading in ``root/story.toml``, in ``lang`` from its string tables for story.toml
    where they have it; None when story.toml or its ``[story]`` table cannot be read."""
    data = _table(root / "story.toml")
    story = data.get("story") if data is not None else None
    if not isinstance(story, dict):
        return None
    words = {name: story.get(name, "") for name in ("id", "title", "subtitle", "content_note")}
    if lang is not None and is_language(lang):
        strings = _table(root / TRANSLATIONS / lang / "story.toml") or {}
        for name in ("title", "subtitle", "content_note"):
            entry = strings.get(f"story.{name}")
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                words[name] = entry["text"]
    if not all(isinstance(value, str) for value in words.values()) or not words["id"]:
        return None
    return Heading(**words)
