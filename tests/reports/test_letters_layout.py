"""The letter layout: the address sits in the DL window, and no text leaves its box."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from complaints_desktop.reports.letters.layout import Letter, Letterhead, build_pdf
from complaints_desktop.reports.letters.template import Block

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="word boxes come from poppler's pdftotext -bbox, which Windows lacks; the layout "
    "is ReportLab's own (pure Python), the same on every system",
)

MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')
LONG_ADDRESS = [
    "Professor Dame Wilhelmina Alexandra Fortescue-Montgomery-Smythe OBE",
    "The Old Rectory Cottage, Lower Long Lane",
    "Little Snoring-on-the-Marsh",
    "Near Great Snoring",
    "Fakenham",
    "Norfolk",
    "NR21 0AA",
    "United Kingdom",
]


def words(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes in points from the top-left corner."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = html.split("<page ")[1:]
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(page)]
        for page in pages
    ]


def letter(recipient: list[str], paragraphs: int = 3, large: bool = False) -> Letter:
    body = "Zoë and Siobhán wrote to Łukasz about the long matter of the complaint. " * 12
    blocks = [Block("heading", [[("Your complaint", False)]])]
    blocks += [Block("text", [[(body, False)]]) for _ in range(paragraphs)]
    blocks += [Block("text", [[("Yours sincerely", False)]]), Block("signature")]
    return Letter(
        reference="CSC/26/0001",
        date="4 December 2026",
        recipient=recipient,
        blocks=blocks,
        signatory="Priya Sharma",
        job_title="Complaints Manager",
        large_print=large,
        details=[("E-mail", "complaints.and.representations@northmoor.example.gov.uk")],
    )


HEAD = Letterhead(
    name="Northmoor Borough Council",
    address="Civic Centre\nNorthmoor NM1 1AA",
    phone="020 7946 0000",
    footer="We use your information to deal with your complaint. " * 6,
)


@pytest.mark.parametrize("large", [False, True])
def test_long_address_stays_inside_the_window(large: bool) -> None:
    pages = words(build_pdf([letter(LONG_ADDRESS, large=large)], HEAD))
    expected = " ".join(LONG_ADDRESS).split()
    window = [w for w in pages[0] if w[0] < 110 * MM and 40 * MM < w[1] < 90 * MM]
    assert [w[4] for w in window] == expected
    for x0, y0, x1, y1, _ in window:
        assert x0 >= 20 * MM
        assert x1 <= 110 * MM
        assert y0 >= 46 * MM
        assert y1 <= 81 * MM


def test_no_word_leaves_the_page_margins_and_long_letters_continue() -> None:
    pages = words(build_pdf([letter(["Zoë Adams", "1 High Street"], paragraphs=9)], HEAD))
    assert len(pages) >= 2
    for number, page in enumerate(pages[1:], start=2):
        assert any(w[4] == str(number) for w in page[:8]), "later pages say 'Page N'"
    for page in pages:
        for x0, _, x1, y1, text in page:
            assert x0 >= 20 * MM - 0.5, text
            assert x1 <= 190 * MM + 0.5, text
            assert y1 <= 297 * MM - 5 * MM, text


def test_logo_and_batch(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "navy").save(logo)
    head = Letterhead(name="Northmoor Borough Council", logo=logo.read_bytes())
    pdf = build_pdf([letter(["A"], paragraphs=1), letter(["B"], paragraphs=1)], head)
    pages = words(pdf)
    assert len(pages) == 2
    firsts = [next(w[4] for w in page if 40 * MM < w[1] < 90 * MM) for page in pages]
    assert firsts == ["A", "B"]
    assert b"/Subtype /Image" in pdf
