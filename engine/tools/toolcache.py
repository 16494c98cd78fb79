"""Where the authoring tools keep results between runs.

``relocant explore`` writes its last report here and ``relocant stats`` reads
it. The cache sits in ``.relocant-cache/`` beside the story folder (ignored
by git), or in the user cache folder when that place cannot be written.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

EXPLORE = "explore.json"


def cache_dirs(root: Path) -> list[Path]:
    """The places a story's cache may be, in the order they are tried."""
    from platformdirs import user_cache_dir

    digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:12]
    return [root.resolve().parent / ".relocant-cache", Path(user_cache_dir("relocant")) / digest]


def write(root: Path, name: str, data: dict[str, Any], explicit: Path | None = None) -> Path | None:
    """Write ``data`` as JSON; return where, or None when no place was writable."""
    targets = [explicit] if explicit is not None else [d / name for d in cache_dirs(root)]
    for target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError:
            continue
        return target
    return None


def read(root: Path, name: str, explicit: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The newest readable cache file for this story, or None."""
    targets = [explicit] if explicit is not None else [d / name for d in cache_dirs(root)]
    for target in targets:
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            return target, data
    return None
