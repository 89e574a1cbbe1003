"""Storage: how each table's row maps to the domain's dataclasses, and back.

One mapper per table, used by every reader and writer (``cases``, ``case_reads``,
``bulk``, ``contacts``, the queries). A domain field and the column of the same name map
to each other without being listed: a new column that the dataclass also gains needs no
edit here (``tests/storage/test_mappers.py`` round-trips every field). What differs is
written out: the complaint's advocacy and equality columns, its service area and
people (ids of other rows), ``by_user``, and whether a letter's PDF is kept.

A row is an ORM object or a Core ``Row`` with the table's column names: both read
through the same function.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeAlias, cast

from sqlalchemy import Row, Table

from complaints_desktop.domain import model as m
from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.vocab import EQUALITY_FIELDS
from complaints_desktop.storage import search_text
from complaints_desktop.storage import tables as t

Record: TypeAlias = Any
"""A row to map: an ORM object of the table, or a Core ``Row`` with its column names."""


def table(model: type) -> Table:
    """The Core ``Table`` of a SQLModel table class."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _shared(kind: type, model: type, *, leave_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Fields of dataclass ``kind`` that ``model``'s table has a column of the same name for."""
    columns = set(table(model).c.keys())
    return tuple(f.name for f in fields(kind) if f.name in columns and f.name not in leave_out)


PERSON = _shared(m.Person, t.Person)
CHILD = _shared(m.Child, t.Child)
COMPLAINT = _shared(m.Case, t.Complaint)
"""The complaint's own columns a ``Case`` field of the same name holds (id and version
included)."""
STAGE = _shared(m.Stage, t.Stage)
SUSPENSION = ("start", "end", "reason")
ELEMENT = _shared(m.Element, t.Element)
FINDING = _shared(m.Finding, t.Finding)
OMBUDSMAN = _shared(m.Ombudsman, t.OmbudsmanCase)
RECOMMENDATION = _shared(m.Recommendation, t.Recommendation)
ACTION = _shared(m.LearningAction, t.LearningAction)
CONTACT = _shared(m.Contact, t.Contact, leave_out=("themes",))
"""The contact's own columns but ``themes`` (a list kept one name a line)."""
ADVOCACY = {
    "used": "advocacy_used",
    "offered": "advocacy_offered",
    "decision": "advocacy_decision",
    "provider": "advocacy_provider",
    "referral": "advocacy_referral",
    "advocate_name": "advocate_name",
}
"""``Advocacy`` field -> its ``complaint`` column."""
COMPLAINT_READ = (*COMPLAINT, *ADVOCACY.values(), *EQUALITY_FIELDS)
"""Every ``complaint`` column ``complaint()`` reads."""
LINKS: tuple[tuple[str, type, type, str, str], ...] = (
    ("team", t.ComplaintTeam, t.Team, "team_id", "teams"),
    ("type", t.ComplaintTypeLink, t.ComplaintType, "type_id", "types"),
    ("remedy", t.ComplaintRemedy, t.Remedy, "remedy_id", "remedies"),
)
"""A case's name lists: (vocabulary kind, link table, vocabulary table, key, Case field)."""


def _values(row: Record, names: tuple[str, ...]) -> dict[str, Any]:
    if isinstance(row, Row):  # a Core row: its values by name at C speed, not getattr
        found = row._mapping
        return {name: found[name] for name in names}
    return {name: getattr(row, name) for name in names}


def _without_id(item: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in names if name != "id"}


# --- row -> domain -----------------------------------------------------------------------


def person(row: Record) -> m.Person:
    """A ``person`` row as the complainant."""
    return m.Person(**_values(row, PERSON))


def child(row: Record) -> m.Child:
    """A ``child`` row."""
    return m.Child(**_values(row, CHILD))


def complaint(row: Record, service_area: str = "") -> m.Case:
    """A ``complaint`` row as a case: its own columns only (people, lists, stages and the
    rest are other tables' rows, added by ``case_reads``)."""
    values = _values(row, COMPLAINT_READ)
    return m.Case(
        **{f: values[f] for f in COMPLAINT},
        service_area=service_area,
        advocacy=m.Advocacy(**{f: values[c] for f, c in ADVOCACY.items()}),
        equality={f: values[f] for f in EQUALITY_FIELDS if values[f]},
    )


def stage(row: Record, suspensions: list[Suspension] | None = None) -> m.Stage:
    """A ``stage`` row, with its suspensions (earliest first)."""
    return m.Stage(**_values(row, STAGE), suspensions=list(suspensions or []))


def suspension(row: Record) -> Suspension:
    """A ``suspension`` row."""
    return Suspension(**_values(row, SUSPENSION))


def element(row: Record, findings: list[m.Finding] | None = None) -> m.Element:
    """An ``element`` row, with its findings (by stage)."""
    return m.Element(**_values(row, ELEMENT), findings=list(findings or []))


