"""Reports: the letters the app writes, what each must always say, and their shipped wording.

``REQUIRED`` is the content the rules demand (rules.md §1): a template edit that leaves it
out is refused, and so is a letter whose wording would drop it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from complaints_desktop.domain.errors import NotFound, ValidationFailed
from complaints_desktop.reports.letters.template import Rendered, Template, parse
from complaints_desktop.reports.letters.vocabulary import PLACEHOLDERS

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"


@dataclass(frozen=True)
class Required:
    """A placeholder the letter must print (when ``when`` is set, only if that holds)."""

    placeholder: str
    why: str
    when: str = ""


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
    """

    name: str
    title: str
    audience: str = "case"
    recipient: str = "complainant"
    required: tuple[Required, ...] = ()


_OMBUDSMAN = "the Ombudsman's details"
_ESCALATE = "how long the complainant has to ask for the next stage"
_HELP = "the Children's Commissioner's Help at Hand service"

LETTERS: dict[str, LetterKind] = {
    k.name: k
    for k in (
        LetterKind(
            "acknowledgement",
            "Acknowledgement",
            required=(
                Required("response.due", "the date the response is due"),
                Required("advocacy.service", "the offer of an advocate to a child", "child"),
            ),
        ),
        LetterKind(
            "acknowledgement-child",
            "Acknowledgement for a child or young person",
            required=(
                Required("response.due", "the date the response is due"),
                Required("advocacy.service", "the offer of an advocate"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "extension-child",
            "Extension for a child or young person",
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
            required=(
                Required("escalation.by", _ESCALATE, "can_escalate"),
                Required("ombudsman.details", _OMBUDSMAN, "final"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "panel-invitation-child",
            "Review panel invitation for a child or young person",
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
            required=(
                Required("advocacy.provider", "the advocacy service"),
                Required("advocacy.contact", "how to reach the advocacy service directly"),
                Required("help_at_hand", _HELP),
            ),
        ),
        LetterKind(
            "extension",
            "Extension",
            required=(
                Required("extension.due", "the new date the response is due"),
                Required("extension.reason", "the reason for the extension"),
                Required("ombudsman.details", _OMBUDSMAN),
            ),
        ),
        LetterKind(
            "stage1-response",
            "Stage 1 response cover",
            required=(
                Required("escalation.by", _ESCALATE, "can_escalate"),
                Required("escalation.days", _ESCALATE, "can_escalate"),
                Required("ombudsman.details", _OMBUDSMAN, "final"),
            ),
        ),
        LetterKind(
            "stage2-acknowledgement",
            "Stage 2 acknowledgement",
            required=(Required("stage2.due", "the date the stage 2 response is due"),),
        ),
        LetterKind(
            "stage2-commission",
            "Stage 2 commissioning letter",
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
            required=(
                Required("panel.date", "the date the panel meets"),
                Required("panel.time", "the time the panel meets"),
                Required("panel.venue", "where the panel meets"),
            ),
        ),
        LetterKind(
            "outcome",
            "Outcome (adjudication) cover",
            required=(
                Required("ombudsman.details", _OMBUDSMAN),
                Required("escalation.by", _ESCALATE, "can_escalate"),
            ),
        ),
        LetterKind(
            "refusal",
            "Refusal and signposting",
            required=(
                Required("refusal.reason", "the reason the complaint is not accepted"),
                Required("ombudsman.details", _OMBUDSMAN),
            ),
        ),
        LetterKind(
            "withdrawal",
            "Withdrawal confirmation",
            required=(Required("withdrawal.date", "the date of the withdrawal"),),
        ),
        LetterKind("compliment-thanks", "Thank you for a compliment", "contact", "contact"),
        LetterKind(
            "advocacy-referral",
            "Advocacy referral",
            required=(Required("advocacy.provider", "the advocacy service"),),
        ),
        LetterKind(
            "mp-enquiry-response",
            "Reply to an MP or councillor",
            "contact",
            "contact",
            required=(Required("contact.received", "the date of the enquiry"),),
        ),
    )
}


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
