"""Where a SQLite database may live: network shares and synced folders are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaints_desktop.storage import location

MOUNTS = location.parse_mounts(
    "/dev/sda1 / ext4 rw,relatime 0 0\n"
    "server:/export /mnt/nfs nfs4 rw,vers=4.2 0 0\n"
    "//fs01/Social\\040Care /mnt/social\\040care cifs rw 0 0\n"
    "tmpfs /mnt/nfs/local tmpfs rw 0 0\n"
)


@pytest.mark.parametrize(
    "path",
    [
        r"\\fs01\complaints\complaints.sqlite3",
        "//fs01/complaints/complaints.sqlite3",
        r"\\?\UNC\fs01\complaints\db.sqlite3",
    ],
)
def test_unc_paths_are_refused_as_network_shares(path: str) -> None:
    reason = location.classify(path)
    assert reason is not None
    assert "network share" in reason
    assert "PostgreSQL" in reason


@pytest.mark.parametrize(
    "path", [r"\\?\C:\Users\ann\complaints.sqlite3", r"C:\Users\ann\AppData\Local\db.sqlite3"]
)
def test_local_windows_paths_are_accepted(path: str) -> None:
    assert location.classify(path, drive_type=lambda root: 3) is None  # DRIVE_FIXED


def test_a_mapped_network_drive_is_refused() -> None:
    seen: list[str] = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return location.DRIVE_REMOTE if root == "Z:\\" else 3

    reason = location.classify(r"Z:\Complaints\complaints.sqlite3", drive_type=drive_type)
    assert reason is not None
    assert "Z:, a mapped network drive" in reason
    assert seen == ["Z:\\"]
    assert location.classify(r"C:\data\complaints.sqlite3", drive_type=drive_type) is None


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/ann/Dropbox/complaints.sqlite3", "Dropbox"),
        (r"D:\Dropbox (Merton Council)\complaints.sqlite3", "Dropbox"),
        (r"G:\My Drive\complaints.sqlite3", "Google Drive"),
        ("/Users/ann/Google Drive/db.sqlite3", "Google Drive"),
        (r"C:\Users\ann\iCloudDrive\db.sqlite3", "iCloud Drive"),
    ],
)
def test_synced_folders_are_refused_naming_the_service(path: str, service: str) -> None:
    reason = location.classify(path)
    assert reason is not None
    assert f"in a {service} folder" in reason


def test_a_folder_merely_mentioning_drive_is_fine() -> None:
    assert location.classify("/home/ann/drive-tests/my drivers/db.sqlite3") is None


ONEDRIVE = {
    "OneDrive": r"C:\Users\ann\OneDrive - Merton Council",
    "OneDriveCommercial": r"C:\Users\ann\OneDrive - Merton Council",
    "OneDriveConsumer": r"C:\Users\ann\OneDrive",
}


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\ann\OneDrive - Merton Council\complaints.sqlite3",
        r"c:\users\ANN\onedrive - merton council\Complaints\db.sqlite3",
        r"C:\Users\ann\OneDrive\db.sqlite3",
    ],
)
def test_onedrive_folders_are_known_from_onedrives_own_variables(path: str) -> None:
    reason = location.classify(path, environ=ONEDRIVE)
    assert reason is not None
    assert "in a OneDrive folder" in reason


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\ann\Documents\onedrive-notes\complaints.sqlite3",
        r"C:\Users\ann\OneDrive-old\complaints.sqlite3",
        "/home/ann/OneDrive - Merton Council/db.sqlite3",
    ],
)
def test_a_folder_merely_named_like_onedrive_is_fine(path: str) -> None:
    assert location.classify(path, environ=ONEDRIVE, cloud=lambda p: False) is None


def test_a_synced_sharepoint_library_is_known_by_its_cloud_file_attributes() -> None:
    library = r"C:\Users\ann\Merton Council\Complaints - Documents\complaints.sqlite3"
    asked: list[str] = []
    reason = location.classify(library, environ={}, cloud=lambda p: asked.append(p) or True)
    assert reason is not None
    assert "in a OneDrive or SharePoint folder" in reason
    assert asked == [library]


def test_network_places_stay_refused_whatever_onedrive_says() -> None:
    unc = location.classify(r"\\fs01\complaints\db.sqlite3", environ=ONEDRIVE)
    assert unc is not None
    assert "network share" in unc
    mapped = location.classify(
        r"Z:\db.sqlite3", environ=ONEDRIVE, drive_type=lambda root: location.DRIVE_REMOTE
    )
    assert mapped is not None
    assert "mapped network drive" in mapped


def test_a_folder_on_this_pc_has_no_cloud_attributes(tmp_path: Path) -> None:
    assert not location.has_cloud_attributes(str(tmp_path / "not yet made" / "db.sqlite3"))


def test_mount_table_is_parsed_with_escaped_spaces() -> None:
    assert ("/mnt/social care", "cifs") in MOUNTS


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/mnt/nfs/team/db.sqlite3", "nfs4"),
        ("/mnt/social care/db.sqlite3", "cifs"),
        ("/mnt/nfs/local/db.sqlite3", "tmpfs"),
        ("/home/ann/db.sqlite3", "ext4"),
        ("/mnt/nfsother/db.sqlite3", "ext4"),
    ],
)
def test_the_longest_mount_point_decides_the_file_system(path: str, fstype: str) -> None:
    assert location.filesystem_of(path, MOUNTS) == fstype


def test_network_file_systems_are_refused_and_local_ones_accepted() -> None:
    reason = location.classify("/mnt/nfs/team/db.sqlite3", mounts=MOUNTS)
    assert reason is not None
    assert "network file system (nfs4)" in reason
    assert location.classify("/mnt/nfs/local/db.sqlite3", mounts=MOUNTS) is None
    assert location.classify("/home/ann/db.sqlite3", mounts=MOUNTS) is None


def test_a_database_in_a_temporary_folder_on_this_machine_is_accepted(tmp_path: Path) -> None:
    assert location.refusal(tmp_path / "complaints.sqlite3") is None
