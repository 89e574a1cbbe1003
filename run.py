#!/usr/bin/env python3
"""Bootstrap: make a virtual environment with the pinned dependencies, then run the app.

    python3 run.py            open the application (default local database)
    python3 run.py test       run the whole test suite (ruff, mypy, import-linter, vulture)
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
# PySide6's wheel holds files 151 characters deep inside site-packages; Windows refuses a
# path of 260 or more unless long paths are enabled.
PYSIDE6_DEPTH = 151
WINDOWS_MAX_PATH = 259


def _long_paths_enabled() -> bool:
    try:
        import winreg

        path = r"SYSTEM\CurrentControlSet\Control\FileSystem"
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path)
        return bool(winreg.QueryValueEx(key, "LongPathsEnabled")[0])
    except (ImportError, OSError):
        return False


def fits(venv: Path) -> bool:
    """True when PySide6's deepest file inside ``venv`` stays within Windows's path limit."""
    if os.name != "nt" or _long_paths_enabled():
        return True
    site_packages = venv / "Lib" / "site-packages"
    return len(str(site_packages)) + 1 + PYSIDE6_DEPTH <= WINDOWS_MAX_PATH


def choose_venv() -> Path:
    """``.venv`` in the checkout, or on Windows a short folder when the checkout is too deep."""
    here = ROOT / ".venv"
    if fits(here):
        return here
    digest = hashlib.sha256(str(ROOT).casefold().encode()).hexdigest()[:8]
    return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "cd-venv" / digest


VENV = choose_venv()
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
PROXY_ADVICE = (
    "Installing the dependencies failed (pip's messages are above). If this PC reaches the "
    "internet through a proxy, set it and run again, e.g. in the same window:\n"
    "    set HTTPS_PROXY=http://proxy.example:8080   (Windows; ask IT for the address)\n"
    "    export HTTPS_PROXY=http://proxy.example:8080   (Linux)\n"
    "or once for good: py -m pip config set global.proxy http://proxy.example:8080"
)


def refusal() -> str | None:
    """Why this Python cannot run the app (None when it can)."""
    if sys.version_info < (3, 11):
        return "complaints_desktop needs Python 3.11 or newer."
    where = f"{sys.executable} {sys.prefix}".replace("/", "\\")
    if "\\WindowsApps\\" in where or "PythonSoftwareFoundation.Python." in where:
        return (
            "This is the Microsoft Store's Python. It keeps the app's data and settings in a "
            "hidden per-app copy of AppData (lost when the Store app is reset), so "
            "complaints_desktop does not run on it. Install Python from python.org "
            "(Windows installer, 'Add python.exe to PATH'), then run: py run.py"
        )
    if not fits(VENV):
        return (
            f"The folder {VENV} is too deep: PySide6's files would pass Windows's "
            f"260-character path limit. Move the checkout to a short folder such as "
            f"C:\\src\\complaints_desktop, or ask IT to enable long paths."
        )
    return None


def _wanted() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {sys.version_info[:2]}"


def ensure_venv() -> None:
    """Create the venv and install the project with its dev tools when pyproject changed."""
    why = refusal()
    if why:
        sys.exit(why)
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted():
        return
    print("Installing dependencies (first run only) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    try:
        subprocess.check_call([*pip, "--upgrade", "pip"])
        try:
            subprocess.check_call([*pip, "-e", f"{ROOT}[dev,postgres]"])
        except subprocess.CalledProcessError:
            # psycopg has no wheel for some PCs (Windows on ARM): the app without PostgreSQL.
            subprocess.check_call([*pip, "-e", f"{ROOT}[dev]"])
            print(
                "Note: PostgreSQL support (psycopg) could not be installed on this PC; "
                "databases on this PC work, a team's PostgreSQL server does not.",
                flush=True,
            )
    except subprocess.CalledProcessError:
        sys.exit(PROXY_ADVICE)
    STAMP.write_text(_wanted())


def run_tests(extra: list[str]) -> int:
    """Lint, type-check, check the layers, look for dead code, run pytest (and the
    PostgreSQL pass if asked)."""
    base = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    pg_url = base.pop("COMPLAINTS_TEST_POSTGRES", "")
    py = str(PYTHON)
    lint_imports = str(BIN / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))
    steps: list[tuple[list[str], dict[str, str]]] = [
        ([py, "-m", "ruff", "check", "complaints_desktop", "tests", "bench", "run.py"], base),
        ([py, "-m", "ruff", "format", "--check", "complaints_desktop", "tests"], base),
        ([py, "-m", "mypy"], base),
        ([py, "-m", "mypy", "--platform", "win32"], base),  # the code paths of Windows
        ([lint_imports], base),
        ([py, "-m", "vulture"], base),  # dead code ([tool.vulture], vulture_whitelist.py)
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
