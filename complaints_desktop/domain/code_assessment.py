"""Domain: the self-assessment against the Ombudsman's Complaint Handling Code.

Section 8 of the Code asks a council to publish each year a complaint performance and
service improvement report that includes its self-assessment against the Code: each
requirement, whether the council complies, and the evidence. The team writes it as a
part of its words for the year (in the app or in the ``--text`` file), one requirement
per ``## `` line::

    ## 1.2 A complaint is an expression of dissatisfaction ...
    Compliant: yes
    Evidence: Complaints policy, section 2; the website's complaints page.

Text before the first ``## `` line is an introduction printed above the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from complaints_desktop.domain.errors import ValidationFailed

ANSWERS = {
    "yes": "Yes",
    "y": "Yes",
    "compliant": "Yes",
    "no": "No",
    "n": "No",
    "not compliant": "No",
    "partly": "Partly",
    "partial": "Partly",
    "partially": "Partly",
    "partially compliant": "Partly",
}
"""What may follow ``Compliant:`` and how the report prints it."""

CODE_SECTIONS = (
    "1. Definition of a complaint",
    "2. Exclusions",
    "3. Accessibility and awareness",
    "4. Complaint handling staff",
    "5. Complaint handling principles",
    "6. Complaint stages",
    "7. Putting things right",
    "8. Self-assessment, reporting and compliance",
    "9. Scrutiny and oversight: continuous learning and improvement",
)
"""The Code's sections, for the example the app offers when nothing is written yet."""

EXAMPLE = "\n\n".join(f"## {section}\nCompliant: yes\nEvidence: " for section in CODE_SECTIONS)


@dataclass(frozen=True)
class Requirement:
    """One requirement of the Code and the council's answer."""

    requirement: str
    compliant: str
    """``Yes``, ``No`` or ``Partly``."""
    evidence: str = ""


@dataclass(frozen=True)
class SelfAssessment:
    """The self-assessment as written: an introduction and the requirements."""

    introduction: str
    requirements: tuple[Requirement, ...]

    def counts(self) -> dict[str, int]:
        """How many requirements are answered Yes, Partly and No."""
        return {
            answer: sum(1 for r in self.requirements if r.compliant == answer)
            for answer in ("Yes", "Partly", "No")
        }


def parse(text: str, first_line: int = 1) -> SelfAssessment:
    """The self-assessment in ``text`` (see the module's docstring); ``first_line`` is
    the number of its first line in the file it came from (for the messages).

    Raises:
        ValidationFailed: a requirement without a ``Compliant:`` line, an answer that is
            not yes / no / partly, or a heading with no words; with the line number.
    """
    intro: list[str] = []
    rows: list[tuple[int, str, str | None, list[str]]] = []
    problems: list[str] = []
    in_evidence = False
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=first_line):
        stripped = line.strip()
        if stripped.startswith("## "):
            heading = stripped[3:].strip()
            if not heading:
                problems.append(f"line {number}: a '## ' line needs the requirement's words.")
            rows.append((number, heading, None, []))
            in_evidence = False
            continue
        if not rows:
            intro.append(line)
            continue
        key, _, value = stripped.partition(":")
        label = key.strip().casefold()
        if label == "compliant":
            answer = ANSWERS.get(" ".join(value.casefold().split()))
            if answer is None:
                problems.append(
                    f"line {number}: 'Compliant:' must be followed by yes, no or partly, "
                    f"not '{value.strip()}'."
                )
            first, heading, _old, evidence = rows[-1]
            rows[-1] = (first, heading, answer or "?", evidence)
            in_evidence = False
        elif label == "evidence":
            rows[-1][3].append(value.strip())
            in_evidence = True
        elif in_evidence or stripped:
            rows[-1][3].append(line.rstrip())
            in_evidence = True
    for first, heading, answer, _evidence in rows:
        if answer is None and heading:
            problems.append(
                f"line {first}: '{heading[:40]}' has no 'Compliant: yes / no / partly' line."
            )
    if problems:
        raise ValidationFailed(["Self-assessment: " + p for p in problems])
    return SelfAssessment(
        introduction="\n".join(intro).strip(),
        requirements=tuple(
            Requirement(heading, answer or "", "\n".join(evidence).strip())
            for _n, heading, answer, evidence in rows
        ),
    )
