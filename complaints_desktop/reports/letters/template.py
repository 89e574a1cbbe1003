"""Reports: the letter template language — a small, safe parser and renderer (no eval).

A template is plain text the team can edit:

- ``{complainant.name}`` is replaced by a fact of the case; ``{{`` and ``}}`` print braces.
- A blank line starts a new paragraph; a single line break stays a line break.
- ``# Heading`` is a bold line; ``- item`` is a bullet; ``**words**`` are bold.
- ``[if child]`` ... ``[else]`` ... ``[end]`` (each on a line of its own) keep or drop
  lines; ``[if not extended]`` reverses the test. A condition is one of ``CONDITIONS``
  or a placeholder name (true when the case has that fact).
- ``[signature]`` places the signatory's name and job title, with room to sign.

``parse`` refuses unknown placeholders (naming them) and broken conditions, listing every
problem with its line number. ``render`` turns a parsed template and the facts of one
case into ``Block`` s for the layout, and reports every placeholder it needed but the
case lacks, so that no letter is printed with a blank.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.reports.letters.vocabulary import CONDITIONS, PLACEHOLDERS

_DIRECTIVE = re.compile(
    r"^\s*\[(if\s+not|if|else|end|signature)(?:\s+([^\]]*?))?\s*\]\s*$", re.IGNORECASE
)
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")


@dataclass(frozen=True)
class Field:
    """A placeholder inside a line."""

    name: str


Part = str | Field


@dataclass(frozen=True)
class Line:
    """One template line: ``kind`` is text, heading, bullet, blank or signature."""

    kind: str
    parts: tuple[Part, ...]
    number: int


@dataclass(frozen=True)
class Branch:
    """``[if ...]`` with the lines kept when the test holds and those kept otherwise."""

    condition: str
    negated: bool
    then: tuple[Node, ...]
    otherwise: tuple[Node, ...]
    number: int


Node = Line | Branch


@dataclass(frozen=True)
class Template:
    """A parsed template."""

    nodes: tuple[Node, ...]
    placeholders: frozenset[str]


@dataclass
class Block:
    """A paragraph of the finished letter: lines of (text, bold) runs."""

    kind: str
    lines: list[list[tuple[str, bool]]] = field(default_factory=list)


@dataclass
class Rendered:
    """What ``render`` produced, which placeholders it printed, and which were blank."""

    blocks: list[Block]
    used: set[str]
    missing: list[str]


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" Did you mean {{{close[0]}}}?" if close else ""


def _parse_line(text: str, number: int, problems: list[str]) -> Line:
    kind, body = "text", text
    if not text.strip():
        return Line("blank", (), number)
    if text.startswith("# "):
        kind, body = "heading", text[2:].strip()
    elif text.lstrip().startswith("- "):
        kind, body = "bullet", text.lstrip()[2:]
    parts: list[Part] = []
    pos = 0
    for match in _TOKEN.finditer(body):
        if match.start() > pos:
            parts.append(body[pos : match.start()])
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif match.group(1) is None:
            problems.append(
                f"Line {number}: a '{token}' has no partner; write {{{{ or }}}} to print a brace."
            )
        else:
            name = match.group(1).strip()
            if name not in PLACEHOLDERS:
                problems.append(
                    f"Line {number}: {{{name}}} is not a placeholder this letter knows."
                    + _suggest(name, list(PLACEHOLDERS))
                )
            parts.append(Field(name))
        pos = match.end()
    if pos < len(body):
        parts.append(body[pos:])
    bold_marks = sum(p.count("**") for p in parts if isinstance(p, str))
    if bold_marks % 2:
        problems.append(f"Line {number}: a ** to start bold text has no closing **.")
    return Line(kind, tuple(parts), number)


def _check_condition(text: str, number: int, problems: list[str]) -> str:
    name = text.strip()
    if not name:
        problems.append(f"Line {number}: say what [if ...] tests, e.g. [if child].")
    elif name not in CONDITIONS and name not in PLACEHOLDERS:
        problems.append(
            f"Line {number}: [if {name}] tests something this letter does not know."
            + _suggest(name, [*CONDITIONS, *PLACEHOLDERS]).replace("{", "[if ").replace("}", "]")
        )
    return name


def parse(text: str) -> Template:
    """Parse template ``text``; ValidationFailed lists every problem with its line."""
    problems: list[str] = []
    # Each open [if] is (condition, negated, line number, then-nodes, else-nodes or None).
    stack: list[tuple[str, bool, int, list[Node], list[Node] | None]] = []
    top: list[Node] = []
    names: set[str] = set()

    def current() -> list[Node]:
        if not stack:
            return top
        otherwise = stack[-1][4]
        return otherwise if otherwise is not None else stack[-1][3]

    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        directive = _DIRECTIVE.match(raw)
        if directive is None:
            if re.search(r"\[(if|else|end|signature)\b[^\]]*\]", raw, re.IGNORECASE):
                problems.append(
                    f"Line {number}: put [if ...], [else] and [end] on lines of their own."
                )
            line = _parse_line(raw.rstrip(), number, problems)
            names.update(p.name for p in line.parts if isinstance(p, Field))
            current().append(line)
            continue
        word, arg = " ".join(directive.group(1).lower().split()), directive.group(2) or ""
        if word.startswith("if"):
            condition = _check_condition(arg, number, problems)
            if condition in PLACEHOLDERS:
                names.add(condition)
            stack.append((condition, word != "if", number, [], None))
        elif word == "else":
            if not stack or stack[-1][4] is not None:
                problems.append(f"Line {number}: [else] without an [if] before it.")
            else:
                condition, negated, start, then, _ = stack.pop()
                stack.append((condition, negated, start, then, []))
        elif word == "end":
            if not stack:
                problems.append(f"Line {number}: [end] without an [if] before it.")
            else:
                condition, negated, start, then, otherwise = stack.pop()
                branch = Branch(condition, negated, tuple(then), tuple(otherwise or ()), start)
                current().append(branch)
        else:
            current().append(Line("signature", (), number))
    for _, _, start, _, _ in stack:
        problems.append(f"Line {start}: this [if ...] has no [end].")
    if problems:
        raise ValidationFailed(problems)
    return Template(tuple(top), frozenset(names))


def _holds(branch: Branch, values: Mapping[str, str], flags: Mapping[str, bool]) -> bool:
    if branch.condition in CONDITIONS:
        result = bool(flags.get(branch.condition, False))
    else:
        result = bool(values.get(branch.condition, "").strip())
    return result != branch.negated


def _flatten(
    nodes: tuple[Node, ...], values: Mapping[str, str], flags: Mapping[str, bool]
) -> list[Line]:
    out: list[Line] = []
    for node in nodes:
        if isinstance(node, Line):
            out.append(node)
        else:
            kept = node.then if _holds(node, values, flags) else node.otherwise
            out.extend(_flatten(kept, values, flags))
    return out


def _runs(
    line: Line, values: Mapping[str, str], used: set[str], missing: list[str]
) -> list[list[tuple[str, bool]]]:
    """The line's text as lines of runs (a value with line breaks spans several lines)."""
    lines: list[list[tuple[str, bool]]] = [[]]
    bold = False
    for part in line.parts:
        if isinstance(part, Field):
            used.add(part.name)
            value = values.get(part.name, "").strip()
            if not value and part.name not in missing:
                missing.append(part.name)
            for index, piece in enumerate(value.split("\n")):
                if index:
                    lines.append([])
                lines[-1].append((piece.strip(), bold))
            continue
        for index, piece in enumerate(part.split("**")):
            if index:
                bold = not bold
            if piece:
                lines[-1].append((piece, bold))
    return lines


def render(template: Template, values: Mapping[str, str], flags: Mapping[str, bool]) -> Rendered:
    """The letter's blocks from ``template`` and one case's facts."""
    used: set[str] = set()
    missing: list[str] = []
    blocks: list[Block] = []
    paragraph: Block | None = None
    for line in _flatten(template.nodes, values, flags):
        if line.kind == "text":
            if paragraph is None:
                paragraph = Block("text")
                blocks.append(paragraph)
            paragraph.lines.extend(_runs(line, values, used, missing))
            continue
        paragraph = None
        if line.kind in ("heading", "bullet"):
            blocks.append(Block(line.kind, _runs(line, values, used, missing)))
        elif line.kind == "signature":
            blocks.append(Block("signature"))
    return Rendered(blocks, used, missing)


def plain_text(rendered: Rendered) -> str:
    """The rendered letter as plain text (for tests and previews without a PDF)."""
    out = []
    for block in rendered.blocks:
        text = "\n".join("".join(run for run, _ in line) for line in block.lines)
        out.append(("- " if block.kind == "bullet" else "") + text)
    return "\n\n".join(out)
