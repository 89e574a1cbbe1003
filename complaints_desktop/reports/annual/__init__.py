"""Reports: the annual complaints report, its spreadsheet and companion reports (pure)."""
