"""The command line end to end in the user's own profile, on Windows or Linux.

    python profile_check.py CASES.csv OUT_DIR

Run by profile_check.sh with a user profile whose folder name has a space and a non-ASCII
letter ("Zoë Adams"). On a chosen file (in Documents) and on the default database (the data
folder), it imports the case log, reports (JSON and PDF), checks, backs up, adds cases,
restores the backup and reports again; each step must succeed, and the restore must bring
the statistics back. The statistics go to OUT_DIR/<target>.json for comparison with the
other platform. Standard library only: it drives ``python -m complaints_desktop``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

PERIOD = ["--from", "2000-04-01", "--to", "2040-03-31"]


def cli(*args: str) -> str:
    """Run one command; fail loudly (with its output) unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "complaints_desktop", *args],
        stdin=subprocess.PIPE,  # under Wine a child with no standard input dies
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0:
        sys.exit(f"FAILED (exit {done.returncode}): complaints-desktop {' '.join(args)}\n{output}")
    return output


def need(condition: object, problem: str) -> None:
    if not condition:
        sys.exit(f"FAILED: {problem}")


def statistics(db: list[str], out: Path) -> dict[str, object]:
    cli(*db, "report", *PERIOD, "--json", str(out))
    stats: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return stats


def run(target: str, db: list[str], cases: Path, out_dir: Path, database: Path) -> None:
    documents = Path.home() / "Documents"
    cli(*db, "import", str(cases), "--create-missing")
    need(database.is_file(), f"the database is not where it should be: {database}")
    before = statistics(db, out_dir / f"{target}.json")
    pdf = documents / f"Annual report ({target}).pdf"
    cli(*db, "report", *PERIOD, "--pdf", str(pdf))
    need(pdf.read_bytes().startswith(b"%PDF"), f"no PDF at {pdf}")
    said = cli(*db, "check")
    need("PROBLEM" not in said, said)
    said = cli(*db, "backup")
    found = re.search(r"Backup written to (.+)\.\s*$", said.strip())
    need(found, said)
    backup = Path(found.group(1) if found else "")
    need(backup.is_file(), f"no backup at {backup}")
    need(backup.parent == database.parent / "backups", f"backup not beside it: {backup}")
    cli(*db, "demo", "--cases", "5")
    changed = statistics(db, out_dir / f"{target}-changed.json")
    need(changed != before, "five more cases changed nothing")
    cli(*db, "restore", str(backup))
    after = statistics(db, out_dir / f"{target}-restored.json")
    need(after == before, "the restore did not bring the statistics back")
    print(f"{target}: import, report, check, backup, restore all right in {database.parent}")


def main() -> None:
    cases, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    home = Path.home()
    need(" " in str(home), f"the profile folder has no space: {home}")
    need(not str(home).isascii(), f"the profile folder is plain ASCII: {home}")
    (home / "Documents").mkdir(parents=True, exist_ok=True)
    chosen = home / "Documents" / "Complaints Zoë" / "complaints.sqlite3"
    chosen.parent.mkdir(parents=True, exist_ok=True)
    run("chosen", ["--db", str(chosen)], cases, out_dir, chosen)
    if os.name == "nt":
        data = Path(os.environ["LOCALAPPDATA"]) / "complaints_desktop"
    else:
        data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
        data = data / "complaints_desktop"
    run("default", [], cases, out_dir, data / "complaints.sqlite3")


if __name__ == "__main__":
    main()
