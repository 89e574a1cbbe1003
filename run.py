#!/usr/bin/env python3
"""Bootstrap: make a virtual environment with the pinned dependencies, then run the app.

    python3 run.py            open the application (default local database)
    python3 run.py test       run the whole test suite (with ruff, mypy, import-linter)
    python3 run.py cli ARGS   run the command line, e.g. `python3 run.py cli demo`
    python3 run.py setup      only create/update the virtual environment

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


def run_tests(extra: list[str]) -> int:
    """Lint, type-check, check the layers, run pytest (and the PostgreSQL pass if asked)."""
    base = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    pg_url = base.pop("COMPLAINTS_TEST_POSTGRES", "")
    py = str(PYTHON)
    lint_imports = str(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))
    steps: list[tuple[list[str], dict[str, str]]] = [
        ([py, "-m", "ruff", "check", "complaints_desktop", "tests", "bench", "run.py"], base),
        ([py, "-m", "ruff", "format", "--check", "complaints_desktop", "tests"], base),
        ([py, "-m", "mypy"], base),
        ([lint_imports], base),
    ]
    if pg_url:
        # The same storage, services and statistics tests against a PostgreSQL server.
        pg_env = dict(base, COMPLAINTS_TEST_POSTGRES=pg_url)
        pg_tests = ["tests/storage", "tests/services"]
        # Each test's database is dropped WITH (FORCE) when it ends; pooled connections a
        # test did not dispose are then garbage-collected with a ResourceWarning, not an error.
        quiet = ["-W", "ignore::pytest.PytestUnraisableExceptionWarning"]
        steps.append(
            ([py, "-m", "pytest", "-n", "2", "-m", "not sqlite_only", *quiet, *pg_tests], pg_env)
        )
    # The whole suite last, so its summary is the closing line.
    steps.append(([py, "-m", "pytest", "-n", "2", *extra], base))
    for command, env in steps:
        shown = " ".join([Path(command[0]).name, *command[1:]])
        print(f"$ {shown}", flush=True)
        code = subprocess.call(command, cwd=ROOT, env=env)
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    ensure_venv()
    if argv[:1] == ["test"]:
        return run_tests(argv[1:])
    if argv[:1] == ["setup"]:
        return 0
    if argv[:1] == ["cli"]:
        argv = argv[1:]
    return subprocess.call([str(PYTHON), "-m", "complaints_desktop", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
