"""Storage: every SQLModel table (rules.md §2). Amounts are whole pence; dates are dates.

Lists (teams, types, remedies) are link tables with a ``position`` (0 = lead team).
Denormalised columns on ``complaint`` (status, stage, next_due, closed_on) are kept by the
repository so the work queue and filters are single indexed queries on 100,000 cases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, in UTC (timestamps are stored timezone-aware)."""
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING)
metadata = SQLModel.metadata


class Team(SQLModel, table=True):
    """A team complaints are about (editable list; retired ones hidden from new entries)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class ServiceArea(SQLModel, table=True):
    """A directorate or operational area."""

    __tablename__ = "service_area"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class ComplaintType(SQLModel, table=True):
    """What a complaint is about (Getting the Best from Complaints list by default)."""

    __tablename__ = "complaint_type"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class Remedy(SQLModel, table=True):
    """A remedy the council offers."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class ComplimentTheme(SQLModel, table=True):
    """What a compliment praised (communication, professionalism, ...)."""

    __tablename__ = "compliment_theme"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class AdvocacyProvider(SQLModel, table=True):
    """An advocacy service (Barnardo's, Coram Voice, …)."""

    __tablename__ = "advocacy_provider"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    retired: bool = False


class ClosureDay(SQLModel, table=True):
    """A council closure day (not a working day)."""

    __tablename__ = "closure_day"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    note: str = ""


class Setting(SQLModel, table=True):
    """A named setting stored as JSON text (procedure timescales, region, council details)."""

    key: str = Field(primary_key=True)
    value: str = "{}"


class Person(SQLModel, table=True):
    """A complainant."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", index=True)
    title: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    preferred_contact: str = ""
    preferred_format: str = ""
    language: str = ""


class Child(SQLModel, table=True):
    """A child or young person a complaint concerns."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", index=True)
    dob: date | None = None
    system_id: str = Field(default="", index=True)


class Complaint(SQLModel, table=True):
    """A complaint (a case)."""

    __table_args__ = (
        Index("ix_complaint_received_procedure", "received", "procedure"),
        # The list's "stage N of a procedure" filter and its count (also serves procedure).
        Index("ix_complaint_procedure_stage", "procedure", "stage"),
        # SQLite scans this narrow index for a word search (PostgreSQL's B-tree entries are
        # limited to ~2.7 kB, too short for a long summary; it scans the table).
        Index("ix_complaint_search_text", "search_text").ddl_if(dialect="sqlite"),
    )
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True)
    procedure: str
    received: date = Field(index=True)
    channel: str = ""
    relationship: str = ""
    service_area_id: int | None = Field(default=None, foreign_key="service_area.id")
    summary: str = ""
    complainant_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    child_id: int | None = Field(default=None, foreign_key="child.id", index=True)
    on_behalf_consent: str = ""
    eligibility_note: str = ""
    late_accepted_reason: str = ""
    learned_of: date | None = None
    legal_status: str = ""
    child_views: str = ""
    adjustments: str = ""
    adjustments_review: date | None = None
    advocacy_used: bool | None = None
    advocacy_offered: date | None = None
    advocacy_decision: str = ""
    advocacy_provider: str = ""
    advocacy_referral: date | None = None
    advocate_name: str = ""
    age_band: str = ""
    gender: str = ""
    ethnicity: str = ""
    disability: str = ""
    sexual_orientation: str = ""
    resolved_early: date | None = Field(default=None, index=True)
    refused: date | None = None
    refusal_reason: str = ""
    signposting: str = ""
    withdrawn: date | None = None
    withdrawn_stage: int | None = None
    restricted: bool = Field(default=False, index=True)
    legal_hold: bool = False
    anonymised: bool = False
    status: str = Field(default="open", index=True)
    stage: int = 0
    next_due: date | None = Field(default=None, index=True)
    next_due_what: str = ""
    closed_on: date | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1
    search_text: str = Field(default="", sa_type=Text)
    """Lower-cased words a case-list search matches (``storage.search_text``). TEXT, so
    SQLite's planner sees its index as wide and never scans it merely to count rows."""


class ComplaintTeam(SQLModel, table=True):
    """A team a complaint names (position 0 is the lead team)."""

    __tablename__ = "complaint_team"
    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    team_id: int = Field(foreign_key="team.id", primary_key=True, index=True)
    position: int = 0


class ComplaintTypeLink(SQLModel, table=True):
    """A type a complaint lists."""

    __tablename__ = "complaint_type_link"
    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    type_id: int = Field(foreign_key="complaint_type.id", primary_key=True, index=True)
    position: int = 0


class ComplaintRemedy(SQLModel, table=True):
    """A remedy a complaint records."""

    __tablename__ = "complaint_remedy"
    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    remedy_id: int = Field(foreign_key="remedy.id", primary_key=True, index=True)
    position: int = 0


