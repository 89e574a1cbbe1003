"""Services: letters — gather a case's facts, deadlines and the council's details, render
the PDF through ``reports.letters``, log each letter sent, and keep the editable wording.

The window and the command line call only these functions. A letter that would print a
blank (a missing address, date or name) is refused with ``ValidationFailed`` listing
what is missing; nothing is written or logged then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path

from sqlmodel import Session

from complaints_desktop import files
from complaints_desktop.domain.deadlines import case_deadlines
from complaints_desktop.domain.errors import KnownError, NotAllowed, NotFound, ValidationFailed
from complaints_desktop.domain.model import Case, Contact
from complaints_desktop.reports.letters import catalogue
from complaints_desktop.reports.letters.catalogue import LETTERS, check, default_text, kind
from complaints_desktop.reports.letters.compose import compose
from complaints_desktop.reports.letters.facts import Facts, case_facts, contact_facts
from complaints_desktop.reports.letters.guards import SendAnyway
from complaints_desktop.reports.letters.layout import Cancelled, Letter, Letterhead, build_pdf
from complaints_desktop.reports.letters.vocabulary import CONDITIONS, PLACEHOLDERS
from complaints_desktop.services import access
from complaints_desktop.services import cases as case_service
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, letter_queries, settings_store
from complaints_desktop.storage import cases as case_store
from complaints_desktop.storage import contacts as stored_contacts

__all__ = [
    "CONDITIONS",
    "DEMO_COUNCIL",
    "LETTERS",
    "PLACEHOLDERS",
    "Cancelled",
    "Prepared",
    "SendAnyway",
    "acknowledgements_due",
    "addressees",
    "default_text",
    "email_draft",
    "first_fitting",
    "for_complainant",
    "is_edited",
    "letters_for",
    "log_letter",
    "prepare",
    "preview",
    "render",
    "render_batch",
    "restore_template",
    "save_template",
    "sent_letter",
    "template_text",
    "templates_for",
    "write_email_draft",
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
    "with what you have told us, as the law allows. We keep it securely for six years after "
    "we close your case. To find out more, or to ask for a copy of your information, "
    "visit www.northmoor.example.gov.uk/privacy or contact our Data Protection Officer.",
    "logo_path": "",
}
"""Placeholder council details for tests and the demo database only."""


def _council(env: Env) -> tuple[Letterhead, dict[str, str]]:
    details = settings_service.council(env).to_dict()
    if not details.get("name", "").strip():
        raise ValidationFailed([NO_COUNCIL])
    head = Letterhead(
        name=details["name"],
        address=details.get("address", ""),
        phone=details.get("phone", ""),
        email=details.get("email", ""),
        website=details.get("website", ""),
        footer=details.get("data_protection", ""),
        logo=settings_service.logo(env),
    )
    return head, details


def templates_for(item: Case | Contact) -> list[str]:
    """The letters that fit a case's state (or a contact's kind), most likely first."""
    return [name for number, name in letters_for(item) if number in (None, _current(item))]


def _current(item: Case | Contact) -> int | None:
    if isinstance(item, Contact) or item.current_stage is None:
        return None
    return item.current_stage.number


def letters_for(item: Case | Contact) -> list[tuple[int | None, str]]:
    """(stage, template) of every letter a case can still be sent, the stage in progress
    first (``catalogue.letters_for``: each letter's own ``fits``)."""
    return catalogue.letters_for(item)


def first_fitting(case: Case, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that fits ``case`` at its current stage
    (``catalogue.first_fitting``)."""
    return catalogue.first_fitting(case, names)


def for_complainant(name: str, case: Case) -> str:
    """Letter ``name``, or its version for a child complainant (``catalogue.for_complainant``)."""
    return catalogue.for_complainant(name, case)


def addressees(template: str) -> tuple[str, ...]:
    """Who gets a copy of its own: the commissioning letter goes to two people."""
    return ("officer", "independent") if kind(template).recipient == "investigation" else ("",)


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
    with env.uow(write=True) as session:
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
    with env.uow(write=True) as session:
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
    """The case or contact; a restricted case only for those named on it (the view is
    audited), else ``NotAllowed``."""
    with env.uow() as session:
        return _subject_in(env, session, reference)


def _subject_in(
    env: Env, session: Session, reference: str, *, writing: bool = False
) -> Case | Contact:
    """``_subject`` read in the use case's unit of work (``writing``: a writing one)."""
    try:
        case_id = case_store.find_id(session, reference)
    except NotFound:
        contact = stored_contacts.find_contact(session, reference)
    else:
        access.check_view(env, case_id, session, writing=writing)
        return case_store.load(session, case_id)
    if contact is None:
        raise NotFound(f"There is no complaint or contact with reference {reference!r}.")
    return contact


def _facts(
    env: Env,
    item: Case | Contact,
    name: str,
    council: dict[str, str],
    stage: int | None = None,
    addressee: str = "",
) -> Facts:
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
    if stage is not None and item.stage(stage) is None:
        raise ValidationFailed([f"{item.reference} has no stage {stage}."])
    if item.advocacy.provider:
        contacts = settings_service.advocacy_contacts(env)
        council = {**council, "advocacy.contact": contacts.get(item.advocacy.provider, "")}
    return case_facts(
        item, name, env.settings(), env.calendar(), env.today(), council, stage, addressee
    )


def _letters(
    env: Env,
    council: dict[str, str],
    reference: str,
    name: str,
    text: str | None = None,
    stage: int | None = None,
    send_anyway: bool = False,
) -> list[Letter]:
    item = _subject(env, reference)
    wording = text if text is not None else template_text(env, name)
    out: list[Letter] = []
    problems: list[str] = []
    confirm: list[str] = []
    for who in addressees(name):
        facts = _facts(env, item, name, council, stage, who)
        try:
            out.append(compose(name, wording, facts, send_anyway))
        except SendAnyway as exc:
            confirm += [p for p in exc.problems if p not in confirm]
        except ValidationFailed as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise ValidationFailed(problems)
    if confirm:
        raise SendAnyway(confirm)
    return out


@dataclass
class Prepared:
    """A letter ready to send: its PDF and what the officer should know first."""

    reference: str
    template: str
    pdf: bytes
    warnings: list[str]
    stage: int | None = None


def prepare(
    env: Env,
    reference: str,
    template: str,
    stage: int | None = None,
    send_anyway: bool = False,
) -> Prepared:
    """Letter ``template`` for ``reference`` (for ``stage``, default the one in progress).

    Raises ``ValidationFailed`` listing what stops it, or ``SendAnyway`` when it needs the
    officer's explicit "send anyway" (a stage already answered, a promised date passed).
    """
    head, council = _council(env)
    made = _letters(env, council, reference, template, None, stage, send_anyway)
    warnings = [w for letter in made for w in letter.warnings]
    return Prepared(
        reference, template, build_pdf(made, head), list(dict.fromkeys(warnings)), stage
    )


def render(
    env: Env,
    reference: str,
    template: str,
    stage: int | None = None,
    send_anyway: bool = False,
) -> bytes:
    """The PDF of letter ``template`` for the case or contact ``reference``."""
    return prepare(env, reference, template, stage, send_anyway).pdf


def preview(env: Env, name: str, text: str, reference: str) -> bytes:
    """The PDF that unsaved wording ``text`` would give for ``reference``."""
    head, council = _council(env)
    return build_pdf(_letters(env, council, reference, name, text, send_anyway=True), head)


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
    access.require(env, "letters")
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
            letters.extend(_letters(env, council, reference, template, text))
        except (ValidationFailed, NotFound, NotAllowed) as exc:
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


def write_letter(
    env: Env, reference: str, template: str, out: Path, stage: int | None = None
) -> Prepared:
    """Write the letter's PDF to ``out`` (all or nothing) and log it on its case as saved
    for sending, keeping the PDF. A letter that needs "send anyway" is refused, and so is
    a role that may not produce letters, before anything is drawn or written."""
    access.require(env, "letters")
    made = prepare(env, reference, template, stage)
    _write_atomically(made.pdf, Path(out))
    log_letter(env, reference, template, how="saved", pdf=made.pdf)
    return made


def log_letter(
    env: Env,
    reference: str,
    template: str,
    record_acknowledgement: bool = False,
    how: str = "",
    pdf: bytes | None = None,
) -> None:
    """Log that letter ``template`` was sent today (``how``: printed, saved, e-mail),
    keeping the exact ``pdf`` sent with the case, with an audit entry.

    With ``record_acknowledgement`` (acknowledgement letters only), also record today as
    the acknowledgement date of the stage in progress, unless it is already recorded.
    """
    today = env.today()
    with env.uow(write=True) as session:
        access.require(env, "letters", session)
        letter = kind(template)
        item = _subject_in(env, session, reference, writing=True)
        if isinstance(item, Case) and record_acknowledgement:
            if "acknowledgement" not in template:
                raise ValidationFailed(
                    [f"The {letter.title.lower()} letter does not acknowledge a complaint."]
                )
            stage = item.current_stage
            if stage is not None and stage.acknowledged is None:
                item = case_service.acknowledge(env, item, today, session)
        assert item.id is not None
        if isinstance(item, Case):
            case_store.add_letter(session, item.id, template, today, env.user, how, pdf)
            entity = "complaint"
        else:
            case_store.add_letter(
                session, None, template, today, env.user, how, pdf, contact_id=item.id
            )
            entity = "contact"
        audit.record(
            session,
            user=env.user,
            action="letter",
            entity=entity,
            entity_id=item.id,
            reference=item.reference,
            changes={"template": template, "sent_on": today, "how": how},
        )


def sent_letter(env: Env, letter_id: int) -> tuple[str, str, bytes]:
    """(reference, template, PDF) of a letter as it was sent; NotFound when the PDF was
    not kept (letters logged before PDFs were kept, or an anonymised case)."""
    with env.uow() as session:
        found = letter_queries.sent_pdf(session, letter_id)
    if found is None or not found[2]:
        raise NotFound(
            "The PDF of this letter was not kept (it was logged before letters "
            "were kept with the case, or the case has been anonymised)."
        )
    reference = found[0]
    if reference:
        _subject(env, reference)  # restricted cases: only those allowed may open them
    return found


def email_draft(env: Env, made: Prepared) -> bytes:
    """An unsent e-mail (.eml, ``X-Unsent: 1``: Outlook opens it ready to send) to the
    complainant, with the letter's PDF attached; no mail server is involved."""
    item = _subject(env, made.reference)
    details = settings_service.council(env)
    if isinstance(item, Case):
        to, name = item.complainant.email.strip(), item.complainant.name.strip()
    else:
        to, name = "", ""
    if kind(made.template).recipient == "investigation" or isinstance(item, Contact):
        to = ""
    elif "@" not in to:
        raise ValidationFailed(
            [
                f"There is no e-mail address for the complainant of {made.reference}: add it "
                "to the case, or print the letter and post it."
            ]
        )
    message = EmailMessage()
    message["X-Unsent"] = "1"
    if to:
        message["To"] = formataddr((name, to))
    if details.email:
        message["From"] = formataddr((details.name, details.email))
    message["Subject"] = f"{kind(made.template).title}, reference {made.reference}"
    message["Date"] = formatdate(localtime=True)
    message.set_content(
        f"Please find attached our letter, reference {made.reference}.\n\n"
        f"{details.signatory}\n{details.job_title}\n{details.name}\n"
        + (f"{details.phone}\n" if details.phone else "")
    )
    filename = f"{made.reference.replace('/', '-')}-{made.template}.pdf"
    message.add_attachment(made.pdf, maintype="application", subtype="pdf", filename=filename)
    return bytes(message)


def write_email_draft(env: Env, made: Prepared, out: Path) -> None:
    """Write the draft e-mail of ``made`` to ``out`` and log the letter as handed to e-mail."""
    data = email_draft(env, made)
    _write_atomically(data, Path(out))
    log_letter(env, made.reference, made.template, how="e-mail", pdf=made.pdf)


def acknowledgements_due(env: Env, on: date) -> list[str]:
    """References whose acknowledgement is outstanding and due on or before ``on``.

    The batch acknowledges the stage in progress (a stage 2 request gets its own letter),
    so each case is judged on that stage alone, as the complaint's acknowledgement from
    receipt and the stage's own from its request.
    """
    today = env.today()
    with env.uow() as session:
        settings, cal = env.settings(session), env.calendar(session)
        candidates = letter_queries.unacknowledged(session, on)
    out = []
    for case in candidates:
        current = case.current_stage
        judged = replace(case, stages=[current] if current is not None else [])
        due = [
            d
            for d in case_deadlines(judged, settings, cal, today)
            if d.kind == "acknowledge" and d.outstanding and d.due <= on
        ]
        if due:
            out.append(case.reference)
    return out
