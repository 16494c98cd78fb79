"""The engine never imports Textual: each module is imported alone in a fresh
interpreter and ``textual`` must not appear in ``sys.modules``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
MODULES = sorted(
    "engine." + ".".join(p.relative_to(ENGINE).with_suffix("").parts).removesuffix(".__init__")
    for p in ENGINE.rglob("*.py")
    if "tui" not in p.relative_to(ENGINE).parts and "_story" not in p.parts and p.name != "__main__.py"
)


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"], f"{module} pulled in Textual or Rich"


def test_check_and_plain_player_do_not_load_textual() -> None:
    code = (
        "import sys; from engine.cli import build_parser; build_parser(); "
        "import engine.cli.check, engine.cli.play, engine.frontends.plain.player; print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_list_of_modules_is_not_empty() -> None:
    assert {
        "engine.core.expressions",
        "engine.loading.loader",
        "engine.core.game",
        "engine.frontends.plain.player",
    } <= set(MODULES)
