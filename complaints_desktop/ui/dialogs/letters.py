"""UI: offer to produce a letter for a case (the letters service is loaded lazily)."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from complaints_desktop.domain.errors import KnownError
from complaints_desktop.domain.model import Case

NOT_READY = (
    "Letters are not available in this version yet. Nothing was produced; the "
    "acknowledgement can be produced later from the case."
)


def letters_service() -> ModuleType | None:
    """``complaints_desktop.services.letters`` when it is installed, else None."""
    try:
        return importlib.import_module("complaints_desktop.services.letters")
    except ImportError:
        return None


def choose_pdf_path(parent: QWidget | None, suggested: str) -> str:
    """Ask where to save a PDF; "" when cancelled (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save the letter", suggested, "PDF (*.pdf)")
    return path


def offer_letter(parent: QWidget | None, env: Any, case: Case, template: str) -> str:
    """Produce ``template`` for ``case`` as a PDF the user places; returns what happened."""
    service = letters_service()
    if service is None or not hasattr(service, "write_letter"):
        return NOT_READY
    suggested = str(Path.home() / f"{case.reference.replace('/', '-')}-{template}.pdf")
    path = choose_pdf_path(parent, suggested)
    if not path:
        return "No letter was produced."
    try:
        service.write_letter(env, case.reference, template, Path(path))
    except KnownError as err:
        return f"The letter could not be produced: {err}"
    return f"The {template} letter was saved to {path} and logged on the case."


def acknowledgement_template(case: Case) -> str:
    """The child-friendly acknowledgement for a child complainant, else the usual one."""
    return (
        "acknowledgement-child"
        if case.relationship == "child or young person"
        else "acknowledgement"
    )


def templates_for(case: Case) -> list[str]:
    """Letters that fit the case now (empty until the letters service exists)."""
    service = letters_service()
    if service is None or not hasattr(service, "templates_for"):
        return []
    found: list[str] = service.templates_for(case)
    return found
