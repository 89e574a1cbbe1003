"""Domain: figures the team enters for the annual report, one ``label: number`` a line.

Two parts of the team's words hold numbers rather than prose:

- **Context figures** (the children the service works with at the year's end), so the
  report prints complaints per 1,000 children::

      Children in need: 2140
      Child protection plans: 310
      Children looked after: 265

- **Figures published for earlier years** (what the council's own earlier reports said,
  for years before this database), printed as such beside the years counted here::

      2020/21 statutory received: 41
      2020/21 statutory stage 2: 4
      2020/21 compliments: 96

Lines that are blank or start with ``#`` are ignored.
"""

from __future__ import annotations

import re

from complaints_desktop.domain.errors import ValidationFailed

CONTEXT_MEASURES = {
    "children in need": "Children in need",
    "child protection plans": "Children on child protection plans",
    "children on child protection plans": "Children on child protection plans",
    "children looked after": "Children looked after",
    "looked after children": "Children looked after",
}
"""Accepted labels (folded) -> the label the report prints."""

PUBLISHED_MEASURES = (
    "statutory received",
    "statutory stage 1",
    "statutory stage 2",
    "statutory stage 3",
    "corporate received",
    "corporate stage 1",
    "corporate stage 2",
    "ombudsman decisions",
    "ombudsman upheld",
    "compliments",
)
"""What an earlier year's published figure may be (the report's rows, in this order)."""

_YEAR_LINE = re.compile(r"^(\d{4})/(\d{2})\s+(.+?)\s*:\s*(.*?)\s*$")


def _number(value: str, number: int, problems: list[str]) -> int | None:
    clean = value.replace(",", "").strip()
    if clean.isdigit():
        return int(clean)
    problems.append(f"line {number}: '{value.strip()}' is not a whole number.")
    return None


def _lines(text: str, first_line: int) -> list[tuple[int, str]]:
    return [
        (n, line.strip())
        for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=first_line)
        if line.strip() and not line.strip().startswith("#")
    ]


def parse_context(text: str, first_line: int = 1) -> dict[str, int]:
    """The context figures in ``text``: printed label -> number (``first_line``: the
    number of its first line in the file, for the messages).

    Raises:
        ValidationFailed: an unknown label, a missing colon or a value that is not a
            whole number, each with its line.
    """
    figures: dict[str, int] = {}
    problems: list[str] = []
    for number, line in _lines(text, first_line):
        label, colon, value = line.partition(":")
        measure = CONTEXT_MEASURES.get(" ".join(label.casefold().split()))
        if not colon or measure is None:
            problems.append(
                f"line {number}: write 'Children in need: N', 'Child protection plans: N' "
                f"or 'Children looked after: N', not '{line[:40]}'."
            )
            continue
        count = _number(value, number, problems)
        if count is not None:
            figures[measure] = count
    if problems:
        raise ValidationFailed(["Context figures: " + p for p in problems])
    return figures


def parse_published(text: str, first_line: int = 1) -> dict[str, dict[str, int]]:
    """Earlier years' published figures in ``text``: ``2020/21`` -> measure -> number.

    Raises:
        ValidationFailed: a line that is not ``YYYY/YY measure: N``, a year whose two
            halves do not follow, an unknown measure or a value that is not a whole
            number, each with its line.
    """
    years: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    for number, line in _lines(text, first_line):
        found = _YEAR_LINE.match(line)
        if found is None:
            problems.append(
                f"line {number}: write 'YYYY/YY measure: N' (e.g. '2020/21 statutory "
                f"received: 41'), not '{line[:40]}'."
            )
            continue
        first, second, label, value = found.groups()
        if (int(first) + 1) % 100 != int(second):
            problems.append(f"line {number}: {first}/{second} is not a financial year.")
            continue
        measure = " ".join(label.casefold().split())
        if measure not in PUBLISHED_MEASURES:
            problems.append(
                f"line {number}: '{label}' is not a figure the report shows; use one of: "
                + ", ".join(PUBLISHED_MEASURES)
                + "."
            )
            continue
        count = _number(value, number, problems)
        if count is not None:
            years.setdefault(f"{first}/{second}", {})[measure] = count
    if problems:
        raise ValidationFailed(["Figures published for earlier years: " + p for p in problems])
    return dict(sorted(years.items()))
