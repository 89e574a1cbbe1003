"""Domain: procedure settings (rules.md §1) as editable data, with the defaults.

Every timescale is a setting, never a constant in code: councils publish their own
variants. Settings are plain frozen dataclasses that round-trip through ``to_dict`` /
``from_dict`` so storage can keep them as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from complaints_desktop.domain.errors import ValidationFailed


@dataclass(frozen=True)
class StageRule:
    """Timescales of one stage, in working days.

    Attributes:
        standard: the limit for a response.
        extended: the limit once an extension is agreed.
        acknowledge: days to acknowledge the stage, or None when not required.
        request_window: days after the previous stage's response within which this stage
            may be requested (None for stage 1).
        from_acknowledgement: the response clock counts from the acknowledgement date
            when it is recorded (corporate procedure), else from the stage start.
    """

    standard: int
    extended: int
    acknowledge: int | None = None
    request_window: int | None = None
    from_acknowledgement: bool = False


@dataclass(frozen=True)
class PanelRule:
    """Stage 3 review panel: convene, report, and the council's response."""

    convene: int = 30
    report: int = 5
    respond: int = 15


@dataclass(frozen=True)
class ProcedureSettings:
    """One procedure's settings."""

    key: str
    name: str
    acknowledge: int
    stages: tuple[StageRule, ...]
    time_limit_months: int = 12
    panel: PanelRule | None = None
    agreed_response_months: int | None = None

    def rule(self, stage: int) -> StageRule | None:
        """The rule for ``stage`` (1-based), or None when the procedure has no such stage."""
        return self.stages[stage - 1] if 1 <= stage <= len(self.stages) else None

    @property
    def last_stage(self) -> int:
        """Number of the procedure's final stage."""
        return len(self.stages)


STATUTORY = ProcedureSettings(
    key="statutory",
    name="Children Act 1989 representations procedure",
    acknowledge=2,
    stages=(
        StageRule(standard=10, extended=20),
        StageRule(standard=25, extended=65, request_window=20),
        StageRule(standard=50, extended=50, request_window=20),
    ),
    panel=PanelRule(),
)

CORPORATE = ProcedureSettings(
    key="corporate",
    name="Corporate complaints procedure",
    acknowledge=5,
    stages=(
        StageRule(standard=10, extended=20, acknowledge=5, from_acknowledgement=True),
        StageRule(
            standard=20, extended=40, acknowledge=5, request_window=20, from_acknowledgement=True
        ),
    ),
)

ADULT = ProcedureSettings(
    key="adult",
    name="Adult social care complaints procedure",
    acknowledge=3,
    stages=(StageRule(standard=130, extended=130),),
    agreed_response_months=6,
)


@dataclass(frozen=True)
class Settings:
    """All procedure settings of a council, plus the enquiry response target."""

    statutory: ProcedureSettings = STATUTORY
    corporate: ProcedureSettings = CORPORATE
    adult: ProcedureSettings = ADULT
    enquiry_response: int = 10
    retention_years: int = 6
    extra: dict[str, Any] = field(default_factory=dict)

    def procedure(self, key: str) -> ProcedureSettings:
        """Settings of the procedure named ``key``."""
        if key == "statutory":
            return self.statutory
        if key == "corporate":
            return self.corporate
        if key == "adult":
            return self.adult
        raise ValidationFailed([f"unknown procedure {key!r}"])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every setting."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Rebuild settings from ``to_dict`` output; missing keys keep their defaults."""
        base = cls()
        values: dict[str, Any] = {}
        for key in ("statutory", "corporate", "adult"):
            if key in data:
                values[key] = _procedure_from_dict(getattr(base, key), data[key])
        for key in ("enquiry_response", "retention_years", "extra"):
            if key in data:
                values[key] = data[key]
        settings = replace(base, **values)
        validate(settings)
        return settings


def _procedure_from_dict(default: ProcedureSettings, data: dict[str, Any]) -> ProcedureSettings:
    stages = data.get("stages")
    panel = data.get("panel")
    return replace(
        default,
        acknowledge=int(data.get("acknowledge", default.acknowledge)),
        time_limit_months=int(data.get("time_limit_months", default.time_limit_months)),
        agreed_response_months=data.get("agreed_response_months", default.agreed_response_months),
        stages=tuple(StageRule(**s) for s in stages) if stages is not None else default.stages,
        panel=PanelRule(**panel) if panel else default.panel,
    )


def validate(settings: Settings) -> None:
    """Refuse settings that cannot work (negative days, extension shorter than standard)."""
    problems: list[str] = []
    for proc in (settings.statutory, settings.corporate, settings.adult):
        if proc.acknowledge < 0:
            problems.append(f"{proc.name}: acknowledgement days must not be negative")
        for number, rule in enumerate(proc.stages, start=1):
            if rule.standard < 1:
                problems.append(f"{proc.name}, stage {number}: the limit must be at least 1 day")
            if rule.extended < rule.standard:
                problems.append(
                    f"{proc.name}, stage {number}: the extended limit ({rule.extended}) "
                    f"is shorter than the standard limit ({rule.standard})"
                )
    if settings.enquiry_response < 1:
        problems.append("Enquiry response target must be at least 1 working day")
    if problems:
        raise ValidationFailed(problems)
