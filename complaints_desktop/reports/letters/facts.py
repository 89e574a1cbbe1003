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
from complaints_desktop.domain.text import long_date, pounds
from complaints_desktop.reports.letters.catalogue import kind
from complaints_desktop.reports.letters.guards import (
    check_case,
    check_contact_name,
    split_reason,
)
from complaints_desktop.reports.letters.vocabulary import (
    ADVOCACY_SERVICE,
    CONDITIONS,
    HELP_AT_HAND,
    OMBUDSMAN_DETAILS,
)

ACKNOWLEDGEMENTS = ("acknowledgement", "acknowledgement-child", "stage2-acknowledgement")
RESPONSES = ("stage1-response", "stage1-response-child", "outcome")
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

SIGNPOSTING = {
    "not eligible": "If your complaint is about something the council does other than "
    "children's social care, you can make it under the council's corporate complaints "
    "procedure: contact us and we will pass it on.",
    "legal proceedings": "Please raise your concerns in the court proceedings, through "
    "your solicitor if you have one. Once they have ended, you can contact us again.",
    "child protection conference decision": "To challenge a decision of a child protection "
    "conference, write to the chair of the conference; we can give you their details.",
    "duplicate": "We will keep you informed about the complaint we are already dealing "
    "with; please quote its reference when you contact us.",
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
    confirm: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    annex: tuple[str, list[str]] | None = None
    """A page attached to the letter: its title and numbered items (a statement)."""
    child_friendly: bool = False
    wrong_letter: bool = False
    """The letter does not fit the case: its refusal says so, and nothing more is listed."""


TITLES = ("Ms", "Mr", "Mrs", "Miss", "Mx", "Dr")
"""The titles a letter may greet someone by (blank or 'none': by their full name)."""

ROLES = {
    "officer": ("investigating officer", "independent person"),
    "independent": ("independent person", "investigating officer"),
}


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


def salutation(name: str, title: str) -> tuple[str, str]:
    """(greeting, first address line): ``('Ms O'Sullivan', 'Ms Siobhán O'Sullivan')``;
    without a title (or 'none'), the full name both times."""
    name = " ".join(name.split())
    title = title.strip().rstrip(".")
    if not title or title.casefold() == "none" or not name:
        return name, name
    surname = name.split()[-1]
    return f"{title} {surname}", f"{title} {name}"


def refusal_words(text: str, months: int) -> tuple[str, str]:
    """(why, where else to go) for a recorded refusal reason, written to the complainant."""
    reason, words = split_reason(text)
    standard = REFUSAL_WORDING.get(reason, "")
    if standard:
        why = standard.format(months=months)
        if words:
            why = f"{clause(why)}; {words}"
    else:
        why = words if reason == "other" else text.strip()
    return clause(why), SIGNPOSTING.get(reason, "")


def _working_copy(case: Case, name: str, today: date, number: int | None = None) -> Case:
    """The case as it will be once this letter goes (acknowledged or answered today);
    for an earlier stage's letter, the case as it stood at that stage."""
    work = copy.deepcopy(case)
    if number is not None and work.stage(number) is not None:
        work.stages = [s for s in work.stages if s.number <= number]
        if work.withdrawn_stage is not None and work.withdrawn_stage > number:
            work.withdrawn, work.withdrawn_stage = None, None
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
    stage_number: int | None = None,
    addressee: str = "",
) -> Facts:
    """The facts letter ``name`` may print about ``case``.

    Args:
        stage_number: the stage the letter is for (default: the stage in progress); an
            earlier stage's letter is written as the case stood at that stage.
        addressee: for the commissioning letter, ``officer`` or ``independent``.
    """
    letter = kind(name)
    proc = settings.procedure(case.procedure)
    work = _working_copy(case, name, today, stage_number)
    deadlines = case_deadlines(work, settings, cal, today)
    stage = work.current_stage
    person = case.complainant
    greeting, first_line = salutation(person.name, person.title)
    why, signposting = refusal_words(case.refusal_reason, proc.time_limit_months)
    values = _council_values(council, today)
    values.update(_stage_values(work, proc, deadlines))
    values.update(
        {
            "reference": case.reference,
            "recipient.name": greeting,
            "salutation": greeting,
            "complainant.name": person.name,
            "complainant.first_name": person.name.split()[0] if person.name.split() else "",
            "complainant.address": person.address,
            "complainant.email": person.email,
            "child.name": case.child.name,
            "received": long_date(case.received),
            "procedure": proc.name if proc.name.startswith("Children") else proc.name.lower(),
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
            "advocacy.contact": council.get("advocacy.contact", ""),
            "help_at_hand": HELP_AT_HAND,
            "ombudsman.reference": case.ombudsman.reference if case.ombudsman else "",
            "refusal.date": long_date(case.refused),
            "refusal.reason": why,
            "refusal.signposting": " ".join(
                x for x in (signposting, sentence(case.signposting)) if x
            ),
            "withdrawal.date": long_date(case.withdrawn),
            "withdrawal.stage": f"stage {case.withdrawn_stage}" if case.withdrawn_stage else "",
        }
    )
    stage2_due = _stage_due(deadlines, work.stage(2))
    if stage2_due is not None:
        values["stage2.due.iso"] = stage2_due.isoformat()
    if stage is not None:
        due = _response_deadline(deadlines, stage)
        values["stage"] = str(stage.number)
        values["outcome"] = stage.outcome if stage.outcome != "withdrawn" else ""
        values["response.due"] = long_date(due.due) if due else ""
        values["response.due.iso"] = due.due.isoformat() if due else ""
        values["response.days"] = working_days(_limit(proc, stage))
        values["response.document"] = DOCUMENT.get(
            (case.procedure, stage.number), "our response to your complaint"
        )
        values["investigation.officer"] = stage.investigating_officer
        values["investigation.independent"] = stage.independent_person
        values["panel.date"] = long_date(stage.panel_date) if stage.number == 3 else ""
        values["panel.time"] = stage.panel_time if stage.number == 3 else ""
        values["panel.venue"] = _one_line(stage.panel_venue) if stage.number == 3 else ""
        values["panel.members"] = _names(stage.panel_members) if stage.number == 3 else ""
        panel = [d for d in deadlines if d.kind == "panel"]
        values["panel.due"] = long_date(panel[0].due) if panel else ""
        if stage.extended:
            values["extension.agreed"] = long_date(stage.extension_agreed)
            values["extension.reason"] = sentence(stage.extension_letter_reason)
            values["extension.due"] = values["response.due"]
            values["extension.due.iso"] = values["response.due.iso"]
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
    verdict = check_case(case, name, stage, values, deadlines, today)
    if letter.recipient == "investigation":
        verdict.warnings = []  # the complainant's preferences are not the addressee's
        facts = _commission(work, stage, values, flags, addressee)
    else:
        facts = _addressed(values, flags, first_line, person.address, person.email, "complainant")
    facts.problems = verdict.refusals + facts.problems
    facts.confirm = verdict.confirm
    facts.warnings = verdict.warnings
    facts.wrong_letter = verdict.wrong_letter
    if verdict.wrong_letter:
        facts.problems = verdict.refusals
    facts.child_friendly = name.endswith("-child")
    return facts


