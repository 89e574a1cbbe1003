"""Command line (no window, never imports Qt): import, export, report, letter, backup, …

Exit codes: 0 success, 2 invalid input (every problem listed), 1 anything else.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from datetime import date
from pathlib import Path

from complaints_desktop import __version__
from complaints_desktop.domain.errors import KnownError, ValidationFailed


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"complaints-desktop: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(
        prog="complaints-desktop",
        description="Complaints, compliments and enquiries for children's services.",
    )
    parser.add_argument("--version", action="version", version=f"complaints-desktop {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or postgresql:// URL (default: your data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser(
        "import", help="import a case log (or contacts or Ombudsman log) from CSV or XLSX"
    )
    p.add_argument("file", type=Path)
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--contacts", action="store_true", help="the file is a contacts log")
    kind.add_argument(
        "--ombudsman",
        action="store_true",
        help="the file is an Ombudsman recommendations log (replaces each named case's)",
    )
    p.add_argument(
        "--create-missing",
        action="store_true",
        help="add unknown teams, service areas, types and remedies",
    )
    p.add_argument("--update", action="store_true", help="update cases whose reference exists")

    p = sub.add_parser(
        "export", help="export the case log (or contacts or Ombudsman log) to CSV or XLSX"
    )
    p.add_argument("file", type=Path)
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--contacts", action="store_true")
    kind.add_argument("--ombudsman", action="store_true")
    p.add_argument("--anonymised", action="store_true", help="leave out personal columns")

    p = sub.add_parser("report", help="statistics and reports for a year or a period")
    period = p.add_mutually_exclusive_group(required=True)
    period.add_argument("--year", type=int, help="financial year starting 1 April YYYY")
    period.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--json", type=Path, help="write the statistics JSON (formats.md §4)")
    p.add_argument("--pdf", type=Path, help="write the annual report PDF")
    p.add_argument("--xlsx", type=Path, help="write the tables as a spreadsheet")
    p.add_argument("--docx", type=Path, help="write the annual report as a Word document")
    p.add_argument(
        "--chc",
        action="store_true",
        help="with --year: --pdf and --docx write the Complaint Handling Code report "
        "(corporate complaints: self-assessment, complaints refused, the Ombudsman, the "
        "governance body's response) instead of the annual report",
    )
    p.add_argument(
        "--text",
        type=Path,
        metavar="FILE.md",
        help="keep the team's words for the year first: '# Executive summary', "
        "'# Review of the effectiveness of the procedure', ... (with --year)",
    )
    p.add_argument(
        "--suppress-below",
        type=int,
        default=5,
        metavar="N",
        help="print counts 1..N-1 as 'c' in published tables (0 = off)",
    )

    p = sub.add_parser(
        "letter",
        help="produce a letter for a case as PDF",
        description="Write a letter as PDF and log it on its case as saved for sending "
        "(the PDF is kept with the case). A letter that needs 'send anyway' (a stage "
        "already answered, a promised date passed) is refused: send it from the window.",
        epilog="templates: " + ", ".join(_letter_names()),
    )
    p.add_argument("reference")
    p.add_argument("template", help="one of the templates listed below")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument(
        "--stage", type=int, help="the stage the letter is for (default: the stage in progress)"
    )
    p = sub.add_parser(
        "settings",
        help="export or import every setting as JSON (council details, timescales, ...)",
        description="export: write every setting to FILE. import: apply FILE (all of it or "
        "nothing; a partial file changes only the keys it holds). Keys: council (name, "
        "address with lines separated by ';' or line breaks, phone, email, website, "
        "signatory, job_title, data_protection), logo (a PNG or JPEG file name next to "
        "FILE, or as exported), timescales, calendar (region, closure_days), lists, "
        "advocacy_contacts, templates.",
    )
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file", type=Path)

    p = sub.add_parser("backup", help="back up the database")
    p.add_argument("dest", type=Path, nargs="?")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="seal the backup with a passphrase (asked twice; it is kept nowhere)",
    )
    p = sub.add_parser("restore", help="replace the database with a backup")
    p.add_argument("file", type=Path)
    sub.add_parser("check", help="check the database's integrity")
    p = sub.add_parser("demo", help="fill the database with realistic synthetic demo data")
    p.add_argument("--cases", type=int, default=500)
    return parser


def _letter_names() -> list[str]:
    from complaints_desktop.reports.letters.catalogue import LETTERS

    return list(LETTERS)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def wants_window(args: list[str]) -> bool:
    """True when no command (only --db / --debug) was given: open the window."""
    rest = [a for a in args if a != "--debug"]
    if "--db" in rest:
        i = rest.index("--db")
        rest = rest[:i] + rest[i + 2 :]
    rest = [a for a in rest if not a.startswith("--db=")]
    return not rest


def _never_fail_to_print() -> None:
    """Output redirected to a file or pipe on Windows is in the ANSI code page (cp1252):
    a character it lacks (a name with Ł, a path with ő) prints as "?" rather than raising
    ``UnicodeEncodeError`` after the work was done."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def main(argv: list[str]) -> int:
    """Run one command; return the exit code."""
    _never_fail_to_print()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    private = os.umask(0o077) if os.name == "posix" else None  # files written: user only
    try:
        return _run(args)
    except ValidationFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KnownError as exc:
        print(f"complaints-desktop: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("complaints-desktop: interrupted; nothing further was changed.", file=sys.stderr)
        return 1
    except Exception as exc:
        from complaints_desktop.services import logs

        if args.debug:
            print(logs.scrub(traceback.format_exc()), file=sys.stderr)
        else:
            print(
                f"complaints-desktop: unexpected error ({type(exc).__name__}: "
                f"{logs.error_summary(exc)}). Run again with --debug for details.",
                file=sys.stderr,
            )
        return 1
    finally:
        if private is not None:
            os.umask(private)


def _run(args: argparse.Namespace) -> int:
    from complaints_desktop.services import safety

    if args.command == "report":
        if args.year is not None:
            args.start, args.end = date(args.year, 4, 1), date(args.year + 1, 3, 31)
        elif args.end is None:
            raise ValidationFailed(["--from needs --to (or use --year YYYY)."])
        if args.end < args.start:
            raise ValidationFailed(["--to is before --from."])
        if args.text is not None and args.year is None:
            raise ValidationFailed(["--text is for the annual report: use it with --year."])
        if args.chc and (args.year is None or args.json or args.xlsx):
            raise ValidationFailed(
                ["--chc is the Code report for a year: use it with --year and --pdf or --docx."]
            )
        if not (args.json or args.pdf or args.xlsx or args.docx or args.text):
            raise ValidationFailed(
                ["Say what to write: --json FILE, --pdf FILE, --xlsx FILE or --docx FILE."]
            )
    if args.command == "demo" and args.cases < 1:
        raise ValidationFailed(["--cases must be at least 1."])
    handler = {
        "import": _import,
        "export": _export,
        "report": _report,
        "letter": _letter,
        "settings": _settings,
        "backup": _backup,
        "restore": _restore,
        "check": _check,
        "demo": _demo,
    }[args.command]
    if args.command in ("backup", "restore", "check"):
        env = safety.open_unmigrated(args.db)  # a damaged, old or newer file is still handled
    else:
        env = safety.open_database_safely(args.db)  # place checked, backup before upgrade
    try:
        return handler(env, args)
    finally:
        env.engine.dispose()  # no connection left open (on Windows it would hold the file)


def _import(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import caselog

    result = caselog.import_file(
        env,
        args.file,
        contacts=args.contacts,
        ombudsman=args.ombudsman,
        create_missing=args.create_missing,
        update=args.update,
    )
    for note in result.notes:
        print(note)
    if args.ombudsman:
        recs, on = result.created, result.updated
        print(
            f"Imported {recs} Ombudsman recommendation{'s' if recs != 1 else ''} on {on} "
            f"complaint{'s' if on != 1 else ''} from {args.file.name}."
        )
        return 0
    print(
        f"Imported {result.created} new and updated {result.updated} "
        f"{'contacts' if args.contacts else 'complaints'} from {args.file.name}."
    )
    return 0


def _export(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import caselog

    count = caselog.export_file(
        env,
        args.file,
        contacts=args.contacts,
        ombudsman=args.ombudsman,
        anonymised=args.anonymised,
    )
    what = "contacts" if args.contacts else "Ombudsman recommendations" if args.ombudsman else ""
    print(f"Exported {count} {what or 'complaints'} to {args.file}.")
    return 0


def _report(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import statistics

    if args.text is not None:
        from complaints_desktop.services import annual_report

        try:
            words = args.text.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValidationFailed([f"{args.text} could not be read: {exc.strerror}."]) from exc
        texts = annual_report.parse_texts(words)
        annual_report.set_texts(env, args.year, texts)
        missing = annual_report.missing_required(annual_report.get_texts(env, args.year))
        print(f"Kept {len(texts)} part(s) of the team's words for {args.year}.")
        if args.chc:
            missing = annual_report.code_missing(annual_report.get_texts(env, args.year))
        if missing:
            print("The report says DRAFT until these are written: " + ", ".join(missing) + ".")
    if args.chc:
        from complaints_desktop.services import annual_report

        if args.pdf:
            annual_report.write_code_pdf(env, args.year, args.pdf, args.suppress_below)
            print(f"Complaint Handling Code report written to {args.pdf}.")
        if args.docx:
            annual_report.write_code_docx(env, args.year, args.docx, args.suppress_below)
            print(f"Word version written to {args.docx}.")
        return 0
    if args.json:
        stats = statistics.compute(env, args.start, args.end)
        statistics.write_json(stats, args.json)
        print(f"Statistics written to {args.json}.")
    if args.pdf or args.xlsx or args.docx:
        from complaints_desktop.services import annual_report

        if args.pdf:
            annual_report.write_pdf(
                env, args.start, args.end, args.pdf, suppress_below=args.suppress_below
            )
            print(f"Report written to {args.pdf}.")
        if args.xlsx:
            annual_report.write_xlsx(
                env, args.start, args.end, args.xlsx, suppress_below=args.suppress_below
            )
            print(f"Tables written to {args.xlsx}.")
        if args.docx:
            annual_report.write_docx(
                env, args.start, args.end, args.docx, suppress_below=args.suppress_below
            )
            print(f"Word version written to {args.docx}.")
    return 0


def _letter(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import letters

    made = letters.write_letter(env, args.reference, args.template, args.out, args.stage)
    for warning in made.warnings:
        print(f"Note: {warning}", file=sys.stderr)
    print(f"Letter written to {args.out}.")
    return 0


def _ask_passphrase(prompt: str) -> str:
    """A passphrase typed at the terminal (not echoed)."""
    import getpass

    return getpass.getpass(prompt)


def _settings(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import settings_file

    if args.action == "export":
        settings_file.write_file(env, args.file)
        print(f"Settings written to {args.file}.")
        return 0
    done = settings_file.read_file(env, args.file)
    print(f"Settings imported from {args.file.name}: {', '.join(done) or 'nothing to change'}.")
    return 0


def _backup(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import safety

    passphrase = None
    if args.encrypt:
        passphrase = _ask_passphrase("Passphrase for the backup: ")
        if _ask_passphrase("The same passphrase again: ") != passphrase:
            raise ValidationFailed(["The two passphrases differ; nothing was written."])
    path = safety.backup(env, args.dest, passphrase=passphrase)
    print(f"Backup written to {path}.")
    return 0


def _restore(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import safety
    from complaints_desktop.storage.sealed_backup import is_sealed

    passphrase = _ask_passphrase("Passphrase of the backup: ") if is_sealed(args.file) else None
    kept = safety.restore(env, args.file, passphrase=passphrase)
    print(f"Restored {args.file}. The database as it was is kept in {kept}.")
    return 0


def _check(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import safety

    problems, notes = safety.check(env)
    for line in notes:
        print(line)
    for line in problems:
        print(f"PROBLEM: {line}", file=sys.stderr)
    return 1 if problems else 0


def _demo(env, args) -> int:  # type: ignore[no-untyped-def]
    from complaints_desktop.services import demo

    count = demo.fill(env, args.cases)
    print(f"Added {count} demo complaints with contacts, Ombudsman cases and actions.")
    return 0
