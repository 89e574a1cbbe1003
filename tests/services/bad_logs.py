"""Test data: bad case and contacts logs, one or more per way a file can be wrong.

``bad_files()`` gives every generated bad file (CSV and XLSX) with its category;
``workbook()`` builds a small XLSX by hand, so a test can put anything in its sheet
(what openpyxl would refuse to write: a NaN, a cell reference that is not a cell, a
shared string the workbook does not have).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

HEADER = (
    "reference,procedure,received,channel,teams,types,s1_start,s1_response,s1_outcome,"
    "s2_cost,complainant_name,complainant_address,child_name,child_dob"
)
GOOD = (
    "CSC/24/0001,statutory,2024-01-10,email,Children in Care,Other,2024-01-10,2024-01-20,"
    "upheld,,Ann Example,1 Road;Town,Ben Example,2015-03-04"
)
COLUMNS = HEADER.split(",")
_CELL = frozenset({"row and column"})
_ROW = frozenset({"row and column", "row"})
_FILE = frozenset({"file"})
EXPECTED: dict[str, frozenset[str]] = {
    "amount too large": _CELL,
    "amount too precise": _CELL,
    "not a finite number": _CELL,
    "not a number": _CELL,
    "malformed sheet XML": frozenset({"row", "file"}),
    "bad cell reference": _ROW,
    "shared string out of range": _CELL,
    "bad t=d date": _CELL,
    "bad date serial": _CELL,
    "spreadsheet error": _CELL,
    "unknown cell type": _CELL,
    "zip bomb": _FILE,
    "header too wide": _ROW,
    "value too far right": _CELL,
    "cut short": _CELL,
    "cell too long": _ROW,
    "control character": _CELL,
    "date before 1900": _CELL,
    "contacts log": _CELL,
}
"""How each category's problems point into the file: by row and column, by row alone,
or at the file as a whole (a damaged zip or XML is not a matter of one cell)."""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class BadFile:
    """One bad file: its category, a name saying what is wrong, its bytes and options."""

    category: str
    name: str
    data: bytes
    suffix: str = ".csv"
    options: dict[str, bool] = field(default_factory=lambda: {"create_missing": True})


def csv_log(*rows: str, header: str = HEADER, end: str = "\r\n") -> bytes:
    """A case log: the header, a good row, then ``rows`` (each ending with ``end``)."""
    return (end.join([header, GOOD, *rows]) + end).encode()


def with_cell(column: str, value: str, reference: str = "CSC/24/0002") -> str:
    """The good row with another reference and ``column`` set to ``value`` (CSV-quoted)."""
    cells = GOOD.replace("1 Road;Town", "1 Road").split(",")
    cells[0] = reference
    quoted = '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value
    cells[COLUMNS.index(column)] = quoted
    return ",".join(cells)


def cell_xml(reference: str, value: object, kind: str | None = None, style: int = 0) -> str:
    """One ``<c>``: text inline, numbers as written; ``kind`` forces the ``t`` attribute."""
    s = f' s="{style}"' if style else ""
    if kind is None and isinstance(value, str):
        return f'<c r="{reference}" t="inlineStr"{s}><is><t>{escape(value)}</t></is></c>'
    t = f' t="{kind}"' if kind else ""
    return f'<c r="{reference}"{t}{s}><v>{escape(str(value))}</v></c>'


def row_xml(number: int, cells: list[object], overrides: dict[str, str] | None = None) -> str:
    """A ``<row>`` of ``cells`` (text inline); ``overrides`` maps a column to its ``<c>``."""
    out = []
    for index, value in enumerate(cells):
        letter = chr(65 + index)
        if overrides and COLUMNS[index] in overrides:
            out.append(overrides[COLUMNS[index]].replace("{ref}", f"{letter}{number}"))
        elif value != "":
            out.append(cell_xml(f"{letter}{number}", value))
    return f'<row r="{number}">{"".join(out)}</row>'


def good_rows_xml(overrides: dict[str, str] | None = None) -> str:
    """Header and the good row, then the good row again (row 3) with ``overrides``."""
    second = GOOD.replace("CSC/24/0001", "CSC/24/0002").split(",")
    return (
        row_xml(1, list(COLUMNS)) + row_xml(2, GOOD.split(",")) + row_xml(3, second, overrides)  # type: ignore[arg-type]
    )


def workbook(
    rows: str,
    *,
    strings: list[str] | None = None,
    sheet: str | None = None,
    shared_xml: str | None = None,
) -> bytes:
    """An XLSX whose first sheet holds ``rows`` (``<row>`` elements), or ``sheet`` whole.

    Style 1 is a date format (yyyy-mm-dd), so ``<c s="1"><v>45000</v></c>`` is a date.
    """
    shared = shared_xml or (
        f'<sst xmlns="{_MAIN}" count="{len(strings or [])}" uniqueCount="{len(strings or [])}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings or [])
        + "</sst>"
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets>'
            '<sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
            'formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font/></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
            '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": shared,
        "xl/worksheets/sheet1.xml": sheet
        or f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """``data`` (a zip) with ``part``'s unpacked size in its directory changed to ``size``.

    What a crafted "zip bomb" declares; Python's zip reader holds a part to its declared
    size, so the declared sizes are what a reader must check.
    """
    entry = b"PK\x01\x02"
    name = part.encode()
    at = data.find(entry)
    while at >= 0:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == name:
            return data[: at + 24] + size.to_bytes(4, "little") + data[at + 28 :]
        at = data.find(entry, at + 4)
    raise KeyError(part)


def bad_files() -> list[BadFile]:
    """Every generated bad file, by category."""
    files: list[BadFile] = []

    def add(category: str, name: str, data: bytes, suffix: str = ".csv", **options: bool) -> None:
        files.append(BadFile(category, name, data, suffix, {"create_missing": True, **options}))

    def xlsx(category: str, name: str, data: bytes, **options: bool) -> None:
        add(category, name, data, ".xlsx", **options)

    def override(column: str, cell: str) -> bytes:
        return workbook(good_rows_xml({column: cell}))

    # Amounts: absurd, too precise, not finite.
    for value in ("100000000000000000", "10000000.01", "£99,999,999", "1" * 5000):
        add("amount too large", f"csv s2_cost {value[:20]}", csv_log(with_cell("s2_cost", value)))
    for value in ("1E+17", "10000000.5", "100000000000000000", "9" * 400):
        xlsx(
            "amount too large",
            f"xlsx s2_cost {value[:20]}",
            override("s2_cost", f'<c r="{{ref}}"><v>{value}</v></c>'),
        )
    for value in ("12.345", "0.001", "1200.505"):
        xlsx(
            "amount too precise",
            f"xlsx s2_cost {value}",
            override("s2_cost", f'<c r="{{ref}}"><v>{value}</v></c>'),
        )
        add("amount too precise", f"csv s2_cost {value}", csv_log(with_cell("s2_cost", value)))
    for value, column in (
        ("NaN", "s2_cost"),
        ("INF", "received"),
        ("-INF", "complainant_name"),
        ("1E+400", "teams"),
        ("-1E+400", "s2_cost"),
        ("nan", "child_dob"),
        ("Infinity", "reference"),
    ):
        xlsx(
            "not a finite number",
            f"xlsx {column} {value}",
            override(column, f'<c r="{{ref}}"><v>{value}</v></c>'),
        )
    for value in ("12abc", "1.2.3", "--5"):
        xlsx(
            "not a number",
            f"xlsx s2_cost {value}",
            override("s2_cost", f'<c r="{{ref}}"><v>{value}</v></c>'),
        )

    # Damaged workbooks.
    good = good_rows_xml()
    whole = f'<worksheet xmlns="{_MAIN}"><sheetData>{good}</sheetData></worksheet>'
    for name, sheet in (
        ("truncated XML", whole[: len(whole) // 2]),
        ("unclosed element", whole.replace("</row>", "", 1)),
        ("NUL character reference", whole.replace("Ann Example", "Ann&#0;Example", 1)),
        ("undefined entity", whole.replace("Ann Example", "Ann &nbsp; Example", 1)),
        ("not XML at all", "this is not XML"),
        ("empty sheet part", ""),
        ("row number not a number", whole.replace('<row r="2">', '<row r="two">')),
        ("row number zero", whole.replace('<row r="2">', '<row r="0">')),
        ("rows out of order", whole.replace('<row r="3">', '<row r="2">')),
        ("row past the last", whole.replace('<row r="3">', '<row r="1048577">')),
        ("billion laughs", _laughs() + whole.replace("Ann Example", "&lol9;", 1)),
    ):
        xlsx("malformed sheet XML", f"xlsx {name}", workbook("", sheet=sheet or " "))
    xlsx(
        "malformed sheet XML",
        "xlsx shared strings billion laughs",
        workbook(good, shared_xml=_laughs() + f'<sst xmlns="{_MAIN}"><si><t>&lol9;</t></si></sst>'),
    )
    data = workbook(good)
    xlsx("malformed sheet XML", "xlsx truncated zip", data[: len(data) // 2])
    xlsx("malformed sheet XML", "xlsx bytes flipped", data[:200] + bytes(200) + data[400:])
    for reference in ("A0", "1A", "ZZZZ3", "B9", "XFE3", "A-3", "", "A03x", "$$A3"):
        xlsx(
            "bad cell reference",
            f"xlsx reference '{reference}'",
            override("complainant_name", f'<c r="{reference}" t="inlineStr"><is><t>X</t></is></c>'),
        )
    for index in ("999", "-1", "abc", "1e3", "٣"):
        xlsx(
            "shared string out of range",
            f"xlsx shared string {index}",
            override("complainant_name", f'<c r="{{ref}}" t="s"><v>{index}</v></c>'),
        )
    for value in ("2024-02-30", "2024-13-01", "not a date", "0001-01-01", "2024-02-29T25:00:00"):
        xlsx(
            "bad t=d date",
            f"xlsx t=d {value}",
            override("received", f'<c r="{{ref}}" t="d"><v>{value}</v></c>'),
        )
    for value in ("1E+10", "-1E+10", "-5"):
        xlsx(
            "bad date serial",
            f"xlsx date serial {value}",
            override("received", f'<c r="{{ref}}" s="1"><v>{value}</v></c>'),
        )
    for error in ("#N/A", "#DIV/0!", "#REF!"):
        xlsx(
            "spreadsheet error",
            f"xlsx error {error}",
            override("teams", f'<c r="{{ref}}" t="e"><v>{error}</v></c>'),
        )
    xlsx("unknown cell type", "xlsx t=zz", override("teams", '<c r="{ref}" t="zz"><v>1</v></c>'))

    # Too large: declared sizes, a header too wide, a value too far right.
    xlsx(
        "zip bomb",
        "xlsx sheet declares 3 GB",
        declare_size(data, "xl/worksheets/sheet1.xml", 3 * 2**30),
    )
    xlsx(
        "zip bomb",
        "xlsx shared strings declare 1 GB",
        declare_size(data, "xl/sharedStrings.xml", 2**30),
    )
    xlsx(
        "zip bomb",
        "xlsx sheet declares less than it holds",
        declare_size(data, "xl/worksheets/sheet1.xml", 100),
    )
    wide = ",".join(f"col{i}" for i in range(50_000))
    add("header too wide", "csv 50,000 columns", f"{wide}\r\n{GOOD}\r\n".encode())
    wide_row = "".join(cell_xml(f"{_letters(i)}1", f"col{i}") for i in range(50_000))
    xlsx("header too wide", "xlsx 50,000 columns", workbook(f'<row r="1">{wide_row}</row>'))
    add(
        "value too far right",
        "csv value in column 301",
        csv_log(GOOD.replace("0001", "0002") + "," * 287 + "x"),
    )
    xlsx(
        "value too far right",
        "xlsx value in column KO",
        workbook(good_rows_xml() + f'<row r="4">{cell_xml("KO4", "x")}</row>'),
    )

    # A CSV cut short (an interrupted copy): mid-row, inside quotes, inside a name.
    last = with_cell("complainant_address", "12 Road\nTown")
    for cut in (20, 60, 95, 110, 140):
        add(
            "cut short",
            f"csv cut {cut} characters into the last row",
            csv_log() + last[:cut].encode(),
        )
    add(
        "cut short",
        "csv cut inside a quoted address",
        csv_log() + last[: last.index("Town")].encode(),
    )
    names_last = HEADER.replace(",teams", "") + ",teams"
    row = ",".join(GOOD.split(",")[:4] + GOOD.split(",")[5:] + ["Children in Care"])
    for cut in ("Childre", "Fostering;Children in C"):
        second = row.replace("0001", "0002").replace("Children in Care", cut)
        text = f"{names_last}\r\n{row}\r\n{second}"
        add("cut short", f"csv cut in a team name {cut!r}", text.encode())
    channel_last = HEADER.replace(",channel", "") + ",channel"
    row = ",".join(GOOD.split(",")[:3] + GOOD.split(",")[4:] + ["telephone"])
    add(
        "cut short",
        "csv cut in a channel",
        f"{channel_last}\r\n{row}\r\n{row.replace('0001', '0002')[:-5]}".encode(),
    )

    # Cells too long.
    add("cell too long", "csv 1 MB cell", csv_log(with_cell("complainant_name", "x" * 2**20)))
    add(
        "cell too long",
        "csv 40,000-character cell",
        csv_log(with_cell("complainant_name", "x" * 40_000)),
    )
    xlsx(
        "cell too long",
        "xlsx 40,000-character cell",
        override("complainant_name", cell_xml("{ref}", "x" * 40_000)),
    )
    xlsx(
        "cell too long",
        "xlsx 40,000-character shared string",
        workbook(
            good_rows_xml({"complainant_name": '<c r="{ref}" t="s"><v>0</v></c>'}),
            strings=["y" * 40_000],
        ),
    )

    # NUL, line breaks and control characters where one line is expected.
    for column, value in (
        ("reference", "CSC/24/\x000002"),
        ("reference", "CSC/24/\n0002"),
        ("complainant_name", "Ann\x00Example"),
        ("complainant_name", "Ann\r\nExample"),
        ("child_name", "Ben\nExample"),
        ("child_name", "Ben\x1bExample"),
        ("teams", "Children in Care\nFostering"),
        ("teams", "Children\x00in Care"),
        ("complainant_address", "1 Road\x00Town"),
    ):
        label = repr(value)
        reference = value if column == "reference" else "CSC/24/0002"
        add(
            "control character",
            f"csv {column} {label}",
            csv_log(with_cell(column, value, reference)),
        )
        if "\x00" not in value and "\x1b" not in value:  # XML cannot hold these
            xlsx(
                "control character",
                f"xlsx {column} {label}",
                override(column, cell_xml("{ref}", value)),
            )
    xlsx(
        "control character",
        "xlsx name with a line separator",
        override("complainant_name", cell_xml("{ref}", "Ann\u2028Example")),
    )

    # Dates before 1900.
    for value in ("0001-01-01", "31/12/1899", "1066-10-14"):
        add("date before 1900", f"csv child_dob {value}", csv_log(with_cell("child_dob", value)))
    xlsx(
        "date before 1900",
        "xlsx date 1899",
        override("child_dob", '<c r="{ref}" s="1"><v>0.5</v></c>'.replace("0.5", "-400")),
    )
    xlsx(
        "date before 1900",
        "xlsx t=d 1850",
        override("child_dob", '<c r="{ref}" t="d"><v>1850-01-01</v></c>'),
    )

    # The contacts log goes through the same readers.
    contacts = "reference,kind,received,teams,channel,from,summary,responded\r\n"
    ok = "CON/24/0001,compliment,2024-02-01,Children in Care,email,parent,Thanks,\r\n"
    add(
        "contacts log",
        "csv contact from with NUL",
        (contacts + ok + "CON/24/0002,query,2024-02-01,,email,pa\x00rent,,\r\n").encode(),
        contacts=True,
    )
    add(
        "contacts log",
        "csv contact cut in a team",
        (contacts + ok + "CON/24/0002,query,2024-02-01,Childr").encode(),
        contacts=True,
    )
    add(
        "contacts log",
        "csv contact cut mid-row",
        (contacts + ok + "CON/24/0002,query,2024-0").encode(),
        contacts=True,
    )
    add(
        "contacts log",
        "csv contact received 1899",
        (contacts + ok + "CON/24/0002,query,1899-02-01,,,,,\r\n").encode(),
        contacts=True,
    )
    return files


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(entities)}]>'
