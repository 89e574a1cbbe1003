"""Services: every setting as one JSON file, for administrators and scripts.

``export_settings`` writes the council details (with the logo itself, not a path),
timescales, calendar, lists, advocacy contacts and edited letter wording.
``import_settings`` reads such a file, or part of one: only the keys it holds change.
It is all or nothing: every problem is listed (``ValidationFailed``) and nothing is
written unless the whole file is good.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

from complaints_desktop.domain.calendar import REGIONS
from complaints_desktop.domain.errors import KnownError, ValidationFailed
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.reports.letters.catalogue import LETTERS, check
from complaints_desktop.services import access
from complaints_desktop.services import settings as settings_service
from complaints_desktop.services.env import Env
from complaints_desktop.storage import audit, settings_store, vocabularies

FORMAT = "complaints_desktop settings"
COUNCIL_KEYS = (
    "name",
    "address",
    "phone",
    "email",
    "website",
    "signatory",
    "job_title",
    "data_protection",
)
LISTS = {
    "teams": "team",
    "service_areas": "service_area",
    "types": "type",
    "remedies": "remedy",
    "advocacy_providers": "advocacy_provider",
    "compliment_themes": "compliment_theme",
}
TOP_KEYS = (
    "format",
    "council",
    "logo",
    "timescales",
    "calendar",
    "lists",
    "advocacy_contacts",
    "templates",
)


def export_settings(env: Env) -> dict[str, Any]:
    """Every setting as a JSON-ready dict (the file ``import_settings`` reads)."""
    details = settings_service.council(env).to_dict()
    region, closures = settings_service.calendar_settings(env)
    logo = settings_service.logo(env)
    with env.uow() as session:
        lists = {
            key: [
                {"name": name, "retired": retired} if retired else name
                for name, retired in vocabularies.entries(session, kind)
            ]
            for key, kind in LISTS.items()
        }
        templates = {
            name: text
            for name in LETTERS
            if isinstance(text := settings_store.get(session, f"template:{name}"), str)
        }
    return {
        "format": FORMAT,
        "council": {key: details.get(key, "") for key in COUNCIL_KEYS},
        "logo": (
            {
                "file": Path(details.get("logo_path", "")).name or "logo",
                "base64": base64.b64encode(logo).decode(),
            }
            if logo
            else None
        ),
        "timescales": env.settings().to_dict(),
        "calendar": {
            "region": region,
            "closure_days": [{"date": d.isoformat(), "note": n} for d, n in closures],
        },
        "lists": lists,
        "advocacy_contacts": settings_service.advocacy_contacts(env),
        "templates": templates,
    }


def write_file(env: Env, out: Path) -> None:
    """Write every setting to ``out`` as JSON."""
    access.require(env, "settings")
    text = json.dumps(export_settings(env), indent=2, ensure_ascii=False)
    try:
        Path(out).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise KnownError(f"Could not write {out}: {exc.strerror or exc}.") from exc


def read_file(env: Env, path: Path) -> list[str]:
    """Import the settings in the JSON file ``path``; returns what changed, in words."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KnownError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            [f"{path.name}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})."]
        ) from None
    return import_settings(env, data, Path(path).parent)


def _text(value: Any, where: str, problems: list[str]) -> str:
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return "\n".join(value)
    if not isinstance(value, str):
        problems.append(f"{where}: expected text, found {json.dumps(value)[:40]}.")
        return ""
    return value


def _council(env: Env, data: Any, problems: list[str]) -> settings_service.CouncilDetails | None:
    if not isinstance(data, dict):
        problems.append("council: expected an object with name, address, phone, ...")
        return None
    current = settings_service.council(env).to_dict()
    for key in data:
        if key not in COUNCIL_KEYS:
            problems.append(f"council.{key}: not a council detail ({', '.join(COUNCIL_KEYS)}).")
    for key in COUNCIL_KEYS:
        if key in data:
            value = _text(data[key], f"council.{key}", problems)
            if key == "address":
                value = "\n".join(
                    x.strip() for x in value.replace(";", "\n").splitlines() if x.strip()
                )
            current[key] = value.strip()
    details = settings_service.CouncilDetails.from_dict(current)
    problems += [f"council: {p}" for p in settings_service.council_problems(details)]
    return details


