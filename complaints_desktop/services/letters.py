"""Services: letters — gather a case's facts, deadlines and the council's details, render
the PDF through ``reports.letters``, log each letter sent, and keep the editable wording.

The window and the command line call only these functions. A letter that would print a
blank (a missing address, date or name) is refused with ``ValidationFailed`` listing
what is missing; nothing is written or logged then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from complaints_desktop import files
from complaints_desktop.domain.deadlines import case_deadlines
from complaints_desktop.domain.errors import KnownError, NotFound, ValidationFailed
from complaints_desktop.domain.model import Case, Contact
from complaints_desktop.reports.letters.catalogue import LETTERS, check, default_text, kind
from complaints_desktop.reports.letters.compose import compose
from complaints_desktop.reports.letters.facts import Facts, case_facts, contact_facts
from complaints_desktop.reports.letters.layout import Cancelled, Letter, Letterhead, build_pdf
from complaints_desktop.reports.letters.vocabulary import CONDITIONS, PLACEHOLDERS
from complaints_desktop.services import access
from complaints_desktop.services import cases as case_service
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, letter_queries, settings_store
from complaints_desktop.storage import cases as case_store

__all__ = [
    "CONDITIONS",
    "DEMO_COUNCIL",
    "LETTERS",
    "PLACEHOLDERS",
    "Cancelled",
    "acknowledgements_due",
    "default_text",
    "is_edited",
    "log_letter",
    "preview",
    "render",
    "render_batch",
    "restore_template",
    "save_template",
    "template_text",
    "templates_for",
    "write_letter",
]

NO_COUNCIL = "Set the council's details in Settings before printing letters."

DEMO_COUNCIL: dict[str, str] = {
    "name": "Northmoor Borough Council",
    "address": "Children's Services Complaints Team\nCivic Centre, 1 Market Street\n"
    "Northmoor NM1 1AA",
    "phone": "020 7946 0000",
    "email": "complaints@northmoor.example.gov.uk",
    "website": "www.northmoor.example.gov.uk",
    "signatory": "Priya Sharma",
    "job_title": "Complaints Manager, Children's Services",
    "data_protection": "Northmoor Borough Council uses the information you give us to deal "
    "with your complaint, as the law requires. We keep it securely for six years after "
    "your complaint closes. To find out more, or to ask for a copy of your information, "
    "visit www.northmoor.example.gov.uk/privacy or contact our Data Protection Officer.",
    "logo_path": "",
}
"""Placeholder council details for tests and the demo database only."""


def _council(env: Env) -> tuple[Letterhead, dict[str, str]]:
    details = settings_service.council(env).to_dict()
    if not details.get("name", "").strip():
        raise ValidationFailed([NO_COUNCIL])
    logo = Path(details["logo_path"]).expanduser() if details.get("logo_path") else None
    if logo is not None and not logo.is_file():
        raise ValidationFailed(
            [f"The logo file {logo} cannot be found: choose it again in Settings."]
        )
    head = Letterhead(
        name=details["name"],
        address=details.get("address", ""),
        phone=details.get("phone", ""),
        email=details.get("email", ""),
        website=details.get("website", ""),
        footer=details.get("data_protection", ""),
        logo=logo,
    )
    return head, details


def templates_for(item: Case | Contact) -> list[str]:
    """The letters that fit a case's state (or a contact's kind), most likely first."""
    if isinstance(item, Contact):
        if item.kind == "compliment":
            return ["compliment-thanks"]
        if item.kind in ("mp enquiry", "councillor enquiry"):
            return ["mp-enquiry-response"]
        return []
    if item.refused is not None:
        return ["refusal"]
    out: list[str] = []
    if item.withdrawn is not None:
        out.append("withdrawal")
    stage = item.current_stage
    if stage is None or item.withdrawn is not None:
        return out
    if stage.number == 1:
        if item.relationship == "child or young person":
            out.append("acknowledgement-child")
        out.append("acknowledgement")
    if stage.is_open and stage.extended:
        out.append("extension")
    if stage.number == 1:
        out.append("stage1-response")
    if stage.number == 2:
        out.append("stage2-acknowledgement")
        if item.procedure == "statutory":
            out.append("stage2-commission")
    if stage.number == 3:
        out.append("panel-invitation")
    if stage.number >= 2:
        out.append("outcome")
    if item.procedure == "statutory" and item.advocacy.provider:
        out.append("advocacy-referral")
    return out


# -- editable wording ---------------------------------------------------------------------
def template_text(env: Env, name: str) -> str:
    """The wording in use for letter ``name``: the team's edit, else the shipped default."""
    kind(name)
    with env.uow() as session:
        edited = settings_store.get(session, f"template:{name}")
    return edited if isinstance(edited, str) else default_text(name)


def is_edited(env: Env, name: str) -> bool:
    """True when the team has changed the shipped wording of ``name``."""
    kind(name)
    with env.uow() as session:
        return settings_store.get(session, f"template:{name}") is not None


def save_template(env: Env, name: str, text: str) -> None:
    """Save edited wording; refuses unknown placeholders, broken [if] blocks, or wording
    that drops content the rules require (every problem listed)."""
    access.require(env, "templates")
    check(name, text)
    with env.uow() as session:
        settings_store.put(session, f"template:{name}", text)
        audit.record(
            session,
            user=env.user,
            action="edit letter template",
            entity="setting",
            reference=name,
        )


def restore_template(env: Env, name: str) -> None:
    """Bring back the shipped wording of ``name``."""
    access.require(env, "templates")
    kind(name)
    with env.uow() as session:
        letter_queries.delete_setting(session, f"template:{name}")
        audit.record(
            session,
            user=env.user,
            action="restore letter template",
            entity="setting",
            reference=name,
        )


