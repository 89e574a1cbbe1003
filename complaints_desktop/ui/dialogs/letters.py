"""UI: which acknowledgement letter fits a complaint (used by the new-complaint flow,
which then opens the Letters dialog, ``ui/dialogs/letter_dialog.py``, on it)."""

from __future__ import annotations

from complaints_desktop.domain.model import Case


def acknowledgement_template(case: Case) -> str:
    """The child-friendly acknowledgement for a child complainant, else the usual one."""
    from complaints_desktop.services import letters  # the letters' stack, once it is saved

    return letters.for_complainant("acknowledgement", case)
