"""Services: subject access — find a person, export everything held about them (PDF + CSV).

Every case the person is the complainant of, or the child in, goes out with all its
fields, stages, elements and findings, Ombudsman referral, learning actions, notes and
letters sent. On request, the names of third parties (staff who handled or investigated,
independent people, panel members, advocates, authors of notes and letters, owners of
actions) become "[redacted]". Each export is audited by internal id, never by name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.text import long_date, pounds
from complaints_desktop.reports import subject_access as pdf
from complaints_desktop.reports.subject_access import CaseRecord, Section
from complaints_desktop.services import access
from complaints_desktop.services.caselog.parse import escape
from complaints_desktop.services.env import Env
from complaints_desktop.storage import (
    audit,
    case_queries,
    cases,
    retention_rows,
    settings_store,
    users,
)

REDACTED = "[redacted]"
CSV_COLUMNS = ("reference", "role", "section", "field", "value")
MIN_LETTERS = 2


@dataclass(frozen=True)
class PersonMatch:
    """A complainant or child whose details match the search.

    Records of the same person made for different cases (the same social-care ID, or the
    same name and e-mail) are one match with several ``ids``.
    """

    kind: str  # "complainant" or "child"
    ids: tuple[int, ...]
    name: str
    detail: str  # e-mail and phone, or date of birth and social-care ID
    cases: int

    @property
    def id(self) -> int:
        """The first record's id."""
        return self.ids[0]

    @property
    def label(self) -> str:
        """One line for a list: ``Imogen Q (complainant; a@b.org) — 2 cases``."""
        who = "child or young person" if self.kind == "child" else "complainant"
        extra = f"; {self.detail}" if self.detail else ""
        noun = "case" if self.cases == 1 else "cases"
        return f"{self.name or '(no name)'} ({who}{extra}) — {self.cases} {noun}"


def _merge(
    kind: str, found: Sequence[tuple[object, int, str, str]], counts: dict[int, int]
) -> list[PersonMatch]:
    groups: dict[object, list[tuple[int, str, str]]] = {}
    for key, record_id, name, detail in found:
        groups.setdefault(key, []).append((record_id, name, detail))
    return [
        PersonMatch(
            kind,
            tuple(i for i, _n, _d in members),
            members[0][1],
            members[0][2],
            sum(counts.get(i, 0) for i, _n, _d in members),
        )
        for members in groups.values()
    ]


def find_people(env: Env, text: str, limit: int = 50) -> list[PersonMatch]:
    """Complainants (name, e-mail, phone) and children (name, social-care ID) matching."""
    access.require(env, "subject access")
    if len(text.strip()) < MIN_LETTERS:
        return []
    with env.uow() as session:
        people = case_queries.find_people(session, text.strip(), limit)
        children = case_queries.find_children(session, text.strip(), limit)
        person_ids = [p.id for p in people if p.id is not None]
        child_ids = [c.id for c in children if c.id is not None]
        by_person, by_child = retention_rows.case_counts(session, person_ids, child_ids)
        hidden_people, hidden_children = users.people_of(
            session, list(users.hidden(session, env.user, access.is_administrator(env)))
        )
    people = [p for p in people if p.id not in hidden_people]
    children = [c for c in children if c.id not in hidden_children]
    adults = [
        (
            (p.name.casefold(), p.email.casefold()) if p.email else p.id,
            p.id,
            p.name,
            "; ".join(x for x in (p.email, p.phone) if x),
        )
        for p in people
        if p.id is not None
    ]
    young = [
        (
            c.system_id.casefold() or ((c.name.casefold(), c.dob) if c.dob else c.id),
            c.id,
            c.name,
            "; ".join(
                x
                for x in (
                    f"born {long_date(c.dob)}" if c.dob else "",
                    f"ID {c.system_id}" if c.system_id else "",
                )
                if x
            ),
        )
        for c in children
        if c.id is not None
    ]
    return _merge("complainant", adults, by_person) + _merge("child", young, by_child)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return long_date(value)
    return str(value)


def _when(at: datetime) -> str:
    local = at.astimezone() if at.tzinfo is not None else at
    return f"{long_date(local.date())} {local:%H:%M}"


