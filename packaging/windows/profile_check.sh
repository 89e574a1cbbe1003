#!/usr/bin/env bash
# Issue 11's "Done when": on Windows Python, in a user profile named "Zoë Adams" (a space and
# a non-ASCII letter), the command line imports a case log, reports, checks, backs up and
# restores, on a chosen file and on the default database, with the same statistics as on
# Linux. Linux runs the same steps (profile_check.py) with HOME in such a folder.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
bash "$HERE/winpython.sh" >/dev/null
# shellcheck source=env.sh
. "$HERE/env.sh"
LINUX_PY=$ROOT/.venv/bin/python
[ -x "$LINUX_PY" ] || python3 "$ROOT/run.py" setup
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/linux" "$work/windows"

# A synthetic case log, written by the application itself.
"$LINUX_PY" -m complaints_desktop --db "$work/seed.sqlite3" demo --cases 120 >/dev/null
"$LINUX_PY" -m complaints_desktop --db "$work/seed.sqlite3" export "$work/demo.csv" >/dev/null
# Demo data plans some panels for the coming weeks; an import refuses dates to come.
python3 - "$work/demo.csv" "$work/cases.csv" <<'PY'
import csv, datetime, re, sys
today = datetime.date.today().isoformat()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
past = [r for r in rows[1:] if all(not re.match(r"\d{4}-\d\d-\d\d", v) or v[:10] <= today for v in r)]
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows([rows[0], *past])
PY

echo "Linux, HOME=.../Zoë Adams:"
(
  export HOME="$work/home/Zoë Adams"
  unset XDG_DATA_HOME XDG_CONFIG_HOME COMPLAINTS_DESKTOP_DB
  mkdir -p "$HOME"
  cd "$ROOT" && "$LINUX_PY" "$HERE/profile_check.py" "$work/cases.csv" "$work/linux"
)

echo "Windows Python under Wine, profile C:\\users\\Zoë Adams:"
(
  # Wine names the profile folder after USER; a prefix of its own keeps it apart.
  export USER="Zoë Adams" WINEPREFIX="$WINPY_DIR/prefix-zoe"
  unset COMPLAINTS_DESKTOP_DB
  "$HERE/wpy" -c "" # makes the prefix on first use
  # Wine links the profile's Documents, Desktop, ... to the Linux $HOME: shared by every
  # run and checkout. A Windows profile has folders of its own; each check starts empty.
  profile="$WINEPREFIX/drive_c/users/$USER"
  for folder in Desktop Documents Downloads Music Pictures Videos; do
    if [ -L "$profile/$folder" ]; then rm "$profile/$folder"; fi
  done
  rm -rf "$profile/Documents" "$profile/AppData/Local/complaints_desktop"
  mkdir -p "$profile/Documents"
  # Windows Python writes to a pipe in the ANSI code page (cp1252), as on a council PC.
  cd "$ROOT" && "$HERE/wpy" "$(winpath "$HERE/profile_check.py")" \
    "$(winpath "$work/cases.csv")" "$(winpath "$work/windows")" | iconv -f cp1252 -t utf-8
)

python3 - "$work" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
stats = {f"{side}/{target}": json.loads((work / side / f"{target}.json").read_text("utf-8"))
         for side in ("linux", "windows") for target in ("chosen", "default")}
first = stats["linux/chosen"]
different = [name for name, value in stats.items() if value != first]
if different:
    sys.exit(f"Statistics differ from Linux's: {', '.join(different)}")
cases = first["statutory"]["received"] if isinstance(first.get("statutory"), dict) else "?"
print(f"Same statistics on Linux and Windows, chosen file and default database "
      f"({len(json.dumps(first))} bytes of JSON; statutory received: {cases}).")
PY
