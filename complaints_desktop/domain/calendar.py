"""Domain: the working-day calendar of formats.md §1 (deemed receipt, counting, deadlines).

A working day is Monday to Friday that is neither a bank holiday of the council's UK
region nor a council closure day. Every computation here is O(1) after the calendar has
indexed its range, so statistics over 100,000 cases stay fast. The range is built on first
use around the dates asked about (a year before to five after) and extends itself on
demand, so a calendar that only counts this year's deadlines never indexes sixty years.

Bank holidays are looked up once per region and year in a process and remembered; a
caller may hand over ones kept from an earlier run (``remember_bank_holidays``): the
``holidays`` package takes ~0.1 s to import and to load its countries, so a start whose
years are all known never imports it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

REGIONS: dict[str, str] = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
REGION_LABELS: dict[str, str] = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
DEFAULT_REGION = "england-and-wales"

_BEFORE = 1
_AFTER = 5
"""Years indexed before and after the first date asked about."""


_KNOWN: dict[tuple[str, int], dict[date, str]] = {}
"""Bank holidays already looked up (or handed over) in this process, by (region, year)."""


def bank_holidays(region: str, first_year: int, last_year: int) -> dict[date, str]:
    """Bank holidays of a UK region from the ``holidays`` package, with their names.

    Years already known in this process are not asked about again (nor is the package
    imported when every year is known).
    """
    if region not in REGIONS:
        raise ValueError(f"unknown bank-holiday region {region!r}")
    years = range(first_year, last_year + 1)
    missing = [year for year in years if (region, year) not in _KNOWN]
    if missing:
        import holidays  # ~0.1 s with its first lookup (every country's module)

        found = holidays.country_holidays("GB", subdiv=REGIONS[region], years=missing)
        by_year: dict[int, dict[date, str]] = {year: {} for year in missing}
        for day, name in found.items():
            by_year.setdefault(day.year, {})[day] = str(name)
        for year in missing:
            _KNOWN[(region, year)] = by_year[year]
    out: dict[date, str] = {}
    for year in years:
        out.update(_KNOWN[(region, year)])
    return out


def index_years(today: date) -> range:
    """The years a calendar first indexes around ``today`` (what a start needs)."""
    return range(today.year - _BEFORE, today.year + _AFTER + 1)


def remember_bank_holidays(region: str, by_year: Mapping[int, Mapping[date, str]]) -> None:
    """Take bank holidays kept from an earlier run, for years not looked up yet."""
    if region not in REGIONS:
        raise ValueError(f"unknown bank-holiday region {region!r}")
    for year, days in by_year.items():
        _KNOWN.setdefault((region, year), dict(days))


def known_bank_holidays(region: str, years: Iterable[int]) -> dict[int, dict[date, str]]:
    """The bank holidays known so far for those of ``years`` that are known."""
    return {year: dict(_KNOWN[(region, year)]) for year in years if (region, year) in _KNOWN}


def holidays_version() -> str:
    """The installed ``holidays`` package's version, read without importing it ("" when
    its metadata is not there, e.g. in a build that left it out)."""
    from importlib import metadata

    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:
        return ""


@dataclass(frozen=True)
class Suspension:
    """A period when the clock stopped: working days ``start <= d < end`` do not count.

    ``end`` is the day the clock runs again; ``None`` means it has not restarted yet.
    """

    start: date
    end: date | None
    reason: str = ""


@dataclass
class WorkingCalendar:
    """Working days of one council: its region's bank holidays plus its closure days."""

    region: str = DEFAULT_REGION
    closure_days: frozenset[date] = frozenset()
    _first: date = field(init=False, repr=False)
    _last: date = field(init=False, repr=False)
    _safe_until: date = field(init=False, repr=False)
    _days: list[date] = field(init=False, repr=False)
    _count_at: dict[date, int] = field(init=False, repr=False)
    _holidays: dict[date, str] = field(init=False, repr=False)
    _added: dict[tuple[date, int], date] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self.closure_days = frozenset(self.closure_days)
        if self.region not in REGIONS:
            raise ValueError(f"unknown bank-holiday region {self.region!r}")
        self._first, self._last = date.max, date.min  # nothing indexed yet
        self._safe_until = date.min
        self._days, self._count_at, self._holidays = [], {}, {}

    @classmethod
    def for_region(
        cls, region: str = DEFAULT_REGION, closure_days: Iterable[date] = ()
    ) -> WorkingCalendar:
        """A calendar for ``region`` with the given council closure days."""
        return cls(region=region, closure_days=frozenset(closure_days))

    # -- index ---------------------------------------------------------------------------
    def _build(self, first_year: int, last_year: int) -> None:
        self._holidays = bank_holidays(self.region, first_year, last_year)
        self._first = date(first_year, 1, 1)
        self._last = date(last_year, 12, 31)
        self._safe_until = self._last - timedelta(days=400)  # room for deadlines after it
        days: list[date] = []
        count_at: dict[date, int] = {}
        day = self._first
        one = timedelta(days=1)
        count = 0
        while day <= self._last:
            if self._is_working(day):
                days.append(day)
                count += 1
            count_at[day] = count
            day += one
        self._days = days
        self._count_at = count_at

    def _is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays and day not in self.closure_days

    def _cover(self, day: date) -> None:
        if self._first <= day <= self._safe_until:
            return
        first = max(min(self._first.year, day.year - _BEFORE), date.min.year)
        last = min(max(self._last.year, day.year + _AFTER), date.max.year - 1)
        self._build(first, last)

    def _count(self, day: date) -> int:
        """Number of working days ``d`` in the index with ``d <= day``."""
        self._cover(day)
        return self._count_at[day]

    # -- public API ------------------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        """True when ``day`` is a working day."""
        self._cover(day)
        return self._is_working(day)

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday's name, "Council closure day", or None for any other day."""
        self._cover(day)
        if day in self._holidays:
            return self._holidays[day]
        if day in self.closure_days:
            return "Council closure day"
        return None

    def deemed(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day."""
        self._cover(day)
        index = self._count_at[day]
        if self._is_working(day):
            return day
        return self._nth(index)

    def _nth(self, index: int) -> date:
        """The working day at 0-based position ``index`` in the index."""
        while index >= len(self._days):
            self._build(self._first.year, self._last.year + 10)
        return self._days[index]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days ``d`` with ``deemed(start) < d <= end``; 0 when ``end`` is earlier."""
        begin = self.deemed(start)
        if end <= begin:
            return 0
        return self._count(end) - self._count(begin)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``deemed(start)`` (``days`` >= 0)."""
        found = self._added.get((start, days))
        if found is not None:  # the same response date and window recur across cases
            return found
        if days < 0:
            raise ValueError("days must not be negative")
        begin = self.deemed(start)
        position = self._count(begin) - 1 + days
        found = self._added[start, days] = self._nth(position)
        return found

    def suspended_days(self, suspensions: Iterable[Suspension], until: date) -> int:
        """Working days lost to suspensions, counting open ones up to ``until`` inclusive."""
        total = 0
        for item in suspensions:
            end = item.end if item.end is not None else until + timedelta(days=1)
            if end <= item.start:
                continue
            total += self._count(end - timedelta(days=1)) - self._count(
                item.start - timedelta(days=1)
            )
        return total

    def deadline(self, start: date, days: int, suspensions: Iterable[Suspension] = ()) -> date:
        """Deadline for ``days`` working days from ``start``, moved by closed suspensions.

        A suspension that has not ended yet moves the deadline by the days suspended so far
        (up to today is the caller's choice: pass only closed ones for a fixed date).
        """
        lost = 0
        for item in suspensions:
            if item.end is None:
                continue
            lost += self.suspended_days([item], item.end)
        return self.add_working_days(start, days + lost)

    def working_days_in(self, first: date, last: date) -> list[date]:
        """Every working day from ``first`` to ``last`` inclusive."""
        if last < first:
            return []
        self._cover(first)
        self._cover(last)
        lo = bisect.bisect_left(self._days, first)
        hi = bisect.bisect_right(self._days, last)
        return self._days[lo:hi]
