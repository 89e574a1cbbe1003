"""Services: administrator settings — lists, timescales, calendar, council details.

Every save is one transaction with an audit entry. Saving timescales or the calendar
recomputes the next deadline of every case still in progress, so the work queue is
right at once (closed cases keep their recorded results).
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from complaints_desktop.domain.calendar import DEFAULT_REGION, REGIONS
from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.procedures import Settings, validate
from complaints_desktop.services import access
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, case_queries, settings_store, vocabularies
from complaints_desktop.storage import cases as case_store

VOCABULARY_KINDS: dict[str, str] = {
    "team": "Teams",
    "service_area": "Service areas",
    "type": "Complaint types",
    "remedy": "Remedies",
    "advocacy_provider": "Advocacy providers",
    "compliment_theme": "Compliment themes",
}


@dataclass(frozen=True)
class CouncilDetails:
    """The letterhead and signature every letter carries (settings key ``council``)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    signatory: str = ""
    job_title: str = ""
    data_protection: str = ""
    logo_path: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CouncilDetails:
        """Details from stored JSON; unknown keys are ignored, missing ones blank."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})

    def to_dict(self) -> dict[str, str]:
        """JSON-ready dict."""
        return asdict(self)


def _record(env: Env, session: Session, action: str, changes: dict[str, Any]) -> None:
    audit.record(session, user=env.user, action=action, entity="settings", changes=changes)


# -- vocabularies -------------------------------------------------------------------------
def vocabulary(env: Env, kind: str) -> list[tuple[str, bool]]:
    """(name, retired) for every entry of a list, alphabetically."""
    with env.uow() as session:
        return vocabularies.entries(session, kind)


def add_entry(env: Env, kind: str, name: str) -> None:
    """Add ``name`` to a list (refused when blank or already there, in any case)."""
    access.require(env, "vocabularies")
    with env.uow(write=True) as session:
        vocabularies.add(session, kind, name)
        _record(env, session, "add list entry", {"list": kind, "name": " ".join(name.split())})


def rename_entry(env: Env, kind: str, old: str, new: str) -> None:
    """Correct the spelling of an entry; cases that use it follow."""
    access.require(env, "vocabularies")
    with env.uow(write=True) as session:
        vocabularies.rename(session, kind, old, new)
        _record(env, session, "rename list entry", {"list": kind, "name": [old, new]})


def set_retired(env: Env, kind: str, name: str, retired: bool) -> None:
    """Retire (hide from new entries) or restore an entry; nothing is ever deleted."""
    access.require(env, "vocabularies")
    with env.uow(write=True) as session:
        vocabularies.set_retired(session, kind, name, retired)
        _record(
            env,
            session,
            "retire list entry" if retired else "restore list entry",
            {"list": kind, "name": name},
        )


# -- timescales ---------------------------------------------------------------------------
def procedures(env: Env) -> Settings:
    """The procedure timescales in force."""
    return env.settings()


def save_procedures(env: Env, settings: Settings) -> int:
    """Validate and save the timescales; returns how many cases' deadlines were refreshed."""
    with env.uow(write=True) as session:
        access.require(env, "settings", session)
        validate(settings)
        old = env.settings(session).to_dict()
        settings_store.put(session, "procedures", settings.to_dict())
        _record(env, session, "procedure settings", _changed(old, settings.to_dict()))
        return recompute_deadlines(env, session)


