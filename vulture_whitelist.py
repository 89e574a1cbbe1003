"""Names vulture reports as unused that are used, by a library or by Qt.

``python3 run.py test`` runs vulture (its settings are ``[tool.vulture]`` in pyproject.toml)
over the package, the tests and the benchmarks with this file. Add a name here only when
something outside our code reads it (an override Qt calls, an attribute a library reads,
a table column), saying what reads it; dead code is deleted instead.
"""

# ruff: noqa
# mypy: ignore-errors
_ = object()

# Qt calls these overrides.
_.closeEvent  # QWidget.closeEvent (ui/main_window.py)
_.dragEnterEvent  # QWidget drag and drop (ui/main_window.py, ui/views/new_complaint.py)
_.dropEvent
_.handle_starttag  # html.parser.HTMLParser calls these (services/inbox.py)
_.handle_endtag
_.handle_data

# Attributes a library reads when it draws or saves.
_.prec  # decimal context precision (domain/statistics_rules.py)
_.categoryNames  # reportlab.graphics charts (reports/annual/charts.py)
_.fontName
_.fontSize
_.boxAnchor
_.strokeColor
_.strokeWidth
_.fillColor
_.valueMin
_.valueMax
_.valueStep
_.labelTextFormat
_.visibleGrid
_.gridStrokeColor
_.barSpacing
_.groupSpacing
_.barLabelFormat
_.nudge
_.alignment
_.columnMaximum
_.colorNamePairs
_.has_cover  # reportlab page templates and table of contents (reports/annual/layout.py)
_.afterFlowable  # reportlab DocTemplate hook
_.levelStyles
_.dotsMinLevel
_.author  # python-docx core properties (reports/annual/docx.py)
_.rgb
_.keep_with_next
_.number_format  # openpyxl cells and sheets (reports/annual/xlsx.py, services/caselog_write.py)
_.freeze_panes
_.read_worksheets  # openpyxl ExcelReader hook (services/caselog_xlsx.py)

# Table columns (storage/tables.py): the schema holds them, SQL reads them.
created_at
updated_at
type_id
remedy_id
advocacy_decision  # storage/mappers.py ADVOCACY maps them by name
advocacy_referral

# The PostgreSQL audit chain's advisory lock; revision 0008's SQL uses the same number.
CHAIN_LOCK

# Column numbers of the lists' models (IntEnum members: each names a column on screen).
NUMBER
KIND
KEPT_UNTIL
SUMMARY
SENDER
OUTCOME
PAYMENT

# Fixtures a test asks for by name for their effect only.
fresh_process_memory
no_confirm
smoke

# formats.md §4's keys (domain/statistics_types.py): TypedDict fields, written as string
# keys by statistics_rules and read as string keys by the annual report and the JSON file.
average_working_days
by_channel
by_relationship
early_resolution
exceeded
not_upheld
stage1_upheld_or_partly
stage3
upheld_or_partly
within_extended
within_standard
