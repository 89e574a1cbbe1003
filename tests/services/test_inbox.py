"""Services: an e-mail (.eml, Outlook .msg) read for the new-complaint form, bad files
refused in plain words, and the message kept with the case in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from complaints_desktop.domain.errors import NotAllowed
from complaints_desktop.services import access, inbox
from complaints_desktop.services.env import Env
from complaints_desktop.storage.tables import AuditEntry
from tests.mailfiles import BODY, SENDER_ADDRESS, SENDER_NAME, SUBJECT, eml_bytes
from tests.services.test_access import as_user, new_case

MAIL = Path(__file__).parents[1] / "fixtures" / "mail"


@pytest.mark.parametrize("name", ["complaint.eml", "complaint.msg"])
def test_sender_date_subject_and_body_are_read(name: str) -> None:
    found = inbox.read_email(MAIL / name)
    assert (found.sender_name, found.sender_address) == (SENDER_NAME, SENDER_ADDRESS)
    assert found.received == date(2026, 11, 16)
    assert found.subject == SUBJECT
    assert found.body == BODY
    assert found.summary == f"{SUBJECT}\n\n{BODY}"
    assert found.content == (MAIL / name).read_bytes()
    assert found.filename == name


def test_an_html_only_email_gives_its_text(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Sam Example <sam@example.org>"
    message["Date"] = "Mon, 16 Nov 2026 11:30:00 +0000"
    message["Subject"] = "Re: contact"
    message.set_content(
        "<html><body><p>First line</p><p>Second &amp; last</p></body></html>", subtype="html"
    )
    (tmp_path / "h.eml").write_bytes(bytes(message))
    found = inbox.read_email(tmp_path / "h.eml")
    assert found.body == "First line\n\nSecond & last"


def test_a_long_body_is_cut_in_the_summary_not_in_the_kept_file(tmp_path: Path) -> None:
    data = eml_bytes(body="word " * 2000)
    (tmp_path / "long.eml").write_bytes(data)
    found = inbox.read_email(tmp_path / "long.eml")
    assert len(found.summary) <= inbox.SUMMARY_CHARS + 4
    assert found.summary.endswith("[…]")
    assert found.content == data


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("notes.txt", b"hello", "is not an e-mail file"),
        ("empty.eml", b"", "is empty"),
        ("letter.eml", b"Dear Sir,\nThis is just text.\n", "is not an e-mail: it has no sender"),
        ("fake.msg", b"Subject: hi\n\nnot an Outlook file", "is not an Outlook message"),
        ("broken.msg", None, "could not be read as an Outlook message"),
    ],
)
def test_a_bad_file_gets_a_plain_message(
    tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    if content is None:  # the real .msg cut short: a damaged file
        content = (MAIL / "complaint.msg").read_bytes()[:1500]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(inbox.NotAnEmail, match=words):
        inbox.read_email(tmp_path / name)


def test_a_huge_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox, "MAX_BYTES", 1000)
    (tmp_path / "big.eml").write_bytes(eml_bytes(body="x" * 5000))
    with pytest.raises(inbox.NotAnEmail, match="too large to keep with a case"):
        inbox.read_email(tmp_path / "big.eml")


def test_an_outlook_item_that_is_not_an_email_is_refused() -> None:
    with pytest.raises(inbox.NotAnEmail, match="an Outlook item but not an e-mail"):
        inbox.read_email(MAIL / "task.msg")


def test_the_message_is_kept_with_the_case_in_the_database(env: Env) -> None:
    case = new_case(env)
    data = (MAIL / "complaint.msg").read_bytes()
    doc_id = inbox.keep(env, case.reference, "complaint.msg", data)
    [kept] = inbox.kept(env, case.reference)
    assert (kept.id, kept.filename, kept.size, kept.by_user) == (
        doc_id,
        "complaint.msg",
        len(data),
        "officer.one",
    )
    assert inbox.kept_file(env, doc_id) == ("complaint.msg", data)
    with env.uow() as session:
        actions = [(e.action, e.reference) for e in session.exec(select(AuditEntry)).all()]
    assert ("document", case.reference) in actions


def test_a_restricted_case_keeps_its_files_from_those_not_named(env: Env) -> None:
    access.add_user(env, "other", "Other Person", "officer")
    case = new_case(env, "Secret Family")
    doc_id = inbox.keep(env, case.reference, "complaint.eml", (MAIL / "complaint.eml").read_bytes())
    access.set_restricted(env, case.reference, True, [])
    other = as_user(env, "other")
    with pytest.raises(NotAllowed):
        inbox.kept(other, case.reference)
    with pytest.raises(NotAllowed):
        inbox.kept_file(other, doc_id)
    with pytest.raises(NotAllowed):
        inbox.keep(other, case.reference, "x.eml", b"x")
    viewer = as_user(env, "stranger")
    with pytest.raises(NotAllowed):
        inbox.keep(viewer, (new_case(env)).reference, "x.eml", b"x")


def test_those_named_on_a_restricted_case_keep_and_open_its_files(env: Env) -> None:
    case = new_case(env, "Secret Family")
    access.set_restricted(env, case.reference, True, [])
    doc_id = inbox.keep(env, case.reference, "complaint.eml", b"From: a@example.org\n\nx")
    assert [d.id for d in inbox.kept(env, case.reference)] == [doc_id]
    assert inbox.kept_file(env, doc_id)[0] == "complaint.eml"