def _changed(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out.update(_changed(a, b, f"{prefix}{key}."))
        elif a != b:
            out[f"{prefix}{key}"] = [a, b]
    return out


# -- calendar -----------------------------------------------------------------------------
def calendar_settings(env: Env) -> tuple[str, list[tuple[date, str]]]:
    """The bank-holiday region and the council closure days (date, note)."""
    with env.uow() as session:
        region = settings_store.get(session, "region", DEFAULT_REGION)
        return str(region), settings_store.closure_days(session)


def save_calendar(env: Env, region: str, closures: list[tuple[date, str]]) -> int:
    """Save the region and closure days; returns how many cases' deadlines were refreshed."""
    with env.uow(write=True) as session:
        access.require(env, "settings", session)
        if region not in REGIONS:
            raise ValidationFailed([f"{region!r} is not a UK bank-holiday region."])
        seen: set[date] = set()
        problems = []
        for day, _note in closures:
            if day in seen:
                problems.append(f"{day:%d/%m/%Y} is listed twice.")
            seen.add(day)
        if problems:
            raise ValidationFailed(problems)
        old_region = settings_store.get(session, "region", DEFAULT_REGION)
        old_days = [d.isoformat() for d, _ in settings_store.closure_days(session)]
        settings_store.put(session, "region", region)
        settings_store.set_closure_days(session, [(d, n.strip()) for d, n in closures])
        _record(
            env,
            session,
            "calendar settings",
            {
                "region": [old_region, region],
                "closure_days": [old_days, sorted(d.isoformat() for d in seen)],
            },
        )
        return recompute_deadlines(env, session)


def recompute_deadlines(env: Env, session: Session | None = None) -> int:
    """Recompute the next deadline of every case in progress; returns how many changed.

    ``session``: the writing unit of work that changed the rules (the new deadlines are
    saved with them, or neither is)."""
    if session is None:
        with env.uow(write=True) as own:
            return recompute_deadlines(env, own)
    settings, cal, today = env.settings(session), env.calendar(session), env.today()
    changed = 0
    for case_id in case_queries.live_case_ids(session):
        case = case_store.load(session, case_id)
        upcoming = next_deadline(case, settings, cal, today)
        case_queries.set_next_due(
            session,
            case_id,
            upcoming.due if upcoming else None,
            upcoming.what if upcoming else "",
        )
        changed += 1
    return changed


# -- council details ----------------------------------------------------------------------
def council(env: Env) -> CouncilDetails:
    """The council's details for letters."""
    with env.uow() as session:
        data = settings_store.get(session, "council", {})
    return CouncilDetails.from_dict(data if isinstance(data, dict) else {})


def council_problems(details: CouncilDetails) -> list[str]:
    """What is wrong with council details (a name is required, an e-mail must look like one)."""
    problems: list[str] = []
    if not details.name.strip():
        problems.append("Give the council's name; every letter carries it.")
    if details.email.strip() and "@" not in details.email:
        problems.append(f"{details.email!r} does not look like an e-mail address.")
    return problems


def save_council(env: Env, details: CouncilDetails) -> None:
    """Save the council's details; a name is required, an e-mail must look like one.

    A new logo file is read into the database (letters never depend on a path on one
    PC); the same path as before keeps the logo already stored; a blank path removes it.
    """
    access.require(env, "settings")
    problems = council_problems(details)
    clean = CouncilDetails(**{k: v.strip() for k, v in details.to_dict().items()})
    old = council(env).to_dict()
    image: bytes | None = None
    changed_logo = clean.logo_path != old.get("logo_path", "")
    if changed_logo and clean.logo_path:
        try:
            image = read_logo(Path(clean.logo_path).expanduser())
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    with env.uow(write=True) as session:
        settings_store.put(session, "council", clean.to_dict())
        if changed_logo:
            settings_store.put(session, "logo", base64.b64encode(image).decode() if image else "")
        _record(env, session, "council details", _changed(old, clean.to_dict()))


def read_logo(path: Path) -> bytes:
    """A logo file's bytes, refused unless it is a PNG or JPEG image."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [f"The logo file {path} cannot be read ({exc.strerror or exc}): choose it again."]
        ) from exc
    if not is_image(data):
        raise ValidationFailed([f"The logo file {path} is not a PNG or JPEG image."])
    return data


def is_image(data: bytes) -> bool:
    """True for PNG or JPEG bytes."""
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))


def logo(env: Env) -> bytes | None:
    """The council's logo as stored in the database, or None."""
    with env.uow() as session:
        stored = settings_store.get(session, "logo", "")
    if not isinstance(stored, str) or not stored:
        return None
    return base64.b64decode(stored)


def advocacy_contacts(env: Env) -> dict[str, str]:
    """How a child reaches each advocacy provider directly (provider -> phone, e-mail)."""
    with env.uow() as session:
        stored = settings_store.get(session, "advocacy_contacts", {})
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def save_advocacy_contacts(env: Env, contacts: dict[str, str]) -> None:
    """Save how a child reaches each advocacy provider (printed in children's letters)."""
    access.require(env, "settings")
    clean = {" ".join(k.split()): v.strip() for k, v in contacts.items() if k.strip()}
    old = advocacy_contacts(env)
    with env.uow(write=True) as session:
        settings_store.put(session, "advocacy_contacts", clean)
        _record(env, session, "advocacy contacts", _changed(old, clean))
