"""Services: safety of the data — backups, restore, integrity check, safe opening, start-up.

``copies`` takes, lists and rotates backups; ``restoring`` puts one back; ``opening`` opens
a database with the guards (place, leftovers, a newer schema, backup before an upgrade,
rollback); ``integrity`` is the check; ``startup`` the quick look before the window opens.
"""

from complaints_desktop.services.safety.copies import (
    backup,
    backup_keep,
    backups,
    daily_backup,
    on_server,
    set_backup_keep,
)
from complaints_desktop.services.safety.integrity import calendar_warnings, check
from complaints_desktop.services.safety.opening import (
    open_database_safely,
    open_unmigrated,
    remove_leftovers,
)
from complaints_desktop.services.safety.restoring import restore
from complaints_desktop.services.safety.startup import StartupState, Status, startup_check

__all__ = [
    "StartupState",
    "Status",
    "backup",
    "backup_keep",
    "backups",
    "calendar_warnings",
    "check",
    "daily_backup",
    "on_server",
    "open_database_safely",
    "open_unmigrated",
    "remove_leftovers",
    "restore",
    "set_backup_keep",
    "startup_check",
]
