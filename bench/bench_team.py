"""Load test: eight officers working on one database at once for a minute.

Each officer is a process of its own (as each PC is), with its own connection, doing
what a day's work is made of, chosen at random: open a case, search, edit its summary,
acknowledge it, add a note, print (produce and log) a letter, look at the work queue.
A save refused because a colleague saved the same case first is what the officer sees
as "someone else saved this case" (reload, or keep my changes): counted as a conflict,
never lost. Anything else that fails is an error (target: none). Afterwards ``check``
must be clean, and every note an officer was told was saved must be in the database.

    python bench/bench_team.py                         # SQLite file on this PC
    python bench/bench_team.py --db postgresql://postgres:postgres@localhost/bench_team
    python bench/bench_team.py --officers 8 --seconds 60 --cases 2000

Prints one table row per operation (count, median, slowest) and the totals; paste the
table into bench/results.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 24)
OPERATIONS = ("open", "search", "edit", "acknowledge", "note", "letter", "queue")
WEIGHTS = (25, 20, 15, 5, 20, 5, 10)
WORDS = ("contact", "foster", "school", "delay", "social", "plan", "meeting", "Smith")


def _env(db: str, officer: int) -> Any:
    from complaints_desktop.config import current_user, database_url
    from complaints_desktop.services.env import Env
    from complaints_desktop.storage.engine import make_engine

    return Env(make_engine(database_url(db)), user=current_user(), today=lambda: TODAY)


def officer(
    db: str, number: int, seconds: float, references: list[str], start_at: float
) -> dict[str, Any]:
    """One officer's minute: (operation -> durations), conflicts, errors, notes saved.

    The app is loaded and one case opened first (as a window would have), then every
    officer starts at the same moment ``start_at``.
    """
    from complaints_desktop.domain.errors import (
        ConcurrentEdit,
        KnownError,
        RuleViolation,
        ValidationFailed,
    )
    from complaints_desktop.domain.views import SearchCriteria
    from complaints_desktop.services import cases, letters, queries

    env = _env(db, number)
    cases.get(env, references[0])
    queries.work_queue(env)
    letters.templates_for(cases.get(env, references[0]))
    time.sleep(max(0.0, start_at - time.time()))
    rng = random.Random(number)
    times: dict[str, list[float]] = defaultdict(list)
    conflicts = refused = held = busy = 0
    errors: list[str] = []
    notes: list[str] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        what = rng.choices(OPERATIONS, WEIGHTS)[0]
        reference = rng.choice(references)
        started = time.perf_counter()
        try:
            if what == "open":
                cases.get(env, reference)
            elif what == "search":
                queries.search_cases(env, SearchCriteria(text=rng.choice(WORDS), limit=200))
            elif what == "queue":
                queries.work_queue(env)
            elif what == "edit":
                case = cases.get(env, reference)
                time.sleep(rng.uniform(0.0, 0.05))  # the officer types
                case.summary = f"{case.summary.split(' [')[0]} [checked by officer {number}]"
                cases.edit(env, case)
            elif what == "acknowledge":
                case = cases.get(env, reference)
                cases.acknowledge(env, case, TODAY)
            elif what == "note":
                case = cases.get(env, reference)
                text = f"officer {number} note {len(notes) + 1}"
                cases.add_note(env, case, text)
                notes.append(text)
            elif what == "letter":
                case = cases.get(env, reference)
                fits = letters.templates_for(case)
                if fits:
                    out = Path(tempfile.gettempdir()) / f"bench-team-{number}.pdf"
                    letters.write_letter(env, reference, fits[0], out)
        except ConcurrentEdit:
            conflicts += 1  # "someone else saved this case": reload or keep my changes
        except RuleViolation:
            refused += 1  # e.g. acknowledging a case already acknowledged
        except ValidationFailed as exc:
            if what == "letter":
                # The letter's own checks: "this letter promises a reply by a date already
                # passed ... Send anyway", or a fact it needs is not recorded. The officer
                # is asked to decide; nothing is written.
                held += 1
            else:
                errors.append(f"{what}: {type(exc).__name__}: {str(exc)[:160]}")
        except KnownError as exc:
            if "busy" not in str(exc):
                errors.append(f"{what}: {type(exc).__name__}: {str(exc)[:160]}")
            else:  # "The database is busy ... try again": nothing saved, nothing lost
                busy += 1
        except Exception as exc:  # the load test's whole point: count every other failure
            name = type(exc).__name__
            errors.append(f"{what}: {name}: {str(exc).splitlines()[0][:160]}")
        times[what].append(time.perf_counter() - started)
    env.engine.dispose()
    return {
        "times": dict(times),
        "conflicts": conflicts,
        "refused": refused,
        "held": held,
        "busy": busy,
        "errors": errors,
        "notes": notes,
    }


def _run(arguments: tuple[str, int, float, list[str], float]) -> dict[str, Any]:
    return officer(*arguments)


def prepare(db: str, cases: int) -> list[str]:
    """A database with ``cases`` demo cases; the references of the open ones."""
    from sqlalchemy import select

    from complaints_desktop.config import current_user
    from complaints_desktop.services import demo
    from complaints_desktop.services.database import open_database
    from complaints_desktop.storage import tables

    env = open_database(db, user=current_user(), today=lambda: TODAY)
    with env.uow() as session:
        have = session.execute(select(tables.Complaint.reference)).scalars().all()
    if len(have) < cases:
        demo.fill(env, cases - len(have))
    with env.uow() as session:
        rows = session.execute(
            select(tables.Complaint.reference).where(tables.Complaint.status == "open")
        )
        references = list(rows.scalars())
    env.engine.dispose()
    return references


def notes_found(db: str, texts: list[str]) -> int:
    from sqlalchemy import func, select

    from complaints_desktop.storage import tables

    env = _env(db, 0)
    with env.uow() as session:
        found = session.execute(
            select(func.count()).where(col_in(tables.Note.text, texts))
        ).scalar_one()
    env.engine.dispose()
    return int(found)


def col_in(column: Any, values: list[str]) -> Any:
    from sqlmodel import col

    return col(column).in_(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file or postgresql:// URL (default: a new file)")
    parser.add_argument("--officers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cases", type=int, default=2000)
    args = parser.parse_args(argv)
    db = args.db or str(Path(tempfile.mkdtemp()) / "team.sqlite3")
    references = prepare(db, args.cases)
    print(f"{len(references)} open cases; {args.officers} officers for {args.seconds:.0f} s")
    start_at = time.time() + 10 + 2 * args.officers  # once every officer's app is loaded
    jobs = [(db, n, args.seconds, references, start_at) for n in range(1, args.officers + 1)]
    with multiprocessing.get_context("spawn").Pool(args.officers) as pool:
        results = pool.map(_run, jobs)

    merged: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for what, durations in result["times"].items():
            merged[what].extend(durations)
    print()
    print("| operation | done | median ms | slowest ms |")
    print("|---|---:|---:|---:|")
    for what in OPERATIONS:
        durations = merged.get(what, [])
        if durations:
            print(
                f"| {what} | {len(durations):,} | {statistics.median(durations) * 1000:.0f} "
                f"| {max(durations) * 1000:.0f} |"
            )
    total = sum(len(d) for d in merged.values())
    conflicts = sum(r["conflicts"] for r in results)
    refused = sum(r["refused"] for r in results)
    held = sum(r["held"] for r in results)
    busy = sum(r["busy"] for r in results)
    errors = [e for r in results for e in r["errors"]]
    notes = [n for r in results for n in r["notes"]]
    print(f"| **all** | {total:,} | | |")
    print()
    print(f"conflicts shown as 'someone else saved this case': {conflicts}")
    print(f"moves refused by the rules (e.g. already acknowledged): {refused}")
    print(f"letters held by their own checks (a reply date passed, a fact missing): {held}")
    print(f"told 'the database is busy, try again' (nothing saved, nothing lost): {busy}")
    print(f"errors: {len(errors)}")
    for line in sorted(set(errors))[:20]:
        print(f"  {line}")
    found = notes_found(db, notes)
    print(f"notes saved: {len(notes)}; found afterwards: {found}")

    from complaints_desktop.services import safety

    env = safety.open_unmigrated(db, today=lambda: TODAY)
    problems, _notes = safety.check(env)
    env.engine.dispose()
    print("check: " + ("clean" if not problems else " | ".join(problems)))
    return 0 if not errors and not problems and found == len(notes) else 1


if __name__ == "__main__":
    sys.exit(main())
