"""Reports: the facts of one case (or contact) that a letter prints, worked out from the rules.

Pure: a domain ``Case`` with the procedure settings and the working-day calendar in, a
``Facts`` (placeholder values, conditions, recipient block) out. Deadlines come from
``domain.deadlines``, so a letter always says what the case screen says.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import Deadline, case_deadlines, escalation_window
from complaints_desktop.domain.model import Case, Contact, Stage
from complaints_desktop.domain.procedures import ProcedureSettings, Settings
from complaints_desktop.domain.text import long_date
from complaints_desktop.reports.letters.catalogue import kind
from complaints_desktop.reports.letters.vocabulary import (
    ADVOCACY_SERVICE,
    CONDITIONS,
    OMBUDSMAN_DETAILS,
)

ACKNOWLEDGEMENTS = ("acknowledgement", "acknowledgement-child", "stage2-acknowledgement")
RESPONSES = ("stage1-response", "outcome")
HOUSE_OF_COMMONS = ["House of Commons", "London", "SW1A 0AA"]

REFUSAL_WORDING = {
    "not eligible": "the complaints procedure does not cover the matters you raise, or "
    "your relationship to them",
    "out of time": "your complaint was made more than {months} months after the events it is "
    "about, and we have decided that we cannot now look into it fairly",
    "duplicate": "we have already considered, or are considering, the same complaint",
    "legal proceedings": "the matters you raise are the subject of court proceedings, which "
    "must come first",
    "child protection conference decision": "decisions of a child protection conference have "
    "their own way to challenge them, through the conference chair, and are not covered by "
    "the complaints procedure",
}

NEXT_STAGE = {
    ("statutory", 2): "an independent investigation",
    ("statutory", 3): "a review panel",
    ("corporate", 2): "a review by a senior manager",
}

DOCUMENT = {
    ("statutory", 1): "our stage 1 response to your complaint",
    ("statutory", 2): "the council's adjudication on your complaint, with the reports of the "
    "investigating officer and the independent person",
    ("statutory", 3): "the council's response to the review panel's findings",
    ("corporate", 1): "our stage 1 response to your complaint",
    ("corporate", 2): "our stage 2 response to your complaint",
}


@dataclass
class Facts:
    """What a letter may print about one case or contact."""

    values: dict[str, str]
    flags: dict[str, bool]
    recipient: list[str]
    problems: list[str] = field(default_factory=list)
    large_print: bool = False


def sentence(text: str) -> str:
    """``text`` as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def clause(text: str) -> str:
    """``text`` to follow 'because': no full stop at the end."""
    return text.strip().rstrip(".").strip()


def working_days(n: int) -> str:
    """``20 working days``."""
    return f"{n} working day{'s' if n != 1 else ''}"


def _by_email(preferred: str, email: str) -> bool:
    return bool(email.strip()) and preferred.casefold().replace("-", "").strip() == "email"


