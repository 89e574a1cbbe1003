"""Pictures of views for a person to look at: saved only when ``COMPLAINTS_TEST_SHOTS`` names
a folder (no fixed ``/tmp`` path: Windows has none)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def shoot(widget: Any, name: str) -> None:
    """Save a picture of ``widget`` as ``name`` in the shots folder, if one is set."""
    folder = os.environ.get("COMPLAINTS_TEST_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))
