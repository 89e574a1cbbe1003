"""Storage: editable vocabularies (teams, service areas, types, remedies, providers,
compliment themes)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, select

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.storage import search_text
from complaints_desktop.storage.engine import serialise
from complaints_desktop.storage.tables import (
    AdvocacyProvider,
    ComplaintType,
    ComplimentTheme,
    Contact,
    Element,
    Remedy,
    ServiceArea,
    Team,
)

KINDS: dict[str, type[SQLModel]] = {
    "team": Team,
    "service_area": ServiceArea,
    "type": ComplaintType,
    "remedy": Remedy,
    "advocacy_provider": AdvocacyProvider,
    "compliment_theme": ComplimentTheme,
}
LABELS: dict[str, str] = {
    "team": "team",
    "service_area": "service area",
    "type": "complaint type",
    "remedy": "remedy",
    "advocacy_provider": "advocacy provider",
    "compliment_theme": "compliment theme",
}


def _table(kind: str) -> type[SQLModel]:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown vocabulary {kind!r}") from None


def names(session: Session, kind: str, include_retired: bool = False) -> list[str]:
    """Names in a vocabulary, alphabetically; retired ones only when asked."""
    table = _table(kind)
    query = select(table.name)  # type: ignore[attr-defined]
    if not include_retired:
        query = query.where(table.retired == False)  # type: ignore[attr-defined]  # noqa: E712
    return sorted(session.exec(query).all(), key=str.casefold)


def entries(session: Session, kind: str) -> list[tuple[str, bool]]:
    """(name, retired) for every entry of a vocabulary."""
    table = _table(kind)
    rows = session.exec(select(table.name, table.retired)).all()  # type: ignore[attr-defined]
    return sorted(((n, bool(r)) for n, r in rows), key=lambda x: x[0].casefold())


def id_map(session: Session, kind: str) -> dict[str, int]:
    """Casefolded name -> id for every entry (retired included)."""
    table = _table(kind)
    rows = session.exec(select(table.name, table.id)).all()  # type: ignore[attr-defined]
    return {str(n).casefold(): int(i) for n, i in rows}


def spelling_map(session: Session, kind: str) -> dict[str, str]:
    """Casefolded name -> stored spelling."""
    table = _table(kind)
    rows = session.exec(select(table.name)).all()  # type: ignore[attr-defined]
    return {str(n).casefold(): str(n) for n in rows}


def add(session: Session, kind: str, name: str) -> int:
    """Add an entry, refusing a blank name or one that exists (any case)."""
    clean = " ".join(name.split())
    if not clean:
        raise ValidationFailed([f"A {LABELS[kind]} needs a name."])
    if clean.casefold() in id_map(session, kind):
        raise ValidationFailed([f"There is already a {LABELS[kind]} called {clean!r}."])
    row = _table(kind)(name=clean)
    session.add(row)
    session.flush()
    return int(row.id)  # type: ignore[attr-defined]


def ensure(session: Session, kind: str, wanted: Iterable[str]) -> dict[str, int]:
    """Add any names not yet known (spelled as first seen); return the full id map."""
    known = id_map(session, kind)
    table = _table(kind)
    wanted = list(wanted)
    if any(" ".join(n.split()).casefold() not in known for n in wanted if n.strip()):
        serialise(session, "vocabulary")  # PostgreSQL: another PC may be adding it too
        known = id_map(session, kind)
    for name in wanted:
        clean = " ".join(name.split())
        if clean and clean.casefold() not in known:
            row = table(name=clean)
            session.add(row)
            session.flush()
            known[clean.casefold()] = int(row.id)  # type: ignore[attr-defined]
    return known


def set_retired(session: Session, kind: str, name: str, retired: bool) -> None:
    """Retire (hide from new entries) or restore an entry. Entries are never deleted."""
    row = session.get(_table(kind), id_map(session, kind).get(name.casefold(), -1))
    if row is None:
        raise ValidationFailed([f"There is no {LABELS[kind]} called {name!r}."])
    row.retired = retired
    session.add(row)


def rename(session: Session, kind: str, old: str, new: str) -> None:
    """Correct an entry's spelling (cases keep pointing at it)."""
    table = _table(kind)
    clean = " ".join(new.split())
    if not clean:
        raise ValidationFailed([f"A {LABELS[kind]} needs a name."])
    known = id_map(session, kind)
    if clean.casefold() in known and clean.casefold() != old.casefold():
        raise ValidationFailed([f"There is already a {LABELS[kind]} called {clean!r}."])
    row = session.get(table, known.get(old.casefold(), -1))
    if row is None:
        raise ValidationFailed([f"There is no {LABELS[kind]} called {old!r}."])
    previous = str(row.name)  # type: ignore[attr-defined]
    row.name = clean
    session.add(row)
    _renamed_theme(session, kind, previous, clean)
    if kind == "team":  # the cases' search text names their teams
        session.flush()
        search_text.refresh_team(session, int(row.id))  # type: ignore[attr-defined]


def _renamed_theme(session: Session, kind: str, old: str, new: str) -> None:
    """Themes are kept by name (an element's complaint type, a contact's compliment
    themes): a corrected spelling follows to them."""
    if kind == "type" and old != new:
        session.execute(update(Element).where(col(Element.theme) == old).values(theme=new))
    elif kind == "compliment_theme" and old != new:
        found = session.execute(
            select(Contact.id, Contact.themes).where(col(Contact.themes).contains(old))
        ).all()
        for cid, themes in found:
            names = [new if name == old else name for name in str(themes).split("\n")]
            session.execute(
                update(Contact).where(col(Contact.id) == cid).values(themes="\n".join(names))
            )
