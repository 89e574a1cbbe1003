"""Benchmark: time a year's annual report PDF (and its spreadsheet) on a large database.

    .venv/bin/python bench/bench_report.py [--cases 100000] [--year 2025] [--rebuild]

Builds ``bench/out/report.sqlite3`` once from ``bench/generate.py``'s case and contacts
logs (generating them if missing), then times ``services.annual_report.render_pdf`` for
the financial year: the first run and the median of three more, then the statistics JSON
(the same way) and the Complaint Handling Code report. Targets (product.md, issue 13):
PDF under 3 seconds, JSON under 1 second on 100,000 complaints.
"""

from __future__ import annotations

import argparse
import statistics as stats
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import OUT, TODAY, generate  # noqa: E402
from complaints_desktop.config import current_user  # noqa: E402
from complaints_desktop.services import annual_report, caselog, statistics  # noqa: E402
from complaints_desktop.services.database import open_database  # noqa: E402

TARGET = 3.0


def build(db: Path, cases: int, contacts: int, rebuild: bool) -> None:
    """The benchmark database, imported from the generated logs unless it exists."""
    if db.exists() and not rebuild:
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    case_csv, contact_csv = OUT / "cases.csv", OUT / "contacts.csv"
    if rebuild or not case_csv.exists() or not contact_csv.exists():
        generate(OUT, cases=cases, contacts=contacts)
    env = open_database(f"sqlite:///{db}", user=current_user(), today=lambda: TODAY)
    started = time.perf_counter()
    caselog.import_file(env, case_csv, create_missing=True)
    caselog.import_file(env, contact_csv, contacts=True, create_missing=True)
    print(f"Imported the logs into {db.name} in {time.perf_counter() - started:.1f} s.")
    env.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Time the report; exit 1 when the median misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "report.sqlite3"
    build(db, args.cases, args.contacts, args.rebuild)
    env = open_database(f"sqlite:///{db}", user=current_user(), today=lambda: TODAY)
    start, end = date(args.year, 4, 1), date(args.year + 1, 3, 31)
    times, cpu = [], []
    for _ in range(4):
        began, began_cpu = time.perf_counter(), time.process_time()
        pdf = annual_report.render_pdf(env, start, end)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    (OUT / f"annual-{args.year}.pdf").write_bytes(pdf)
    json_times, json_cpu = [], []
    for _ in range(4):
        began, began_cpu = time.perf_counter(), time.process_time()
        statistics.write_json(statistics.compute(env, start, end), OUT / f"stats-{args.year}.json")
        json_times.append(time.perf_counter() - began)
        json_cpu.append(time.process_time() - began_cpu)
    code_times = []
    for _ in range(2):
        began = time.perf_counter()
        code_pdf = annual_report.render_code_pdf(env, args.year)
        code_times.append(time.perf_counter() - began)
    (OUT / f"code-{args.year}.pdf").write_bytes(code_pdf)
    began = time.perf_counter()
    annual_report.write_xlsx(env, start, end, OUT / f"annual-{args.year}.xlsx")
    xlsx = time.perf_counter() - began
    median = stats.median(times[1:])
    verdict = "ok" if median < TARGET else "TOO SLOW"
    print(f"Annual report PDF {args.year}/{(args.year + 1) % 100:02d}: first {times[0]:.2f} s, ")
    print(f"  median of 3 more {median:.2f} s (target < {TARGET:.0f} s: {verdict}); ", end="")
    print(f"{len(pdf) / 1024:.0f} KiB. Spreadsheet {xlsx:.2f} s.")
    print(
        f"  Process CPU time of the PDF: first {cpu[0]:.2f} s, "
        f"median {stats.median(cpu[1:]):.2f} s."
    )
    print(
        f"Statistics JSON: first {json_times[0]:.2f} s, median of 3 more "
        f"{stats.median(json_times[1:]):.2f} s (target < 1 s); CPU first {json_cpu[0]:.2f} s, "
        f"median {stats.median(json_cpu[1:]):.2f} s. Complaint Handling Code "
        f"report PDF: {code_times[0]:.2f} s, then {code_times[1]:.2f} s."
    )
    return 0 if median < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
