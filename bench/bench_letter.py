"""Benchmark: time one letter PDF, from reference to bytes (target < 150 ms, product.md).

    .venv/bin/python bench/bench_letter.py [--db PATH_OR_URL] [--repeat 20]

Without ``--db`` it builds a small temporary database (a letter reads one case by its
indexed reference, so the database's size hardly matters); with ``--db`` it uses the
newest complaint of that database (which must have its council details set). Prints the
first letter (fonts loaded on the way), the median and worst of ``--repeat`` more, and
the median of every template that fits the benchmark's cases.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from complaints_desktop.domain.model import Advocacy, Case, Child, Person
from complaints_desktop.services import cases, letters
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.database import open_database
from complaints_desktop.services.env import Env

TARGET_MS = 150.0


def _build(folder: Path) -> tuple[Env, dict[str, str]]:
    env = open_database(
        str(folder / "bench.sqlite3"), user="bench", today=lambda: date(2027, 3, 31)
    )
    settings_service.save_council(env, settings_service.CouncilDetails(**letters.DEMO_COUNCIL))
    person = Person(name="Siobhán O'Sullivan", address="27 Rosemary Gardens\nNorthmoor\nNM2 3LP")

    def new(**kw: object) -> Case:
        return cases.create(
            env,
            Case(
                procedure="statutory",
                received=date(2027, 3, 1),
                relationship="parent",
                complainant=person,
                child=Child(name="Łukasz O'Sullivan"),
                **kw,  # type: ignore[arg-type]
            ),
        )

    fresh = new(advocacy=Advocacy(provider="Coram Voice"))
    extended = cases.extend(
        env, new(), date(2027, 3, 10), "eleven matters", "your complaint has eleven parts."
    )
    answered = cases.respond(env, new(), date(2027, 3, 19), "partially upheld")
    refs = {
        "acknowledgement": fresh.reference,
        "advocacy-referral": fresh.reference,
        "extension": extended.reference,
        "stage1-response": answered.reference,
    }
    return env, refs


def _time(env: Env, reference: str, template: str) -> float:
    start = time.perf_counter()
    pdf = letters.render(env, reference, template, send_anyway=True)
    elapsed = (time.perf_counter() - start) * 1000
    assert pdf.startswith(b"%PDF")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (SQLite path or URL)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.db:
            env = open_database(args.db, user="bench")
            from sqlmodel import col, select

            from complaints_desktop.storage.tables import Complaint

            with env.uow() as session:
                ref = session.exec(
                    select(Complaint.reference).order_by(col(Complaint.id).desc())
                ).first()
            refs = {"acknowledgement": str(ref)}
        else:
            env, refs = _build(Path(folder))
        first = _time(env, refs["acknowledgement"], "acknowledgement")
        runs = [_time(env, refs["acknowledgement"], "acknowledgement") for _ in range(args.repeat)]
        median = statistics.median(runs)
        print(f"first letter (loads the fonts): {first:.1f} ms")
        print(f"one letter, median of {args.repeat}: {median:.1f} ms (worst {max(runs):.1f} ms)")
        for template, reference in refs.items():
            times = [_time(env, reference, template) for _ in range(5)]
            print(f"  {template:<22} {statistics.median(times):6.1f} ms")
        verdict = "meets" if median < TARGET_MS else "MISSES"
        print(f"{verdict} the target of {TARGET_MS:.0f} ms per letter")
        env.engine.dispose()
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
