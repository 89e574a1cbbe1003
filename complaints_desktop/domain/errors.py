"""Domain: the errors a person can act on, as opposed to bugs."""

from __future__ import annotations


class KnownError(Exception):
    """An error with a message written for the person using the application."""


class RuleViolation(KnownError):
    """A move the procedure does not allow (e.g. escalating an open stage)."""


class ValidationFailed(KnownError):
    """Input that is not acceptable; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class NotFound(KnownError):
    """A record the user asked for does not exist."""


class ConcurrentEdit(KnownError):
    """Somebody else saved the same record since it was opened."""


class NotAllowed(KnownError):
    """The user's role (or a restriction on the case) does not allow this."""


def error_summary(error: BaseException) -> str:
    """A database error in words safe to show or log: the driver's first line only.

    Never the statement's values (engines hide them) nor PostgreSQL's DETAIL, which can
    quote a whole row ("Failing row contains (..., name, address)").
    """
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__
