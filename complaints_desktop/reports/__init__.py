"""Reports layer: ReportLab only — data in, PDF out."""
