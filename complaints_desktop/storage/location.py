"""Storage: where a SQLite database file may live (not on a network share or synced folder).

SQLite relies on file locks that network file systems and sync tools do not honour, so a
database there gets corrupted. Teams that share data use a PostgreSQL server instead.
The classification is done by pure functions (tested on any OS); ``refusal`` gathers the
facts from the running system (``/proc/mounts`` on Linux, ``GetDriveTypeW`` on Windows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath, PureWindowsPath

SYNC_FOLDERS: dict[str, str] = {
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "iclouddrive": "iCloud Drive",
    "icloud drive": "iCloud Drive",
}
"""Sync services known by the name of their folder (the whole name, not a part of it)."""
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
"""Set by OneDrive to its folders (personal; work or school)."""
CLOUD_ATTRIBUTES = 0x40000 | 0x80000 | 0x100000 | 0x400000
"""Windows file attributes of cloud files (RECALL_ON_OPEN, PINNED, UNPINNED,
RECALL_ON_DATA_ACCESS): OneDrive, SharePoint libraries synced by it, and other cloud
providers set them on every file and folder they keep."""
IO_REPARSE_TAG_CLOUD = 0x9000001A
IO_REPARSE_TAG_CLOUD_MASK = 0xFFFF0FFF
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "davfs", "fuse.sshfs"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive

_ADVICE = (
    "Keep the database on this PC (the default, in your data folder). If your team must "
    "share one database, ask IT for a PostgreSQL database and point every PC at it "
    "(--db postgresql://…)."
)


def is_unc(text: str) -> bool:
    """True for a Windows network path (``\\\\server\\share\\…`` or ``\\\\?\\UNC\\…``)."""
    t = text.replace("/", "\\")
    if t.upper().startswith("\\\\?\\UNC\\"):
        return True
    if t.startswith(("\\\\?\\", "\\\\.\\")):
        return False  # long-path or device prefix on a local drive
    return t.startswith("\\\\")


def _within(path: str, root: str) -> bool:
    windows = "\\" in path or "\\" in root or root[1:2] == ":"
    flavour = PureWindowsPath if windows else PurePath  # Windows: case does not matter
    inner, outer = flavour(path), flavour(root)
    return inner == outer or outer in inner.parents


def sync_service(
    path: PurePath | str,
    *,
    environ: Mapping[str, str] | None = None,
    cloud: Callable[[str], bool] | None = None,
) -> str | None:
    """The sync service whose folder holds ``path`` (OneDrive, Dropbox, …), or None.

    OneDrive is known by the folders its ``OneDrive*`` environment variables name, and,
    with SharePoint libraries synced anywhere, by the cloud-file attributes Windows keeps
    on them (``cloud`` reads them); a folder merely named like it is not. Other services
    are known by the whole name of a folder on the path.
    """
    text = str(path)
    for variable in ONEDRIVE_VARIABLES:
        root = (environ or {}).get(variable, "")
        if root and _within(text, root):
            return "OneDrive"
    if cloud is not None and cloud(text):
        return "OneDrive or SharePoint"
    parts = PureWindowsPath(text).parts if "\\" in text else PurePath(text).parts
    for part in parts:
        folded = part.casefold()
        if folded in SYNC_FOLDERS:
            return SYNC_FOLDERS[folded]
        if folded.startswith("dropbox ("):  # Dropbox Business: "Dropbox (Council)"
            return "Dropbox"
    return None


def has_cloud_attributes(path: str) -> bool:
    """Windows: True when ``path`` or a folder above it is kept by a cloud provider."""
    candidate = Path(path)
    for place in (candidate, *candidate.parents):
        try:
            found = os.lstat(place)
        except OSError:
            continue  # not there yet (a new database), or not readable: ask the folder above
        attributes = getattr(found, "st_file_attributes", 0)
        tag = getattr(found, "st_reparse_tag", 0)
        if attributes & CLOUD_ATTRIBUTES:
            return True
        if tag & IO_REPARSE_TAG_CLOUD_MASK == IO_REPARSE_TAG_CLOUD:
            return True
    return False


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) pairs from the text of ``/proc/mounts``."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode().decode("unicode_escape")  # \040 is a space
            mounts.append((point, fields[2]))
    return mounts


def filesystem_of(path: PurePath | str, mounts: Iterable[tuple[str, str]]) -> str | None:
    """The type of the file system holding ``path``: the longest mount point above it."""
    target = PurePath(path)
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        mount = PurePath(point)
        if (target == mount or mount in target.parents) and (
            best is None or len(mount.parts) > best[0]
        ):
            best = (len(mount.parts), fstype)
    return best[1] if best else None


def is_network_filesystem(fstype: str | None) -> bool:
    """True for file systems reached over the network (NFS, SMB/CIFS, …)."""
    if fstype is None:
        return False
    return fstype in NETWORK_FILESYSTEMS or fstype.startswith(("nfs", "smb", "cifs", "fuse.sshfs"))


def classify(
    path: PurePath | str,
    *,
    mounts: Iterable[tuple[str, str]] = (),
    drive_type: Callable[[str], int] | None = None,
    environ: Mapping[str, str] | None = None,
    cloud: Callable[[str], bool] | None = None,
) -> str | None:
    """Why a SQLite database may not live at ``path`` (plain words), or None when it may.

    Args:
        path: the database file.
        mounts: (mount point, type) pairs of the system (Linux); empty elsewhere.
        drive_type: Windows: the ``GetDriveTypeW`` code for a drive root like ``"Z:\\"``.
        environ: the environment variables (OneDrive's folders).
        cloud: Windows: whether a path is kept by a cloud provider (its file attributes).
    """
    text = str(path)
    if is_unc(text):
        return (
            f"The database {text} is on a network share. SQLite databases on shared "
            f"folders get corrupted, so complaints_desktop does not open them. {_ADVICE}"
        )
    if drive_type is not None:
        drive = PureWindowsPath(text).drive
        if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
            return (
                f"The database {text} is on {drive}, a mapped network drive. SQLite "
                f"databases on shared drives get corrupted, so complaints_desktop does not "
                f"open them. {_ADVICE}"
            )
    service = sync_service(text, environ=environ, cloud=cloud)
    if service:
        return (
            f"The database {text} is in a {service} folder. Sync tools copy the file while "
            f"it is being written and corrupt it, so complaints_desktop does not keep its "
            f"database there. {_ADVICE}"
        )
    fstype = filesystem_of(text, mounts)
    if is_network_filesystem(fstype):
        return (
            f"The database {text} is on a network file system ({fstype}). SQLite databases "
            f"on shared folders get corrupted, so complaints_desktop does not open them. "
            f"{_ADVICE}"
        )
    return None


def _windows_drive_type(root: str) -> int:
    if sys.platform != "win32":
        raise OSError("drive types exist on Windows only")
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def _linux_mounts() -> list[tuple[str, str]]:
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def refusal(path: Path) -> str | None:
    """Why this system refuses a SQLite database at ``path``, or None when it is safe.

    Both the path as given and its resolved form (symbolic links followed) are checked.
    """
    given = path.expanduser()
    try:
        resolved = given.resolve()
    except OSError:
        resolved = given
    for candidate in (given, resolved):
        if os.name == "nt":
            reason = classify(
                candidate,
                drive_type=_windows_drive_type,
                environ=os.environ,
                cloud=has_cloud_attributes,
            )
        else:
            reason = classify(candidate.absolute(), mounts=_linux_mounts(), environ=os.environ)
        if reason:
            return reason
    return None