def _logo(data: Any, folder: Path, problems: list[str]) -> tuple[str, bytes | None] | None:
    if data is None:
        return "", None
    if isinstance(data, str):  # a path, relative to the settings file
        path = (folder / data).expanduser()
        try:
            return path.name, settings_service.read_logo(path)
        except ValidationFailed as exc:
            problems += [f"logo: {p}" for p in exc.problems]
            return None
    if isinstance(data, dict) and isinstance(data.get("base64"), str):
        try:
            image = base64.b64decode(data["base64"], validate=True)
        except ValueError:
            problems.append("logo.base64: not base64 text.")
            return None
        if not settings_service.is_image(image):
            problems.append("logo: not a PNG or JPEG image.")
            return None
        return str(data.get("file") or "logo"), image
    problems.append('logo: give a file name (next to this file), {"base64": ...}, or null.')
    return None


def _merge(base: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in part.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _timescales(env: Env, data: Any, problems: list[str]) -> Settings | None:
    if not isinstance(data, dict):
        problems.append("timescales: expected an object (as exported).")
        return None
    try:
        return Settings.from_dict(_merge(env.settings().to_dict(), data))
    except ValidationFailed as exc:
        problems += [f"timescales: {p}" for p in exc.problems]
    except (TypeError, ValueError) as exc:
        problems.append(f"timescales: {exc}.")
    return None


def _calendar(
    env: Env, data: Any, problems: list[str]
) -> tuple[str, list[tuple[date, str]]] | None:
    if not isinstance(data, dict):
        problems.append("calendar: expected an object with region and closure_days.")
        return None
    region, closures = settings_service.calendar_settings(env)
    start = len(problems)
    if "region" in data:
        region = data["region"]
        if region not in REGIONS:
            problems.append(
                f"calendar.region: {json.dumps(region)} is not one of {', '.join(REGIONS)}."
            )
    if "closure_days" in data:
        closures = []
        days = data["closure_days"]
        if not isinstance(days, list):
            problems.append("calendar.closure_days: expected a list.")
            days = []
        seen: set[date] = set()
        for index, item in enumerate(days, start=1):
            where = f"calendar.closure_days[{index}]"
            raw, note = (
                (item.get("date"), item.get("note", "")) if isinstance(item, dict) else (item, "")
            )
            try:
                day = date.fromisoformat(str(raw))
            except ValueError:
                problems.append(f"{where}: {json.dumps(raw)} is not a date YYYY-MM-DD.")
                continue
            if day in seen:
                problems.append(f"{where}: {day.isoformat()} is listed twice.")
            seen.add(day)
            closures.append((day, str(note or "").strip()))
    return (region, closures) if len(problems) == start else None


def _lists(data: Any, problems: list[str]) -> dict[str, list[tuple[str, bool]]]:
    out: dict[str, list[tuple[str, bool]]] = {}
    if not isinstance(data, dict):
        problems.append(f"lists: expected an object with {', '.join(LISTS)}.")
        return out
    for key, items in data.items():
        if key not in LISTS:
            problems.append(f"lists.{key}: not a list ({', '.join(LISTS)}).")
            continue
        if not isinstance(items, list):
            problems.append(f"lists.{key}: expected a list of names.")
            continue
        entries = []
        for index, item in enumerate(items, start=1):
            name, retired = (
                (item.get("name"), bool(item.get("retired", False)))
                if isinstance(item, dict)
                else (item, False)
            )
            if not isinstance(name, str) or not " ".join(name.split()):
                problems.append(f"lists.{key}[{index}]: needs a name.")
                continue
            entries.append((" ".join(name.split()), retired))
        out[LISTS[key]] = entries
    return out


def _templates(data: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(data, dict):
        problems.append("templates: expected an object of letter name: wording.")
        return {}
    out = {}
    for name, text in data.items():
        if name not in LETTERS:
            problems.append(f"templates.{name}: there is no such letter ({', '.join(LETTERS)}).")
        elif not isinstance(text, str):
            problems.append(f"templates.{name}: expected the wording as text.")
        else:
            try:
                check(name, text)
                out[name] = text
            except ValidationFailed as exc:
                problems += [f"templates.{name}: {p}" for p in exc.problems]
    return out


def import_settings(env: Env, data: Any, folder: Path | None = None) -> list[str]:
    """Apply the settings in ``data`` (a whole or partial export); all or nothing.

    Returns what changed, one line per part. Raises ``ValidationFailed`` listing every
    problem, having written nothing.
    """
    access.require(env, "settings")
    if not isinstance(data, dict):
        raise ValidationFailed(["The file must hold one JSON object (as exported)."])
    problems: list[str] = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(f"{key}: not a setting ({', '.join(TOP_KEYS[1:])}).")
    if "format" in data and data["format"] != FORMAT:
        problems.append(f"format: expected {FORMAT!r}.")
    council = _council(env, data["council"], problems) if "council" in data else None
    logo = _logo(data["logo"], folder or Path("."), problems) if "logo" in data else None
    timescales = _timescales(env, data["timescales"], problems) if "timescales" in data else None
    calendar = _calendar(env, data["calendar"], problems) if "calendar" in data else None
    lists = _lists(data["lists"], problems) if "lists" in data else {}
    contacts = data.get("advocacy_contacts")
    if contacts is not None and not (
        isinstance(contacts, dict) and all(isinstance(v, str) for v in contacts.values())
    ):
        problems.append("advocacy_contacts: expected an object of provider: contact details.")
    templates = _templates(data["templates"], problems) if "templates" in data else {}
    if problems:
        raise ValidationFailed(problems)
    done: list[str] = []
    with env.uow(write=True) as session:
        if council is not None:
            details = council.to_dict()
            if logo is not None:
                details["logo_path"] = logo[0]
            settings_store.put(session, "council", details)
            done.append("council details")
        if logo is not None:
            settings_store.put(
                session, "logo", base64.b64encode(logo[1]).decode() if logo[1] else ""
            )
            if council is None:
                stored = settings_store.get(session, "council", {})
                stored = stored if isinstance(stored, dict) else {}
                settings_store.put(session, "council", {**stored, "logo_path": logo[0]})
            done.append("logo" if logo[1] else "logo removed")
        if timescales is not None:
            settings_store.put(session, "procedures", timescales.to_dict())
            done.append("timescales")
        if calendar is not None:
            settings_store.put(session, "region", calendar[0])
            settings_store.set_closure_days(session, calendar[1])
            done.append("calendar")
        for kind, entries in lists.items():
            vocabularies.ensure(session, kind, [name for name, _ in entries])
            for name, retired in entries:
                vocabularies.set_retired(session, kind, name, retired)
            done.append(f"list: {kind.replace('_', ' ')}s ({len(entries)})")
        if isinstance(contacts, dict):
            clean = {" ".join(k.split()): v.strip() for k, v in contacts.items() if k.strip()}
            settings_store.put(session, "advocacy_contacts", clean)
            done.append("advocacy contacts")
        for name, text in templates.items():
            settings_store.put(session, f"template:{name}", text)
            done.append(f"letter wording: {name}")
        audit.record(
            session,
            user=env.user,
            action="import settings",
            entity="settings",
            changes={"parts": done},
        )
    if timescales is not None or calendar is not None:
        settings_service.recompute_deadlines(env)
    return done
