"""Demo data: deterministic synthetic demo cases and contacts, built by legal workflow moves.

Every case is made by applying ``domain.workflow`` moves in date order, so a move the
rules refuse can never appear in demo data. Dates stop at ``today``: a step that would
fall later is simply not taken, which leaves recent cases open at a realistic point. A
few cases are placed on purpose so that the work queue shows every category (overdue,
due today, due this week, awaiting acknowledgement). Same seed, same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from complaints_desktop.demo import pools as pool
from complaints_desktop.demo import queue as demo_queue
from complaints_desktop.domain import workflow as wf
from complaints_desktop.domain.calendar import WorkingCalendar
from complaints_desktop.domain.model import (
    Advocacy,
    Case,
    Child,
    Contact,
    Element,
    LearningAction,
    LetterSent,
    Person,
    Recommendation,
)
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.domain.rules import route
from complaints_desktop.domain.vocab import (
    ACTION_STATUSES,
    CONTACT_PREFIX,
    DEFAULT_ADVOCACY_PROVIDERS,
    DEFAULT_REMEDIES,
    DEFAULT_TYPES,
    EQUALITY,
    FINDINGS,
    LGSCO_OUTCOMES,
    NOT_STATED,
    OTHER_PREFIX,
    REFUSAL_REASONS,
)


@dataclass(frozen=True)
class World:
    """What generation needs: the clock, the procedure settings and the calendar."""

    today: date
    settings: Settings
    cal: WorkingCalendar


def _pick(rng: random.Random, weights: Mapping[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Builder:
    """Builds one case at a time from a shared random stream."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.w = world
        self.rng = rng
        start = world.today - timedelta(days=260)
        self.recent = world.cal.working_days_in(start, world.today + timedelta(days=40))
        self.anchor = max(i for i, d in enumerate(self.recent) if d <= world.today)

    # -- dates ---------------------------------------------------------------------------
    def wd(self, start: date, days: int) -> date:
        return self.w.cal.add_working_days(start, max(days, 0))

    def back(self, days: int) -> date:
        """The working day ``days`` working days before the last working day <= today."""
        return self.recent[self.anchor - days]

    def ok(self, day: date | None) -> bool:
        return day is not None and day <= self.w.today

    # -- people ----------------------------------------------------------------------------
    def person(self, surname: str, female: bool) -> Person:
        rng = self.rng
        first = rng.choice(pool.FEMALE_NAMES if female else pool.MALE_NAMES)
        name = f"{first} {surname}"
        number = rng.randint(1, 180)
        lines = [f"{number} {rng.choice(pool.STREETS)}", rng.choice(pool.LOCALITIES), "Northbridge"]
        if rng.random() < 0.2:
            lines.insert(0, f"Flat {rng.randint(1, 40)}, {rng.choice(pool.SURNAMES)} House")
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = (
            f"NB{rng.randint(1, 14)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        )
        user = "".join(c for c in f"{first}.{surname}".lower() if c.isalnum() or c == ".")
        email = f"{user}{rng.randint(1, 99)}@example.{rng.choice(('com', 'org', 'net'))}"
        phone = (
            f"07700 900{rng.randint(0, 999):03d}"
            if rng.random() < 0.7
            else f"01632 960{rng.randint(0, 999):03d}"
        )
        return Person(
            name=name,
            address="\n".join([*lines, postcode]),
            email=email if rng.random() < 0.85 else "",
            phone=phone if rng.random() < 0.8 else "",
            preferred_contact=rng.choice(("email", "email", "letter", "telephone")),
            preferred_format=rng.choices(("", "large print", "easy read"), (90, 5, 5))[0],
            language=rng.choices(("", "Polish", "Urdu", "Arabic", "Romanian"), (88, 3, 3, 3, 3))[0],
        )

    def profile(self, received: date, procedure: str | None) -> Case:
        """A new case with who, what and about whom — no stage moves yet."""
        rng = self.rng
        while True:
            relationship = _pick(rng, pool.RELATIONSHIP_WEIGHTS)
            interest = relationship in ("other relative", "other") and rng.random() < 0.3
            routing = route(relationship, interest)
            if procedure is None or routing.procedure == procedure:
                break
        channels = dict(pool.CHANNEL_WEIGHTS)
        if received.year < 2008:
            channels["web form"] = 0
        if received.year < 2000:
            channels["email"] = 5
        team_names = list(pool.TEAMS)
        lead = rng.choices(team_names, weights=[pool.TEAMS[t][1] for t in team_names])[0]
        teams = [lead]
        if rng.random() < 0.15:
            teams.append(rng.choice([t for t in team_names if t != lead]))
        types = list(
            dict.fromkeys(
                rng.choices(DEFAULT_TYPES, pool.TYPE_WEIGHTS, k=rng.choice((1, 1, 2, 2, 3)))
            )
        )
        surname = rng.choice(pool.SURNAMES)
        age = rng.randint(16, 21) if lead == "Care Leavers" else rng.randint(0, 17)
        if relationship == "child or young person":
            age = max(age, 10)
        dob = received - timedelta(days=age * 365 + rng.randint(0, 364))
        child = Child(
            name=f"{rng.choice(pool.CHILD_NAMES)} {surname}",
            dob=dob,
            system_id=f"CS{rng.randint(100000, 999999)}",
        )
        if relationship == "child or young person":
            complainant = Person(name=child.name, email="", phone="")
            complainant.address = self.person(surname, True).address
        else:
            female = rng.random() < (0.75 if relationship == "parent" else 0.55)
            complainant = self.person(surname, female)
        elements = rng.sample(
            pool.ELEMENTS, rng.choices((1, 2, 3, 4, 5, 6), (30, 28, 20, 11, 7, 4))[0]
        )
        case = Case(
            procedure=routing.procedure,
            received=received,
            channel=_pick(rng, channels),
            relationship=relationship,
            service_area=pool.TEAMS[lead][0],
            teams=teams,
            types=types,
            summary=elements[0],
            complainant=complainant,
            child=child,
            eligibility_note=routing.reason,
        )
        case.elements = [Element(text=t, theme=pool.ELEMENT_THEMES.get(t, "")) for t in elements]
        if relationship == "advocate or representative":
            case.on_behalf_consent = "The young person agreed to the advocate complaining."
        case.equality = self.equality(relationship)
        case.advocacy = self.advocacy(case)
        case.restricted = rng.random() < 0.01
        return case

    def equality(self, relationship: str) -> dict[str, str]:
        rng = self.rng
        if relationship == "child or young person":
            age = "under 18" if rng.random() < 0.8 else "18-25"
        elif relationship in ("other relative", "special guardian"):
            age = rng.choice(("36-50", "51-65", "51-65", "over 65"))
        else:
            age = rng.choice(("18-25", "26-35", "26-35", "36-50", "36-50", "51-65"))
        weights = pool.EQUALITY_WEIGHTS
        out = {key: rng.choices(EQUALITY[key], w)[0] for key, w in weights.items()}
        return {"age_band": age if rng.random() < 0.8 else NOT_STATED, **out}

    def advocacy(self, case: Case) -> Advocacy:
        rng = self.rng
        child = case.relationship == "child or young person"
        if not child and rng.random() > 0.05:
            return Advocacy(used=False if rng.random() < 0.5 else None)
        offered = self.wd(case.received, rng.randint(0, 2))
        if not self.ok(offered):
            return Advocacy()
        accepted = rng.random() < (0.7 if child else 0.5)
        if not accepted:
            return Advocacy(used=False, offered=offered, decision="declined")
        referral = self.wd(offered, rng.randint(0, 3))
        first = rng.choice(pool.FEMALE_NAMES + pool.MALE_NAMES)
        return Advocacy(
            used=True,
            offered=offered,
            decision="accepted",
            provider=rng.choice(DEFAULT_ADVOCACY_PROVIDERS),
            referral=referral if self.ok(referral) else None,
            advocate_name=f"{first} {rng.choice(pool.SURNAMES)}",
        )

    # -- findings and answers --------------------------------------------------------------
    def outcome(self, stage: int) -> str:
        weights = {1: (15, 30, 48, 7), 2: (20, 35, 40, 5), 3: (15, 30, 50, 5)}[stage]
        return self.rng.choices(FINDINGS, weights)[0]

    def answer(self, case: Case, on: date, outcome: str) -> None:
        """Record the response ending the open stage, with a finding for every element."""
        rng = self.rng
        n = len(case.elements)
        outs = [outcome] * n
        if outcome == "partially upheld" and n > 1:
            outs = [rng.choice(("upheld", "partially upheld", "not upheld")) for _ in range(n)]
            outs[0], outs[-1] = "upheld", "not upheld"
        elif outcome == "inconclusive" and n > 1:
            outs = ["inconclusive"] + [rng.choice(("inconclusive", "not upheld")) for _ in outs[1:]]
        findings = {i: (o, rng.choice(pool.FINDING_TEXT[o])) for i, o in enumerate(outs)}
        remedies: list[str] = []
        if outcome in ("upheld", "partially upheld"):
            remedies = ["apology", *rng.sample(DEFAULT_REMEDIES[1:7], rng.randint(0, 2))]
        elif rng.random() < 0.5:
            remedies = ["explanation"]
        wf.record_response(case, on, outcome, self.w.today, findings, remedies)

    # -- one stage ---------------------------------------------------------------------------
    def run_stage(self, case: Case) -> bool:
        """Take the open stage as far as ``today`` allows; True when it was answered."""
        rng, today, settings = self.rng, self.w.today, self.w.settings
        stage = case.current_stage
        assert stage is not None
        assert stage.clock_start is not None
        n = stage.number
        rule = settings.procedure(case.procedure).rule(n)
        assert rule is not None
        ack = self.wd(stage.clock_start, rng.choices((0, 1, 2, 3, 6), (20, 40, 25, 10, 5))[0])
        if not self.ok(ack):
            return False
        wf.acknowledge(case, ack, today)
        statutory = case.procedure == "statutory"
        if n == 3:
            return self.panel(case)
        if n == 2 and statutory:
            assert stage.requested is not None
            agreed = self.wd(stage.requested, rng.randint(3, 20))
            if not self.ok(agreed):
                return False
            wf.agree_statement(case, agreed, today)
            io, ip = rng.sample(pool.INDEPENDENT_PEOPLE, 2)
            wf.commission(case, io, ip, rng.randint(15, 60) * 10000, rng.randint(6, 25) * 10000)
        clock = stage.acknowledged if rule.from_acknowledgement else stage.clock_start
        assert clock is not None
        lost = 0
        if rng.random() < 0.03:
            stop = self.wd(clock, 2)
            restart = self.wd(stop, rng.randint(3, 15))
            if not self.ok(stop):
                return False
            wf.suspend(case, stop, rng.choice(("Advocate being appointed", "Safeguarding")), today)
            if not self.ok(restart):
                return False
            wf.resume(case, restart, today)
            lost = self.w.cal.working_days_between(stop, restart)
        chance = 0.45 if n == 2 and statutory else 0.15
        extended = rule.extended > rule.standard and rng.random() < chance
        if extended:
            agreed = self.wd(clock, rng.randint(1, max(1, rule.standard - 1)))
            if not self.ok(agreed):
                return False
            wf.extend(case, agreed, rng.choice(pool.EXTENSION_REASONS), settings, today)
        limit = rule.extended if extended else rule.standard
        if rng.random() < 0.04:
            on = self.wd(clock, rng.randint(1, limit))
            if self.ok(on):
                wf.withdraw(case, on, today)
            return False
        if rng.random() < 0.2:
            taken = rng.randint(limit + 1, limit + 15)
        elif extended:
            taken = rng.randint(rule.standard + 1, limit)
        else:
            taken = rng.randint(max(1, limit // 4), limit)
        on = self.wd(clock, taken + lost)
        if not self.ok(on):
            return False
        self.answer(case, on, self.outcome(n))
        return True

    def panel(self, case: Case) -> bool:
        """Stage 3: arrange the panel, receive its report, respond."""
        rng, today = self.rng, self.w.today
        stage = case.current_stage
        assert stage is not None
        assert stage.requested is not None
        arranged = self.wd(stage.requested, 5)
        if not self.ok(arranged):
            return False
        s2 = case.stage(2)
        barred = s2.independent_person if s2 else ""
        members = rng.sample([m for m in pool.PANEL_MEMBERS if m != barred], 3)
        meets = self.wd(stage.requested, rng.randint(15, 36))
        wf.arrange_panel(case, members, meets, rng.randint(15, 45) * 10000)
        report = self.wd(meets, rng.randint(2, 7))
        if not self.ok(report):
            return False
        wf.panel_report(case, report, today)
        on = self.wd(report, rng.randint(8, 20))
        if not self.ok(on):
            return False
        self.answer(case, on, self.outcome(3))
        return True

    # -- whole case --------------------------------------------------------------------------
    def lifecycle(self, case: Case) -> None:
        """Take a new case through the procedure as far as ``today`` allows."""
        rng, today, settings = self.rng, self.w.today, self.w.settings
        fate = rng.random()
        if fate < 0.04:
            on = self.wd(case.received, rng.randint(1, 8))
            if self.ok(on):
                reason = rng.choice(REFUSAL_REASONS)
                wf.refuse(
                    case, on, reason, "Signposted to the Ombudsman and advice services.", today
                )
                return
        elif fate < 0.14:
            on = self.wd(case.received, rng.randint(0, 5))
            if self.ok(on):
                wf.resolve_early(case, on, today)
                return
        wf.start_stage1(case, case.received, today)
        self.handle(case)
        if not self.run_stage(case):
            return
        proc = settings.procedure(case.procedure)
        while True:
            stage = case.current_stage
            assert stage is not None
            assert stage.response is not None
            chance = {"upheld": 0.1, "partially upheld": 0.2}.get(stage.outcome, 0.28)
            if stage.number == 2:
                chance = 0.15
            if stage.number >= proc.last_stage or rng.random() >= chance:
                break
            rule = proc.rule(stage.number + 1)
            assert rule is not None
            assert rule.request_window is not None
            late = rng.random() < 0.08
            window = rule.request_window
            days = (
                rng.randint(window + 1, window + 25)
                if late
                else rng.randint(min(2, window), window)
            )
            requested = self.wd(stage.response, days)
            if not self.ok(requested):
                return
            self.escalate(case, requested)
            if not self.run_stage(case):
                return
        last = case.current_stage
        assert last is not None
        assert last.response is not None
        self.ombudsman(case, last.response, {1: 0.04, 2: 0.2, 3: 0.45}[last.number])
        self.actions(case, last.response)

    def handle(self, case: Case) -> None:
        stage = case.current_stage
        assert stage is not None
        before = case.stage(stage.number - 1)
        choices = [h for h in pool.HANDLERS if before is None or h != before.handler]
        stage.handler = self.rng.choice(choices)

    def ombudsman(self, case: Case, after: date, chance: float) -> None:
        rng, today = self.rng, self.w.today
        if rng.random() >= chance:
            return
        received = after + timedelta(days=rng.randint(15, 120))
        if not self.ok(received):
            return
        ref = f"{received.year % 100:02d} {rng.randint(0, 19):03d} {rng.randint(0, 999):03d}"
        wf.refer_ombudsman(case, ref, received, today)
        decided = received + timedelta(days=rng.randint(20, 240))
        if not self.ok(decided):
            return
        early = (case.current_stage.number if case.current_stage else 1) == 1
        outcome = rng.choices(
            LGSCO_OUTCOMES, (10, 45, 30, 5, 5, 5) if early else (5, 25, 5, 20, 35, 10)
        )[0]
        recs: list[Recommendation] = []
        if outcome == "upheld":
            for text, amount in rng.sample(pool.LGSCO_REMEDIES, rng.randint(1, 3)):
                target = decided + timedelta(days=rng.randint(20, 90))
                recs.append(Recommendation(description=text, target=target, amount=amount))
        wf.ombudsman_decision(case, decided, outcome, sum(r.amount for r in recs), recs, today)
        self.comply(case, decided)

    def comply(self, case: Case, decided: date) -> None:
        rng, today = self.rng, self.w.today
        assert case.ombudsman is not None
        for i, rec in enumerate(case.ombudsman.recommendations):
            assert rec.target is not None
            roll = rng.random()
            if rec.target > today:
                if roll < 0.3:
                    wf.remedy_compliance(case, i, today, "complete and satisfied", today)
                continue
            if roll < 0.75:
                done = max(decided, rec.target - timedelta(days=rng.randint(0, 15)))
                wf.remedy_compliance(case, i, done, "complete and satisfied", today)
            elif roll < 0.9 or rec.target < today - timedelta(days=180):
                done = rec.target + timedelta(days=rng.randint(1, 40))
                if self.ok(done):
                    wf.remedy_compliance(case, i, done, "completed late", today)
            else:
                wf.remedy_compliance(case, i, None, "not complete", today)

    def actions(self, case: Case, after: date) -> None:
        rng, today = self.rng, self.w.today
        if case.final_outcome not in ("upheld", "partially upheld") or rng.random() > 0.35:
            return
        stage = case.current_stage
        source = f"Stage {stage.number} response" if stage else "Complaint"
        for text in rng.sample(pool.ACTIONS, rng.choice((1, 1, 2))):
            target = after + timedelta(days=rng.randint(30, 120))
            if target > today:
                status = rng.choice(("planned", "in progress"))
            else:
                status = rng.choices(ACTION_STATUSES[1:], (12, 80, 8))[0]
            wf.add_action(
                case,
                LearningAction(
                    action=text,
                    source=source,
                    owner=f"Team manager, {case.lead_team}",
                    target=target,
                    status=status,
                    reason="Superseded by the new service model."
                    if status == "not implemented"
                    else "",
                    evidence="Team meeting minutes and audit." if status == "implemented" else "",
                ),
            )

    def escalate(self, case: Case, requested: date) -> None:
        """Open the next stage, recording why a request after the window was accepted."""
        settings = self.w.settings
        stage = case.current_stage
        assert stage is not None
        assert stage.response is not None
        rule = settings.procedure(case.procedure).rule(stage.number + 1)
        window = rule.request_window if rule and rule.request_window is not None else 0
        late = requested > self.wd(stage.response, window)
        reason = "Accepted late: the complainant was in hospital." if late else ""
        wf.escalate(case, requested, settings, self.w.cal, self.w.today, reason)
        self.handle(case)


def _reference(case: Case, prefixes: Mapping[str, str], numbers: dict[str, int]) -> str:
    stem = f"{prefixes.get(case.procedure, OTHER_PREFIX)}/{case.received.year % 100:02d}/"
    number = numbers.get(stem, 0) + 1
    numbers[stem] = number
    return f"{stem}{number:04d}"


def _spread(rng: random.Random, count: int, today: date, years: float) -> list[date]:
    """``count`` dates over the last ``years`` years, more in recent years, mostly weekdays."""
    span = max(int(years * 365.25), 1)
    out: list[date] = []
    for _ in range(count):
        day = today - timedelta(days=int((1 - rng.random() ** 0.8) * span))
        if day.weekday() >= 5 and rng.random() < 0.7:
            day = min(today, day + timedelta(days=7 - day.weekday()))
        out.append(day)
    out.sort()
    return out


def iter_cases(
    world: World,
    count: int,
    *,
    seed: int = 2026,
    years: float = 5.0,
    prefixes: Mapping[str, str],
    last_numbers: dict[str, int] | None = None,
) -> Iterator[Case]:
    """Yield ``count`` new demo cases in order of receipt, each with a fresh reference.

    Args:
        prefixes: procedure -> reference prefix (``CSC/24/0001``).
        last_numbers: reference stem (``CSC/24/``) -> highest number already used; updated.
    """
    rng = random.Random(seed)
    builder = Builder(world, rng)
    numbers = last_numbers if last_numbers is not None else {}
    names = pool.QUEUE_SCENARIOS
    crafted = min(count, max(len(names), min(60, count // 40)))
    placed = [
        demo_queue.placed(builder, names[i % len(names)], i // len(names)) for i in range(crafted)
    ]
    placed.sort(key=lambda c: c.received)
    for case in placed:
        case.letters = letters_for(case)
    for day in _spread(rng, count - crafted, world.today, years):
        while placed and placed[0].received <= day:
            case = placed.pop(0)
            case.reference = _reference(case, prefixes, numbers)
            yield case
        case = builder.profile(day, None)
        builder.lifecycle(case)
        case.letters = letters_for(case)
        case.reference = _reference(case, prefixes, numbers)
        yield case
    for case in placed:
        case.reference = _reference(case, prefixes, numbers)
        yield case


def letters_for(case: Case) -> list[LetterSent]:
    """The letters the team would have sent for what happened on ``case``, by date."""
    out: list[LetterSent] = []

    def sent(template: str, on: date | None, by: str) -> None:
        if on is not None:
            out.append(LetterSent(template, on, by.lower().replace(" ", ".") or "complaints"))

    child = case.relationship == "child or young person"
    sent("refusal", case.refused, "")
    sent("advocacy-referral", case.advocacy.referral, "")
    for stage in case.stages:
        first = "acknowledgement-child" if child else "acknowledgement"
        ack = {1: first, 2: "stage2-acknowledgement"}.get(stage.number)
        if ack:
            sent(ack, stage.acknowledged, stage.handler)
        sent("extension", stage.extension_agreed, stage.handler)
        if stage.investigating_officer:
            sent("stage2-commission", stage.start, stage.handler)
        if stage.panel_members:
            sent("panel-invitation", stage.acknowledged, stage.handler)
        if stage.outcome and stage.outcome != "withdrawn":
            cover = "stage1-response" if stage.number == 1 else "outcome"
            sent(cover, stage.response, stage.handler)
    sent("withdrawal", case.withdrawn, "")
    out.sort(key=lambda x: x.sent_on)
    return out


def generate_cases(world: World, count: int, **options: object) -> list[Case]:
    """``iter_cases`` as a list (see there for the options)."""
    return list(iter_cases(world, count, **options))  # type: ignore[arg-type]


def iter_contacts(
    world: World,
    count: int,
    *,
    seed: int = 2026,
    years: float = 5.0,
    prefix: str = CONTACT_PREFIX,
    last_numbers: dict[str, int] | None = None,
) -> Iterator[Contact]:
    """Yield ``count`` compliments, enquiries, queries and duty contacts, oldest first.

    References are ``PREFIX/YY/NNNN``; ``last_numbers`` as for ``iter_cases``.
    """
    rng = random.Random(seed + 1)
    praise = random.Random(seed + 2)  # its own stream: the other fields stay as they were
    themes, theme_weights = list(pool.COMPLIMENT_THEMES), list(pool.COMPLIMENT_THEMES.values())
    numbers = last_numbers if last_numbers is not None else {}
    wd = world.cal.add_working_days
    team_names = list(pool.TEAMS)
    weights = [pool.TEAMS[t][1] for t in team_names]
    for day in _spread(rng, count, world.today, years):
        kind = _pick(rng, pool.CONTACT_WEIGHTS)
        stem = f"{prefix}/{day.year % 100:02d}/"
        numbers[stem] = numbers.get(stem, 0) + 1
        answered = wd(day, rng.choices((0, 3, 8, 14), (20, 40, 30, 10))[0])
        teams = rng.choices(team_names, weights) if kind != "query" or rng.random() < 0.5 else []
        yield Contact(
            kind=kind,
            received=day,
            reference=f"{stem}{numbers[stem]:04d}",
            teams=teams,
            channel=_pick(rng, pool.CHANNEL_WEIGHTS),
            sender=rng.choice(pool.CONTACT_FROM[kind]),
            summary=rng.choice(pool.CONTACT_SUMMARIES[kind]),
            responded=answered if answered <= world.today else None,
            themes=list(
                dict.fromkeys(praise.choices(themes, theme_weights, k=praise.choice((1, 1, 2))))
            )
            if kind == "compliment"
            else [],
        )