def _sections(case: Case, redact: bool) -> list[Section]:
    def other(name: str) -> str:
        return REDACTED if redact and name else name

    p, c, a = case.complainant, case.child, case.advocacy
    parts = [
        Section(
            "The complaint",
            [
                ("Reference", case.reference),
                ("Procedure", case.procedure),
                ("Received", _text(case.received)),
                ("How received", case.channel),
                ("Complainant's relationship", case.relationship),
                ("Service area", case.service_area),
                ("Teams", ", ".join(case.teams)),
                ("Types", ", ".join(case.types)),
                ("Summary", case.summary),
                ("Status", case.status),
                ("Consent to act on behalf", case.on_behalf_consent),
                ("Eligibility note", case.eligibility_note),
                ("Late complaint accepted because", case.late_accepted_reason),
                ("Learned of the events on", _text(case.learned_of)),
                ("Child's legal status", case.legal_status),
                ("The child's views", case.child_views),
                ("Reasonable adjustments agreed", case.adjustments),
                ("Adjustments to be reviewed on", _text(case.adjustments_review)),
                ("Resolved early", _text(case.resolved_early)),
                ("Refused", _text(case.refused)),
                ("Reason for refusal", case.refusal_reason),
                ("Signposted to", case.signposting),
                ("Withdrawn", _text(case.withdrawn)),
                ("Remedies", ", ".join(case.remedies)),
            ],
        ),
        Section(
            "Complainant",
            [
                ("Name", p.name),
                ("Address", p.address),
                ("E-mail", p.email),
                ("Phone", p.phone),
                ("Preferred contact", p.preferred_contact),
                ("Preferred format", p.preferred_format),
                ("Language", p.language),
            ],
        ),
        Section(
            "Child or young person",
            [("Name", c.name), ("Date of birth", _text(c.dob)), ("Social-care ID", c.system_id)],
        ),
        Section(
            "Advocacy",
            [
                ("Advocacy used", _text(a.used)),
                ("Offered", _text(a.offered)),
                ("Decision", a.decision),
                ("Provider", a.provider),
                ("Referred", _text(a.referral)),
                ("Advocate", other(a.advocate_name)),
            ],
        ),
        Section(
            "Equality monitoring",
            [(k.replace("_", " ").capitalize(), v) for k, v in sorted(case.equality.items())],
        ),
    ]
    for s in case.stages:
        parts.append(
            Section(
                f"Stage {s.number}",
                [
                    ("Requested", _text(s.requested)),
                    ("Started", _text(s.start)),
                    ("Acknowledged", _text(s.acknowledged)),
                    ("Extended", "yes" if s.extended else ""),
                    ("Extension agreed", _text(s.extension_agreed)),
                    ("Reason for extension", s.extension_reason),
                    *[
                        (f"Paused from {_text(x.start)}", f"to {_text(x.end)}; {x.reason}")
                        for x in s.suspensions
                    ],
                    ("Handled by", other(s.handler)),
                    ("Investigating officer", other(s.investigating_officer)),
                    ("Independent person", other(s.independent_person)),
                    ("Panel members", other(s.panel_members)),
                    ("Panel met", _text(s.panel_date)),
                    ("Panel report", _text(s.panel_report)),
                    ("Response", _text(s.response)),
                    ("Outcome", s.outcome),
                    ("Cost", pounds(s.cost) if s.cost else ""),
                ],
            )
        )
    for number, e in enumerate(case.elements, 1):
        rows = [("What was complained about", e.text)]
        if e.theme:
            rows.append(("Theme", e.theme))
        rows += [
            (
                f"Stage {f.stage} finding",
                f"{f.outcome.capitalize()}: {f.text}" if f.text else f.outcome,
            )
            for f in e.findings
        ]
        parts.append(Section(f"Element {number}", rows))
    if case.ombudsman is not None:
        o = case.ombudsman
        rows = [
            ("Ombudsman reference", o.reference),
            ("Referred", _text(o.received)),
            ("Decided", _text(o.decided)),
            ("Decision", o.outcome),
            ("Payment", pounds(o.payment) if o.payment else ""),
        ]
        rows += [
            (f"Remedy {i}", f"{r.description} ({r.status}; due {_text(r.target)})")
            for i, r in enumerate(o.recommendations, 1)
        ]
        parts.append(Section("Local Government and Social Care Ombudsman", rows))
    if case.actions:
        parts.append(
            Section(
                "Learning actions",
                [
                    (f"Action {i}", f"{x.action} ({x.status}; owner {other(x.owner)})".strip())
                    for i, x in enumerate(case.actions, 1)
                ],
            )
        )
    parts.append(
        Section(
            "Notes",
            [(f"{_when(n.at)} by {other(n.by)}", n.text) for n in case.notes],
        )
    )
    parts.append(
        Section(
            "Letters sent",
            [(_text(x.sent_on), f"{x.template} (sent by {other(x.by)})") for x in case.letters],
        )
    )
    return parts


