"""Smoke test of a frozen build: --version, demo, check, report, and the window opens and closes.

    python packaging/smoke_test.py dist/complaints_desktop

Exits 0 when every step passed, 1 otherwise (printing what failed). Runs against a
temporary database, never the user's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _exe(folder: Path, name: str) -> Path:
    path = folder / (f"{name}.exe" if os.name == "nt" else name)
    if not path.exists():
        raise SystemExit(f"smoke test: {path} does not exist (build first)")
    return path


def _run(
    cmd: list[str], env: dict[str, str], timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "dist/complaints_desktop").resolve()
    cli = str(_exe(folder, "complaints-desktop-cli"))
    gui = str(_exe(folder, "complaints-desktop"))
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "smoke.sqlite3")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        steps = [
            ("version", [cli, "--version"], lambda out: "complaints-desktop" in out),
            ("demo", [cli, "--db", db, "demo", "--cases", "200"], lambda out: "200" in out),
            ("check", [cli, "--db", db, "check"], lambda out: True),
            (
                "report",
                [
                    *(cli, "--db", db, "report", "--year", "2025"),
                    *("--json", str(Path(tmp) / "s.json"), "--pdf", str(Path(tmp) / "r.pdf")),
                    *("--docx", str(Path(tmp) / "r.docx")),
                ],
                lambda out: (
                    json.loads((Path(tmp) / "s.json").read_text())["period"]["from"] == "2025-04-01"
                    and (Path(tmp) / "r.pdf").read_bytes().startswith(b"%PDF")
                    and (Path(tmp) / "r.docx").read_bytes().startswith(b"PK")
                ),
            ),
        ]
        for name, cmd, ok in steps:
            started = time.perf_counter()
            done = _run(cmd, env)
            took = time.perf_counter() - started
            passed = done.returncode == 0 and ok(done.stdout)
            print(
                f"{'ok  ' if passed else 'FAIL'} {name:8} {took:5.1f} s  {done.stdout.strip()[:80]}"
            )
            if not passed:
                failures.append(f"{name}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
        started = time.perf_counter()
        window = _run([gui, "--db", db], dict(env, COMPLAINTS_DESKTOP_SMOKE="1"))
        took = time.perf_counter() - started
        passed = window.returncode == 0 and "window shown" in window.stdout
        print(
            f"{'ok  ' if passed else 'FAIL'} window   {took:5.1f} s  {window.stdout.strip()[:80]}"
        )
        if not passed:
            failures.append(f"window: exit {window.returncode}\n{window.stdout}\n{window.stderr}")
    for failure in failures:
        print(f"\n--- {failure}", file=sys.stderr)
    print(f"{4 + 1 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
