"""Benchmark: the case list's searches, sorts and the work queue on the 100k database.

Run ``bench/bench_core.py`` once first (it builds ``bench/out/bench.sqlite3``); this script
opens a copy-free connection to it (migrating it if the schema is older) and prints, for
each criterion, the median and slowest of five runs in wall-clock and CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from complaints_desktop.config import current_user  # noqa: E402
from complaints_desktop.domain.views import SearchCriteria  # noqa: E402
from complaints_desktop.services import queries  # noqa: E402
from complaints_desktop.services.database import open_database  # noqa: E402

TODAY = date(2026, 11, 20)
CRITERIA = {
    "name": SearchCriteria(text="Kowalski"),
    "two words": SearchCriteria(text="Aisha Khan"),
    "word in a team's name": SearchCriteria(text="protection"),
    "child's system ID": SearchCriteria(text="cs10850"),
    "rare word": SearchCriteria(text="zzzz"),
    "reference": SearchCriteria(text="CSC/19/"),
    "team": SearchCriteria(team="Fostering"),
    "status open": SearchCriteria(status="open"),
    "stage 2, statutory": SearchCriteria(stage=2, procedure="statutory"),
    "received in a year": SearchCriteria(
        received_from=date(2025, 4, 1), received_to=date(2026, 3, 31)
    ),
    "overdue only": SearchCriteria(overdue_only=True),
    "sort by team": SearchCriteria(sort="team"),
    "sort by complainant": SearchCriteria(sort="complainant"),
    "word, sort by team": SearchCriteria(text="Khan", sort="team"),
}


def main(argv: list[str] | None = None) -> int:
    """Time each search five times; print median and slowest (wall and CPU)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        default=str(ROOT / "bench" / "out" / "bench.sqlite3"),
        help="a SQLite file or a database URL (postgresql+psycopg://user:pw@host/db)",
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    env = open_database(args.db, user=current_user(), today=lambda: TODAY)
    worst = 0.0
    jobs = {name: (lambda c=c: queries.search_cases(env, c)) for name, c in CRITERIA.items()}
    jobs["work queue"] = lambda: queries.work_queue(env)
    for name, job in jobs.items():
        wall, cpu = [], []
        result = job()  # warm the page cache
        for _ in range(args.runs):
            w0, c0 = time.perf_counter(), time.process_time()
            result = job()
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        found = getattr(result, "total", None)
        found = len(result) if found is None else found  # type: ignore[arg-type]
        med = statistics.median(wall) * 1000
        if name != "work queue":
            worst = max(worst, med)
        print(
            f"{name:22} median {med:6.1f} ms  max {max(wall) * 1000:6.1f} ms  "
            f"cpu median {statistics.median(cpu) * 1000:6.1f} ms  ({found} found)"
        )
    verdict = "met" if worst < 100 else "missed"
    print(f"slowest search median {worst:.1f} ms (target < 100 ms: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
