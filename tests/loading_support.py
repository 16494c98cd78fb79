"""Story folders for the loader tests: the tiny story, with files added or changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from engine.core.diagnostics import Diagnostic

STORIES = Path(__file__).resolve().parent / "stories"
GOOD_SCENES = (STORIES / "tiny" / "scenes.toml").read_text(encoding="utf-8")
GOOD_STORY = (STORIES / "tiny" / "story.toml").read_text(encoding="utf-8")


def story_with(tmp_path: Path, files: dict[str, str] | None = None, scenes: str | None = None) -> Path:
    """A copy of the tiny story with ``files`` added (name -> text) and scenes.toml replaced."""
    root = tmp_path / "story"
    shutil.copytree(STORIES / "tiny", root)
    if scenes is not None:
        (root / "scenes.toml").write_text(scenes, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def messages(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.file.name if d.file else '-'}:{d.line}: {d.message}" for d in diagnostics]


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "check", *args], capture_output=True, text=True, timeout=120
    )
