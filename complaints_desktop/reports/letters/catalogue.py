"""Reports: the letters the app writes, where each fits, what each must always say, and
their shipped wording.

Each ``LetterKind`` says once where it fits (``fits``: the case and the stage it is
written for; ``fits_contact`` for a compliment or enquiry): the Letters dialog's list
(``services.letters.letters_for``), the letter offered after a move, the acknowledgement
batch and the guards' "wrong letter" refusals all ask it. ``required`` is the content the
rules demand (rules.md §1): a template edit that leaves it out is refused, and so is a
letter whose wording would drop it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from complaints_desktop.domain.errors import NotFound, ValidationFailed
from complaints_desktop.domain.model import Case, Contact, Stage
from complaints_desktop.reports.letters.template import Rendered, Template, parse
from complaints_desktop.reports.letters.vocabulary import PLACEHOLDERS

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"


@dataclass(frozen=True)
class Required:
    """A placeholder the letter must print (when ``when`` is set, only if that holds)."""

    placeholder: str
    why: str
    when: str = ""


CHILD = "child or young person"
"""The complainant's relationship that the ``-child`` letters are written for."""


def is_child(case: Case) -> bool:
    """The complainant is the child or young person (the ``-child`` letters are for them)."""
    return case.relationship == CHILD


Fit = Callable[[Case, Stage | None], bool]
"""Whether a letter fits a case, written for a stage (None: about the whole case)."""


def _live(case: Case) -> bool:
    return case.refused is None  # a refused case gets the refusal letter alone


def _stage(*numbers: int, when: Fit | None = None) -> Fit:
    """A letter written for stage ``numbers`` of a case not refused (and ``when``)."""

    def fits(case: Case, stage: Stage | None) -> bool:
        return (
            _live(case)
            and stage is not None
            and (not numbers or stage.number in numbers)
            and (when is None or when(case, stage))
        )

    return fits


def _extended(case: Case, stage: Stage | None) -> bool:
    return stage is not None and stage.extended


def _later(case: Case, stage: Stage | None) -> bool:
    return stage is not None and stage.number >= 2


def _statutory(case: Case, stage: Stage | None) -> bool:
    return case.procedure == "statutory"


def _refused(case: Case, stage: Stage | None) -> bool:
    return case.refused is not None


def _withdrawn(case: Case, stage: Stage | None) -> bool:
    return _live(case) and case.withdrawn is not None


def _advocacy(case: Case, stage: Stage | None) -> bool:
    return _live(case) and case.procedure == "statutory" and bool(case.advocacy.provider)


def _never(case: Case, stage: Stage | None) -> bool:
    return False


def _no_contact(contact: Contact) -> bool:
    return False


@dataclass(frozen=True)
class LetterKind:
    """One kind of letter.

    Attributes:
        name: the template's name, e.g. ``acknowledgement``.
        title: what the window and messages call it.
        audience: ``case`` (a complaint) or ``contact`` (a compliment or enquiry).
        recipient: ``complainant``, ``investigation`` (officer and independent person)
            or ``contact`` (the sender of a compliment or enquiry).
        required: content the rules require.
        fit: where it fits a case (the stage it is written for, or None); the ``-child``
            versions fit only a child complainant (``fits``).
        whole_case: about the whole case, not a stage (refusal, withdrawal, advocacy).
        fits_contact: where it fits a contact (compliments, enquiries).
    """

    name: str
    title: str
    audience: str = "case"
    recipient: str = "complainant"
    required: tuple[Required, ...] = ()
    fit: Fit = _never
    whole_case: bool = False
    fits_contact: Callable[[Contact], bool] = _no_contact

    @property
    def for_child(self) -> bool:
        """Written to a child or young person (only their complaints take it)."""
        return self.name.endswith("-child")

    def fits(self, case: Case, stage: Stage | None) -> bool:
        """This letter fits ``case``, written for ``stage`` (None: the whole case)."""
        if self.for_child and not is_child(case):
            return False
        return self.fit(case, None if self.whole_case else stage)


_OMBUDSMAN = "the Ombudsman's details"
_ESCALATE = "how long the complainant has to ask for the next stage"
_HELP = "the Children's Commissioner's Help at Hand service"

