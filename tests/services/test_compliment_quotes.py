"""Compliment examples in the annual report: only those whose senders agreed to be quoted
(the mark is kept on the contact; an imported log, which has no such column, keeps it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from complaints_desktop.domain.model import Contact
from complaints_desktop.services import annual_report, caselog, contacts
from complaints_desktop.services.env import Env
from complaints_desktop.storage import vocabularies
from tests.pdftext import reading_text

HEADER = "reference,kind,received,teams,channel,from,summary,responded\n"


def test_only_compliments_marked_as_consented_are_quoted(env: Env, tmp_path: Path) -> None:
    with env.uow(write=True) as session:
        vocabularies.ensure(session, "team", ["Fostering"])
    agreed = contacts.create(
        env,
        Contact(
            kind="compliment",
            received=date(2025, 6, 2),
            teams=["Fostering"],
            summary="The social worker listened and\nkept every promise.",
            quote_consent=True,
        ),
    )
    contacts.create(
        env,
        Contact(kind="compliment", received=date(2025, 7, 1), summary="Private thanks."),
    )
    assert contacts.get(env, agreed.reference).quote_consent is True
    data = annual_report.report_data(env, date(2025, 4, 1), date(2026, 3, 31))
    assert data.quotes == (("Fostering", "The social worker listened and\nkept every promise."),)
    text = reading_text(annual_report.render_pdf(env, date(2025, 4, 1), date(2026, 3, 31)))
    assert "Compliments quoted with the agreement of the people who sent them." in text
    assert "\u201cThe social worker listened and kept every promise.\u201d (Fostering)" in text
    assert "Private thanks." not in text

    # An update from the contacts log (no consent column) keeps the mark.
    log = tmp_path / "contacts.csv"
    log.write_text(
        HEADER + f"{agreed.reference},compliment,2025-06-02,Fostering,,parent,Kind words,\n",
        encoding="utf-8",
    )
    caselog.import_file(env, log, contacts=True, update=True)
    kept = contacts.get(env, agreed.reference)
    assert (kept.summary, kept.quote_consent) == ("Kind words", True)
    # Withdrawn consent: no longer quoted.
    contacts.edit(env, replace(kept, quote_consent=False))
    data = annual_report.report_data(env, date(2025, 4, 1), date(2026, 3, 31))
    assert data.quotes == ()