def finding(row: Record) -> m.Finding:
    """A ``finding`` row."""
    return m.Finding(**_values(row, FINDING))


def ombudsman(row: Record, recommendations: list[m.Recommendation] | None = None) -> m.Ombudsman:
    """An ``ombudsman`` row, with its recommendations (in the Ombudsman's order)."""
    return m.Ombudsman(**_values(row, OMBUDSMAN), recommendations=list(recommendations or []))


def recommendation(row: Record) -> m.Recommendation:
    """A ``recommendation`` row as the domain has it."""
    return m.Recommendation(**_values(row, RECOMMENDATION))


def action(row: Record) -> m.LearningAction:
    """A ``learning_action`` row."""
    return m.LearningAction(**_values(row, ACTION))


def letter(row: Record) -> m.LetterSent:
    """A ``letter`` row read without its PDF: ``kept`` is the query's ``pdf IS NOT NULL``."""
    return m.LetterSent(
        id=row.id,
        template=row.template,
        sent_on=row.sent_on,
        by=row.by_user,
        how=row.how,
        kept=bool(row.kept),
    )


def note(row: Record) -> m.Note:
    """A ``note`` row."""
    return m.Note(
        id=row.id,
        text=row.text,
        at=row.at,
        by=row.by_user,
    )


def contact(row: Record) -> m.Contact:
    """A ``contact`` row (its teams are ``contact_team`` rows, added by ``contacts``)."""
    themes = _values(row, ("themes",))["themes"]
    return m.Contact(**_values(row, CONTACT), themes=themes.split("\n") if themes else [])


# --- domain -> columns -------------------------------------------------------------------


def person_columns(p: m.Person) -> dict[str, Any]:
    """The ``person`` row's columns (no id)."""
    return _without_id(p, PERSON)


def child_columns(c: m.Child) -> dict[str, Any]:
    """The ``child`` row's columns (no id)."""
    return _without_id(c, CHILD)


def complaint_columns(case: m.Case) -> dict[str, object]:
    """The ``complaint`` row's own columns for ``case`` (no id, version or ids of related
    rows), with the denormalised ``stage`` and ``search_text``."""
    current = case.current_stage
    return {
        **{f: getattr(case, f) for f in COMPLAINT if f not in ("id", "version")},
        **{c: getattr(case.advocacy, f) for f, c in ADVOCACY.items()},
        **{f: case.equality.get(f, "") for f in EQUALITY_FIELDS},
        "stage": current.number if current else 0,
        "search_text": search_text.compose(
            case.reference,
            case.summary,
            case.complainant.name,
            case.child.name,
            case.child.system_id,
            *case.teams,
            names=(case.complainant.name, case.child.name),
        ),
    }


def stage_columns(s: m.Stage) -> dict[str, Any]:
    """The ``stage`` row's own columns."""
    return _values(s, STAGE)


def suspension_columns(s: Suspension) -> dict[str, Any]:
    """The ``suspension`` row's own columns."""
    return _values(s, SUSPENSION)


def element_columns(e: m.Element) -> dict[str, Any]:
    """The ``element`` row's own columns (no id)."""
    return _without_id(e, ELEMENT)


def finding_columns(f: m.Finding) -> dict[str, Any]:
    """The ``finding`` row's own columns."""
    return _values(f, FINDING)


def ombudsman_columns(o: m.Ombudsman) -> dict[str, Any]:
    """The ``ombudsman`` row's own columns."""
    return _values(o, OMBUDSMAN)


def recommendation_columns(r: m.Recommendation) -> dict[str, Any]:
    """The ``recommendation`` row's own columns (no id)."""
    return _without_id(r, RECOMMENDATION)


def action_columns(a: m.LearningAction) -> dict[str, Any]:
    """The ``learning_action`` row's own columns (no id)."""
    return _without_id(a, ACTION)


def letter_columns(x: m.LetterSent) -> dict[str, Any]:
    """The ``letter`` row's columns for a letter logged without its PDF."""
    return {"template": x.template, "sent_on": x.sent_on, "by_user": x.by, "how": x.how}


def note_columns(n: m.Note) -> dict[str, Any]:
    """The ``note`` row's own columns."""
    return {"at": n.at, "by_user": n.by, "text": n.text}


def contact_columns(c: m.Contact) -> dict[str, Any]:
    """The ``contact`` row's own columns (no id or version). A quote consent or themes
    not said (``None``: the contacts log has no column for it, or a log without the
    optional ``themes`` column) are left out, so an import or an update keeps what is
    stored; a new contact's are then no and none."""
    out = {f: getattr(c, f) for f in CONTACT if f not in ("id", "version")}
    if c.quote_consent is None:
        del out["quote_consent"]
    if c.themes is not None:  # None: not said (a log without the column); keep what is stored
        out["themes"] = "\n".join(c.themes)
    return out
