"""UI: the sentence an officer sees when something fails (shared by every screen)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> str:
    """The sentence an officer sees for a failure (a bug's details go to the log only)."""
    from complaints_desktop.domain.errors import KnownError

    if isinstance(exc, KnownError):
        return str(exc)
    log.error("Unexpected error", exc_info=exc)
    return (
        "Something went wrong while reading the database. Nothing was changed. "
        "Try Refresh (F5); if it happens again, tell your administrator."
    )
