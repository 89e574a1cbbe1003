#!/usr/bin/env python3
"""Bootstrap: make a virtual environment with the pinned dependencies, then run the app.

    python3 run.py            open the application (default local database)
    python3 run.py test       run the whole test suite (with ruff, mypy, import-linter)
    python3 run.py cli ARGS   run the command line, e.g. `python3 run.py cli demo`

Uses only the standard library, so it works on a fresh Debian or Windows machine with
Python 3.11+ (`py run.py` on Windows).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"


def _wanted() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[:2]}"


def ensure_venv() -> None:
    """Create .venv and install the project with its dev tools when pyproject changed."""
    if sys.version_info < (3, 11):
        sys.exit("complaints_desktop needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted():
        return
    print("Installing dependencies (first run only) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.check_call([*pip, "--upgrade", "pip"])
    subprocess.check_call([*pip, "-e", f"{ROOT}[dev,postgres]"])
    STAMP.write_text(_wanted())


def main(argv: list[str]) -> int:
    ensure_venv()
    if argv[:1] == ["test"]:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        steps = [
            [str(PYTHON), "-m", "ruff", "check", "complaints_desktop", "tests", "bench", "run.py"],
            [str(PYTHON), "-m", "ruff", "format", "--check", "complaints_desktop", "tests"],
            [str(PYTHON), "-m", "mypy"],
            [str(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))],
            [str(PYTHON), "-m", "pytest", "-n", "2", *argv[1:]],
        ]
        if os.environ.get("COMPLAINTS_TEST_POSTGRES"):
            # The same storage, services and statistics tests against PostgreSQL.
            steps.append(
                [str(PYTHON), "-m", "pytest", "-n", "2", "-m", "not sqlite_only",
                 "tests/storage", "tests/services", *argv[1:]]
            )
        for step in steps:
            shown = " ".join([Path(step[0]).name, *step[1:]])
            print(f"$ {shown}", flush=True)
            code = subprocess.call(step, cwd=ROOT, env=env)
            if code != 0:
                return code
        return 0
    if argv[:1] == ["cli"]:
        argv = argv[1:]
    return subprocess.call([str(PYTHON), "-m", "complaints_desktop", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
