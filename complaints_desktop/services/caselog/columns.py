"""Services: the one specification of the logs' columns (formats.md §2, §3, §5).

Each column says, once: its heading, the kind of its cells (which decides how a cell is
parsed, what a blank one means and how it is written out), where its value lives on a
``Case`` or ``Contact`` (which decides how a row is applied and a log row exported),
whether it is personal (left out of an anonymised export) and whether every row needs
it. The headers, the parser, ``validate.apply_case`` / ``apply_contact`` and
``write.case_row`` / ``contact_row`` all read this table, so a new column is one line
here (and a field on the domain object).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from complaints_desktop.domain.vocab import (
    CHANNELS,
    CONTACT_KINDS,
    EQUALITY,
    LGSCO_OUTCOMES,
    OUTCOMES,
    PROCEDURES,
    RELATIONSHIPS,
)

Kind = Literal["text", "free_text", "address", "date", "amount", "yes_no", "fixed", "names", "name"]
"""What a column's cells hold: one line of text; text that may have line breaks; an
address (lines, or parts separated by ``;``); a date; an amount of money (whole pence);
yes or no; one of a fixed vocabulary; a list of names from an editable vocabulary
(``;``-separated); one name from an editable vocabulary."""

Part = Literal[
    "case",
    "advocacy",
    "equality",
    "complainant",
    "child",
    "stage1",
    "stage2",
    "stage3",
    "ombudsman",
    "contact",
    "recommendation",
]
"""Where a column's value lives: on the case itself, its advocacy, its equality answers,
its complainant or child, one of its stages, its Ombudsman referral; on a contact; on an
Ombudsman recommendation."""

LogKind = Literal["cases", "contacts", "ombudsman"]
"""Which log a file is: the case log (§2), the contacts log (§3), the Ombudsman
recommendations log (§5)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a log.

    Attributes:
        name: the heading, as written in the file.
        kind: what its cells hold (see ``Kind``).
        part: where its value lives (see ``Part``).
        attr: the attribute on that part (the equality question for ``equality``).
        choices: the fixed vocabulary (kind ``fixed``).
        vocabulary: the editable vocabulary's kind (kinds ``names`` and ``name``).
        personal: left out of an anonymised export.
        required: every row needs a value (the column must be in the file).
        kept_when_blank: a blank cell leaves the value as it was (when updating).
    """

    name: str
    kind: Kind
    part: Part
    attr: str
    choices: tuple[str, ...] = ()
    vocabulary: str = ""
    personal: bool = False
    required: bool = False
    kept_when_blank: bool = False


def _fixed(
    name: str,
    part: Part,
    attr: str,
    choices: tuple[str, ...],
    *,
    required: bool = False,
    kept_when_blank: bool = False,
) -> Column:
    return Column(
        name, "fixed", part, attr, choices, required=required, kept_when_blank=kept_when_blank
    )


def _stage(number: int, name: str, kind: Kind, attr: str, choices: tuple[str, ...] = ()) -> Column:
    part: Part = "stage1" if number == 1 else "stage2" if number == 2 else "stage3"
    return Column(f"s{number}_{name}", kind, part, attr, choices)


CASE_LOG: tuple[Column, ...] = (
    Column("reference", "text", "case", "reference", kept_when_blank=True),
    _fixed("procedure", "case", "procedure", PROCEDURES, required=True, kept_when_blank=True),
    Column("received", "date", "case", "received", required=True, kept_when_blank=True),
    _fixed("channel", "case", "channel", CHANNELS),
    _fixed("relationship", "case", "relationship", RELATIONSHIPS),
    Column("service_area", "name", "case", "service_area", vocabulary="service_area"),
    Column("teams", "names", "case", "teams", vocabulary="team"),
    Column("types", "names", "case", "types", vocabulary="type"),
    Column("advocacy", "yes_no", "advocacy", "used"),
    Column("resolved_early", "date", "case", "resolved_early"),
    _stage(1, "start", "date", "start"),
    _stage(1, "extended", "yes_no", "extended"),
    _stage(1, "response", "date", "response"),
    _stage(1, "outcome", "fixed", "outcome", choices=OUTCOMES),
    _stage(2, "requested", "date", "requested"),
    _stage(2, "start", "date", "start"),
    _stage(2, "extended", "yes_no", "extended"),
    _stage(2, "response", "date", "response"),
    _stage(2, "outcome", "fixed", "outcome", choices=OUTCOMES),
    _stage(2, "cost", "amount", "cost"),
    _stage(3, "requested", "date", "requested"),
    _stage(3, "panel", "date", "panel_date"),
    _stage(3, "response", "date", "response"),
    _stage(3, "outcome", "fixed", "outcome", choices=OUTCOMES),
    _stage(3, "cost", "amount", "cost"),
    Column("remedies", "names", "case", "remedies", vocabulary="remedy"),
    Column("lgsco_reference", "text", "ombudsman", "reference"),
    Column("lgsco_received", "date", "ombudsman", "received"),
    Column("lgsco_decided", "date", "ombudsman", "decided"),
    _fixed("lgsco_outcome", "ombudsman", "outcome", LGSCO_OUTCOMES),
    Column("lgsco_payment", "amount", "ombudsman", "payment"),
    Column("complainant_name", "text", "complainant", "name", personal=True),
    Column("complainant_address", "address", "complainant", "address", personal=True),
    Column("complainant_email", "text", "complainant", "email", personal=True),
    Column("complainant_phone", "text", "complainant", "phone", personal=True),
    Column("child_name", "text", "child", "name", personal=True),
    Column("child_dob", "date", "child", "dob", personal=True),
    Column("child_id", "text", "child", "system_id", personal=True),
    *(_fixed(question, "equality", question, answers) for question, answers in EQUALITY.items()),
)
"""The case log (formats.md §2), in the order an export writes it."""

CONTACT_LOG: tuple[Column, ...] = (
    Column("reference", "text", "contact", "reference", kept_when_blank=True),
    _fixed("kind", "contact", "kind", CONTACT_KINDS, required=True, kept_when_blank=True),
    Column("received", "date", "contact", "received", required=True, kept_when_blank=True),
    Column("teams", "names", "contact", "teams", vocabulary="team"),
    _fixed("channel", "contact", "channel", CHANNELS),
    Column("from", "text", "contact", "sender"),
    Column("summary", "free_text", "contact", "summary"),
    Column("responded", "date", "contact", "responded"),
    Column("themes", "names", "contact", "themes", vocabulary="compliment_theme"),
    # Added in 2026-12 (optional; formats.md §3 only gains columns): who a reply goes to.
    Column("name", "text", "contact", "name", personal=True),
    Column("title", "text", "contact", "title", personal=True),
    Column("address", "address", "contact", "address", personal=True),
    Column("email", "text", "contact", "email", personal=True),
)
"""The contacts log (formats.md §3)."""

RECOMMENDATION_LOG: tuple[Column, ...] = (
    Column("reference", "text", "case", "reference", required=True),
    Column("remedy", "free_text", "recommendation", "description", required=True),
    Column("remedy_type", "name", "recommendation", "remedy_type", vocabulary="remedy"),
    Column("target", "date", "recommendation", "target", required=True),
    Column("achieved", "date", "recommendation", "achieved"),
    Column("payment", "amount", "recommendation", "amount"),
)
"""The Ombudsman recommendations log (formats.md §5)."""

LOGS: dict[LogKind, tuple[Column, ...]] = {
    "cases": CASE_LOG,
    "contacts": CONTACT_LOG,
    "ombudsman": RECOMMENDATION_LOG,
}


def _by_name() -> dict[str, Column]:
    """Every column by heading; a heading in two logs has the same kind in both."""
    found: dict[str, Column] = {}
    for log in LOGS.values():
        for column in log:
            other = found.setdefault(column.name, column)
            same = (other.kind, other.choices, other.vocabulary, other.personal)
            if same != (column.kind, column.choices, column.vocabulary, column.personal):
                raise AssertionError(f"column {column.name} differs between logs")
    return found


BY_NAME: dict[str, Column] = _by_name()
"""Every known column by heading (the cell parser looks a column up here)."""
