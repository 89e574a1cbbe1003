"""Reports: the fixed wording of the annual report (the councils' own vocabulary)."""

from __future__ import annotations

INTRODUCTION = """\
This report about {council}'s children's social care complaints covers {period}. The \
Children Act 1989 Representations Procedure (England) Regulations 2006 require the council \
to publish a report each year on the representations it receives: how many there were, who \
made them, what they were about, what was found, whether the time limits were kept, and \
what the council learned."""

PUBLISHED_NOTE = """\
The report contains no personal data and names no case. In tables broken down by \
relationship to the child, by team or by a personal characteristic, small numbers are \
shown as "c", and so is any other number that would let one be worked out; a breakdown \
that cannot be protected that way is not shown."""

INTERNAL_NOTE = """\
This is an internal copy: every number is shown, however small, so a complainant may be \
identifiable from it, and case numbers are printed. It is not for publication; a \
published report is made with small numbers suppressed."""

INTERNAL_MARKING = "INTERNAL - NOT FOR PUBLICATION"

DRAFT_MARKING = "DRAFT"


def marking(*, published: bool, draft: bool) -> str:
    """What every page says at its top: INTERNAL when suppression is off, DRAFT until the
    required words are written, both, or nothing."""
    return " · ".join(
        m for m in ("" if published else INTERNAL_MARKING, DRAFT_MARKING if draft else "") if m
    )


BULLETS = ("- ", "* ", "\u2022 ")


def list_items(text: str) -> list[str]:
    """The items of a list the team wrote: lines starting ``- ``, ``* `` or a bullet (a
    following line without one continues the item); without any, each paragraph."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    if not any(line.startswith(BULLETS) for line in lines):
        return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    items: list[str] = []
    for line in lines:
        if line.startswith(BULLETS):
            items.append(line[2:].strip())
        elif line and items:
            items[-1] = f"{items[-1]} {line}"
        elif line:
            items.append(line)
    return [item for item in items if item]
