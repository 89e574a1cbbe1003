"""Services: the case, contacts and Ombudsman recommendations logs (formats.md §2, §3, §5).

``import_file`` and ``export_file`` (in ``service``) are the use cases; the rest is how:
``read`` and ``xlsx`` read a file into cells, ``parse`` types one cell, ``validate`` turns
a row into a case or contact and checks it, ``run`` writes the rows a chunk at a time in
one transaction, ``write`` writes a log out, ``ombudsman`` is the recommendations log.
"""

from complaints_desktop.services.caselog.service import ImportResult, export_file, import_file

__all__ = ["ImportResult", "export_file", "import_file"]
