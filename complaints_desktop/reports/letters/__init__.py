"""Letters: templates, placeholders and the ReportLab letter layout."""
