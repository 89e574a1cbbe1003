"""UI: every move of the data core as an action of the case view, with when it applies.

Each action names the dialog whose ``ask(parent, env, case)`` performs it, and a test of
the case saying whether the action makes sense now (the domain still refuses illegal
moves with a reason; disabling only spares the officer a pointless dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from complaints_desktop.domain.model import Case
from complaints_desktop.domain.procedures import Settings
from complaints_desktop.ui.dialogs import edit_details, ombudsman, records, response, stage_moves
from complaints_desktop.ui.views import officers


@dataclass(frozen=True)
class CaseAction:
    """A button or menu item of the case view."""

    key: str
    text: str
    dialog: Callable[[], type]
    applies: Callable[[Case, Settings], bool]
    main: bool = False
    shortcut: str = ""


def _live(case: Case) -> bool:
    return case.refused is None and case.withdrawn is None and case.resolved_early is None


def _open(case: Case) -> bool:
    stage = case.current_stage
    return _live(case) and stage is not None and stage.is_open


def _stopped(case: Case) -> bool:
    stage = case.current_stage
    return _open(case) and stage is not None and any(s.end is None for s in stage.suspensions)


def _at(number: int) -> Callable[[Case, Settings], bool]:
    def test(case: Case, _s: Settings) -> bool:
        stage = case.current_stage
        return _open(case) and stage is not None and stage.number == number

    return test


def _can_escalate(case: Case, settings: Settings) -> bool:
    stage = case.current_stage
    return (
        _live(case)
        and stage is not None
        and stage.response is not None
        and stage.outcome != "withdrawn"
        and stage.number < settings.procedure(case.procedure).last_stage
    )


def _panel_met(case: Case, settings: Settings) -> bool:
    stage = case.current_stage
    return _at(3)(case, settings) and stage is not None and stage.panel_date is not None


def _not_extended(case: Case, _s: Settings) -> bool:
    stage = case.current_stage
    return _open(case) and stage is not None and not stage.extended


def _unanswered(case: Case, _s: Settings) -> bool:
    return _live(case) and not any(s.response for s in case.stages)


ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "acknowledge",
        "&Acknowledge…",
        lambda: stage_moves.AcknowledgeDialog,
        lambda c, _s: (
            _live(c) and c.current_stage is not None and c.current_stage.acknowledged is None
        ),
        main=True,
        shortcut="Ctrl+Shift+A",
    ),
    CaseAction(
        "extend",
        "E&xtend…",
        lambda: stage_moves.ExtendDialog,
        _not_extended,
        main=True,
        shortcut="Ctrl+Shift+X",
    ),
    CaseAction(
        "suspend",
        "&Stop clock…",
        lambda: stage_moves.SuspendDialog,
        lambda c, _s: _open(c) and not _stopped(c),
        main=True,
    ),
    CaseAction(
        "resume",
        "Res&tart clock…",
        lambda: stage_moves.ResumeDialog,
        lambda c, _s: _stopped(c),
        main=True,
    ),
    CaseAction(
        "respond",
        "Record &response…",
        lambda: response.RecordResponseDialog,
        lambda c, _s: _open(c),
        main=True,
        shortcut="Ctrl+Shift+R",
    ),
    CaseAction(
        "escalate",
        "Esca&late…",
        lambda: stage_moves.EscalateDialog,
        _can_escalate,
        main=True,
        shortcut="Ctrl+Shift+L",
    ),
    CaseAction(
        "edit",
        "Edit &details…",
        lambda: edit_details.EditDetailsDialog,
        lambda _c, _s: True,
        main=True,
        shortcut="Ctrl+E",
    ),
    CaseAction(
        "agree_statement",
        "Statement of complaint a&greed…",
        lambda: stage_moves.AgreeStatementDialog,
        lambda c, s: c.procedure == "statutory" and _at(2)(c, s),
    ),
    CaseAction(
        "commission", "&Commission investigation…", lambda: stage_moves.CommissionDialog, _at(2)
    ),
    CaseAction(
        "arrange_panel", "Arrange review &panel…", lambda: stage_moves.ArrangePanelDialog, _at(3)
    ),
    CaseAction(
        "panel_report",
        "Panel report recei&ved…",
        lambda: stage_moves.PanelReportDialog,
        _panel_met,
    ),
    CaseAction(
        "refer_ombudsman",
        "Referred to the &Ombudsman…",
        lambda: ombudsman.ReferOmbudsmanDialog,
        lambda c, _s: c.ombudsman is None,
    ),
    CaseAction(
        "ombudsman_decision",
        "Ombudsman's &decision and remedies…",
        lambda: ombudsman.OmbudsmanDecisionDialog,
        lambda c, _s: c.ombudsman is not None,
    ),
    CaseAction(
        "assign",
        "Officer &handling…",
        lambda: officers.AssignDialog,
        lambda c, _s: bool(c.stages),
    ),
    CaseAction(
        "add_action",
        "Add learning &action…",
        lambda: records.LearningActionDialog,
        lambda _c, _s: True,
    ),
    CaseAction(
        "add_note",
        "Add &note…",
        lambda: records.NoteDialog,
        lambda _c, _s: True,
        shortcut="Ctrl+Shift+M",
    ),
    CaseAction(
        "resolve_early",
        "Resolved &early…",
        lambda: stage_moves.ResolveEarlyDialog,
        lambda c, s: _unanswered(c, s) and all(x.number <= 1 for x in c.stages),
    ),
    CaseAction(
        "withdraw", "&Withdrawn…", lambda: stage_moves.WithdrawDialog, lambda c, _s: _live(c)
    ),
    CaseAction("refuse", "Not accepted (re&fuse)…", lambda: stage_moves.RefuseDialog, _unanswered),
)

BY_KEY = {a.key: a for a in ACTIONS}

# The role check (domain.access) each action needs, where its name differs from the key.
PERMISSION = {
    "agree_statement": "agree statement",
    "arrange_panel": "arrange panel",
    "panel_report": "panel report",
    "refer_ombudsman": "refer to Ombudsman",
    "ombudsman_decision": "Ombudsman decision",
    "add_action": "add learning action",
    "add_note": "note",
    "resolve_early": "resolve early",
}


def permission(key: str) -> str:
    """The action name ``domain.access.allowed`` knows for the case action ``key``."""
    return PERMISSION.get(key, key)


AFTER_MOVE = {
    "refuse": ("refusal",),
    "withdraw": ("withdrawal",),
    "acknowledge": ("acknowledgement-child", "acknowledgement", "stage2-acknowledgement"),
    "extend": ("extension-child", "extension"),
    "respond": ("stage1-response-child", "stage1-response", "outcome"),
    "escalate": ("stage2-acknowledgement",),
    "agree_statement": ("stage2-acknowledgement",),
    "commission": ("stage2-commission",),
    "arrange_panel": ("panel-invitation-child", "panel-invitation"),
}
"""Move -> the letters that may go with it, the first that fits the case once saved."""


def letter_after(key: str, case: Case) -> str | None:
    """The letter that goes with move ``key`` once it is saved on ``case``, if any: the
    first of ``AFTER_MOVE[key]`` that fits it (each letter's own ``fits``)."""
    from complaints_desktop.services import letters  # the letters' stack, once a move is made

    return letters.first_fitting(case, AFTER_MOVE.get(key, ()))
