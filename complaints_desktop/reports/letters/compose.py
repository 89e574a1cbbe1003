"""Reports: put a template and a case's facts together into a ``Letter``, or refuse.

A letter is refused (``ValidationFailed`` listing every problem) when a fact it would
print is missing, when it has nowhere to go, or when edited wording leaves out content
the rules require; it is never printed with a blank.
"""

from __future__ import annotations

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.reports.letters.catalogue import check, describe, missing_required
from complaints_desktop.reports.letters.facts import Facts
from complaints_desktop.reports.letters.guards import SendAnyway
from complaints_desktop.reports.letters.layout import Letter
from complaints_desktop.reports.letters.template import render


def compose(name: str, text: str, facts: Facts, send_anyway: bool = False) -> Letter:
    """The letter ``name`` written with template ``text`` for one case's ``facts``.

    Raises ``ValidationFailed`` listing what stops it, or ``SendAnyway`` when it is ready
    but needs the officer's explicit "send anyway" (and ``send_anyway`` is not given).
    """
    template = check(name, text)
    if facts.wrong_letter:
        raise ValidationFailed(facts.problems)
    rendered = render(template, facts.values, facts.flags)
    problems = list(facts.problems)
    for placeholder in rendered.missing:
        if placeholder == "extension.reason" and facts.problems:
            continue  # the guard has said what to do
        problems.append(f"The letter needs {describe(placeholder)} ({{{placeholder}}}).")
    problems += missing_required(name, rendered, facts.flags)
    signed = any(block.kind == "signature" for block in rendered.blocks)
    if signed and not facts.values.get("signatory.name", "").strip():
        problems.append("Set who signs letters (the signatory) in Settings, council details.")
    if problems:
        raise ValidationFailed(problems)
    if facts.confirm and not send_anyway:
        raise SendAnyway(facts.confirm)
    values = facts.values
    details = [
        ("Please ask for", values.get("signatory.name", "")),
        ("Telephone", values.get("council.phone", "")),
        ("E-mail", values.get("council.email", "")),
    ]
    return Letter(
        reference=values.get("reference", ""),
        date=values.get("today", ""),
        recipient=facts.recipient,
        blocks=rendered.blocks,
        signatory=values.get("signatory.name", ""),
        job_title=values.get("signatory.title", ""),
        large_print=facts.large_print,
        details=details,
        warnings=list(facts.warnings),
        annex=facts.annex,
        child_friendly=facts.child_friendly,
    )