def _stage_due(deadlines: list[Deadline], stage: Stage | None) -> date | None:
    if stage is None:
        return None
    due = _response_deadline(deadlines, stage)
    return due.due if due else None


def _one_line(text: str) -> str:
    return ", ".join(x.strip() for x in text.replace(";", "\n").splitlines() if x.strip())


def _commission(
    case: Case, stage: Stage | None, values: dict[str, str], flags: dict[str, bool], who: str
) -> Facts:
    """One commissioning letter, to the investigating officer or the independent person."""
    if stage is None or who not in ROLES:
        return Facts(values, flags, [], ["Choose who the commissioning letter is for."])
    role, other_role = ROLES[who]
    name, other, fee, address = (
        (stage.investigating_officer, stage.independent_person, stage.io_fee, stage.io_address)
        if who == "officer"
        else (stage.independent_person, stage.investigating_officer, stage.ip_fee, stage.ip_address)
    )
    problems: list[str] = []
    if not name.strip():
        problems.append(f"Name the {role} on stage 2 (Commission investigation).")
    if not address.strip():
        problems.append(
            f"Record the {role}'s postal address on stage 2 (Commission investigation)."
        )
    if fee <= 0:
        problems.append(f"Record the {role}'s fee on stage 2 (Commission investigation).")
    statement = [e.text.strip() for e in case.elements if e.text.strip()]
    if not statement:
        problems.append(
            "Record the elements of the complaint (the statement of complaint): the letter "
            "attaches them."
        )
    values.update(
        {
            "recipient.name": name,
            "salutation": name,
            "addressee.role": role,
            "addressee.fee": pounds(fee),
            "colleague.name": other,
            "colleague.role": other_role,
        }
    )
    lines = ["Private and confidential", name.strip()]
    lines += [x.strip() for x in address.replace(";", "\n").splitlines() if x.strip()]
    facts = Facts(values, flags, lines, problems)  # the complainant's format is not theirs
    facts.annex = (f"Statement of complaint, {case.reference}", statement)
    return facts


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
    words = [
        w
        for w in sender.split()
        if w.strip(",").upper() not in POST_NOMINALS and w not in ("Cllr", "Councillor")
    ]
    if title and words:
        greeting = salutation(" ".join(words), title)[0]
    else:  # an older contact: the title, if any, is the first word of the name
        titled = len(words) > 2 and words[0].rstrip(".") in TITLES
        greeting = salutation(" ".join(words[1:]), words[0])[0] if titled else " ".join(words)
    if not address and contact.kind == "mp enquiry":
        address = HOUSE_OF_COMMONS
    values = _council_values(council, today)
    values.update(
        {
            "reference": contact.reference,
            "recipient.name": greeting,
            "salutation": greeting,
            "contact.received": long_date(contact.received),
            "contact.summary": contact.summary,
            "contact.kind": contact.kind,
        }
    )
    flags = dict.fromkeys(CONDITIONS, False)
    flags["by_email"] = bool(contact.email.strip()) and not address
    facts = _addressed(values, flags, sender, "\n".join(address), contact.email, "sender")
    facts.problems = check_contact_name(contact.kind, sender) + facts.problems
    return facts