def _names(text: str) -> str:
    names = [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def _response_deadline(deadlines: list[Deadline], stage: Stage) -> Deadline | None:
    mine = [d for d in deadlines if d.kind == "response" and d.stage == stage.number]
    agreed = [d for d in mine if "agreed statement" in d.what]
    chosen = agreed or mine
    return chosen[-1] if chosen else None


def _limit(proc: ProcedureSettings, stage: Stage) -> int:
    rule = proc.rule(stage.number)
    if rule is None:
        return 0
    if proc.panel is not None and stage.number == 3 and proc.key == "statutory":
        return proc.panel.convene + proc.panel.report + proc.panel.respond
    return rule.extended if stage.extended else rule.standard


def _stage_values(work: Case, proc: ProcedureSettings, deadlines: list[Deadline]) -> dict[str, str]:
    values: dict[str, str] = {}
    for stage in work.stages:
        n = stage.number
        due = _response_deadline(deadlines, stage)
        values[f"stage{n}.due"] = long_date(due.due) if due else ""
        values[f"stage{n}.days"] = working_days(_limit(proc, stage))
        values[f"stage{n}.response"] = long_date(stage.response)
        values[f"stage{n}.requested"] = long_date(stage.requested)
    s2 = work.stage(2)
    if s2 is not None and s2.requested is not None and s2.start is not None:
        values["stage2.agreed"] = long_date(s2.start)
    return values


def _council_values(council: dict[str, str], today: date) -> dict[str, str]:
    return {
        "today": long_date(today),
        "council.name": council.get("name", ""),
        "council.address": council.get("address", ""),
        "council.phone": council.get("phone", ""),
        "council.email": council.get("email", ""),
        "council.website": council.get("website", ""),
        "signatory.name": council.get("signatory", ""),
        "signatory.title": council.get("job_title", ""),
        "ombudsman.details": OMBUDSMAN_DETAILS,
    }


def _working_copy(case: Case, name: str, today: date) -> Case:
    """The case as it will be once this letter goes (acknowledged or answered today)."""
    work = copy.deepcopy(case)
    stage = work.current_stage
    if stage is None or not stage.is_open or work.withdrawn or work.refused:
        return work
    if name in ACKNOWLEDGEMENTS and stage.acknowledged is None:
        stage.acknowledged = today
    if name in RESPONSES:
        stage.response = today
    return work


def case_facts(
    case: Case,
    name: str,
    settings: Settings,
    cal: WorkingCalendar,
    today: date,
    council: dict[str, str],
) -> Facts:
    """The facts letter ``name`` may print about ``case``."""
    letter = kind(name)
    proc = settings.procedure(case.procedure)
    work = _working_copy(case, name, today)
    deadlines = case_deadlines(work, settings, cal, today)
    stage = work.current_stage
    person = case.complainant
    values = _council_values(council, today)
    values.update(_stage_values(work, proc, deadlines))
    values.update(
        {
            "reference": case.reference,
            "recipient.name": person.name,
            "complainant.name": person.name,
            "complainant.first_name": person.name.split()[0] if person.name.split() else "",
            "complainant.address": person.address,
            "complainant.email": person.email,
            "child.name": case.child.name,
            "received": long_date(case.received),
            "procedure": proc.name,
            "summary": case.summary,
            "advocacy.provider": case.advocacy.provider,
            "advocacy.referral": long_date(case.advocacy.referral),
            "advocacy.advocate": case.advocacy.advocate_name,
            "advocacy.service": (
                f"an independent advocate from {case.advocacy.provider}. "
                + ADVOCACY_SERVICE.removeprefix("an independent advocate. ")
                if case.advocacy.provider
                else ADVOCACY_SERVICE
            ),
            "ombudsman.reference": case.ombudsman.reference if case.ombudsman else "",
            "refusal.date": long_date(case.refused),
            "refusal.reason": clause(
                REFUSAL_WORDING.get(case.refusal_reason.casefold(), case.refusal_reason)
            ).format(months=proc.time_limit_months),
            "refusal.signposting": sentence(case.signposting),
            "withdrawal.date": long_date(case.withdrawn),
            "withdrawal.stage": f"stage {case.withdrawn_stage}" if case.withdrawn_stage else "",
        }
    )
    if stage is not None:
        due = _response_deadline(deadlines, stage)
        values["stage"] = str(stage.number)
        values["outcome"] = stage.outcome if stage.outcome != "withdrawn" else ""
        values["response.due"] = long_date(due.due) if due else ""
        values["response.days"] = working_days(_limit(proc, stage))
        values["response.document"] = DOCUMENT.get(
            (case.procedure, stage.number), "our response to your complaint"
        )
        values["investigation.officer"] = stage.investigating_officer
        values["investigation.independent"] = stage.independent_person
        values["panel.date"] = long_date(stage.panel_date) if stage.number == 3 else ""
        values["panel.members"] = _names(stage.panel_members) if stage.number == 3 else ""
        panel = [d for d in deadlines if d.kind == "panel"]
        values["panel.due"] = long_date(panel[0].due) if panel else ""
        if stage.extended:
            values["extension.agreed"] = long_date(stage.extension_agreed)
            values["extension.reason"] = sentence(stage.extension_reason)
            values["extension.due"] = values["response.due"]
            values["extension.days"] = values["response.days"]
    window = escalation_window(work, settings, cal) if work.withdrawn is None else None
    if window is not None and window.stage is not None:
        rule = proc.rule(window.stage)
        values["escalation.by"] = long_date(window.due)
        values["escalation.days"] = working_days(rule.request_window or 0) if rule else ""
        values["escalation.stage"] = str(window.stage)
        values["escalation.what"] = NEXT_STAGE.get((case.procedure, window.stage), "a review")
    by_email = _by_email(person.preferred_contact, person.email)
    flags = {
        "child": case.relationship == "child or young person",
        "about_child": bool(case.child.name.strip()),
        "statutory": case.procedure == "statutory",
        "corporate": case.procedure == "corporate",
        "adult": case.procedure == "adult",
        "extended": bool(stage and stage.extended),
        "can_escalate": window is not None,
        "final": stage is not None and stage.number >= proc.last_stage,
        "by_email": by_email,
        "large_print": "large" in person.preferred_format.casefold(),
    }
    if letter.recipient == "investigation":
        people = [
            (values.get("investigation.officer", ""), "investigating officer"),
            (values.get("investigation.independent", ""), "independent person"),
        ]
        values["recipient.name"] = " and ".join(who for who, _ in people if who)
        recipient = ["Private and confidential"]
        recipient += [f"{who}, {role}" for who, role in people if who]
        return Facts(values, flags, recipient, [], flags["large_print"])
    return _addressed(values, flags, person.name, person.address, person.email, "complainant")


def _addressed(
    values: dict[str, str],
    flags: dict[str, bool],
    name: str,
    address: str,
    email: str,
    who: str,
) -> Facts:
    problems: list[str] = []
    if not name.strip():
        problems.append(f"The letter needs the {who}'s name.")
    lines = [name.strip()]
    if flags["by_email"]:
        lines.append(f"By e-mail: {email.strip()}")
    else:
        address_lines = [x.strip() for x in address.replace(";", "\n").splitlines() if x.strip()]
        if not address_lines:
            problems.append(
                f"The letter goes by post, but there is no postal address for the {who}: "
                "add it to the case (or record that they prefer e-mail, with their address)."
            )
        lines += address_lines
    return Facts(values, flags, lines, problems, flags["large_print"])


POST_NOMINALS = frozenset({"MP", "OBE", "MBE", "CBE", "KC", "QC", "JP", "DL", "PHD"})
"""Letters after a name, left out of "Dear Ms Doe"."""


def contact_facts(contact: Contact, name: str, today: date, council: dict[str, str]) -> Facts:
    """The facts a letter may print about a compliment or enquiry.

    The letter goes to the contact's ``name`` and ``address`` (by e-mail when it has an
    e-mail address and no postal one); "Dear" takes the ``title`` and surname when a title
    is given. A contact logged before it had a name holds the name on the first line of
    ``sender`` and any postal address on the lines after it (or after semicolons). An
    MP's letter without an address goes to the House of Commons.
    """
    kind(name)
    if contact.name.strip():
        sender = " ".join(contact.name.split())
        address = [x.strip() for x in contact.address.replace(";", "\n").splitlines() if x.strip()]
    else:
        lines = [x.strip() for x in contact.sender.replace(";", "\n").splitlines() if x.strip()]
        sender = lines[0] if lines else ""
        address = lines[1:]
    title = contact.title.strip()
    words = sender.split()
    while len(words) > 1 and words[-1].strip(",").upper() in POST_NOMINALS:
        words.pop()
    dear = f"{title} {words[-1].strip(',')}" if title and words else sender
    if not address and contact.kind == "mp enquiry":
        address = HOUSE_OF_COMMONS
    values = _council_values(council, today)
    values.update(
        {
            "reference": contact.reference,
            "recipient.name": dear,
            "contact.received": long_date(contact.received),
            "contact.summary": contact.summary,
            "contact.kind": contact.kind,
        }
    )
    flags = dict.fromkeys(CONDITIONS, False)
    flags["by_email"] = bool(contact.email.strip()) and not address
    return _addressed(values, flags, sender, "\n".join(address), contact.email, "sender")