# -- rendering ----------------------------------------------------------------------------
def _subject(env: Env, reference: str) -> Case | Contact:
    with env.uow() as session:
        try:
            return case_store.load(session, case_store.find_id(session, reference))
        except NotFound:
            contact = letter_queries.find_contact(session, reference)
    if contact is None:
        raise NotFound(f"There is no complaint or contact with reference {reference!r}.")
    return contact


def _facts(env: Env, item: Case | Contact, name: str, council: dict[str, str]) -> Facts:
    letter = kind(name)
    if isinstance(item, Contact):
        if letter.audience != "contact":
            raise ValidationFailed(
                [
                    f"{item.reference} is a {item.kind}; the {letter.title.lower()} letter is "
                    "for complaints."
                ]
            )
        return contact_facts(item, name, env.today(), council)
    if letter.audience != "case":
        raise ValidationFailed(
            [
                f"{item.reference} is a complaint; the {letter.title.lower()} letter is for "
                "compliments and enquiries."
            ]
        )
    return case_facts(item, name, env.settings(), env.calendar(), env.today(), council)


def _letter(
    env: Env, council: dict[str, str], reference: str, name: str, text: str | None = None
) -> Letter:
    item = _subject(env, reference)
    facts = _facts(env, item, name, council)
    return compose(name, text if text is not None else template_text(env, name), facts)


def render(env: Env, reference: str, template: str) -> bytes:
    """The PDF of letter ``template`` for the case or contact ``reference``."""
    head, council = _council(env)
    return build_pdf([_letter(env, council, reference, template)], head)


def preview(env: Env, name: str, text: str, reference: str) -> bytes:
    """The PDF that unsaved wording ``text`` would give for ``reference``."""
    head, council = _council(env)
    return build_pdf([_letter(env, council, reference, name, text)], head)


def render_batch(
    env: Env,
    references: Sequence[str],
    template: str,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> bytes:
    """One PDF of letter ``template`` for every reference, each starting on a new page.

    Every letter is checked before any is drawn: one refusal lists the problems of every
    reference. ``progress(done, total)`` is called as letters are prepared and drawn;
    ``cancel()`` returning True stops with ``Cancelled``.
    """
    if not references:
        raise ValidationFailed(["Choose at least one case to print letters for."])
    head, council = _council(env)
    text = template_text(env, template)
    total = len(references) * 2
    letters: list[Letter] = []
    problems: list[str] = []
    for index, reference in enumerate(references, start=1):
        if cancel is not None and cancel():
            raise Cancelled("Printing was cancelled; no letters were produced.")
        try:
            letters.append(_letter(env, council, reference, template, text))
        except (ValidationFailed, NotFound) as exc:
            found = exc.problems if isinstance(exc, ValidationFailed) else [str(exc)]
            problems += [f"{reference}: {p}" for p in found]
        if progress is not None:
            progress(index, total)
    if problems:
        raise ValidationFailed(problems)
    done = len(references)
    return build_pdf(
        letters,
        head,
        (lambda n, _: progress(done + n, total)) if progress is not None else None,
        cancel,
    )


# -- sending ------------------------------------------------------------------------------
def _write_atomically(data: bytes, out: Path) -> None:
    try:
        files.write_atomically(out, data)
    except KnownError:
        raise
    except OSError as exc:
        raise KnownError(f"Could not write {out}: {exc.strerror or exc}.") from exc


def write_letter(env: Env, reference: str, template: str, out: Path) -> None:
    """Write the letter's PDF to ``out`` (all or nothing) and log it on its case."""
    data = render(env, reference, template)
    _write_atomically(data, Path(out))
    log_letter(env, reference, template)


def log_letter(
    env: Env, reference: str, template: str, record_acknowledgement: bool = False
) -> None:
    """Log that letter ``template`` was sent today, with an audit entry.

    With ``record_acknowledgement`` (acknowledgement letters only), also record today as
    the acknowledgement date of the stage in progress, unless it is already recorded.
    """
    access.require(env, "letters")
    letter = kind(template)
    item = _subject(env, reference)
    today = env.today()
    if isinstance(item, Case) and record_acknowledgement:
        if "acknowledgement" not in template:
            raise ValidationFailed(
                [f"The {letter.title.lower()} letter does not acknowledge a complaint."]
            )
        stage = item.current_stage
        if stage is not None and stage.acknowledged is None:
            item = case_service.acknowledge(env, item, today)
    assert item.id is not None
    with env.uow() as session:
        if isinstance(item, Case):
            case_store.add_letter(session, item.id, template, today, env.user)
            entity = "complaint"
        else:
            letter_queries.add_contact_letter(session, item.id, template, today, env.user)
            entity = "contact"
        audit.record(
            session,
            user=env.user,
            action="letter",
            entity=entity,
            entity_id=item.id,
            reference=item.reference,
            changes={"template": template, "sent_on": today},
        )


def acknowledgements_due(env: Env, on: date) -> list[str]:
    """References whose acknowledgement is outstanding and due on or before ``on``."""
    settings, cal, today = env.settings(), env.calendar(), env.today()
    with env.uow() as session:
        candidates = letter_queries.unacknowledged(session, on)
    out = []
    for case in candidates:
        due = [
            d
            for d in case_deadlines(case, settings, cal, today)
            if d.kind == "acknowledge" and d.outstanding and d.due <= on
        ]
        if due:
            out.append(case.reference)
    return out
