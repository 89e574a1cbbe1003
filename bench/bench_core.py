"""Benchmark: the quality bars of product.md on a 100,000-complaint database (no window).

    .venv/bin/python bench/bench_core.py [--cases 100000] [--year 2025] [--regenerate]

Creates a fresh SQLite database in bench/out/, imports the generated case log through the
command line's own code, then times a year's statistics, a full export, opening cases,
searches, the annual report PDF and a letter, and reports the peak memory. Writes
bench/out/results.json and prints a table. A stage whose module is not there yet prints
``skipped: <why>``; a stage that fails prints ``failed: <error>``; the rest still run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
TARGETS: dict[str, tuple[float, str]] = {
    "import cases": (30.0, "s"),
    "statistics JSON (cold)": (1.0, "s"),
    "statistics JSON (warm median)": (1.0, "s"),
    "open a case (median of 50)": (0.100, "s"),
    "open a case (slowest of 50)": (0.100, "s"),
    "search or filter (slowest)": (0.100, "s"),
    "annual report PDF": (3.0, "s"),
    "letter PDF (median of 10)": (0.150, "s"),
    "peak memory": (400.0, "MB"),
}
"""Stage -> (target, unit), from product.md's quality bars."""


class Skip(Exception):
    """A stage cannot run yet (its module or function is missing)."""


def need(module: str, *names: str) -> Any:
    """Import ``module`` and check it has ``names``; Skip with the reason otherwise."""
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        raise Skip(f"{module} is not there yet ({exc})") from exc
    missing = [n for n in names if not hasattr(found, n)]
    if missing:
        raise Skip(f"{module} has no {', '.join(missing)} yet")
    return found


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@dataclass
class Result:
    """What one stage measured."""

    name: str
    status: str = "ok"
    value: float | None = None
    unit: str = "s"
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def verdict(self) -> str:
        target = TARGETS.get(self.name)
        if self.status != "ok" or target is None or self.value is None:
            return ""
        return "meets" if self.value <= target[0] else "MISSES"


@dataclass
class Bench:
    """Runs stages, keeping going when one cannot run."""

    results: list[Result] = field(default_factory=list)

    def run(self, name: str, fn: Callable[[], Result | float]) -> Result | None:
        print(f"- {name} ...", flush=True)
        cpu = time.process_time()
        try:
            got = fn()
        except Skip as exc:
            result = Result(name, status="skipped", detail=str(exc))
        except Exception as exc:
            result = Result(name, status="failed", detail=f"{type(exc).__name__}: {exc}")
        else:
            result = got if isinstance(got, Result) else Result(name, value=got)
            result.name = name
        result.extra["peak_mb_after"] = round(peak_mb(), 1)
        result.extra["cpu_seconds"] = round(time.process_time() - cpu, 3)
        self.results.append(result)
        if result.status != "ok":
            print(f"  {result.status}: {result.detail}")
        return result if result.status == "ok" else None

    def table(self) -> str:
        head = f"{'stage':34} {'result':>14} {'target':>10} {'peak MB':>8} {'CPU s':>7}  verdict"
        lines = [head, "-" * 88]
        for r in self.results:
            target = TARGETS.get(r.name)
            shown = f"< {target[0]:g} {target[1]}" if target else ""
            peak = f"{r.extra.get('peak_mb_after', ''):>8} {r.extra.get('cpu_seconds', ''):>7}"
            if r.status != "ok":
                lines.append(f"{r.name:34} {r.status:>14} {shown:>10} {peak}  {r.detail[:60]}")
                continue
            value = f"{r.value:.3f} {r.unit}" if r.value is not None else ""
            lines.append(f"{r.name:34} {value:>14} {shown:>10} {peak}  {r.verdict()} {r.detail}")
        return "\n".join(lines)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def cli_import(db: Path, csv_path: Path, *extra: str) -> Result:
    """Time ``complaints-desktop --db DB import FILE --create-missing`` in this process."""
    cli = need("complaints_desktop.cli", "main")
    need("complaints_desktop.services.caselog", "import_file")
    args = ["--db", str(db), "import", str(csv_path), "--create-missing", *extra]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        seconds, code = timed(lambda: cli.main(args))
    if code != 0:
        first = "\n".join(err.getvalue().splitlines()[:20])
        raise RuntimeError(f"exit code {code}:\n{first}")
    last = out.getvalue().strip().splitlines()[-1] if out.getvalue().strip() else ""
    return Result("", value=seconds, detail=last)


