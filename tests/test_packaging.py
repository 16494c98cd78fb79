"""`pip install .` (not editable) gives a `relocant` that finds its own story."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_installed_wheel_finds_its_story(tmp_path: Path) -> None:
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
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("relocant-*.whl"))
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
    # The dependencies come from the test environment; the package and story from the wheel.
    env = {
        **os.environ,
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "RELOCANT_SAVES": str(tmp_path / "saves"),
    }
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
