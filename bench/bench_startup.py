"""Benchmark: the window's start-up beside an empty PySide6 window's, in one run.

Each start is a fresh process under ``QT_QPA_PLATFORM=offscreen`` (set another platform
in the environment to override), timed from just before the process is spawned to the
line it prints:

- empty: a ``QMainWindow`` shown, then a zero-timer (the first pass of the event loop
  after ``show``) prints ``shown``;
- app: ``python -m complaints_desktop --db DB`` with ``COMPLAINTS_DESKTOP_SMOKE=1``
  (see ``app._smoke``), which prints:

  - ``window shown``: the real main window (navigation, menus, status bar, the queue
    saying "Opening the database…") shown, on the first event-loop pass after ``show``
    — measured exactly as the empty window's;
  - ``key answered``: Ctrl+1 pressed through Qt's test driver as soon as the window is
    active, and its shortcut's action has run (the window responds to keys);
  - ``queue shown``: the work queue's lines on screen (the database opened on a worker
    thread, the queue read and the table filled);
  - ``queue loaded``: the counts (status bar, title) on screen too — the window fully
    usable; this mark is the one earlier versions of this script called "usable";
  - the longest the event loop stalled between ``window shown`` and ``queue loaded``
    (a key pressed at the worst moment of the start waits that long).

Each mark also carries the process's CPU time at that moment (``time.process_time``:
interpreter start included, every thread), the same way for both windows, so the ratio can
be read in CPU time too, which other programs on a shared machine stretch less.

Both run with bytecode caches (``PYTHONPYCACHEPREFIX=bench/out/pycache``, written by an
unmeasured first start of each), as an installed copy has them: a
``PYTHONDONTWRITEBYTECODE`` environment would otherwise make every start compile the
application's own modules again, which the empty window never has to do.

Prints the median of ``--runs`` starts of each and the ratios (target: usable in under
1.5 s and within 1.5 times the empty window). Data and settings go to a scratch home under
``bench/out/startup-home`` so the officer's own settings are untouched. The CPU time of
each app start (user + system of the child process, from ``os.wait4``) is printed beside
the wall time: other programs on a shared machine stretch the wall time, not the CPU time.
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
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
def shown():
    print(f"window shown (process CPU {time.process_time():.3f} s)", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


STALL = "longest stall before the queue loaded"


def _start(cmd: list[str], env: dict[str, str], marks: tuple[str, ...]) -> dict[str, float]:
    """Spawn ``cmd``; seconds from spawn to each line starting with one of ``marks``.

    Also: ``cpu`` (the process's user + system seconds) and ``stall`` (milliseconds, when
    the process prints it).
    """
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        for mark in marks:
            if line.startswith(mark) and mark not in seen:
                seen[mark] = time.perf_counter() - began
                if "process CPU" in line:
                    seen[f"{mark} cpu"] = float(line.rsplit("CPU", 1)[1].split()[0])
        if line.startswith(STALL):
            seen["stall"] = float(line.split()[-2])
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seen["cpu"] = usage.ru_utime + usage.ru_stime
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
    # Bytecode caches, as an installed copy has them (the frozen build's archive holds
    # compiled modules; pip compiles at install): without them every start compiles the
    # application's own modules again, which the empty window never has to. They go to
    # bench/out/pycache, written by the unmeasured first start of each kind.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    app_cmd = [sys.executable, "-m", "complaints_desktop", "--db", str(db)]
    marks = ("window shown", "key answered", "queue shown", "queue loaded")
    # One unmeasured start each: the first opening backs the database up and fills the
    # operating system's file cache; the officer's later starts look like the next ones.
    _start([sys.executable, "-c", EMPTY], env, ("window shown",))
    _start(app_cmd, env, marks)
    empty: list[dict[str, float]] = []
    runs: list[dict[str, float]] = []
    for _ in range(args.runs):
        empty.append(_start([sys.executable, "-c", EMPTY], env, ("window shown",)))
        runs.append(_start(app_cmd, env, marks))
    e = statistics.median(r["window shown"] for r in empty)
    e_cpu = statistics.median(r["window shown cpu"] for r in empty)

    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    def each(key: str, scale: float = 1.0, fmt: str = "{:.2f}") -> str:
        return ", ".join(fmt.format(r[key] * scale) for r in runs)

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {args.runs} runs each")
    print(
        f"empty PySide6 window shown   {e:.3f} s  (runs: "
        + ", ".join(f"{r['window shown']:.2f}" for r in empty)
        + f"); process CPU {e_cpu:.3f} s (runs: "
        + ", ".join(f"{r['window shown cpu']:.3f}" for r in empty)
        + ")"
    )
    for mark, label in (
        ("window shown", "app window shown"),
        ("key answered", "app answers a key"),
        ("queue shown", "app queue on screen"),
        ("queue loaded", "app queue and counts loaded"),
    ):
        m, c = median(mark), median(f"{mark} cpu")
        print(
            f"{label:28} {m:.3f} s  ratio {m / e:.2f}x  (runs: {each(mark)}); "
            f"process CPU {c:.3f} s  ratio {c / e_cpu:.2f}x"
        )
    print(f"app CPU time (whole run)     {median('cpu'):.3f} s  (runs: {each('cpu')})")
    if all("stall" in r for r in runs):
        print(
            f"longest event-loop stall until loaded: median {median('stall'):.0f} ms "
            f"(runs: {each('stall', fmt='{:.0f}')})"
        )
    responsive = max(median("window shown"), median("key answered"))
    responsive_cpu = max(median("window shown cpu"), median("key answered cpu"))
    loaded = median("queue loaded")
    print(
        "target: shown and answering keys <= 1.5x the empty window: "
        + ("met" if responsive / e <= 1.5 else "missed")
        + f" ({responsive / e:.2f}x wall, {responsive_cpu / e_cpu:.2f}x CPU)"
        + "; queue and counts loaded < 1.5 s: "
        + ("met" if loaded < 1.5 else "missed")
        + f" ({loaded:.2f} s, {loaded / e:.1f}x the empty window)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
