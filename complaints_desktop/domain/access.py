"""Domain: who may do what — the four roles, their permissions, and refusal messages.

Pure data and functions; the services look up the acting user's role and ask
``allowed(role, action)`` before each write.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("administrator", "manager", "officer", "viewer")

# Every action the application checks, with the words used when refusing it.
ACTIONS: dict[str, str] = {
    "read": "read cases",
    "reports": "produce reports and statistics",
    "create": "log new complaints",
    "edit": "edit complaint details",
    "note": "add notes",
    "acknowledge": "record acknowledgements",
    "suspend": "stop the clock",
    "resume": "restart the clock",
    "respond": "record responses",
    "escalate": "escalate complaints",
    "agree statement": "record an agreed statement of complaint",
    "withdraw": "record withdrawals",
    "refuse": "refuse complaints",
    "resolve early": "record early resolutions",
    "refer to Ombudsman": "record Ombudsman referrals",
    "remedy compliance": "record compliance with Ombudsman remedies",
    "letters": "produce and log letters",
    "contacts": "log and edit contacts",
    "import": "import case logs",
    "export": "export case logs",
    "extend": "extend stages",
    "assign": "assign the officer handling a stage",
    "commission": "commission stage 2 investigations",
    "arrange panel": "arrange review panels",
    "panel report": "record panel reports",
    "Ombudsman decision": "record Ombudsman decisions",
    "add learning action": "add learning actions",
    "commentary": "write the annual report commentary",
    "templates": "edit letter templates",
    "retention": "anonymise or delete old records, or place legal holds",
    "subject access": "answer subject access requests",
    "audit view": "read the audit trail",
    "restrict": "restrict access to a complaint",
    "settings": "change settings",
    "users": "manage users",
    "vocabularies": "change the lists of teams, types and remedies",
    "restore": "restore a backup",
}

_VIEWER = frozenset({"read", "reports"})
_OFFICER = _VIEWER | {
    "create",
    "edit",
    "note",
    "acknowledge",
    "suspend",
    "resume",
    "respond",
    "escalate",
    "agree statement",
    "withdraw",
    "refuse",
    "resolve early",
    "refer to Ombudsman",
    "remedy compliance",
    "letters",
    "contacts",
    "import",
    "export",
    "assign",
}
_MANAGER = _OFFICER | {
    "extend",
    "commission",
    "arrange panel",
    "panel report",
    "Ombudsman decision",
    "add learning action",
    "commentary",
    "templates",
    "retention",
    "subject access",
    "audit view",
    "restrict",
}
_ADMINISTRATOR = _MANAGER | {"settings", "users", "vocabularies", "restore"}

PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": _VIEWER,
    "officer": frozenset(_OFFICER),
    "manager": frozenset(_MANAGER),
    "administrator": frozenset(_ADMINISTRATOR),
}

ROLE_SUMMARIES = {
    "viewer": "reads cases and reports; changes nothing",
    "officer": "logs and progresses complaints, letters, contacts, imports",
    "manager": "as officer, plus extensions, stage 2 and 3, Ombudsman decisions, "
    "learning actions, retention, subject access, the audit trail, restricting cases",
    "administrator": "as manager, plus settings, users, lists and restoring backups",
}

SQLITE_BOUNDARY = (
    "This database is a file on this PC. You are known by the Windows account you signed "
    "in with (asked of Windows, not of anything you can type or set). Anyone who can open "
    "the file can read it: roles here stop mistakes, not a determined person with file "
    "access. The file and its backups are readable by your account only, and the audit "
    "trail is sealed with a key kept outside the file, so 'check' shows a change made "
    "with another tool; for access the server enforces, use a PostgreSQL server."
)
SERVER_BOUNDARY = (
    "This database is on a PostgreSQL server: you are known by your server login, and the "
    "server enforces what each login may read and change (IT grants the group roles "
    "cd_viewer, cd_officer, cd_manager, cd_admin with packaging/postgres_roles.sql): a "
    "restricted complaint is hidden by the server itself, and the audit trail can only "
    "be added to. The application never offers more than your group allows."
)
RESTRICTED = "This complaint is restricted; ask a manager for access."


@dataclass(frozen=True)
class UserInfo:
    """Who is using the application: account, the name shown, and role.

    ``known`` is False for an account the database has no active entry for (it gets the
    viewer's read-only access until an administrator adds it); ``first`` is True when this
    account has just become the database's first administrator.
    """

    account: str
    display_name: str
    role: str
    active: bool = True
    known: bool = True
    first: bool = False

    @property
    def shown(self) -> str:
        """The display name, else the account."""
        return self.display_name or self.account

    def signed_in(self) -> str:
        """Status-bar text: 'Signed in as Jo Smith (manager)'."""
        suffix = "" if self.known else ", not yet added by an administrator"
        return f"Signed in as {self.shown} ({self.role}{suffix})"


def allowed(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (unknown roles and actions: no)."""
    return action in PERMISSIONS.get(role, frozenset())


def lowest_role(action: str) -> str:
    """The least powerful role that may do ``action``."""
    for role in reversed(ROLES):
        if allowed(role, action):
            return role
    return "administrator"


def refusal(role: str, action: str) -> str:
    """Plain words for a refused action, naming who can help."""
    what = ACTIONS.get(action, action)
    helper = "an administrator" if lowest_role(action) == "administrator" else "a manager"
    return f"Your role ({role}) may not {what}; ask {helper}."
