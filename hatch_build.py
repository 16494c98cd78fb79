"""The build step that compiles the game's gettext catalogs (engine/present/locale/*/LC_MESSAGES/relocant.po) to .mo.

The .po files are kept in the repository; their compiled .mo files are not
(.gitignore), so every build makes them: `pip install .` from a clean clone,
a wheel, and an editable install (which imports from the source tree, where
they are written).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for source in sorted((root / "engine" / "present" / "locale").glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as f:
                catalog = read_po(f, locale=source.parent.parent.name)
            out = io.BytesIO()
            write_mo(out, catalog)
            compiled = source.with_suffix(".mo")
            if not compiled.exists() or compiled.read_bytes() != out.getvalue():
                compiled.write_bytes(out.getvalue())
            build_data["artifacts"].append(compiled.relative_to(root).as_posix())
