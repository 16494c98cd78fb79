"""A cache of checked stories, keyed by the content of their files.

TOML parsing and checking every expression dominate loading. When the very
same files (and the very same engine) were loaded before, the cache gives
back the parsed tables and the diagnostics, and the loader builds the story
with expressions parsed on first use (:mod:`engine.loading.lazy`). Any change to a
story file or to the engine's code changes the key. The cache is only an
optimisation: when it cannot be read or written, loading goes on without it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine.core.diagnostics import Diagnostic, Severity

CACHE_ENV = "RELOCANT_CACHE"
FORMAT = 1
KEEP = 16  # cached stories kept: enough for a few stories and an author's recent edits


def cache_dir() -> Path | None:
    if os.environ.get(CACHE_ENV) == "off":
        return None
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("relocant", appauthor=False))


@lru_cache(maxsize=1)
def engine_stamp() -> str:
    """Changes whenever any engine module changes, so stale checks are never reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def key(root: Path, fingerprint: str) -> str:
    return hashlib.sha256(f"{FORMAT}|{engine_stamp()}|{root.resolve()}|{fingerprint}".encode()).hexdigest()[
        :32
    ]


def read(cache_key: str) -> tuple[dict[str, Any], list[Diagnostic]] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = marshal.loads((folder / f"{cache_key}.story").read_bytes())
        tables = data["files"]
        diagnostics = [_diag_from(d) for d in data["diagnostics"]]
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    return tables, diagnostics


def write(cache_key: str, tables: dict[str, Any], diagnostics: list[Diagnostic]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        blob = marshal.dumps({"files": tables, "diagnostics": [_diag_to(d) for d in diagnostics]})
    except ValueError:
        return  # a value marshal cannot hold (a TOML date): no cache for this story
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{cache_key}.{os.getpid()}.tmp"
        tmp.write_bytes(blob)
        os.replace(tmp, folder / f"{cache_key}.story")
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Each edit makes a new entry; keep the newest few so the folder stays small."""
    entries = sorted(folder.glob("*.story"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _diag_to(d: Diagnostic) -> dict[str, Any]:
    return {
        "severity": d.severity.value,
        "message": d.message,
        "file": str(d.file) if d.file else None,
        "line": d.line,
        "column": d.column,
        "hint": d.hint,
        "source_line": d.source_line,
    }


def _diag_from(d: dict[str, Any]) -> Diagnostic:
    return Diagnostic(
        Severity(d["severity"]),
        d["message"],
        Path(d["file"]) if d["file"] else None,
        d["line"],
        d["column"],
        d["hint"],
        d["source_line"],
    )
