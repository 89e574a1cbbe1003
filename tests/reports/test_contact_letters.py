"""Reports: a reply to a contact goes to its name and address, "Dear" with title and surname."""

from __future__ import annotations

from datetime import date

from complaints_desktop.domain.model import Contact
from complaints_desktop.reports.letters.facts import contact_facts


def test_an_mp_reply_is_addressed_to_the_mp_by_title_and_surname() -> None:
    mp = Contact(
        "mp enquiry",
        date(2026, 3, 2),
        "CON/26/0002",
        sender="MP's office",
        name="Jane  Doe MP",
        title="Ms",
        address="House of Commons\nLondon SW1A 0AA",
    )
    facts = contact_facts(mp, "mp-enquiry-response", date(2026, 3, 9), {})
    assert facts.values["recipient.name"] == "Ms Doe"
    assert facts.recipient == ["Jane Doe MP", "House of Commons", "London SW1A 0AA"]
    assert facts.problems == []


def test_a_compliment_with_only_an_e_mail_address_goes_by_e_mail() -> None:
    thanks = Contact("compliment", date(2026, 3, 2), name="Sam Lee", email="sam@example.org")
    facts = contact_facts(thanks, "compliment-thanks", date(2026, 3, 9), {})
    assert facts.values["recipient.name"] == "Sam Lee"
    assert facts.recipient == ["Sam Lee", "By e-mail: sam@example.org"]


def test_an_older_contact_keeps_its_name_and_address_in_from() -> None:
    old = Contact("compliment", date(2026, 3, 2), sender="A Carer; 1 High St; Northmoor")
    facts = contact_facts(old, "compliment-thanks", date(2026, 3, 9), {})
    assert facts.recipient == ["A Carer", "1 High St", "Northmoor"]
