"""Acceptance: Merton's 2022/23 logs, imported, give exactly the published statistics JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from complaints_desktop.services import caselog, statistics
from complaints_desktop.services.env import Env
from tests.conftest import MERTON


def _differences(got: Any, want: Any, path: str = "") -> list[str]:
    """Every key or value that differs (types too: 40 is not 40.0), as readable lines."""
    if isinstance(got, dict) and isinstance(want, dict):
        out: list[str] = []
        for key in sorted(set(got) | set(want)):
            where = f"{path}/{key}"
            if key not in got:
                out.append(f"{where}: missing (expected {want[key]!r})")
            elif key not in want:
                out.append(f"{where}: unexpected {got[key]!r}")
            else:
                out += _differences(got[key], want[key], where)
        return out
    if got != want or type(got) is not type(want):
        return [f"{path}: got {got!r}, expected {want!r}"]
    return []


def test_merton_2022_23_matches_expected_json(env: Env, tmp_path: Path) -> None:
    caselog.import_file(env, MERTON / "cases.csv", create_missing=True)
    caselog.import_file(env, MERTON / "contacts.csv", contacts=True, create_missing=True)
    caselog.import_file(env, MERTON / "recommendations.csv", ombudsman=True)
    stats = statistics.compute(env, date(2022, 4, 1), date(2023, 3, 31))
    out = tmp_path / "stats.json"
    statistics.write_json(stats, out)

    written = json.loads(out.read_text(encoding="utf-8"))
    expected = json.loads((MERTON / "expected.json").read_text(encoding="utf-8"))
    assert _differences(written, expected) == []
