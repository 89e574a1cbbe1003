"""Domain: how dates and amounts are written for people (UK long form, pounds)."""

from __future__ import annotations

from datetime import date


def long_date(day: date | None) -> str:
    """UK long form without a leading zero: ``4 December 2026``; empty for None."""
    if day is None:
        return ""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def short_date(day: date | None) -> str:
    """UK short form ``04/12/2026``; empty for None."""
    return day.strftime("%d/%m/%Y") if day is not None else ""


def pounds(pence: int) -> str:
    """``£1,200.50`` from whole pence."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}£{pence // 100:,}.{pence % 100:02d}"


def financial_year(day: date) -> int:
    """The starting year of the financial year containing ``day`` (1 April to 31 March)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    """``2023/24`` for the year starting 1 April 2023."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def counted(n: int, word: str, words: str | None = None) -> str:
    """``n`` and the noun in the number it needs: "1 complaint", "118 complaints",
    "1,204 complaints" (``words`` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
