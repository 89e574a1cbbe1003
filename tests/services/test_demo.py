"""Demo data: deterministic, consistent by the rules, and a work queue with everything in it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop import cli
from complaints_desktop.demo.data import World, generate_cases, iter_contacts
from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.deadlines import next_deadline
from complaints_desktop.domain.model import Case
from complaints_desktop.domain.procedures import CORPORATE, STATUTORY, Settings, StageRule
from complaints_desktop.domain.rules import derive_status
from complaints_desktop.domain.views import QueueGroup
from complaints_desktop.domain.vocab import (
    CHANNELS,
    CONTACT_KINDS,
    DEFAULT_TYPES,
    EQUALITY,
    LGSCO_OUTCOMES,
    OUTCOMES,
    REFERENCE_PREFIXES,
    REMEDY_COMPLIANCE,
)
from complaints_desktop.services import cases, demo, queries, settings
from complaints_desktop.services.database import open_database

TODAY = date(2026, 3, 10)  # a Tuesday
PREFIXES = {"statutory": "CSC", "corporate": "CORP"}


@pytest.fixture(scope="module")
def world() -> World:
    return World(today=TODAY, settings=Settings(), cal=WorkingCalendar.for_region())


@pytest.fixture(scope="module")
def many(world: World) -> list[Case]:
    return generate_cases(world, 1500, seed=7, prefixes=PREFIXES)


def problems(case: Case, today: date) -> list[str]:
    """Every way ``case`` breaks the ordering rules of formats.md §2 (empty when fine)."""
    found: list[str] = []
    dates = [
        ("refused", case.refused),
        ("resolved early", case.resolved_early),
        ("withdrawn", case.withdrawn),
        ("advocacy offered", case.advocacy.offered),
        ("advocacy referral", case.advocacy.referral),
    ]
    previous: date | None = None
    for stage in sorted(case.stages, key=lambda s: s.number):
        n = stage.number
        dates += [
            (f"s{n} requested", stage.requested),
            (f"s{n} start", stage.start),
            (f"s{n} acknowledged", stage.acknowledged),
            (f"s{n} extension", stage.extension_agreed),
            (f"s{n} panel report", stage.panel_report),
            (f"s{n} response", stage.response),
        ]
        begin = stage.clock_start
        assert begin is not None
        if previous is not None and begin < previous:
            found.append(f"stage {n} began before stage {n - 1} was answered")
        if stage.response is not None and stage.response < begin:
            found.append(f"stage {n} answered before it began")
        if stage.acknowledged is not None and stage.acknowledged < (stage.requested or begin):
            found.append(f"stage {n} acknowledged before it began")
        if stage.requested and stage.start and stage.start < stage.requested:
            found.append(f"stage {n} statement agreed before the request")
        if stage.panel_date and stage.requested and stage.panel_date < stage.requested:
            found.append("panel met before it was requested")
        if stage.panel_report and stage.panel_date and stage.panel_report < stage.panel_date:
            found.append("panel report before the panel met")
        if (stage.response is None) != (stage.outcome == ""):
            found.append(f"stage {n}: an outcome without its date or the reverse")
        if stage.outcome and stage.outcome not in OUTCOMES:
            found.append(f"stage {n} outcome {stage.outcome!r}")
        if any(s.end is not None and s.end < s.start for s in stage.suspensions):
            found.append(f"stage {n} clock restarted before it stopped")
        previous = stage.response
    if case.procedure == "corporate" and case.stage(3) is not None:
        found.append("a corporate case with a stage 3")
    omb = case.ombudsman
    if omb is not None:
        dates += [("lgsco received", omb.received), ("lgsco decided", omb.decided)]
        dates += [("remedy achieved", r.achieved) for r in omb.recommendations]
        if omb.received and omb.decided and omb.decided < omb.received:
            found.append("Ombudsman decision before the referral")
        if omb.decided and omb.outcome not in LGSCO_OUTCOMES:
            found.append(f"Ombudsman outcome {omb.outcome!r}")
        if any(r.status not in REMEDY_COMPLIANCE for r in omb.recommendations):
            found.append("a remedy compliance status outside the list")
    for what, day in dates:
        if day is not None and day > today:
            found.append(f"{what} {day} is in the future")
        if day is not None and day < case.received:
            found.append(f"{what} {day} is before the complaint was received")
    if case.child.dob is not None and case.child.dob > case.received:
        found.append("the child was born after the complaint")
    if case.channel not in CHANNELS:
        found.append(f"channel {case.channel!r}")
    for key, value in case.equality.items():
        if value not in EQUALITY[key]:
            found.append(f"{key} {value!r}")
    for letter in case.letters:
        if not case.received <= letter.sent_on <= today:
            found.append(f"letter {letter.template} sent on {letter.sent_on}")
    for element in case.elements:
        for finding in element.findings:
            stage = case.stage(finding.stage)
            if stage is None or stage.response is None or finding.outcome not in OUTCOMES[:4]:
                found.append(f"finding {finding} has no answered stage")
    return found


def test_same_seed_gives_the_same_cases_and_another_seed_does_not(world: World) -> None:
    first = generate_cases(world, 200, seed=3, prefixes=PREFIXES)
    again = generate_cases(world, 200, seed=3, prefixes=PREFIXES)
    other = generate_cases(world, 200, seed=4, prefixes=PREFIXES)
    assert first == again
    assert first != other
    assert list(iter_contacts(world, 50, seed=3)) == list(iter_contacts(world, 50, seed=3))


def test_every_generated_case_is_consistent(many: list[Case]) -> None:
    bad = {c.reference: p for c in many if (p := problems(c, TODAY))}
    assert bad == {}
    assert len({c.reference for c in many}) == len(many)
    assert all(c.received <= TODAY for c in many)
    assert min(c.received for c in many) < date(2021, 6, 1)


def test_cases_cover_every_stage_and_ending(many: list[Case]) -> None:
    last = Counter(c.current_stage.number if c.current_stage else 0 for c in many)
    assert last[2] > 0.1 * len(many)
    assert last[3] > 0
    assert sum(c.refused is not None for c in many) > 10
    assert sum(c.withdrawn is not None for c in many) > 10
    assert sum(c.resolved_early is not None for c in many) > 50
    assert any(s.extended for c in many for s in c.stages)
    assert any(s.suspensions for c in many for s in c.stages)
    assert any(s.io_fee and s.ip_fee for c in many for s in c.stages)
    assert any(s.panel_members.count(";") == 2 for c in many for s in c.stages)
    decided = [c.ombudsman for c in many if c.ombudsman and c.ombudsman.decided]
    assert {o.outcome for o in decided} >= {"upheld", "closed after initial enquiries"}
    statuses = {r.status for o in decided for r in o.recommendations}
    assert statuses >= {"complete and satisfied", "completed late", "pending"}
    assert any(a.status == "implemented" for c in many for a in c.actions)
    assert all(1 <= len(c.elements) <= 6 for c in many)
    assert Counter(c.relationship for c in many).most_common(1)[0][0] == "parent"
    assert any(not c.complainant.name.isascii() for c in many)
    children = [c for c in many if c.relationship == "child or young person"]
    assert children
    assert sum(c.advocacy.decision == "accepted" for c in children) > len(children) / 2
    assert all(c.child.dob and c.child.system_id for c in many)


def test_demo_follows_the_councils_own_timescales() -> None:
    short = (StageRule(5, 5), *STATUTORY.stages[1:])
    own = replace(
        Settings(),
        statutory=replace(STATUTORY, acknowledge=5, stages=short),
        corporate=replace(CORPORATE, stages=CORPORATE.stages[:1]),
    )
    world = World(today=TODAY, settings=own, cal=WorkingCalendar.for_region())
    made = generate_cases(world, 400, seed=11, prefixes=PREFIXES)
    assert {c.reference: p for c in made if (p := problems(c, TODAY))} == {}
    assert not any(c.stage(2) for c in made if c.procedure == "corporate")
    statutory = [c for c in made if c.procedure == "statutory"]
    assert not any(s.extended for c in statutory for s in c.stages if s.number == 1)
    due = [next_deadline(c, own, world.cal, TODAY) for c in made]
    assert any(d is not None and d.due == TODAY and d.kind == "response" for d in due)


def test_demo_fills_a_work_queue_with_every_category(db_url: str) -> None:
    env = open_database(db_url, user="tester", today=lambda: TODAY)
    assert demo.fill(env, 50) == 50
    groups = {item.group for item in queries.work_queue(env)}
    assert groups >= {
        QueueGroup.OVERDUE,
        QueueGroup.DUE_TODAY,
        QueueGroup.DUE_THIS_WEEK,
        QueueGroup.AWAITING_ACKNOWLEDGEMENT,
        QueueGroup.REMEDY_DUE,
        QueueGroup.REQUEST_DECISION,
    }
    total, _, contacts = queries.totals(env)
    assert (total, contacts) == (50, 30)
    assert settings.council(env).signatory == "Sam Patel"


def _facts(case: Case) -> tuple[object, ...]:
    omb = case.ombudsman
    return (
        case.reference,
        case.status,
        case.teams,
        case.types,
        case.remedies,
        [(s.number, s.start, s.requested, s.response, s.outcome, s.cost) for s in case.stages],
        [(e.text, [(f.stage, f.outcome, f.text) for f in e.findings]) for e in case.elements],
        [(a.action, a.target, a.status) for a in case.actions],
        [(r.description, r.target, r.achieved, r.status) for r in omb.recommendations]
        if omb
        else None,
        [(x.template, x.sent_on) for x in case.letters],
        case.complainant.name,
        case.child.dob,
    )


@pytest.mark.slow
def test_demo_saves_every_part_of_each_case(db_url: str, world: World) -> None:
    env = open_database(db_url, user="tester", today=lambda: TODAY)
    demo.fill(env, 80)
    made = generate_cases(world, 80, seed=2026, prefixes=REFERENCE_PREFIXES)
    for case in made:
        case.status = derive_status(case, world.settings, env.calendar(), TODAY)
    assert [_facts(cases.get(env, c.reference)) for c in made] == [_facts(c) for c in made]
    assert any(len(c.letters) >= 3 for c in made)


def test_demo_twice_continues_the_references_and_keeps_council_details(db_url: str) -> None:
    env = open_database(db_url, user="tester", today=lambda: TODAY)
    settings.save_council(env, settings.CouncilDetails(name="Testshire County Council"))
    demo.fill(env, 30)
    demo.fill(env, 30, seed=99)
    total, _, contacts = queries.totals(env)
    assert (total, contacts) == (60, 36)
    assert settings.council(env).name == "Testshire County Council"
    kinds = {c.kind for c in iter_contacts(World(TODAY, Settings(), env.calendar()), 200)}
    assert kinds == set(CONTACT_KINDS)


def test_cli_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite3"
    assert cli.main(["--db", str(db), "demo", "--cases", "50"]) == 0
    assert "Added 50 demo complaints" in capsys.readouterr().out
    assert queries.totals(open_database(str(db)))[0] == 50


def test_demo_elements_and_compliments_have_themes(many: list[Case], world: World) -> None:
    elements = [e for c in many for e in c.elements]
    assert elements
    assert all(e.theme in DEFAULT_TYPES for e in elements)
    assert len({e.theme for e in elements}) >= 6
    compliments = [c for c in iter_contacts(world, 300) if c.kind == "compliment"]
    assert compliments
    assert all(1 <= len(c.themes or []) <= 2 for c in compliments)
    others = [c for c in iter_contacts(world, 300) if c.kind != "compliment"]
    assert all(c.themes == [] for c in others)
