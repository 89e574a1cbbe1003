"""A long-lived process standing in for an open window: it writes through the services.

Run as ``python officer_process.py DATABASE`` (any Python that can import the app: Linux
or Windows). It reads one command a line from stdin and answers one line on stdout:

- ``case NAME``: log a complaint from NAME, add a note to it; answers its reference;
- ``backup``: a manual backup from this process (as the window's daily backup does);
- ``check``: the database check from this process; answers ``clean`` or the problems;
- ``restore FILE``: restore FILE as the Settings' Backups page does; answers ``restored``;

A refusal (any ``KnownError``) answers ``refused: `` and its message.
- ``quit``: close the database and end.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(database: str) -> int:
    from complaints_desktop.config import current_user
    from complaints_desktop.domain.errors import KnownError
    from complaints_desktop.services.database import open_database

    env = open_database(database, user=current_user(), today=lambda: date(2026, 3, 2))
    say("ready")
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        try:
            answer = run(env, command, rest)
        except KnownError as exc:
            answer = f"refused: {exc}".replace("\n", " ")
        if answer is None:
            break
        say(answer)
    env.engine.dispose()
    say("closed")
    return 0


def run(env: Any, command: str, rest: str) -> str | None:
    """One command's answer (None: quit)."""
    from complaints_desktop.domain.model import Case, Person
    from complaints_desktop.services import cases, safety

    if command == "case":
        case = cases.create(
            env, Case(procedure="statutory", received=date(2026, 2, 2), complainant=Person(rest))
        )
        cases.add_note(env, case, f"note for {rest}")
        return str(case.reference)
    if command == "backup":
        return Path(safety.backup(env, None)).name
    if command == "check":
        problems, _notes = safety.check(env)
        return "clean" if not problems else " | ".join(problems)
    if command == "restore":
        safety.restore(env, Path(rest))
        return "restored"
    if command == "quit":
        return None
    return f"unknown command {command}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
