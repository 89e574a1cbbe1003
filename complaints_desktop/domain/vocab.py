"""Domain: the fixed vocabularies of formats.md, spelled exactly as reports need them."""

from __future__ import annotations

PROCEDURES: tuple[str, ...] = ("statutory", "corporate", "adult")
"""Procedures a case can follow. ``adult`` is the optional adult social care procedure."""

REPORTED_PROCEDURES: tuple[str, ...] = ("statutory", "corporate")
"""Procedures the statistics (formats.md §4) and the annual report count."""

REFERENCE_PREFIXES: dict[str, str] = {"statutory": "CSC", "corporate": "CORP", "adult": "ASC"}
"""First part of a new case's reference (``CSC/26/0001``), by procedure."""
OTHER_PREFIX = "CMP"
"""The reference prefix of a procedure without one of its own."""
CONTACT_PREFIX = "CON"
"""The reference prefix of a contact (compliment, enquiry, query, duty)."""


def reference_prefix(procedure: str) -> str:
    """The first part of a new reference for a case following ``procedure``."""
    return REFERENCE_PREFIXES.get(procedure, OTHER_PREFIX)


PROCEDURE_LABELS: dict[str, str] = {
    "statutory": "Children Act 1989 representations procedure (statutory)",
    "corporate": "Corporate complaints procedure",
    "adult": "Adult social care complaints procedure",
}

CHANNELS: tuple[str, ...] = ("email", "web form", "telephone", "letter", "in person", "other")

RELATIONSHIPS: tuple[str, ...] = (
    "child or young person",
    "parent",
    "advocate or representative",
    "foster carer",
    "special guardian",
    "adopter",
    "other relative",
    "solicitor",
    "other",
)

OUTCOMES: tuple[str, ...] = (
    "upheld",
    "partially upheld",
    "not upheld",
    "inconclusive",
    "withdrawn",
)
FINDINGS: tuple[str, ...] = OUTCOMES[:4]
"""Outcomes of a completed (not withdrawn) stage."""

LGSCO_OUTCOMES: tuple[str, ...] = (
    "out of jurisdiction",
    "closed after initial enquiries",
    "referred back for local resolution",
    "not upheld",
    "upheld",
    "investigation discontinued",
)

CONTACT_KINDS: tuple[str, ...] = (
    "compliment",
    "mp enquiry",
    "councillor enquiry",
    "query",
    "duty",
)


NOT_STATED = "not stated"
NOT_RECORDED = "not recorded"

EQUALITY: dict[str, tuple[str, ...]] = {
    "age_band": ("under 18", "18-25", "26-35", "36-50", "51-65", "over 65", NOT_STATED),
    "gender": ("female", "male", "other", NOT_STATED),
    "ethnicity": (
        "Asian or Asian British",
        "Black or Black British",
        "Mixed or multiple",
        "White",
        "Other ethnic group",
        NOT_STATED,
    ),
    "disability": ("yes", "no", NOT_STATED),
    "sexual_orientation": ("heterosexual", "gay or lesbian", "bisexual", "other", NOT_STATED),
}
EQUALITY_FIELDS: tuple[str, ...] = tuple(EQUALITY)
"""The equality questions, in the order the case log, the tables and reports give them."""

REMEDY_COMPLIANCE: tuple[str, ...] = (
    "pending",
    "complete and satisfied",
    "completed late",
    "not complete",
)
"""Status of an Ombudsman-recommended remedy."""

LEGAL_STATUSES: tuple[str, ...] = (
    "looked after",
    "child in need",
    "child protection plan",
    "care leaver",
    "none of these",
)
"""The child's legal status, as councils report it."""

ACTION_STATUSES: tuple[str, ...] = ("planned", "in progress", "implemented", "not implemented")

ADVOCACY_DECISIONS: tuple[str, ...] = ("accepted", "declined")

DEFAULT_TYPES: tuple[str, ...] = (
    "Application of eligibility and assessment criteria",
    "Assessment, care management and review",
    "Attitude or behaviour of staff",
    "Delay in decision making or provision of services",
    "Delivery or non-delivery of services",
    "Impact on a child or young person of a policy",
    "Quality or appropriateness of a service",
    "Quantity, frequency, change or cost of a service",
    "Unwelcome or disputed decision",
    "Other",
)

DEFAULT_REMEDIES: tuple[str, ...] = (
    "apology",
    "explanation",
    "service provided",
    "reassessment",
    "practical action",
    "review of practice",
    "financial redress",
    "other",
)

DEFAULT_ADVOCACY_PROVIDERS: tuple[str, ...] = ("Barnardo's", "Coram Voice", "Jigsaw4U", "NYAS")

DEFAULT_COMPLIMENT_THEMES: tuple[str, ...] = (
    "communication",
    "support and advice",
    "going above and beyond",
    "professionalism",
    "kindness and care",
    "outcome for the child",
    "timeliness",
    "other",
)
"""What compliments praise, as the councils' published reports group them (an editable
list; revision 0012 adds these to every database)."""

REFUSAL_REASONS: tuple[str, ...] = (
    "not eligible",
    "out of time",
    "duplicate",
    "legal proceedings",
    "child protection conference decision",
    "other",
)

STATUTORY_RELATIONSHIPS: frozenset[str] = frozenset(
    {"child or young person", "parent", "foster carer", "special guardian", "adopter"}
)
"""Relationships that qualify for the statutory procedure without a decision (rules.md §1)."""


def match(value: str, vocabulary: tuple[str, ...]) -> str | None:
    """Return the vocabulary's own spelling of ``value``, matched case-insensitively.

    Surrounding spaces are ignored. Returns ``None`` when nothing matches.
    """
    wanted = " ".join(value.split()).casefold()
    for item in vocabulary:
        if item.casefold() == wanted:
            return item
    return None
