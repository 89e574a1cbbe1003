"""Reports: whether a letter fits a case — refusals, "send anyway" checks and warnings.

Pure. Each finding is a sentence saying what to do. ``refusals`` stop the letter (the
wrong letter for this case, or one that would go out without what it must say);
``confirm`` needs the officer's explicit "send anyway" (a stage already answered, a date
the letter promises already past; the command line refuses these); ``warnings`` are shown
before printing and change nothing (a late panel, a format or language asked for).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from complaints_desktop.domain.deadlines import Deadline
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Case, Stage
from complaints_desktop.domain.text import long_date
from complaints_desktop.reports.letters.catalogue import CHILD_VERSIONS, is_child, kind

PROMISING = {
    # letter: (the stage it is for, the fact holding the date it promises)
    "acknowledgement": "response.due",
    "acknowledgement-child": "response.due",
    "stage2-acknowledgement": "stage2.due",
    "extension": "extension.due",
    "extension-child": "extension.due",
}
NOT_A_PERSON = (
    "office",
    "team",
    "caseworker",
    "constituency",
    "surgery",
    "department",
    "enquiries",
    "mp's",
    "councillor's",
)


class SendAnyway(ValidationFailed):
    """The letter is ready but needs an explicit "send anyway" (each problem says why)."""


@dataclass
class Verdict:
    """What stands between a letter and the post."""

    refusals: list[str] = field(default_factory=list)
    confirm: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    wrong_letter: bool = False
    """True when the letter does not fit the case at all (list nothing else it lacks)."""


def split_reason(text: str) -> tuple[str, str]:
    """A recorded refusal reason as (reason, words): ``'other: moved away'``."""
    head, _, words = text.partition(":")
    return head.strip().casefold(), words.strip()


def is_named_person(name: str) -> bool:
    """True when ``name`` names a person a letter can greet, not an office or a role."""
    words = name.casefold().replace(",", " ").split()
    if len(words) < 2:
        return False
    return not any(w in NOT_A_PERSON for w in words)


def check_case(
    case: Case,
    name: str,
    stage: Stage | None,
    values: dict[str, str],
    deadlines: list[Deadline],
    today: date,
) -> Verdict:
    """Whether letter ``name`` fits ``case`` (``stage`` the stage it is written for)."""
    out = Verdict()
    who = case.relationship or "not recorded"
    letter = kind(name)
    if stage is None and not letter.whole_case:
        out.wrong_letter = True
        out.refusals.append(
            f"{case.reference} has not started a stage yet: record the date stage 1 began "
            "(or the request for the next stage) on the case, then make this letter."
        )
        return out
    if letter.for_child and not is_child(case):
        out.wrong_letter = True
        adult = name.removesuffix("-child").replace("-", " ")
        out.refusals.append(
            f"This letter is written to a child or young person, but the complainant's "
            f"relationship is '{who}': use the {adult} letter instead, or correct the "
            "relationship on the case."
        )
    _promises(name, stage, values, today, out)
    if (
        name.startswith("extension")
        and stage is not None
        and stage.extended
        and not stage.extension_letter_reason.strip()
    ):
        out.refusals.append(
            f"Write the reason for extending stage {stage.number} as the complainant "
            "will read it (Extend, 'Reason in the letter'); the note on the case is "
            "not printed."
        )
    if name == "refusal":
        _refusal(case, out)
    if name.startswith("panel-invitation") and stage is not None:
        _panel(stage, deadlines, out)
    _formats(case, name, out)
    return out


def _promises(
    name: str, stage: Stage | None, values: dict[str, str], today: date, out: Verdict
) -> None:
    fact = PROMISING.get(name)
    if fact is None or stage is None:
        return
    if stage.response is not None:
        out.confirm.append(
            f"Stage {stage.number} was answered on {long_date(stage.response)}: this letter "
            "tells the complainant a reply is still to come. Send it only if you mean to "
            "(choose 'Send anyway')."
        )
        return
    due = values.get(fact, "")
    promised = values.get(f"{fact}.iso", "")
    if promised and date.fromisoformat(promised) < today:
        out.confirm.append(
            f"This letter promises a reply by {due}, which has already passed: record an "
            "extension or send the response instead, or choose 'Send anyway' to send it "
            "as it is."
        )


def _refusal(case: Case, out: Verdict) -> None:
    reason, words = split_reason(case.refusal_reason)
    if reason == "other" and not words:
        out.refusals.append(
            "The reason for not accepting the complaint is recorded only as 'other': write "
            "the reason in words on the case (Refuse, 'Reason in words'), as the "
            "complainant will read it."
        )


def _panel(stage: Stage, deadlines: list[Deadline], out: Verdict) -> None:
    missing = []
    if stage.panel_date is None:
        missing.append("the date")
    if not stage.panel_time.strip():
        missing.append("the time")
    if not stage.panel_venue.strip():
        missing.append("the venue (or the link of a remote meeting)")
    if missing:
        out.refusals.append(
            f"The invitation must say when and where the panel meets: record {_and(missing)} "
            "on stage 3 (Arrange panel)."
        )
    limit = [d for d in deadlines if d.kind == "panel" and d.stage == stage.number]
    if stage.panel_date is not None and limit and stage.panel_date > limit[0].due:
        out.warnings.append(
            f"The panel meets on {long_date(stage.panel_date)}, after "
            f"{long_date(limit[0].due)}, the last day within the time allowed "
            f"({limit[0].rule}). Record the reason on the case."
        )


def _formats(case: Case, name: str, out: Verdict) -> None:
    person = case.complainant
    wanted = person.preferred_format.casefold()
    if "easy" in wanted:
        version = CHILD_VERSIONS.get(name)
        offer = (
            f" The {version.replace('-', ' ')} letter is written more simply; use it if it fits."
            if version and is_child(case)
            else ""
        )
        out.warnings.append(
            "The complainant asked for easy read; this letter is in standard English. "
            f"Send an easy-read version with it, or explain it by telephone.{offer}"
        )
    language = person.language.strip()
    if language and language.casefold() not in ("english", "en", "none"):
        out.warnings.append(
            f"The complainant asked for letters in {language}: arrange a translation to "
            "send with this letter."
        )


def check_contact_name(kind: str, name: str) -> list[str]:
    """Refusals for a letter to the sender of a contact (an MP's letter needs a person)."""
    if kind in ("mp enquiry", "councillor enquiry") and not is_named_person(name):
        role = "MP" if kind == "mp enquiry" else "councillor"
        shown = name.strip() or "nobody"
        return [
            f"The reply must be addressed to the {role} by name (it names {shown!r}): put "
            f"the {role}'s full name on the contact, e.g. 'Jane Smith MP'."
        ]
    return []


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