def table_counts(env: Any) -> dict[str, int]:
    """Rows in the main tables, to check the import wrote what the file holds."""
    from sqlalchemy import text

    names = ("complaint", "stage", "ombudsman", "complaint_team", "person", "child", "contact")
    with env.uow() as session:
        return {
            n: int(session.execute(text(f"SELECT count(*) FROM {n}")).scalar_one()) for n in names
        }


def main(argv: list[str] | None = None) -> int:
    """Run every stage; write results.json; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--year", type=int, default=2025, help="financial year for statistics")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--regenerate", action="store_true", help="write the CSVs again")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    load = [round(x, 2) for x in os.getloadavg()]
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    cases_csv, contacts_csv = out / "cases.csv", out / "contacts.csv"
    meta = out / "generated.json"
    wanted = {"cases": args.cases, "contacts": args.contacts, "seed": args.seed}
    bench = Bench()
    rng = random.Random(args.seed)

    def generate() -> Result:
        have = json.loads(meta.read_text()) if meta.exists() else None
        if not args.regenerate and have == wanted and cases_csv.exists():
            return Result("", value=0.0, detail="(files already there)")
        command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--out", str(out)]
        command += ["--cases", str(args.cases), "--contacts", str(args.contacts)]
        command += ["--seed", str(args.seed)]
        seconds, _ = timed(lambda: subprocess.run(command, check=True))
        meta.write_text(json.dumps(wanted))
        return Result("", value=seconds, detail="(in a separate process)")

    bench.run("generate CSVs", generate)
    db = out / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)

    bench.run("import cases", lambda: cli_import(db, cases_csv))
    bench.run("import contacts", lambda: cli_import(db, contacts_csv, "--contacts"))
    database = need("complaints_desktop.services.database", "open_database")
    config = need("complaints_desktop.config", "current_user")
    # the command-line import made this account the database's first administrator
    env = database.open_database(str(db), user=config.current_user())
    rows = table_counts(env)
    print(f"  database holds: {', '.join(f'{n:,} {t}' for t, n in rows.items())}")
    if rows.get("complaint") and not rows.get("stage"):
        print("  WARNING: complaints without a single stage: the import lost data.")
    start, end = date(args.year, 4, 1), date(args.year + 1, 3, 31)

    def stats_cold() -> Result:
        st = need("complaints_desktop.services.statistics", "compute", "write_json")
        target = out / f"statistics-{args.year}.json"
        seconds, _ = timed(lambda: st.write_json(st.compute(env, start, end), target))
        received = json.loads(target.read_text())["statutory"]["received"]
        return Result("", value=seconds, detail=f"({received} statutory received in {args.year})")

    def stats_warm() -> Result:
        st = need("complaints_desktop.services.statistics", "compute", "write_json")
        target = out / f"statistics-{args.year}.json"
        runs = [timed(lambda: st.write_json(st.compute(env, start, end), target))[0]]
        runs += [timed(lambda: st.write_json(st.compute(env, start, end), target))[0]]
        runs += [timed(lambda: st.write_json(st.compute(env, start, end), target))[0]]
        return Result("", value=statistics.median(runs), detail=f"(runs: {_fmt(runs)})")

    bench.run("statistics JSON (cold)", stats_cold)
    bench.run("statistics JSON (warm median)", stats_warm)

    def export() -> Result:
        caselog = need("complaints_desktop.services.caselog", "export_file")
        target = out / "export.csv"
        seconds, count = timed(lambda: caselog.export_file(env, target))
        return Result("", value=seconds, detail=f"({count} rows)")

    bench.run("full export (case log CSV)", export)

    def references() -> list[str]:
        from sqlalchemy import text

        with env.uow() as session:
            found = session.execute(text("SELECT reference FROM complaint ORDER BY id"))
            return [str(r[0]) for r in found]

    refs = references()
    sample = rng.sample(refs, min(50, len(refs))) if refs else []
    opened: list[float] = []

    def open_cases() -> Result:
        cases = need("complaints_desktop.services.cases", "get")
        if not sample:
            raise Skip("no cases in the database (the import did not run)")
        opened.extend(timed(partial(cases.get, env, r))[0] for r in sample)
        return Result("", value=statistics.median(opened), detail=f"(n={len(opened)})")

    bench.run("open a case (median of 50)", open_cases)
    if opened:
        bench.results.append(Result("open a case (slowest of 50)", value=max(opened)))

    def search() -> Result:
        queries = need("complaints_desktop.services.queries", "search_cases")
        views = need("complaints_desktop.domain.views", "SearchCriteria")
        criteria = {
            "name": views.SearchCriteria(text="Kowalski"),
            "two words": views.SearchCriteria(text="Aisha Khan"),
            "reference": views.SearchCriteria(text=sample[0] if sample else "CSC"),
            "team": views.SearchCriteria(team="Fostering"),
            "status open": views.SearchCriteria(status="open"),
            "stage 2, statutory": views.SearchCriteria(stage=2, procedure="statutory"),
            "received in a year": views.SearchCriteria(
                received_from=start, received_to=end, sort="reference"
            ),
            "overdue only": views.SearchCriteria(overdue_only=True),
        }
        times = {k: timed(partial(queries.search_cases, env, c))[0] for k, c in criteria.items()}
        slowest = max(times, key=lambda k: times[k])
        detail = f"(slowest: {slowest}; " + ", ".join(f"{k} {v:.3f}" for k, v in times.items())
        return Result("", value=times[slowest], detail=detail + ")", extra=times)

    bench.run("search or filter (slowest)", search)

    def queue() -> Result:
        queries = need("complaints_desktop.services.queries", "work_queue")
        seconds, items = timed(lambda: queries.work_queue(env))
        return Result("", value=seconds, detail=f"({len(items)} lines)")

    bench.run("work queue", queue)

    def annual_pdf() -> Result:
        report = need("complaints_desktop.services.annual_report", "write_pdf")
        target = out / f"annual-report-{args.year}.pdf"
        seconds, _ = timed(lambda: report.write_pdf(env, start, end, target, suppress_below=5))
        return Result("", value=seconds, detail=f"({target.stat().st_size // 1024} KB)")

    bench.run("annual report PDF", annual_pdf)

    def letter() -> Result:
        letters = need("complaints_desktop.services.letters", "write_letter", "templates_for")
        settings = need("complaints_desktop.services.settings", "council", "save_council")
        demo = need("complaints_desktop.services.demo", "COUNCIL")
        if not settings.council(env).name:
            settings.save_council(env, demo.COUNCIL)
        cases = need("complaints_desktop.services.cases", "get")
        runs: list[float] = []
        used: list[str] = []
        failures: list[str] = []
        for reference in sample:
            if len(runs) == 10:
                break
            fitting = letters.templates_for(cases.get(env, reference))
            if not fitting:
                continue
            target = out / f"letter-{len(runs)}.pdf"
            try:
                write = partial(letters.write_letter, env, reference, fitting[0], target)
                seconds, _ = timed(write)
            except Exception as exc:
                failures.append(f"{reference} {fitting[0]}: {exc}")
                continue
            runs.append(seconds)
            used.append(fitting[0])
        if not runs:
            raise RuntimeError("; ".join(failures[:3]) or "no case had a letter to write")
        detail = f"(runs: {_fmt(runs)}; templates: {', '.join(sorted(set(used)))}"
        detail += f"; {len(failures)} refused)" if failures else ")"
        return Result("", value=statistics.median(runs), detail=detail)

    bench.run("letter PDF (median of 10)", letter)
    bench.results.append(Result("peak memory", value=peak_mb(), unit="MB", detail="(maxrss)"))

    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": load,
        },
        "commit": _commit(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "database": str(db),
        "rows": rows,
        "database_mb": round(db.stat().st_size / 1e6, 1) if db.exists() else None,
        "inputs": wanted,
        "stages": [
            {
                "stage": r.name,
                "status": r.status,
                "value": None if r.value is None else round(r.value, 4),
                "unit": r.unit,
                "target": TARGETS.get(r.name, (None, ""))[0],
                "verdict": r.verdict(),
                "detail": r.detail,
                **({"extra": r.extra} if r.extra else {}),
            }
            for r in bench.results
        ],
    }
    (out / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    print()
    print(bench.table())
    print(f"\nResults written to {out / 'results.json'}.")
    return 0


def _commit() -> str:
    """The git commit the code was at (with ``+`` when files were changed), or ""."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return ""
    return f"{head}+" if head and dirty else head


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    raise SystemExit(main())
