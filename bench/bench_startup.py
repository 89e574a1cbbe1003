"""Benchmark: the window's start-up beside an empty PySide6 window's, in one run.

Each start is a fresh process under ``QT_QPA_PLATFORM=offscreen`` (set another platform
in the environment to override), timed from just before the process is spawned to the
line it prints:

- empty: a ``QMainWindow`` shown, then a zero-timer (the first pass of the event loop
  after ``show``) prints ``shown``;
- app: ``python -m complaints_desktop --db DB`` with ``COMPLAINTS_DESKTOP_SMOKE=1``
  (see ``app._smoke``) prints ``window shown`` the same way, then ``queue loaded`` when
  the work queue and the counts are on screen, and closes.

Prints the median of ``--runs`` starts of each and the ratios (target: usable in under
1.5 s and within 1.5 times the empty window). Data and settings go to a scratch home under
``bench/out/startup-home`` so the officer's own settings are untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EMPTY = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def shown():
    print("window shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _start(cmd: list[str], env: dict[str, str], marks: tuple[str, ...]) -> dict[str, float]:
    """Spawn ``cmd``; seconds from spawn to each line starting with one of ``marks``."""
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        for mark in marks:
            if line.startswith(mark) and mark not in seen:
                seen[mark] = time.perf_counter() - began
    proc.wait(timeout=60)
    missing = [m for m in marks if m not in seen]
    if missing:
        raise SystemExit(f"{cmd[-1]!r} never printed {missing}")
    return seen


def main(argv: list[str] | None = None) -> int:
    """Time both starts ``--runs`` times, alternating; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=OUT / "bench.sqlite3")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} is missing: run bench/bench_core.py first")
    home = OUT / "startup-home"
    shutil.rmtree(home, ignore_errors=True)
    db = home / "startup.sqlite3"
    home.mkdir(parents=True)
    shutil.copyfile(args.db, db)
    env = dict(os.environ, COMPLAINTS_DESKTOP_SMOKE="1", HOME=str(home))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    app_cmd = [sys.executable, "-m", "complaints_desktop", "--db", str(db)]
    # One unmeasured start each: the first opening backs the database up and fills the
    # operating system's file cache; the officer's later starts look like the next ones.
    _start([sys.executable, "-c", EMPTY], env, ("window shown",))
    _start(app_cmd, env, ("window shown", "queue loaded"))
    empty: list[float] = []
    shown: list[float] = []
    loaded: list[float] = []
    for _ in range(args.runs):
        empty.append(_start([sys.executable, "-c", EMPTY], env, ("window shown",))["window shown"])
        marks = _start(app_cmd, env, ("window shown", "queue loaded"))
        shown.append(marks["window shown"])
        loaded.append(marks["queue loaded"])
    e, s, q = (statistics.median(v) for v in (empty, shown, loaded))
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {args.runs} runs each")
    print(f"empty PySide6 window shown   {e:.3f} s  (runs: {', '.join(f'{v:.2f}' for v in empty)})")
    print(f"app window shown             {s:.3f} s  ratio {s / e:.1f}x")
    print(f"app queue and counts loaded  {q:.3f} s  ratio {q / e:.1f}x")
    met = "met" if q < 1.5 and q / e <= 1.5 else "missed"
    print(f"target: usable < 1.5 s and <= 1.5x the empty window: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
