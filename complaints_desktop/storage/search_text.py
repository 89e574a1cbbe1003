"""Storage: ``complaint.search_text``, the words a case-list search matches, kept current.

One lower-cased line per case: reference, summary, complainant's name, child's name and
social-care ID, and every team's name. A word search is then one ``LIKE`` per word on
this column (a scan of its narrow index on SQLite) instead of a scan of four tables.

It is a copy of personal details, so every write of those details refreshes it:
``storage.cases`` (save; a shared complainant or child renamed), ``storage.bulk``
(through ``mappers.complaint_columns``), team renames and retention's anonymising. Migration 0005
fills it for existing cases with the same rule (``compose``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, select, update
from sqlmodel import Session

from complaints_desktop.storage import tables as t

CHUNK = 900
"""Cases refreshed per query (below SQLite's oldest limit of 999 bound values)."""


_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "\u0131": "i", "ħ": "h", "ŧ": "t", "ß": "ss"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĳ": "ij"}
    # apostrophes (straight, curly, modifier, prime, accents) and hyphens and dashes
    | dict.fromkeys("'`\u2019\u2018\u00b4\u02bc\u2032-\u2010\u2011\u2012\u2013\u2014", "")
)


def fold(text: str) -> str:
    """``text`` as searches compare it: lower case, accents off (Łukasz = lukasz),
    apostrophes (straight or curly) and hyphens dropped (O\u2019Brien = o'brien = obrien)."""
    lower = text.casefold().translate(_LETTERS)
    if lower.isascii():
        return lower
    bare = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in bare if not unicodedata.combining(c))


def compose(*parts: str | None, names: Sequence[str | None] = ()) -> str:
    """The search text of a case from its parts: one line, single spaces, folded.

    Search words never hold white space, so joining the parts with a space and folding
    runs of white space cannot make a word match that matched no single part. Each of
    ``names`` is also added without its spaces ("mcdonald" finds Mc Donald), and so is a
    name written with a hyphen or apostrophe as separate words ("smith jones" and
    "smithjones" both find Smith-Jones).
    """
    text = " ".join(fold(" ".join(p for p in parts if p)).split())
    joined = [fold("".join(n.split())) for n in names if n and len(n.split()) > 1]
    return " ".join([text, *joined]) if joined else text


def words(typed: str) -> list[str]:
    """The words of a search as they are compared (folded; blanks and lone marks dropped)."""
    return [w for w in (fold(x) for x in typed.split()) if w]


def pattern(word: str) -> str:
    """The ``LIKE`` pattern (escape ``\\``) matching ``word`` anywhere in a search text."""
    escaped = fold(word).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def refresh(session: Session, ids: Iterable[int]) -> int:
    """Recompute the search text of the cases ``ids`` from what is stored; returns how many."""
    wanted = sorted(set(ids))
    complaint, person, child = _table(t.Complaint), _table(t.Person), _table(t.Child)
    c, p, k = complaint.c, person.c, child.c
    link, team = _table(t.ComplaintTeam).c, _table(t.Team)
    done = 0
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start : start + CHUNK]
        teams: dict[int, list[str]] = {}
        for cid, name in session.execute(
            select(link.complaint_id, team.c.name)
            .join(team, team.c.id == link.team_id)
            .where(link.complaint_id.in_(part))
            .order_by(link.complaint_id, link.position)
        ):
            teams.setdefault(int(cid), []).append(str(name))
        rows: list[dict[str, Any]] = [
            {
                "case_id": int(r[0]),
                "text": compose(
                    r[1], r[2], r[3], r[4], r[5], *teams.get(int(r[0]), []), names=(r[3], r[4])
                ),
            }
            for r in session.execute(
                select(c.id, c.reference, c.summary, p.name, k.name, k.system_id)
                .select_from(complaint)
                .outerjoin(person, p.id == c.complainant_id)
                .outerjoin(child, k.id == c.child_id)
                .where(c.id.in_(part))
            )
        ]
        if rows:
            session.connection().execute(
                update(complaint)
                .where(c.id == bindparam("case_id"))
                .values(search_text=bindparam("text")),
                rows,
            )
        done += len(rows)
    return done


def refresh_where(session: Session, condition: ColumnElement[bool]) -> int:
    """Recompute the search text of every case meeting ``condition`` (on ``complaint``)."""
    c = _table(t.Complaint).c
    found = session.execute(select(c.id).where(condition)).scalars()
    return refresh(session, [int(i) for i in found])


def refresh_naming(
    session: Session, *, person_ids: Sequence[int] = (), child_ids: Sequence[int] = ()
) -> int:
    """Recompute the search text of every case naming these complainants or children."""
    c = _table(t.Complaint).c
    if not person_ids and not child_ids:
        return 0
    return refresh_where(
        session, c.complainant_id.in_(list(person_ids)) | c.child_id.in_(list(child_ids))
    )


def refresh_team(session: Session, team_id: int) -> int:
    """Recompute the search text of every case linked to the team ``team_id``."""
    link = _table(t.ComplaintTeam).c
    found = session.execute(select(link.complaint_id).where(link.team_id == team_id))
    return refresh(session, [int(i) for i in found.scalars()])
