"""Reports: the theme tables (upheld themes of complaints' elements per procedure, contacts
by kind and lead team, compliments by theme), suppression applied.

- **Upheld themes**: elements upheld or partly upheld at their last finding, by the theme
  (complaint type) recorded on each element, and the complaints with at least one such
  element as a % of the complaints with any (as councils publish "57% of upheld
  complaints had an element about communication"). A complaint of several themes counts
  under each, so the complaints column adds up to nothing: each is at most the printed
  number of upheld complaints; the elements column adds up to the printed upheld elements.
  A row whose complaints are hidden hides its elements and % too.
- **Contacts by kind and lead team**: a cross table whose row and column totals are both
  printed, judged by ``domain.cross_suppression`` (each compliment cell is also at most
  the compliments naming that team, printed in "Compliments by team").
- **Compliments by theme**: a compliment of several themes counts under each (at most the
  compliments received).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from complaints_desktop.domain import vocab
from complaints_desktop.domain.cross_suppression import protect_grid
from complaints_desktop.domain.suppression import (
    SUPPRESSED,
    BoundRule,
    SumRule,
    disclosed,
    is_small,
)
from complaints_desktop.domain.views import UpheldThemes
from complaints_desktop.reports.annual.model import ReportData
from complaints_desktop.reports.annual.tables import (
    KIND_LABELS,
    PROCEDURE_NAMES,
    WITHHELD_NOTE,
    Cell,
    CellId,
    Protection,
    TableSpec,
    counted_list,
    percent,
    suppression_note,
)

NOT_RECORDED = "Theme not recorded"
NO_TEAM = "No team named"


def theme_tables(
    data: ReportData, threshold: int, printed: Mapping[str, TableSpec] | None = None
) -> dict[str, TableSpec]:
    """The theme tables: ``statutory.upheld_themes``, ``corporate.upheld_themes``,
    ``contacts_by_team`` and ``compliment_themes`` (``printed``: the report's other tables,
    whose figures a reader can set beside these)."""
    tables: dict[str, TableSpec] = {}
    for procedure in vocab.REPORTED_PROCEDURES:
        found = (data.upheld_themes or {}).get(procedure)
        tables[f"{procedure}.upheld_themes"] = upheld_themes_table(procedure, found, threshold)
    tables["contacts_by_team"] = contacts_by_team_table(data, threshold, printed or {})
    received = data.stats["contacts"].get("compliment")
    compliments = int(received["total"]) if received else 0
    themes = dict(data.compliment_themes or {})
    by_theme = counted_list(
        "Compliments by theme",
        "Compliments by theme",
        "Theme",
        {
            (name.capitalize() if name else "No theme recorded"): n
            for name, n in sorted(themes.items(), key=lambda kv: (not kv[0], -kv[1], kv[0]))
        },
        threshold,
        protect=True,
        value_heading="Compliments",
        printed_total=compliments,
        additive=False,
    )
    tables["compliment_themes"] = replace(
        by_theme,
        note=" ".join(
            filter(
                None,
                (
                    "Compliments received in the period; one that praised several things "
                    "counts under each.",
                    by_theme.note,
                ),
            )
        ),
    )
    return tables


def _hide_rows(
    elements: list[int], complaints: list[int], threshold: int, total: int, upheld: int
) -> set[int] | None:
    """Rows to hide: those with few complaints, then the smallest others until no hidden
    count can be worked out (None: none will do)."""
    rows = set(range(len(elements)))
    hidden = {
        i for i in rows if is_small(complaints[i], threshold) or is_small(elements[i], threshold)
    }
    while True:
        values, secret, sums, bounds = _rules(elements, complaints, hidden, total, upheld)
        if not disclosed(values, secret, threshold, sums, bounds):
            return hidden
        others = [i for i in rows - hidden if elements[i] > 0]
        if not others:
            return None
        hidden.add(min(others, key=lambda i: (complaints[i], elements[i], i)))


def _rules(
    elements: list[int], complaints: list[int], hidden: set[int], total: int, upheld: int
) -> tuple[dict[CellId, int], set[CellId], tuple[SumRule, ...], tuple[BoundRule, ...]]:
    values: dict[CellId, int] = {}
    for i, (e, c) in enumerate(zip(elements, complaints, strict=True)):
        values[(i, 1)], values[(i, 2)] = e, c
    secret = {(i, j) for i in hidden for j in (1, 2)}
    sums = (SumRule(tuple((i, 1) for i in range(len(elements))), total),)
    bounds = (BoundRule(tuple((i, 2) for i in range(len(elements))), upheld),)
    return values, secret, sums, bounds


def upheld_themes_table(procedure: str, found: UpheldThemes | None, threshold: int) -> TableSpec:
    """One procedure's upheld themes (themes with no upheld element left out)."""
    label = PROCEDURE_NAMES[procedure]
    prefix = "S" if procedure == "statutory" else "C"
    headers = ("Theme", "Upheld elements", "Complaints", "Of upheld complaints (%)")
    kinds = ("text", "count", "count", "number")
    key, title = f"{prefix} upheld themes", f"{label}: upheld themes"
    note = (
        "Elements (the separate parts of a complaint) upheld or partially upheld at their "
        "last finding, the stage that found on them answered in the period, by the theme "
        "recorded on each. Complaints: those with at least one such element; the % is of "
        "the complaints with any upheld element (the last line). A complaint of several "
        "themes counts under each."
    )
    if found is None or not found.elements:
        return TableSpec(key=key, title=title, headers=headers, rows=(), kinds=kinds, note=note)
    items = sorted(found.by_theme.items(), key=lambda kv: (not kv[0], -kv[1][1], -kv[1][0], kv[0]))
    labels = [name or NOT_RECORDED for name, _ in items]
    elements = [e for _, (e, _) in items]
    complaints = [c for _, (_, c) in items]
    th = threshold if threshold > 1 else 0
    hidden = _hide_rows(elements, complaints, th, found.elements, found.complaints) if th else set()
    if hidden is None:
        return TableSpec(
            key=key, title=title, headers=headers, rows=(), kinds=kinds, withheld=WITHHELD_NOTE
        )
    rows: list[tuple[Cell, ...]] = []
    for i, name in enumerate(labels):
        if i in hidden:
            rows.append((name, SUPPRESSED, SUPPRESSED, SUPPRESSED))
        else:
            rows.append(
                (name, elements[i], complaints[i], percent(complaints[i], found.complaints))
            )
    rows.append(("Upheld in all (any theme)", found.elements, found.complaints, 100.0))
    suppressed = bool(hidden)
    values, _, sums, bounds = _rules(elements, complaints, hidden, found.elements, found.complaints)
    return TableSpec(
        key=key,
        title=title,
        headers=headers,
        rows=tuple(rows),
        kinds=kinds,
        total_last=True,
        suppressed=suppressed,
        note=" ".join(filter(None, (note, suppression_note(suppressed, threshold)))),
        protection=Protection(values=values, threshold=th, sums=sums, bounds=bounds)
        if th
        else None,
    )


