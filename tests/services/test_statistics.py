"""Statistics of a period (formats.md §4) on a small year of cases worked out by hand.

Every expected number below was counted by hand from the cases in ``_year``, with the
working days counted on the England and Wales calendar (the comments show the days).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from complaints_desktop.domain.calendar import Suspension
from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.domain.model import Advocacy, Case, Ombudsman, Recommendation, Stage
from complaints_desktop.domain.procedures import Settings, StageRule
from complaints_desktop.services import many_cases, statistics
from complaints_desktop.services.env import Env
from complaints_desktop.storage import settings_store, vocabularies
from complaints_desktop.storage import tables as t

START, END = date(2022, 4, 1), date(2023, 3, 31)
ATTITUDE = "Attitude or behaviour of staff"
DECISION = "Unwelcome or disputed decision"
DELAY = "Delay in decision making or provision of services"


def d(text: str) -> date:
    return date.fromisoformat(text)


def _year() -> list[Case]:
    """Statutory cases around the 2022/23 financial year (plus one adult case)."""
    a = Case(  # Fri 23 Dec 2022 -> Fri 6 Jan 2023: 28, 29, 30 Dec + 3, 4, 5, 6 Jan = 7 days
        "statutory",
        d("2022-12-23"),
        reference="A",
        channel="telephone",
        relationship="child or young person",
        teams=["Alpha", "Beta"],
        types=[ATTITUDE, DECISION],
        remedies=["apology"],
        advocacy=Advocacy(used=True),
        equality={"age_band": "under 18", "gender": "male"},
        stages=[
            Stage(1, start=d("2022-12-23"), response=d("2023-01-06"), outcome="partially upheld")
        ],
    )
    b = Case(  # first day of the period; Fri 1 Apr -> Fri 29 Apr 2022 (Good Friday 15,
        # Easter Monday 18): 4-8, 11-14, 19-22, 25-29 = 5 + 4 + 4 + 5 = 18 days
        "statutory",
        d("2022-04-01"),
        reference="B",
        channel="email",
        relationship="parent",
        teams=["Beta"],
        types=[ATTITUDE],
        advocacy=Advocacy(used=False),
        equality={"gender": "female", "ethnicity": "White", "disability": "no"},
        stages=[Stage(1, start=d("2022-04-01"), response=d("2022-04-29"), outcome="not upheld")],
    )
    c = Case(  # last day of the period, not answered yet
        "statutory",
        d("2023-03-31"),
        reference="C",
        channel="email",
        relationship="parent",
        teams=["Alpha"],
        types=[DELAY],
        remedies=["financial redress"],
        stages=[Stage(1, start=d("2023-03-31"))],
    )
    case_d = Case(  # received the day before the period, answered on its first day (1 day)
        "statutory",
        d("2022-03-31"),
        reference="D",
        teams=["Gamma"],
        types=["Other"],
        remedies=["explanation"],
        stages=[Stage(1, start=d("2022-03-31"), response=d("2022-04-01"), outcome="upheld")],
        ombudsman=Ombudsman(
            received=d("2022-05-01"),
            decided=d("2022-08-01"),
            outcome="upheld",
            payment=25000,
            recommendations=[
                Recommendation("on time", target=d("2022-09-01"), achieved=d("2022-08-20")),
                Recommendation("late", target=d("2022-09-01"), achieved=d("2022-09-02")),
                Recommendation("not done", target=d("2022-10-03")),
                Recommendation("after", target=d("2023-03-01"), achieved=d("2023-04-10")),
                Recommendation("not yet due", target=d("2023-04-15")),
            ],
        ),
    )
    e = Case(  # the day after the period
        "statutory",
        d("2023-04-01"),
        reference="E",
        teams=["Delta"],
        types=["Other"],
        stages=[Stage(1, start=d("2023-04-03"), response=d("2023-04-20"), outcome="upheld")],
    )
    f = Case(  # three stages, the third withdrawn
        "statutory",
        d("2022-05-03"),
        reference="F",
        channel="letter",
        relationship="foster carer",
        teams=["Alpha"],
        types=[ATTITUDE],
        remedies=["apology", "explanation"],
        equality={"disability": "yes"},
        stages=[
            # Tue 3 May -> Tue 17 May 2022: 4-6, 9-13, 16-17 = 3 + 5 + 2 = 10 days
            Stage(1, start=d("2022-05-03"), response=d("2022-05-17"), outcome="not upheld"),
            # statement agreed Wed 1 Jun -> Thu 1 Sep 2022 (Jubilee 2-3 Jun, 29 Aug):
            # June 19 + July 21 + August 22 + September 1 = 63 days
            Stage(
                2,
                requested=d("2022-05-20"),
                start=d("2022-06-01"),
                response=d("2022-09-01"),
                outcome="not upheld",
                cost=100050,
            ),
            Stage(3, requested=d("2022-09-12"), response=d("2022-10-03"), outcome="withdrawn"),
        ],
        ombudsman=Ombudsman(
            received=d("2022-11-01"), decided=d("2023-04-05"), outcome="not upheld"
        ),
    )
    g = Case(  # enters at stage 2 (no stage 1); clock from the request:
        # Mon 13 Jun -> Mon 18 Jul 2022: 14-17, 20-24, 27-1, 4-8, 11-15, 18 = 25 days
        "statutory",
        d("2022-06-13"),
        reference="G",
        channel="web form",
        relationship="solicitor",
        teams=["Beta"],
        types=[DECISION],
        stages=[
            Stage(
                2,
                requested=d("2022-06-13"),
                response=d("2022-07-18"),
                outcome="upheld",
                cost=200000,
            )
        ],
    )
    h = Case(  # Fri 1 Jul -> Mon 1 Aug 2022: four full weeks + 1 Aug = 21 days (exceeded)
        "statutory",
        d("2022-07-01"),
        reference="H",
        channel="in person",
        relationship="other",
        teams=["Gamma"],
        types=[DELAY],
        stages=[Stage(1, start=d("2022-07-01"), response=d("2022-08-01"), outcome="inconclusive")],
    )
    i = Case(  # resolved early, nothing recorded about the complainant
        "statutory",
        d("2022-09-05"),
        reference="I",
        resolved_early=d("2022-09-13"),
        advocacy=Advocacy(used=True),
        equality={"gender": "female"},
    )
    j = Case(  # received earlier; its only answer in the period is a stage 2 withdrawal
        "statutory",
        d("2022-02-01"),
        reference="J",
        teams=["Gamma"],
        remedies=["service provided"],
        stages=[
            Stage(1, start=d("2022-02-01"), response=d("2022-03-01"), outcome="upheld"),
            Stage(
                2,
                requested=d("2022-03-10"),
                response=d("2022-04-20"),
                outcome="withdrawn",
                cost=500,
            ),
        ],
    )
    first_history_year = Case(
        "statutory", d("2018-04-01"), reference="L", resolved_early=d("2018-04-02")
    )
    before_history = Case(
        "statutory", d("2018-03-31"), reference="M", resolved_early=d("2018-04-03")
    )
    adult = Case(
        "adult",
        d("2022-06-01"),
        reference="N",
        teams=["Alpha"],
        types=[ATTITUDE],
        remedies=["apology"],
        stages=[Stage(1, start=d("2022-06-01"), response=d("2022-06-10"), outcome="upheld")],
        ombudsman=Ombudsman(
            received=d("2022-07-01"),
            decided=d("2022-09-01"),
            outcome="upheld",
            payment=100000,
            recommendations=[Recommendation("adult", target=d("2022-10-03"))],
        ),
    )
    return [a, b, c, case_d, e, f, g, h, i, j, first_history_year, before_history, adult]


def _add_contacts(env: Env) -> None:
    with env.uow() as session:
        ids = vocabularies.ensure(session, "team", ["Alpha", "Beta"])
        for ref, kind, received, names in (
            ("K1", "compliment", "2022-04-01", ["Alpha", "Beta"]),
            ("K2", "compliment", "2023-03-31", ["Alpha"]),
            ("K3", "query", "2022-06-01", []),
            ("K4", "duty", "2023-04-01", ["Alpha"]),
        ):
            row = t.Contact(reference=ref, kind=kind, received=d(received))
            session.add(row)
            session.flush()
            for position, name in enumerate(names):
                session.add(
                    t.ContactTeam(
                        contact_id=row.id, team_id=ids[name.casefold()], position=position
                    )
                )


@pytest.fixture
def year(env: Env) -> Env:
    many_cases.store_many(env, _year())
    _add_contacts(env)
    return env


def _zero_stage() -> dict[str, object]:
    return {
        "brought_forward": 0,
        "started": 0,
        "completed": 0,
        "withdrawn": 0,
        "open_at_end": 0,
        "outcomes": {"upheld": 0, "partially upheld": 0, "not upheld": 0, "inconclusive": 0},
        "timeliness": {
            "within_standard": 0,
            "within_extended": 0,
            "exceeded": 0,
            "late": 0,
            "average_working_days": None,
        },
    }


def test_stage_tables_count_starts_answers_and_working_days(year: Env) -> None:
    stages = statistics.compute(year, START, END)["statutory"]["stages"]
    # Stage 1 started: A, B (first day), C (last day), F, H; D started the day before.
    # Answered: A 7 days, B 18, D 1, F 10, H 21 -> mean 57 / 5 = 11.4. No extension was
    # agreed, so B and H (over 10) are late. Brought forward: D (begun 31 March, answered
    # 1 April; J's stage 1 was answered in March). Open at the end: C.
    assert stages["stage1"] == {
        "brought_forward": 1,
        "started": 5,
        "completed": 5,
        "withdrawn": 0,
        "open_at_end": 1,
        "outcomes": {"upheld": 1, "partially upheld": 1, "not upheld": 2, "inconclusive": 1},
        "timeliness": {
            "within_standard": 3,
            "within_extended": 1,
            "exceeded": 1,
            "late": 2,
            "average_working_days": 11.4,
        },
    }
    # Stage 2: F (63 days from the agreed statement) and G (25 days from its request,
    # no stage 1); J withdrew in the period but was requested before it (brought
    # forward). F's 63 days with no extension agreed are late; G's 25 are not.
    assert stages["stage2"] == {
        "brought_forward": 1,
        "started": 2,
        "completed": 2,
        "withdrawn": 1,
        "open_at_end": 0,
        "outcomes": {"upheld": 1, "partially upheld": 0, "not upheld": 1, "inconclusive": 0},
        "timeliness": {
            "within_standard": 1,
            "within_extended": 1,
            "exceeded": 0,
            "late": 1,
            "average_working_days": 44.0,
        },
    }
    # Stage 3: F requested it, then withdrew.
    assert stages["stage3"] == {**_zero_stage(), "started": 1, "withdrawn": 1}


def test_christmas_and_new_year_bank_holidays_are_not_working_days(env: Env) -> None:
    # Fri 23 Dec 2022 -> Fri 6 Jan 2023. Not counted: 26 Dec (Boxing Day), 27 Dec
    # (Christmas Day substitute), 2 Jan (New Year's Day substitute) and weekends.
    # Counted: 28, 29, 30 Dec and 3, 4, 5, 6 Jan = 7.
    many_cases.store_many(env, [_year()[0]])
    stage1 = statistics.compute(env, START, END)["statutory"]["stages"]["stage1"]
    assert stage1["timeliness"]["average_working_days"] == 7.0


def test_council_closure_days_do_not_count(env: Env) -> None:
    many_cases.store_many(env, [_year()[0]])
    with env.uow() as session:
        settings_store.set_closure_days(
            session, [(d("2022-12-28"), "Christmas"), (d("2022-12-29"), "Christmas")]
        )
    stage1 = statistics.compute(env, START, END)["statutory"]["stages"]["stage1"]
    assert stage1["timeliness"]["average_working_days"] == 5.0


def test_suspended_working_days_do_not_count(env: Env) -> None:
    # B takes 18 working days; its clock stopped Mon 4 to Fri 8 April (end = Mon 11): 5 days.
    b = _year()[1]
    b.stages[0].suspensions = [Suspension(d("2022-04-04"), d("2022-04-11"), "advocate")]
    many_cases.store_many(env, [b])
    stage1 = statistics.compute(env, START, END)["statutory"]["stages"]["stage1"]
    assert stage1["timeliness"]["average_working_days"] == 13.0
    assert stage1["timeliness"]["within_extended"] == 1


def test_received_based_tables(year: Env) -> None:
    stats = statistics.compute(year, START, END)["statutory"]
    # Received in the period: A, B, C, F, G, H, I (not D, E, J, L, M, nor the adult N).
    assert stats["received"] == 7
    assert stats["early_resolution"] == 1
    assert stats["by_relationship"] == {
        "child or young person": 1,
        "parent": 2,
        "advocate or representative": 0,
        "foster carer": 1,
        "special guardian": 0,
        "adopter": 0,
        "other relative": 0,
        "solicitor": 1,
        "other": 1,
        "not recorded": 1,
    }
    assert stats["by_channel"] == {
        "email": 2,
        "web form": 1,
        "telephone": 1,
        "letter": 1,
        "in person": 1,
        "other": 0,
        "not recorded": 1,
    }
    assert stats["advocacy"] == 2
    assert stats["equality"] == {
        "age_band": {
            "under 18": 1,
            "18-25": 0,
            "26-35": 0,
            "36-50": 0,
            "51-65": 0,
            "over 65": 0,
            "not stated": 6,
        },
        "gender": {"female": 2, "male": 1, "other": 0, "not stated": 4},
        "ethnicity": {
            "Asian or Asian British": 0,
            "Black or Black British": 0,
            "Mixed or multiple": 0,
            "White": 1,
            "Other ethnic group": 0,
            "not stated": 6,
        },
        "disability": {"yes": 1, "no": 1, "not stated": 5},
        "sexual_orientation": {
            "heterosexual": 0,
            "gay or lesbian": 0,
            "bisexual": 0,
            "other": 0,
            "not stated": 7,
        },
    }


def test_by_type_uses_final_outcomes_of_cases_received(year: Env) -> None:
    by_type = statistics.compute(year, START, END)["statutory"]["by_type"]
    # A partly upheld (both its types), B not upheld, F not upheld at stage 2 (its stage 3
    # was withdrawn), G upheld, C unanswered and H inconclusive count under "cases" only.
    # "Other" is listed only by D (received before) and E (after): absent.
    assert by_type == {
        ATTITUDE: {"cases": 3, "upheld_or_partly": 1, "not_upheld": 2},
        DECISION: {"cases": 2, "upheld_or_partly": 2, "not_upheld": 0},
        DELAY: {"cases": 2, "upheld_or_partly": 0, "not_upheld": 0},
    }


def test_by_team_counts_each_team_a_case_names(year: Env) -> None:
    by_team = statistics.compute(year, START, END)["statutory"]["by_team"]
    # Alpha: stage 1 of A, C, F; stage 2 and 3 of F; A partly upheld.
    # Beta: stage 1 of A and B; stage 2 of G. Gamma: stage 1 of H; D's answer (upheld) fell
    # in the period though its stage 1 began before. Delta (E, after the period): absent;
    # J (Gamma) only withdrew in the period.
    assert by_team == {
        "Alpha": {"stage1": 3, "stage2": 1, "stage3": 1, "stage1_upheld_or_partly": 1},
        "Beta": {"stage1": 2, "stage2": 1, "stage3": 0, "stage1_upheld_or_partly": 1},
        "Gamma": {"stage1": 1, "stage2": 0, "stage3": 0, "stage1_upheld_or_partly": 1},
    }


def test_retired_and_renamed_names_still_count_under_their_current_spelling(year: Env) -> None:
    with year.uow() as session:
        vocabularies.set_retired(session, "team", "Gamma", True)
        vocabularies.rename(session, "team", "Beta", "Beta North")
        vocabularies.set_retired(session, "type", DELAY, True)
    stats = statistics.compute(year, START, END)["statutory"]
    assert list(stats["by_team"]) == ["Alpha", "Beta North", "Gamma"]
    assert stats["by_team"]["Beta North"]["stage1"] == 2
    assert stats["by_type"][DELAY]["cases"] == 2


def test_remedies_costs_and_history(year: Env) -> None:
    stats = statistics.compute(year, START, END)["statutory"]
    # Answered (or withdrawn) in the period: A, B, D, F, G, H, J. C's remedy: not answered.
    assert stats["remedies"] == {"apology": 2, "explanation": 2, "service provided": 1}
    # F stage 2 £1,000.50 + G stage 2 £2,000.00 + J stage 2 £5.00 (withdrawn in period).
    assert stats["costs"] == 3005.5
    assert stats["history"] == {
        "2018/19": 1,
        "2019/20": 0,
        "2020/21": 0,
        "2021/22": 2,
        "2022/23": 7,
    }


def test_ombudsman_and_contacts(year: Env) -> None:
    stats = statistics.compute(year, START, END)
    # D referred and decided (upheld, £250); F referred, decided after the period;
    # the adult case's referral is not part of these statistics.
    assert stats["lgsco"] == {
        "referred": 2,
        "decided": {
            "out of jurisdiction": 0,
            "closed after initial enquiries": 0,
            "referred back for local resolution": 0,
            "not upheld": 0,
            "upheld": 1,
            "investigation discontinued": 0,
        },
        "payments": 250.0,
        # D's remedies due in the period: one on time, one late, one not done, one done
        # only after the period; one due after it and the adult case's are not counted.
        "recommendations": {"due": 4, "on_time": 1, "late": 1, "outstanding": 2},
    }
    assert stats["contacts"] == {
        "compliment": {"total": 2, "by_team": {"Alpha": 2, "Beta": 1}},
        "mp enquiry": {"total": 0, "by_team": {}},
        "councillor enquiry": {"total": 0, "by_team": {}},
        "query": {"total": 1, "by_team": {}},
        "duty": {"total": 0, "by_team": {}},
    }


def test_period_and_an_empty_corporate_procedure(year: Env) -> None:
    stats = statistics.compute(year, START, END)
    assert stats["period"] == {"from": "2022-04-01", "to": "2023-03-31"}
    corporate = stats["corporate"]
    assert corporate["received"] == 0
    assert corporate["stages"] == {f"stage{n}": _zero_stage() for n in (1, 2, 3)}
    assert corporate["by_type"] == corporate["by_team"] == corporate["remedies"] == {}
    assert corporate["costs"] == 0.0
    # no corporate case at all: the database cannot know any year ("not recorded")
    assert set(corporate["history"].values()) == {None}


def _corporate() -> list[Case]:
    """Four corporate stage-1 answers taking 0, 0, 0 and 1 working days; one stage 2 of 22."""
    monday = d("2022-10-03")
    same_day = [
        Case(
            "corporate",
            monday,
            reference=f"P{n}",
            stages=[Stage(1, start=monday, response=monday, outcome="not upheld")],
        )
        for n in range(3)
    ]
    # stage 2 Mon 10 Oct -> Wed 9 Nov 2022: 11-14, 17-21, 24-28, 31-4, 7-9 = 22 days
    escalated = Case(
        "corporate",
        monday,
        reference="P3",
        teams=["Corporate team"],
        stages=[
            Stage(1, start=monday, response=d("2022-10-04"), outcome="not upheld"),
            Stage(2, requested=d("2022-10-10"), response=d("2022-11-09"), outcome="upheld"),
        ],
    )
    return [*same_day, escalated]


def test_corporate_limits_and_rounding_half_up(env: Env) -> None:
    many_cases.store_many(env, _corporate())
    stages = statistics.compute(env, START, END)["corporate"]["stages"]
    # mean 1 / 4 = 0.25 rounds half up to 0.3 (Python's round() would give 0.2)
    assert stages["stage1"]["timeliness"] == {
        "within_standard": 4,
        "within_extended": 0,
        "exceeded": 0,
        "late": 0,
        "average_working_days": 0.3,
    }
    # 22 days: over the corporate stage-2 limit of 20, within its extension to 40
    # (the statutory limit of 25 would have counted it within standard).
    assert stages["stage2"]["timeliness"] == {
        "within_standard": 0,
        "within_extended": 1,
        "exceeded": 0,
        "late": 1,  # no extension agreed: over the 20 that applied
        "average_working_days": 22.0,
    }
    assert stages["stage3"] == _zero_stage()


def test_changed_procedure_settings_change_the_timeliness_bands(env: Env) -> None:
    many_cases.store_many(env, [*_corporate(), _year()[0]])
    base = Settings()
    longer_corporate = replace(
        base.corporate,
        stages=(base.corporate.stages[0], replace(base.corporate.stages[1], standard=25)),
    )
    shorter_statutory = replace(
        base.statutory,
        stages=(StageRule(standard=5, extended=6), *base.statutory.stages[1:]),
    )
    with env.uow() as session:
        settings_store.put(
            session,
            "procedures",
            replace(base, corporate=longer_corporate, statutory=shorter_statutory).to_dict(),
        )
    stats = statistics.compute(env, START, END)
    assert stats["corporate"]["stages"]["stage2"]["timeliness"]["within_standard"] == 1
    # A took 7 working days: over the new limit of 5 and its extension to 6.
    assert stats["statutory"]["stages"]["stage1"]["timeliness"] == {
        "within_standard": 0,
        "within_extended": 0,
        "exceeded": 1,
        "late": 1,
        "average_working_days": 7.0,
    }


def test_a_period_ending_before_it_starts_is_refused(env: Env) -> None:
    with pytest.raises(ValidationFailed, match="before it starts"):
        statistics.compute(env, END, START)


@pytest.mark.parametrize(
    ("first", "known"),
    [
        # the year 2020/21 ends on 31 March 2021: a first case that day makes it known
        (d("2021-03-31"), {"2020/21", "2021/22", "2022/23"}),
        (d("2021-04-01"), {"2021/22", "2022/23"}),
        (d("2023-03-31"), {"2022/23"}),
    ],
)
def test_history_is_not_recorded_before_the_first_case(
    env: Env, first: date, known: set[str]
) -> None:
    many_cases.store_many(env, [Case("statutory", first, reference="FIRST", resolved_early=first)])
    history = statistics.compute(env, START, END)["statutory"]["history"]
    assert {year for year, n in history.items() if n is not None} == known
    assert [n for n in history.values() if n is not None] == [1] + [0] * (len(known) - 1)
    # the corporate procedure has no case at all: nothing is known
    assert set(statistics.compute(env, START, END)["corporate"]["history"].values()) == {None}


def test_history_covers_the_five_years_to_the_one_holding_the_end(year: Env) -> None:
    history = statistics.compute(year, d("2023-04-01"), d("2023-04-30"))["statutory"]["history"]
    assert history == {
        "2019/20": 0,
        "2020/21": 0,
        "2021/22": 2,
        "2022/23": 7,
        "2023/24": 1,
    }


def test_write_json_writes_utf8_indented_and_replaces_the_file(year: Env, tmp_path: Path) -> None:
    stats = statistics.compute(year, START, END)
    stats["statutory"]["by_team"]["Équipe d'accueil"] = {"stage1": 1}
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "stats.json"
    out.write_text("old", encoding="utf-8")
    statistics.write_json(stats, out)
    text = out.read_text(encoding="utf-8")
    assert json.loads(text) == stats
    assert "Équipe d'accueil" in text
    assert text.startswith('{\n  "period": {\n    "from": "2022-04-01"')
    assert [p.name for p in folder.iterdir()] == ["stats.json"]


def test_write_json_failure_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "stats.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        statistics.write_json({"bad": object()}, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["stats.json"]
