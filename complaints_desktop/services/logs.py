"""Services: logging and error text that never carry personal data.

Engines hide statement values (``hide_parameters=True``), but a PostgreSQL error's DETAIL
can quote a whole row ("Failing row contains (1, Zelda Piiperson, 9 Secret Road)"). Every
log line and traceback goes through ``scrub``; messages use ``error_summary``.
"""

from __future__ import annotations

import logging
import re

from complaints_desktop.domain.errors import error_summary

_DETAIL = re.compile(r"^\s*(DETAIL|HINT|CONTEXT|LINE \d+):.*$", re.MULTILINE)
_PARAMETERS = re.compile(r"\[parameters: .*?\]", re.DOTALL)


def scrub(text: str) -> str:
    """``text`` without PostgreSQL's DETAIL/CONTEXT lines and any statement values."""
    return _PARAMETERS.sub("[parameters hidden]", _DETAIL.sub("", text))


class SafeFormatter(logging.Formatter):
    """Formats log records (and their tracebacks) through ``scrub``."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def install(level: int) -> None:
    """Log to standard error at ``level``, scrubbed."""
    logging.basicConfig(level=level)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(SafeFormatter(logging.BASIC_FORMAT))


__all__ = ["SafeFormatter", "error_summary", "install", "scrub"]
