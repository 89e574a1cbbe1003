"""The letter template language: placeholders, conditions, refusals with line numbers."""

from __future__ import annotations

import pytest

from complaints_desktop.domain.errors import ValidationFailed
from complaints_desktop.reports.letters import catalogue
from complaints_desktop.reports.letters.template import parse, plain_text, render

VALUES = {"complainant.name": "Zoë Adams", "reference": "CSC/26/0001", "child.name": ""}


def rendered(
    text: str, flags: dict[str, bool] | None = None, values: dict[str, str] | None = None
) -> str:
    result = render(parse(text), values or VALUES, flags or {})
    assert result.missing == []
    return plain_text(result)


def test_placeholders_are_filled() -> None:
    assert rendered("Dear {complainant.name}, ref {reference}") == "Dear Zoë Adams, ref CSC/26/0001"


def test_unknown_placeholder_is_refused_by_name_with_a_suggestion() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse("Dear {complainant.nmae}\n\nYour ref {colour}")
    problems = caught.value.problems
    assert problems[0] == (
        "Line 1: {complainant.nmae} is not a placeholder this letter knows. "
        "Did you mean {complainant.name}?"
    )
    assert problems[1].startswith("Line 3: {colour} is not a placeholder")


def test_conditions_keep_or_drop_lines_and_nest() -> None:
    text = "A\n[if child]\nB\n[if extended]\nC\n[else]\nD\n[end]\n[end]\n[if not child]\nE\n[end]"
    assert rendered(text, {"child": True, "extended": False}) == "A\nB\nD"
    assert rendered(text, {"child": False}) == "A\nE"


def test_directives_ignore_case_and_spacing() -> None:
    assert rendered("[If  NOT child]\nA\n[End]", {"child": False}) == "A"


def test_a_placeholder_can_be_a_condition() -> None:
    text = "[if child.name]\nAbout {child.name}\n[else]\nNo child\n[end]"
    assert rendered(text) == "No child"
    assert rendered(text, values={"child.name": "Łukasz"}) == "About Łukasz"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[if child]\nA", "Line 1: this [if ...] has no [end]."),
        ("A\n[end]", "Line 2: [end] without an [if] before it."),
        ("[else]", "Line 1: [else] without an [if] before it."),
        ("[if sunshine]\nA\n[end]", "Line 1: [if sunshine] tests something"),
        ("[if]\nA\n[end]", "Line 1: say what [if ...] tests"),
        ("Hello [if child] there [end]", "Line 1: put [if ...], [else] and [end] on lines"),
        ("Price {", "Line 1: a '{' has no partner"),
        ("**bold", "Line 1: a ** to start bold text has no closing **."),
    ],
)
def test_broken_syntax_is_refused_with_its_line(text: str, problem: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse(text)
    assert caught.value.problems[0].startswith(problem)


def test_braces_bold_headings_bullets_and_paragraphs() -> None:
    result = render(
        parse("# Title {reference}\nline one\nline **two**\n\n- item {{x}}"), VALUES, {}
    )
    kinds = [b.kind for b in result.blocks]
    assert kinds == ["heading", "text", "bullet"]
    assert result.blocks[1].lines == [[("line one", False)], [("line ", False), ("two", True)]]
    assert result.blocks[2].lines == [[("item ", False), ("{", False), ("x", False), ("}", False)]]


def test_blank_facts_are_reported_not_printed() -> None:
    result = render(parse("About {child.name} and {summary}"), VALUES, {})
    assert result.missing == ["child.name", "summary"]


def test_values_are_never_interpreted() -> None:
    values = {**VALUES, "complainant.name": "{reference} **x** <b>"}
    assert rendered("Dear {complainant.name}", values=values) == "Dear {reference} **x** <b>"


@pytest.mark.parametrize("name", list(catalogue.LETTERS))
def test_every_shipped_template_is_valid(name: str) -> None:
    template = catalogue.check(name, catalogue.default_text(name))
    assert template.placeholders


def test_an_edit_dropping_required_content_is_refused() -> None:
    text = catalogue.default_text("extension").replace("{ombudsman.details}", "")
    with pytest.raises(ValidationFailed, match=r"Ombudsman's details: keep \{ombudsman.details\}"):
        catalogue.check("extension", text)
