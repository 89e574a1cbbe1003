"""Domain: plain dataclasses for what a case records (rules.md §2).

Repositories map database rows to these; services and the window pass them around. They
hold no database session and no Qt object. Amounts are whole pence (``int``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from complaints_desktop.domain.calendar import Suspension


@dataclass
class Person:
    """A complainant (or anyone else a letter goes to)."""

    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    preferred_contact: str = ""
    preferred_format: str = ""
    language: str = ""
    id: int | None = None
    title: str = ""
    """How a letter greets them: ``Ms``, ``Mr``, ``Mx``, ``Dr``, ... or blank (full name)."""


@dataclass
class Child:
    """The child or young person a complaint concerns."""

    name: str = ""
    dob: date | None = None
    system_id: str = ""
    id: int | None = None


@dataclass
class Advocacy:
    """Advocacy for the complainant (s26A Children Act 1989)."""

    used: bool | None = None
    offered: date | None = None
    decision: str = ""
    provider: str = ""
    referral: date | None = None
    advocate_name: str = ""


@dataclass
class Stage:
    """One stage of a procedure, with its dates, people, extension and suspensions."""

    number: int
    requested: date | None = None
    start: date | None = None
    acknowledged: date | None = None
    extended: bool = False
    extension_agreed: date | None = None
    extension_reason: str = ""
    suspensions: list[Suspension] = field(default_factory=list)
    handler: str = ""
    investigating_officer: str = ""
    independent_person: str = ""
    io_fee: int = 0
    ip_fee: int = 0
    cost: int = 0
    panel_members: str = ""
    panel_date: date | None = None
    panel_report: date | None = None
    response: date | None = None
    outcome: str = ""
    extension_letter_reason: str = ""
    """The reason for the extension as the complainant's letter gives it (not the note)."""
    io_address: str = ""
    ip_address: str = ""
    panel_time: str = ""
    panel_venue: str = ""
    """Where the panel meets: an address, or the link of a remote meeting."""

    @property
    def clock_start(self) -> date | None:
        """Where the stage's clock starts: its start, else the date it was requested."""
        return self.start or self.requested

    @property
    def is_open(self) -> bool:
        """Started (or requested) and not yet answered."""
        return self.clock_start is not None and self.response is None


@dataclass
class Finding:
    """What one stage found about one element."""

    stage: int
    outcome: str = ""
    text: str = ""


@dataclass
class Element:
    """One of the several complaints a case often holds."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    id: int | None = None
    theme: str = ""
    """What the element is about: a name from the complaint types vocabulary (blank: not
    said); the annual report's upheld themes count elements by it."""

    def finding(self, stage: int) -> Finding | None:
        """The finding recorded at ``stage``, if any."""
        return next((f for f in self.findings if f.stage == stage), None)


@dataclass
class Recommendation:
    """A remedy the Ombudsman recommended, and the council's compliance with it."""

    description: str
    target: date | None = None
    achieved: date | None = None
    status: str = "pending"
    amount: int = 0
    id: int | None = None
    remedy_type: str = ""
    """The remedies-vocabulary name of what it asks (``apology``, ...); blank if not given."""


@dataclass
class Ombudsman:
    """A Local Government and Social Care Ombudsman (LGSCO) referral."""

    reference: str = ""
    received: date | None = None
    decided: date | None = None
    outcome: str = ""
    payment: int = 0
    recommendations: list[Recommendation] = field(default_factory=list)


@dataclass
class LearningAction:
    """A service improvement arising from a complaint."""

    action: str
    source: str = ""
    owner: str = ""
    target: date | None = None
    status: str = "planned"
    reason: str = ""
    evidence: str = ""
    completed: date | None = None
    """When it was implemented, or decided not to be (with ``reason``)."""
    id: int | None = None


@dataclass
class LetterSent:
    """A letter produced for a case or contact."""

    template: str
    sent_on: date
    by: str
    id: int | None = None
    how: str = ""
    kept: bool = False
    """True when the exact PDF sent is kept with the case."""


@dataclass
class Note:
    """A dated note on a case."""

    text: str
    at: datetime
    by: str
    id: int | None = None


@dataclass
class Case:
    """A complaint, with everything rules.md §2 says it records."""

    procedure: str
    received: date
    reference: str = ""
    channel: str = ""
    relationship: str = ""
    service_area: str = ""
    teams: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    summary: str = ""
    complainant: Person = field(default_factory=Person)
    child: Child = field(default_factory=Child)
    on_behalf_consent: str = ""
    eligibility_note: str = ""
    late_accepted_reason: str = ""
    learned_of: date | None = None
    """When the complainant learned of the events (the 12-month time limit runs from it)."""
    legal_status: str = ""
    """The child's legal status (``vocab.LEGAL_STATUSES``)."""
    child_views: str = ""
    """The child's views, when someone with sufficient interest complains for them."""
    adjustments: str = ""
    """Reasonable adjustments agreed (Complaint Handling Code 5.6)."""
    adjustments_review: date | None = None
    advocacy: Advocacy = field(default_factory=Advocacy)
    equality: dict[str, str] = field(default_factory=dict)
    resolved_early: date | None = None
    refused: date | None = None
    refusal_reason: str = ""
    signposting: str = ""
    withdrawn: date | None = None
    withdrawn_stage: int | None = None
    restricted: bool = False
    legal_hold: bool = False
    anonymised: bool = False
    stages: list[Stage] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    ombudsman: Ombudsman | None = None
    actions: list[LearningAction] = field(default_factory=list)
    letters: list[LetterSent] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    status: str = "open"
    version: int = 0
    id: int | None = None

    def stage(self, number: int) -> Stage | None:
        """Stage ``number`` if the case has reached it."""
        return next((s for s in self.stages if s.number == number), None)

    @property
    def current_stage(self) -> Stage | None:
        """The highest stage the case has reached."""
        return max(self.stages, key=lambda s: s.number) if self.stages else None

    @property
    def lead_team(self) -> str:
        """The first team named (the lead)."""
        return self.teams[0] if self.teams else ""

    @property
    def final_outcome(self) -> str:
        """Outcome of the highest stage with a response that is not a withdrawal."""
        answered = [s for s in self.stages if s.response and s.outcome and s.outcome != "withdrawn"]
        return max(answered, key=lambda s: s.number).outcome if answered else ""


@dataclass
class Contact:
    """A compliment, MP or councillor enquiry, general query or duty contact."""

    kind: str
    received: date
    reference: str = ""
    teams: list[str] = field(default_factory=list)
    channel: str = ""
    sender: str = ""
    summary: str = ""
    responded: date | None = None
    name: str = ""
    """The person a reply goes to (an MP, a councillor, the parent who thanked a team)."""
    title: str = ""
    address: str = ""
    email: str = ""
    quote_consent: bool | None = None
    """The sender agreed that the compliment may be quoted in the annual report (None:
    not said, as in an imported log: an update keeps what is stored)."""
    themes: list[str] | None = field(default_factory=list)
    """Compliment themes (names from the compliment themes vocabulary); None: not said,
    as in a contacts log without a ``themes`` column: an update keeps what is stored."""
    version: int = 0
    id: int | None = None


@dataclass(frozen=True)
class CaseDocument:
    """A file kept with a case in the database (the e-mail a complaint arrived in)."""

    id: int
    filename: str
    added_at: datetime
    by_user: str
    size: int
