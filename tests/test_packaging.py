"""`pip install .` (not editable) gives a `relocant` that finds its own story."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(source: Path, into: Path) -> Path:
    """The wheel ``pip wheel`` builds from the tree at ``source``, written into ``into``."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(into),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return next(into.glob("relocant-*.whl"))


def install(wheel: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """``wheel`` in a new venv, and the environment to run it in: the dependencies come from
    the test environment, the package and the story from the wheel."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "RELOCANT_SAVES": str(tmp_path / "saves"),
    }
    return venv, env


def test_installed_wheel_finds_its_story(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT, tmp_path)
    venv, env = install(wheel, tmp_path)
    check = subprocess.run(
        [str(venv / "bin" / "relocant"), "check"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert "/engine/_story:" in check.stdout and str(venv) in check.stdout, check.stdout + check.stderr
    assert check.returncode == 0, check.stdout[-2000:]
    play = subprocess.run(
        [str(venv / "bin" / "relocant"), "play", "--plain", "square"],
        input="",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert play.returncode == 0, play.stderr
    assert play.stdout.lstrip().startswith("== ")


def test_a_wheel_built_from_a_clean_tree_has_the_compiled_catalogs_and_plays_in_russian(
    tmp_path: Path,
) -> None:
    """The .mo files are not in the repository (.gitignore): the build compiles them (hatch_build.py)."""
    tree = tmp_path / "clean"
    skipped = shutil.ignore_patterns(".git", ".venv", "*.mo", "__pycache__", ".*_cache", ".hypothesis")

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {"saves", "build", "dist"} & set(names) if Path(folder) == ROOT else set()
        return set(skipped(folder, names)) | top

    shutil.copytree(ROOT, tree, ignore=ignore)
    assert not list(tree.rglob("*.mo"))
    wheels = tmp_path / "wheels"
    wheel = build_wheel(tree, wheels)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "engine/present/locale/ru/LC_MESSAGES/relocant.mo" in names
    assert "engine/present/locale/ru/LC_MESSAGES/relocant.po" in names
    assert "engine/_story/translations/ru/story.toml" in names
    venv, env = install(wheel, tmp_path)
    play = subprocess.run(
        [str(venv / "bin" / "relocant"), "play", "--plain", "--lang", "ru", "square"],
        input="help\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert play.returncode == 0, play.stderr
    assert "Введите номер выбора и нажмите Enter. Команды:" in play.stdout
    assert "четверг, 24 февраля 2022" in play.stdout