LETTERS: dict[str, LetterKind] = {
    k.name: k
    for k in (
        LetterKind(
            "acknowledgement",
            "Acknowledgement",
            fit=_stage(1),
            required=(
                Required("response.due", "the date the response is due"),
                Required("advocacy.service", "the offer of an advocate to a child", "child"),
            ),
        ),
        LetterKind(
            "acknowledgement-child",
            "Acknowledgement for a child or young person",
            fit=_stage(1),
            required=(
                Required("response.due", "the date the response is due"),
                Required("advocacy.service", "the offer of an advocate"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "extension-child",
            "Extension for a child or young person",
            fit=_stage(when=_extended),
            required=(
                Required("extension.due", "the new date the response is due"),
                Required("extension.reason", "the reason for the extension"),
                Required("ombudsman.details", _OMBUDSMAN),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "stage1-response-child",
            "Stage 1 response cover for a child or young person",
            fit=_stage(1),
            required=(
                Required("escalation.by", _ESCALATE, "can_escalate"),
                Required("ombudsman.details", _OMBUDSMAN, "final"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "panel-invitation-child",
            "Review panel invitation for a child or young person",
            fit=_stage(3),
            required=(
                Required("panel.date", "the date the panel meets"),
                Required("panel.time", "the time the panel meets"),
                Required("panel.venue", "where the panel meets"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "advocacy-referral-child",
            "Advocacy referral for a child or young person",
            fit=_advocacy,
            whole_case=True,
            required=(
                Required("advocacy.provider", "the advocacy service"),
                Required("advocacy.contact", "how to reach the advocacy service directly"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "extension",
            "Extension",
            fit=_stage(when=_extended),
            required=(
                Required("extension.due", "the new date the response is due"),
                Required("extension.reason", "the reason for the extension"),
                Required("ombudsman.details", _OMBUDSMAN),
            ),
        ),
        LetterKind(
            "stage1-response",
            "Stage 1 response cover",
            fit=_stage(1),
            required=(
                Required("escalation.by", _ESCALATE, "can_escalate"),
                Required("escalation.days", _ESCALATE, "can_escalate"),
                Required("ombudsman.details", _OMBUDSMAN, "final"),
            ),
        ),
        LetterKind(
            "stage2-acknowledgement",
            "Stage 2 acknowledgement",
            fit=_stage(2),
            required=(Required("stage2.due", "the date the stage 2 response is due"),),
        ),
        LetterKind(
            "stage2-commission",
            "Stage 2 commissioning letter",
            fit=_stage(2, when=_statutory),
            recipient="investigation",
            required=(
                Required("addressee.role", "the addressee's role"),
                Required("addressee.fee", "the fee"),
                Required("stage2.due", "the date the adjudication is due"),
            ),
        ),
        LetterKind(
            "panel-invitation",
            "Review panel invitation",
            fit=_stage(3),
            required=(
                Required("panel.date", "the date the panel meets"),
                Required("panel.time", "the time the panel meets"),
                Required("panel.venue", "where the panel meets"),
            ),
        ),
        LetterKind(
            "outcome",
            "Outcome (adjudication) cover",
            fit=_stage(when=_later),
            required=(
                Required("ombudsman.details", _OMBUDSMAN),
                Required("escalation.by", _ESCALATE, "can_escalate"),
            ),
        ),
        LetterKind(
            "refusal",
            "Refusal and signposting",
            fit=_refused,
            whole_case=True,
            required=(
                Required("refusal.reason", "the reason the complaint is not accepted"),
                Required("ombudsman.details", _OMBUDSMAN),
            ),
        ),
        LetterKind(
            "withdrawal",
            "Withdrawal confirmation",
            fit=_withdrawn,
            whole_case=True,
            required=(Required("withdrawal.date", "the date of the withdrawal"),),
        ),
        LetterKind(
            "compliment-thanks",
            "Thank you for a compliment",
            "contact",
            "contact",
            fits_contact=lambda contact: contact.kind == "compliment",
        ),
        LetterKind(
            "advocacy-referral",
            "Advocacy referral",
            fit=_advocacy,
            whole_case=True,
            required=(Required("advocacy.provider", "the advocacy service"),),
        ),
        LetterKind(
            "mp-enquiry-response",
            "Reply to an MP or councillor",
            "contact",
            "contact",
            fits_contact=lambda contact: contact.kind in ("mp enquiry", "councillor enquiry"),
            required=(Required("contact.received", "the date of the enquiry"),),
        ),
    )
}


STAGE_ORDER = (
    "acknowledgement-child",
    "acknowledgement",
    "extension-child",
    "extension",
    "stage1-response-child",
    "stage1-response",
    "stage2-acknowledgement",
    "stage2-commission",
    "panel-invitation-child",
    "panel-invitation",
    "outcome",
)
"""A stage's letters in the order they are offered (the usual one first)."""
WHOLE_CASE_FIRST = ("refusal", "withdrawal")
"""Whole-case letters offered before the stages' letters."""
WHOLE_CASE_LAST = ("advocacy-referral-child", "advocacy-referral")
"""Whole-case letters offered after them."""
CHILD_VERSIONS = {
    "acknowledgement": "acknowledgement-child",
    "extension": "extension-child",
    "stage1-response": "stage1-response-child",
    "panel-invitation": "panel-invitation-child",
    "advocacy-referral": "advocacy-referral-child",
}
"""A letter -> its version written to a child or young person (simpler words)."""


def letters_for(item: Case | Contact) -> list[tuple[int | None, str]]:
    """(stage, letter) of every letter that fits a case, the stage in progress first,
    then earlier stages' letters (an extension missed at stage 1 can be made at stage 3);
    ``None`` for letters about the whole case (refusal, withdrawal, contacts)."""
    if isinstance(item, Contact):
        return [(None, k.name) for k in LETTERS.values() if k.fits_contact(item)]
    out: list[tuple[int | None, str]] = [
        (None, name) for name in WHOLE_CASE_FIRST if LETTERS[name].fits(item, None)
    ]
    for stage in sorted(item.stages, key=lambda s: -s.number):
        out += [(stage.number, n) for n in STAGE_ORDER if LETTERS[n].fits(item, stage)]
    out += [(None, name) for name in WHOLE_CASE_LAST if LETTERS[name].fits(item, None)]
    return out


def first_fitting(case: Case, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that fits ``case`` as it stands (at its current stage)."""
    return next((n for n in names if LETTERS[n].fits(case, case.current_stage)), None)


def for_complainant(name: str, case: Case) -> str:
    """``name``, or its version for a child or young person when the complainant is one."""
    return CHILD_VERSIONS.get(name, name) if is_child(case) else name


def kind(name: str) -> LetterKind:
    """The letter called ``name``; NotFound lists the names there are."""
    if name not in LETTERS:
        raise NotFound(f"There is no letter called {name!r}. Letters: {', '.join(LETTERS)}.")
    return LETTERS[name]


def default_text(name: str) -> str:
    """The shipped wording of template ``name``."""
    kind(name)
    return (TEMPLATES_DIR / f"{name}.txt").read_text(encoding="utf-8")


def check(name: str, text: str) -> Template:
    """Parse ``text`` as template ``name``; refuse broken syntax or missing required content."""
    letter = kind(name)
    problems: list[str] = []
    try:
        template = parse(text)
    except ValidationFailed as exc:
        problems.extend(exc.problems)
        template = None
    for need in letter.required:
        if template is not None and need.placeholder not in template.placeholders:
            problems.append(
                f"The {letter.title.lower()} letter must give {need.why}: "
                f"keep {{{need.placeholder}}} in it."
            )
    if problems or template is None:
        raise ValidationFailed(problems)
    return template


def missing_required(name: str, rendered: Rendered, flags: dict[str, bool]) -> list[str]:
    """Required content this rendering left out (e.g. inside an [if] that did not hold)."""
    letter = kind(name)
    out = []
    for need in letter.required:
        if need.when and not flags.get(need.when, False):
            continue
        if need.placeholder not in rendered.used:
            out.append(
                f"The wording of the {letter.title.lower()} letter leaves out {need.why} for "
                f"this case; restore the default wording or put {{{need.placeholder}}} back."
            )
    return out


def describe(placeholder: str) -> str:
    """A missing fact in words, for refusals."""
    return PLACEHOLDERS.get(placeholder, placeholder)
