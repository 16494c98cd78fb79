"""The engine's subpackages depend one way: each imports only from those below it.

core < present < loading < saves < session < tools < frontends < cli (present:
the presentation layer, which words values in the player's language). The two front
ends (plain and tui) never import each other, so either can change alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
LAYERS = ("core", "present", "loading", "saves", "session", "tools", "frontends", "cli")
SEPARATE_FRONT_ENDS = ("frontends.plain", "frontends.tui")


def _package(dotted: str) -> str | None:
    """The subpackage an ``engine.…`` module belongs to, or None for the top level."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "engine" else None


def _imports(module: str, is_package: bool, source: str) -> list[tuple[int, str]]:
    package = module if is_package else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base]).strip(".")
            if base == "engine":
                found += [(node.lineno, f"engine.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
    return [(line, name) for line, name in found if name == "engine" or name.startswith("engine.")]


def violations(parts: tuple[str, ...], source: str) -> list[str]:
    """What is wrong with the imports of the module at ``engine/<parts>.py``."""
    is_package = parts[-1] == "__init__"
    rel = ".".join(parts[:-1] if is_package else parts)
    own = parts[0]
    wrong = []
    for line, name in _imports(f"engine.{rel}", is_package, source):
        target = _package(name)
        if target is None or target.startswith("__"):
            continue
        if target not in LAYERS:
            wrong.append(f"line {line}: {name} is in no layer")
        elif LAYERS.index(target) > LAYERS.index(own):
            wrong.append(f"line {line}: {own} imports {name}, which is above it")
        for mine in SEPARATE_FRONT_ENDS:
            other = next(f for f in SEPARATE_FRONT_ENDS if f != mine)
            if rel.startswith(mine) and name.startswith(f"engine.{other}"):
                wrong.append(f"line {line}: {mine} imports the other front end ({name})")
    return wrong


MODULES = sorted(p for p in ENGINE.rglob("*.py") if p.relative_to(ENGINE).parts[0] in LAYERS)


def test_every_module_sits_in_a_layer() -> None:
    top = sorted(p.name for p in ENGINE.glob("*.py"))
    assert top == ["__init__.py"], f"modules outside the layered subpackages: {top}"
    assert {p.name for p in ENGINE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))} <= set(
        LAYERS
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_imports_point_down(path: Path) -> None:
    parts = path.relative_to(ENGINE).with_suffix("").parts
    wrong = violations(parts, path.read_text(encoding="utf-8"))
    assert not wrong, f"{path.relative_to(ENGINE)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("parts", "source"),
    [
        (("core", "model"), "from engine.cli import main\n"),
        (("core", "game"), "from engine.present.presenter import Presenter\n"),
        (("present", "presenter"), "from engine.session.play import Session\n"),
        (("loading", "loader"), "import engine.saves.store\n"),
        (("saves", "store"), "from engine import tools\n"),
        (("tools", "explore"), "def f():\n    from engine.frontends.tui.app import RelocantApp\n"),
        (("frontends", "plain", "player"), "from engine.frontends.tui import run\n"),
        (("frontends", "tui", "__init__"), "from ..plain import player\n"),
    ],
)
def test_the_rule_catches_an_upward_import(parts: tuple[str, ...], source: str) -> None:
    assert violations(parts, source)


def test_the_rule_allows_a_downward_import() -> None:
    assert violations(("cli", "play"), "from engine.core.game import Game\nfrom . import common\n") == []