class Stage(SQLModel, table=True):
    """One stage of a complaint."""

    __table_args__ = (UniqueConstraint("complaint_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    number: int
    requested: date | None = Field(default=None, index=True)
    start: date | None = Field(default=None, index=True)
    acknowledged: date | None = None
    extended: bool = False
    extension_agreed: date | None = None
    extension_reason: str = ""
    extension_letter_reason: str = ""
    handler: str = ""
    investigating_officer: str = ""
    independent_person: str = ""
    io_address: str = ""
    ip_address: str = ""
    io_fee: int = 0
    ip_fee: int = 0
    cost: int = 0
    panel_members: str = ""
    panel_date: date | None = None
    panel_time: str = ""
    panel_venue: str = ""
    panel_report: date | None = None
    response: date | None = Field(default=None, index=True)
    outcome: str = ""


class Suspension(SQLModel, table=True):
    """A period when a stage's clock stopped."""

    id: int | None = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="stage.id", index=True, ondelete="CASCADE")
    start: date
    end: date | None = None
    reason: str = ""


class Element(SQLModel, table=True):
    """One element (separate complaint) of a case."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    position: int = 0
    text: str = ""
    theme: str = ""


class Finding(SQLModel, table=True):
    """A stage's finding on one element."""

    id: int | None = Field(default=None, primary_key=True)
    element_id: int = Field(foreign_key="element.id", index=True, ondelete="CASCADE")
    stage: int
    outcome: str = ""
    text: str = ""


class OmbudsmanCase(SQLModel, table=True):
    """An LGSCO referral of a complaint."""

    __tablename__ = "ombudsman"
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", unique=True, ondelete="CASCADE")
    reference: str = ""
    received: date | None = Field(default=None, index=True)
    decided: date | None = Field(default=None, index=True)
    outcome: str = ""
    payment: int = 0


class Recommendation(SQLModel, table=True):
    """A remedy the Ombudsman recommended, with compliance."""

    id: int | None = Field(default=None, primary_key=True)
    ombudsman_id: int = Field(foreign_key="ombudsman.id", index=True, ondelete="CASCADE")
    position: int = 0
    description: str = ""
    remedy_type: str = ""
    target: date | None = Field(default=None, index=True)
    achieved: date | None = None
    status: str = "pending"
    amount: int = 0


class LearningAction(SQLModel, table=True):
    """A learning action (service improvement)."""

    __tablename__ = "learning_action"
    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int | None = Field(
        default=None, foreign_key="complaint.id", index=True, ondelete="CASCADE"
    )
    position: int = 0
    source: str = ""
    action: str = ""
    owner: str = ""
    target: date | None = Field(default=None, index=True)
    status: str = "planned"
    reason: str = ""
    evidence: str = ""
    completed: date | None = None


class Contact(SQLModel, table=True):
    """A compliment, enquiry, query or duty contact."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True)
    kind: str = Field(index=True)
    received: date = Field(index=True)
    channel: str = ""
    sender: str = ""
    summary: str = ""
    responded: date | None = None
    name: str = ""
    title: str = ""
    address: str = ""
    email: str = ""
    quote_consent: bool = False
    themes: str = ""
    """Compliment themes, one name a line (names never hold a line break)."""
    created_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class ContactTeam(SQLModel, table=True):
    """A team a contact names."""

    __tablename__ = "contact_team"
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    team_id: int = Field(foreign_key="team.id", primary_key=True, index=True)
    position: int = 0


class Letter(SQLModel, table=True):
    """A letter produced for a complaint or contact."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int | None = Field(
        default=None, foreign_key="complaint.id", index=True, ondelete="CASCADE"
    )
    contact_id: int | None = Field(
        default=None, foreign_key="contact.id", index=True, ondelete="CASCADE"
    )
    template: str
    sent_on: date
    by_user: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    how: str = ""
    """How it went: ``printed``, ``saved`` (a PDF for sending), ``e-mail`` (a draft)."""
    pdf: bytes | None = None
    """The exact PDF sent (None for letters logged before it was kept)."""


class Note(SQLModel, table=True):
    """A note on a complaint."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    at: datetime = Field(default_factory=utcnow)
    by_user: str = ""
    text: str = ""


class Document(SQLModel, table=True):
    """A document attached to a complaint (kept inside the database, so backups hold it)."""

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True, ondelete="CASCADE")
    filename: str
    added_at: datetime = Field(default_factory=utcnow)
    by_user: str = ""
    content: bytes = b""


class AuditEntry(SQLModel, table=True):
    """One entry of the append-only audit trail (who, when, what, old -> new)."""

    __tablename__ = "audit"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = ""
    action: str = ""
    entity: str = ""
    entity_id: int | None = None
    reference: str = Field(default="", index=True)
    changes: str = "{}"
    state: str = ""
    """A seal of the complaint's recorded facts after this entry (``audit_state``)."""
    prev_hash: str = ""
    hash: str = ""


class UserAccount(SQLModel, table=True):
    """A person who uses the application, known by their Windows account name."""

    __tablename__ = "user_account"
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(unique=True)
    display_name: str = ""
    role: str = "officer"
    active: bool = True


class CaseAccess(SQLModel, table=True):
    """A named user who may see a restricted complaint."""

    __tablename__ = "case_access"
    complaint_id: int = Field(foreign_key="complaint.id", primary_key=True, ondelete="CASCADE")
    account: str = Field(primary_key=True)