def _printed_compliments(data: ReportData, printed: Mapping[str, TableSpec]) -> dict[str, int]:
    """Team -> the compliments naming it, as a reader finds them in "Compliments by team"
    (its printed counts; without that table every true count, the strongest reader)."""
    shown = printed.get("compliments")
    if shown is None:
        received = data.stats["contacts"].get("compliment")
        return dict(received["by_team"]) if received else {}
    return {str(row[0]): row[1] for row in shown.rows if isinstance(row[1], int)}


def contacts_by_team_table(
    data: ReportData, threshold: int, printed: Mapping[str, TableSpec] | None = None
) -> TableSpec:
    """Contacts received by kind (columns) and lead team (rows), with both totals
    (``printed``: the report's other tables, for the figures a reader can set beside it)."""
    found = data.contact_teams or {}
    kinds = [k for k in (*vocab.CONTACT_KINDS, *sorted(set(found) - set(vocab.CONTACT_KINDS)))]
    kinds = [k for k in kinds if sum(found.get(k, {}).values())]
    teams = sorted(
        {team for per in found.values() for team in per},
        key=lambda team: (not team, -sum(found.get(k, {}).get(team, 0) for k in kinds), team),
    )
    headers = ("Lead team", *(KIND_LABELS.get(k, k.capitalize()) for k in kinds), "Total")
    column_kinds = ("text", *("count" for _ in kinds), "count")
    key, title = "Contacts by team", "Compliments, enquiries and other contacts by lead team"
    note = (
        "Contacts received in the period, under the first team each names (its lead team). "
        "Compliments by team, above, counts every team a compliment names."
    )
    if not kinds:
        return TableSpec(
            key=key, title=title, headers=headers, rows=(), kinds=column_kinds, note=note
        )
    counts = [[int(found.get(k, {}).get(team, 0)) for k in kinds] for team in teams]
    th = threshold if threshold > 1 else 0
    spec_start = TableSpec(
        key=key, title=title, headers=headers, rows=(), kinds=column_kinds, note=note
    )
    by_team = _printed_compliments(data, printed or {})
    bounds: dict[CellId, int] = {}
    if "compliment" in kinds:
        j = kinds.index("compliment")
        for i, team in enumerate(teams):
            if team in by_team:
                bounds[(i, j)] = int(by_team[team])
    if len(kinds) == 1:  # one column: its row totals would repeat it (and give every c away)
        return _one_kind_table(
            replace(spec_start, headers=headers[:-1], kinds=column_kinds[:-1]),
            teams,
            [row[0] for row in counts],
            th,
            threshold,
            {i: b for (i, _), b in bounds.items()},
        )
    labels = [team or NO_TEAM for team in teams]
    hidden: set[CellId] | None = set()
    if th:
        # Teams with few contacts are one row: a team's printed total of 1-4 would say
        # what its few contacts were; then more, the smallest first, while needed.
        folded = {i for i, row in enumerate(counts) if sum(row) < th}
        while True:
            labels, counts_shown, limits = _fold(teams, counts, bounds, folded)
            hidden = protect_grid(counts_shown, th, limits)
            if hidden is not None or len(folded) == len(counts):
                break
            rest = [i for i in range(len(counts)) if i not in folded]
            folded.add(min(rest, key=lambda i: (sum(counts[i]), i)))
        counts, bounds = counts_shown, limits
        if len(folded) == len(teams):  # one row of totals printed elsewhere: nothing to say
            hidden = None
        elif folded:
            note += (
                f" Other teams: those with fewer than {th} contacts in the period (and, where "
                "needed so that no small count can be worked out, the next smallest)."
            )
    if hidden is None:
        return replace(spec_start, note="", withheld=WITHHELD_NOTE)
    rows: list[tuple[Cell, ...]] = [
        (
            label,
            *(SUPPRESSED if (i, j) in hidden else v for j, v in enumerate(counts[i])),
            sum(counts[i]),
        )
        for i, label in enumerate(labels)
    ]
    rows.append(
        (
            "Total",
            *(sum(row[j] for row in counts) for j in range(len(kinds))),
            sum(map(sum, counts)),
        )
    )
    suppressed = bool(hidden)
    # The audit reads table cells: a count's column is one right of its kind (the label).
    values = {(i, j + 1): v for i, row in enumerate(counts) for j, v in enumerate(row)}
    return TableSpec(
        key=key,
        title=title,
        headers=headers,
        rows=tuple(rows),
        kinds=column_kinds,
        total_last=True,
        suppressed=suppressed,
        note=" ".join(filter(None, (note, suppression_note(suppressed, threshold)))),
        protection=Protection(
            values=values,
            threshold=th,
            bounds=tuple(BoundRule(((i, j + 1),), b) for (i, j), b in bounds.items()),
            grid=True,
        )
        if th
        else None,
    )