def _write(path: Path, data: bytes) -> None:
    files.write_atomically(path, data)


def _csv(records: list[CaseRecord]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        for section in record.sections:
            for label, value in section.rows:
                if value:
                    writer.writerow(
                        [record.reference, record.role, section.heading, label, escape(value)]
                    )
    return buffer.getvalue().encode("utf-8-sig")


def export(
    env: Env,
    person_ids: Sequence[int] = (),
    child_ids: Sequence[int] = (),
    *,
    folder: Path,
    redact_third_parties: bool = False,
) -> list[Path]:
    """Write the PDF and CSV of everything held about the people given; returns both paths.

    Args:
        env: the database, user and clock.
        person_ids: complainants (internal ids from ``find_people``).
        child_ids: children (internal ids from ``find_people``).
        folder: an existing folder to write into.
        redact_third_parties: replace other people's names with "[redacted]".

    Raises:
        ValidationFailed: when nobody is chosen or the folder does not exist.
    """
    access.require(env, "subject access")
    if not person_ids and not child_ids:
        raise ValidationFailed(["Choose the person the request is about."])
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationFailed([f"The folder {folder} does not exist."])
    with env.uow() as session:
        found = retention_rows.case_ids_of(session, person_ids, child_ids)
        for case_id, _p, _c in found:  # a restricted case: only for those named (audited)
            access.check_view(env, case_id, session)
        loaded = [(cases.load(session, case_id), p, c) for case_id, p, c in found]
        documents = retention_rows.documents_of(session, [i for i, _p, _c in found])
        council = settings_store.get(session, "council", {}) or {}
    subject = ""
    records = []
    for case, p, _c in loaded:
        role = "complainant" if p in person_ids else "child or young person"
        name = case.complainant.name if role == "complainant" else case.child.name
        subject = subject or name
        sections = _sections(case, redact_third_parties)
        attached = documents.get(case.id or 0, [])
        sections.append(
            Section(
                "Documents attached (supplied separately)",
                [(_text(added), filename) for filename, added in attached],
            )
        )
        records.append(CaseRecord(case.reference, role, sections))
    ids = "-".join([*(f"P{i}" for i in person_ids), *(f"C{i}" for i in child_ids)])
    stem = f"subject-access-{ids}-{env.today().isoformat()}"
    report = pdf.SubjectAccessReport(
        subject=subject or "the person named in the request",
        prepared_on=env.today(),
        prepared_by="the complaints team" if redact_third_parties else env.user,
        redacted=redact_third_parties,
        council=str(council.get("name", "")) if isinstance(council, dict) else "",
        cases=records,
    )
    paths = [folder / f"{stem}.pdf", folder / f"{stem}.csv"]
    _write(paths[0], pdf.render(report))
    _write(paths[1], _csv(records))
    with env.uow(write=True) as session:
        audit.record(
            session,
            user=env.user,
            action="subject access export",
            entity="person" if person_ids else "child",
            entity_id=(list(person_ids) or list(child_ids))[0],
            changes={
                "person_ids": list(person_ids),
                "child_ids": list(child_ids),
                "cases": len(records),
                "redacted": redact_third_parties,
                "files": [p.name for p in paths],
            },
        )
    return paths
