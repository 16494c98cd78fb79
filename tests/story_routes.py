"""Reading the scripted routes in tests/routes/ (one [[route]] per ending)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli

ROUTES = Path(__file__).resolve().parent / "routes"


def all_routes() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(ROUTES.glob("*.toml")):
        for route in tomli.loads(path.read_text(encoding="utf-8")).get("route", []):
            out.append({**route, "file": path.name})
    return out