def _one_kind_table(
    spec: TableSpec,
    teams: list[str],
    values: list[int],
    th: int,
    threshold: int,
    bounds: dict[int, int],
) -> TableSpec:
    """Contacts of one kind by lead team: a list adding up to the kind's printed total."""
    total = sum(values)
    cells = tuple((i, 1) for i in range(len(values)))
    limits = tuple(BoundRule(((i, 1),), b) for i, b in bounds.items())
    known = {(i, 1): v for i, v in enumerate(values)}
    hidden = {c for c, v in known.items() if is_small(v, th)}
    while disclosed(known, hidden, th, (SumRule(cells, total),), limits):
        others = [c for c, v in known.items() if c not in hidden and v > 0]
        if not others:
            break
        hidden.add(min(others, key=lambda c: (known[c], c)))
    flags: tuple[bool, ...] | None = tuple((i, 1) in hidden for i in range(len(values)))
    if th and disclosed(known, hidden, th, (SumRule(cells, total),), limits):
        flags = None
    if flags is None:
        return replace(spec, note="", withheld=WITHHELD_NOTE)
    rows: list[tuple[Cell, ...]] = [
        (team or NO_TEAM, SUPPRESSED if hidden_ else v)
        for team, v, hidden_ in zip(teams, values, flags, strict=True)
    ]
    rows.append(("Total", total))
    suppressed = any(flags)
    return replace(
        spec,
        rows=tuple(rows),
        total_last=True,
        suppressed=suppressed,
        note=" ".join(filter(None, (spec.note, suppression_note(suppressed, threshold)))),
        protection=Protection(
            values=known, threshold=th, sums=(SumRule(cells, total),), bounds=limits
        )
        if th
        else None,
    )


def _fold(
    teams: list[str], counts: list[list[int]], bounds: Mapping[CellId, int], folded: set[int]
) -> tuple[list[str], list[list[int]], dict[CellId, int]]:
    """The rows as printed: the teams kept, then one row adding up those ``folded`` (its
    compliments at most the sum of theirs printed, when every one of them is)."""
    kept = [i for i in range(len(teams)) if i not in folded]
    labels = [teams[i] or NO_TEAM for i in kept]
    rows = [list(counts[i]) for i in kept]
    limits = {(n, j): b for n, i in enumerate(kept) for (r, j), b in bounds.items() if r == i}
    if folded:
        none_named = any(not teams[i] for i in folded)
        labels.append("Other teams, or none named" if none_named else "Other teams")
        rows.append([sum(counts[i][j] for i in folded) for j in range(len(counts[0]))])
        for j in {j for _, j in bounds}:
            if all((i, j) in bounds for i in folded):
                limits[(len(kept), j)] = sum(bounds[(i, j)] for i in folded)
    return labels, rows, limits
