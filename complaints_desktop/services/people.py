"""Services: look up complainants and children already known, and warn of open cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from complaints_desktop.domain.model import Child, Person
from complaints_desktop.domain.text import long_date
from complaints_desktop.services.env import Env
from complaints_desktop.storage import case_queries

MIN_LETTERS = 2


@dataclass(frozen=True)
class OpenCase:
    """An open case about a child, for the 'already open' warning."""

    reference: str
    status: str
    received: date

    def describe(self) -> str:
        """One line a person reads: ``CSC/26/0012 (open, received 4 May 2026)``."""
        return f"{self.reference} ({self.status}, received {long_date(self.received)})"


def find_complainants(env: Env, text: str, limit: int = 10) -> list[Person]:
    """Known complainants matching ``text`` (name, e-mail or phone); none for < 2 letters."""
    if len(text.strip()) < MIN_LETTERS:
        return []
    with env.uow() as session:
        return case_queries.find_people(session, text, limit)


def find_children(env: Env, text: str, limit: int = 10) -> list[Child]:
    """Known children matching ``text`` (name or social-care ID); none for < 2 letters."""
    if len(text.strip()) < MIN_LETTERS:
        return []
    with env.uow() as session:
        return case_queries.find_children(session, text, limit)


def open_cases_for_child(env: Env, child: Child) -> list[OpenCase]:
    """Open cases about the same child (same record, social-care ID, or exact name)."""
    with env.uow() as session:
        rows = case_queries.open_cases_for_child(
            session, child_id=child.id, name=child.name, system_id=child.system_id
        )
    return [OpenCase(reference, status, received) for reference, status, received in rows]


def open_case_warning(env: Env, child: Child) -> str:
    """A sentence warning of open cases for ``child``, or "" when there are none."""
    found = open_cases_for_child(env, child)
    if not found:
        return ""
    listed = "; ".join(o.describe() for o in found)
    noun = "case is" if len(found) == 1 else "cases are"
    return (
        f"Warning: {len(found)} open {noun} already about this child: {listed}. "
        "Check it is not the same complaint before logging a new one."
    )
