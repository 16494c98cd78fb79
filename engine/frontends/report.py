"""Loading the story for a player or an author at a terminal, reporting what stops it.

Every front end loads the story through here before it starts, so a broken
story prints the checker's messages and never a traceback.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from engine.core.controls import visible

if TYPE_CHECKING:  # loaded with the story, not before: the Textual game draws its title first
    from engine.core.diagnostics import Diagnostic
    from engine.core.model import Story

NO_FOLDER_HINT = (
    "name the folder that holds story.toml (--story DIR), or make a new story with `relocant new story DIR`"
)


def print_diagnostics(diagnostics: list[Diagnostic], root: Path, out: TextIO) -> None:
    for d in diagnostics:
        print(d.format(root), file=out)


def load_and_report(root: Path, out: TextIO = sys.stderr, lang: str | None = None) -> Story | None:
    """Load the story in ``root`` (in ``lang``, from its string tables); on errors print them
    all (never a traceback) and return None."""
    if not root.is_dir():
        print(f"relocant: error: there is no story folder at {visible(str(root))}", file=out)
        print(f"    hint: {NO_FOLDER_HINT}", file=out)
        return None
    from engine.loading.loader import load
    from engine.present.presenter import current

    result = load(root, lang)
    if result.story is None:
        print_diagnostics(result.errors, root, out)
        check = f"relocant check {visible(shlex.quote(str(root)))}" + (
            f" --lang {visible(lang)}" if lang else ""
        )
        print(
            f"relocant: the story in {visible(str(root))} has {len(result.errors)} error(s); "
            f"run `{check}` for the full report.",
            file=out,
        )
        return None
    return current().localise(result.story)
