"""Saving all or nothing: a file open in another program, sharing violations, folder probes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaints_desktop import files
from complaints_desktop.domain.errors import KnownError


def sharing_violation() -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  # as Windows says it
    return exc


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_file_is_replaced_whole_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    files.write_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    files.write_atomically(target, lambda temporary: temporary.write_bytes(b"%PDF-newer"))
    assert target.read_bytes() == b"%PDF-newer"
    assert leftovers(tmp_path) == []


def test_a_moment_of_sharing_violation_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, tries = os.replace, []

    def busy_twice(source: str, target: str) -> None:
        tries.append(source)
        if len(tries) <= 2:
            raise sharing_violation()  # an antivirus scanner has the new file open
        real(source, target)

    monkeypatch.setattr(os, "replace", busy_twice)
    monkeypatch.setattr(files, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    files.write_atomically(tmp_path / "cases.csv", b"a,b\r\n")
    assert (tmp_path / "cases.csv").read_bytes() == b"a,b\r\n"
    assert len(tries) == 3


def test_a_file_open_in_another_program_gets_a_plain_message_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cases.csv"
    target.write_bytes(b"as it was")

    def held(source: str, target: str) -> None:
        raise sharing_violation()  # Excel has the file open: Windows refuses every time

    monkeypatch.setattr(os, "replace", held)
    monkeypatch.setattr(files, "RETRY_DELAYS", (0.0,))
    with pytest.raises(KnownError, match=r"cases\.csv could not be saved: it is open in another"):
        files.write_atomically(target, b"new")
    assert target.read_bytes() == b"as it was"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "nt", reason="Linux lets a file open elsewhere be replaced")
def test_saving_over_a_file_held_open_on_windows_is_refused_plainly(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"as it was")
    with target.open("rb"), pytest.raises(KnownError, match="open in another program"):
        files.write_atomically(target, b"%PDF-new")
    assert target.read_bytes() == b"as it was"
    assert leftovers(tmp_path) == []


def test_other_permission_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def denied() -> None:
        calls.append(1)
        raise PermissionError(13, "Permission denied")  # no winerror: not a passing lock

    with pytest.raises(PermissionError):
        files.retrying(denied)
    assert calls == [1]


def test_a_folder_is_writable_when_a_file_can_be_created_in_it(tmp_path: Path) -> None:
    assert files.can_write_in(tmp_path)
    assert not files.can_write_in(tmp_path / "missing")
    assert list(tmp_path.iterdir()) == []
