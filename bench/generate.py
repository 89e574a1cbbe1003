"""Benchmark input: a large case log and contacts log in the formats.md §2/§3 CSV formats.

    .venv/bin/python bench/generate.py [--cases 100000] [--contacts 30000] [--out bench/out]

The cases come from ``demo.data`` (built by legal workflow moves, so every row
passes the import's consistency checks) spread over 32 years up to a fixed day, so the
same arguments always write the same bytes. Every column is filled somewhere, and the
cells vary the way real spreadsheets do: some UK dates (DD/MM/YYYY), amounts written
``1,200.50`` or ``£1,200.50``, vocabulary in another case, addresses split by ``;`` or by
line breaks.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from complaints_desktop.demo.data import World, iter_cases, iter_contacts  # noqa: E402
from complaints_desktop.domain.calendar import WorkingCalendar  # noqa: E402
from complaints_desktop.domain.model import Case, Contact  # noqa: E402
from complaints_desktop.domain.procedures import Settings  # noqa: E402
from complaints_desktop.services.caselog.parse import (  # noqa: E402
    CASE_COLUMNS,
    CONTACT_COLUMNS,
)

TODAY = date(2026, 11, 20)
"""The fixed 'today' of the generated data (a Friday; no date after it is written)."""
YEARS = 32.0
OUT = ROOT / "bench" / "out"
PREFIXES = {"statutory": "CSC", "corporate": "CORP", "adult": "ASC"}


class Cells:
    """Writes values the way different spreadsheets do (deterministic for a seed)."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today

    def day(self, value: date | None) -> str:
        if value is None or value > self.today:
            return ""
        return value.strftime("%d/%m/%Y") if self.rng.random() < 0.1 else value.isoformat()

    def money(self, pence: int) -> str:
        if not pence:
            return ""
        plain = f"{pence // 100}.{pence % 100:02d}"
        roll = self.rng.random()
        if roll < 0.1:
            return f"£{pence // 100:,}.{pence % 100:02d}"
        if roll < 0.2:
            return f"{pence // 100:,}.{pence % 100:02d}"
        return plain

    def word(self, value: str) -> str:
        return value.capitalize() if value and self.rng.random() < 0.05 else value

    def address(self, value: str) -> str:
        return value.replace("\n", "; ") if self.rng.random() < 0.5 else value


def case_row(case: Case, cells: Cells) -> dict[str, str]:
    """One case-log row for ``case``."""
    d, w = cells.day, cells.word
    row = dict.fromkeys(CASE_COLUMNS, "")
    row.update(
        reference=case.reference,
        procedure=w(case.procedure),
        received=d(case.received),
        channel=w(case.channel),
        relationship=w(case.relationship),
        service_area=case.service_area,
        teams="; ".join(case.teams),
        types="; ".join(case.types),
        advocacy={True: "yes", False: "no", None: ""}[case.advocacy.used],
        resolved_early=d(case.resolved_early),
        remedies="; ".join(case.remedies),
        complainant_name=case.complainant.name,
        complainant_address=cells.address(case.complainant.address),
        complainant_email=case.complainant.email,
        complainant_phone=case.complainant.phone,
        child_name=case.child.name,
        child_dob=d(case.child.dob),
        child_id=case.child.system_id,
        **{key: w(value) for key, value in case.equality.items()},
    )
    for stage in case.stages:
        n = stage.number
        answered = stage.response is not None and stage.response <= cells.today
        response = d(stage.response) if answered else ""
        row[f"s{n}_response"] = response
        row[f"s{n}_outcome"] = w(stage.outcome) if response else ""
        if n == 1:
            row["s1_start"] = d(stage.start)
            row["s1_extended"] = "yes" if stage.extended else "no"
        elif n == 2:
            row["s2_requested"] = d(stage.requested)
            row["s2_start"] = d(stage.start)
            row["s2_cost"] = cells.money(stage.cost)
        else:
            row["s3_requested"] = d(stage.requested)
            row["s3_panel"] = d(stage.panel_date)
            row["s3_cost"] = cells.money(stage.cost)
    omb = case.ombudsman
    if omb is not None:
        row["lgsco_reference"] = omb.reference
        row["lgsco_received"] = d(omb.received)
        row["lgsco_decided"] = d(omb.decided)
        row["lgsco_outcome"] = w(omb.outcome) if row["lgsco_decided"] else ""
        row["lgsco_payment"] = cells.money(omb.payment)
    return row


def contact_row(contact: Contact, cells: Cells) -> dict[str, str]:
    """One contacts-log row."""
    return {
        "reference": contact.reference,
        "kind": cells.word(contact.kind),
        "received": cells.day(contact.received),
        "teams": "; ".join(contact.teams),
        "channel": cells.word(contact.channel),
        "from": contact.sender,
        "summary": contact.summary,
        "responded": cells.day(contact.responded),
    }


def _write(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]]) -> int:
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def generate(
    out: Path = OUT,
    *,
    cases: int = 100_000,
    contacts: int = 30_000,
    seed: int = 2026,
    today: date = TODAY,
    years: float = YEARS,
) -> tuple[Path, Path]:
    """Write ``cases.csv`` and ``contacts.csv`` into ``out``; return their paths."""
    world = World(today=today, settings=Settings(), cal=WorkingCalendar.for_region())
    cells = Cells(seed + 2, today)
    case_path, contact_path = out / "cases.csv", out / "contacts.csv"
    stream = iter_cases(world, cases, seed=seed, years=years, prefixes=PREFIXES)
    _write(case_path, CASE_COLUMNS, (case_row(c, cells) for c in stream))
    people = iter_contacts(world, contacts, seed=seed, years=years)
    _write(contact_path, CONTACT_COLUMNS, (contact_row(c, cells) for c in people))
    return case_path, contact_path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the benchmark's input files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--years", type=float, default=YEARS)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    case_path, contact_path = generate(
        args.out,
        cases=args.cases,
        contacts=args.contacts,
        seed=args.seed,
        today=args.today,
        years=args.years,
    )
    took = time.perf_counter() - started
    print(f"Wrote {args.cases:,} cases to {case_path} and {args.contacts:,} contacts to ", end="")
    print(f"{contact_path} in {took:.1f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
