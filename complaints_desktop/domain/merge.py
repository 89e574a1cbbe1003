"""Domain: re-apply one person's edits onto the version a colleague saved meanwhile.

"Keep my changes" after someone else saved the case: only the fields this person
changed (from the version they opened) are put onto the colleague's saved version;
every other field keeps the colleague's value. Dataclasses (the complainant, the child,
advocacy, equality) are merged field by field; a list (teams, elements) is one value.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def reapply(opened: T, mine: T, theirs: T) -> T:
    """``theirs`` with every field that differs between ``opened`` and ``mine`` set as in
    ``mine`` (a new object; the arguments are not changed)."""
    merged = copy.deepcopy(theirs)
    _reapply(opened, mine, merged)
    return merged


def _reapply(opened: Any, mine: Any, merged: Any) -> None:
    for field in dataclasses.fields(mine):
        before, after = getattr(opened, field.name), getattr(mine, field.name)
        if before == after:
            continue
        target = getattr(merged, field.name)
        if _record(before) and _record(after) and _record(target):
            _reapply(before, after, target)
        else:
            setattr(merged, field.name, copy.deepcopy(after))


def _record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)
