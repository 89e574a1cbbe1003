#!/usr/bin/env bash
# The installer's test under Wine, as an officer's PC would meet it (called by .ci/run after
# packaging/build_windows.sh):
#   install silently (/S) for the user, no administrator: files, Start-menu shortcut, the
#   Apps & features entry with version and publisher; the installed exe's smoke test; a
#   database on the default path (the officer's data folder); the installer and the
#   uninstaller refuse while the app is open; an upgrade removes the previous version's
#   files; a silent uninstall removes the program, its shortcut and its entry, and keeps
#   the data folder and the database unchanged.
#
#   bash packaging/installer_test.sh [OUTDIR]     (default dist/windows)
#
# Runs in the harness's Wine prefix (packaging/windows), whose %LOCALAPPDATA% it treats as
# a test user's: an earlier run's install and data folder there are removed first.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-dist/windows}")
# shellcheck source=windows/env.sh
. packaging/windows/env.sh
WPY=${WINPYTHON:-$(pwd)/packaging/windows/wpy}
version=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
setup=$OUT/ComplaintsDesktop-$version-setup.exe
[ -f "$setup" ] || { echo "installer_test.sh: $setup is missing (build first)" >&2; exit 1; }

# Windows programs under Wine: stdin and stdout as pipes (see packaging/windows/wpy).
win() { true | "$WINE64" "$@" 2>&1 | tr -d '\r'; return "${PIPESTATUS[1]}"; }
# The uninstaller in place, waited for: NSIS wants "_?=DIR" last and unquoted, which Wine's
# own quoting of an argument with a space breaks; Windows Python passes the line as it is.
uninstall_here() {
  local dir
  dir=$(winpath "$APPDIR")
  "$WPY" -c "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1]).returncode)" \
    "\"$dir\\Uninstall Complaints Desktop.exe\" /S _?=$dir" | tr -d '\r'
  return "${PIPESTATUS[0]}"
}
passed=0
failed=0
check() { # check NAME COMMAND...: one line per check, counted
  local name=$1
  shift
  if "$@"; then
    echo "ok    $name"
    passed=$((passed + 1))
  else
    echo "FAIL  $name"
    failed=$((failed + 1))
  fi
}

users=$WINEPREFIX/drive_c/users/$(id -un)
LOCAL=$users/AppData/Local
APPDIR="$LOCAL/Programs/Complaints Desktop"
DATA=$LOCAL/complaints_desktop
SHORTCUT="$users/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Complaints Desktop.lnk"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\complaints_desktop'
UNINSTALLER="$APPDIR/Uninstall Complaints Desktop.exe"

# A clean test user: no earlier install, no data folder.
if [ -f "$UNINSTALLER" ]; then uninstall_here >/dev/null || true; fi
rm -rf "$APPDIR" "$DATA" "$SHORTCUT"
win reg delete "$KEY" /f >/dev/null 2>&1 || true

gone_within() { # gone_within SECONDS PATH: the uninstaller runs on from a copy in %TEMP%
  local i
  for ((i = 0; i < $1 * 2; i++)); do
    [ -e "$2" ] || return 0
    sleep 0.5
  done
  return 1
}
reg_value() { win reg query "$KEY" /v "$1" | awk -v v="$1" '$1 == v {$1=""; $2=""; sub(/^ +/, ""); print}'; }

t0=$SECONDS
check "install silently (/S), exit 0" win "$setup" /S
check "installed under %LOCALAPPDATA%\\Programs" test -f "$APPDIR/complaints-desktop.exe" \
  -a -f "$APPDIR/complaints-desktop-cli.exe" -a -d "$APPDIR/_internal" -a -f "$UNINSTALLER"
check "Start-menu shortcut" test -f "$SHORTCUT"
check "Apps & features: name" test "$(reg_value DisplayName)" = "Complaints Desktop"
check "Apps & features: version $version" test "$(reg_value DisplayVersion)" = "$version"
check "Apps & features: publisher" test -n "$(reg_value Publisher)"
check "Apps & features: quiet uninstall" grep -q '/S$' <<<"$(reg_value QuietUninstallString)"
echo "      install: $((SECONDS - t0)) s"

t0=$SECONDS
smoke() { QT_QPA_PLATFORM=offscreen "$WPY" packaging/smoke_test.py "$(winpath "$APPDIR")" | tr -d '\r'; }
check "installed exe's smoke test" smoke
echo "      smoke test: $((SECONDS - t0)) s"

# The officer's database on the default path, in the data folder the uninstaller keeps.
t0=$SECONDS
check "demo data on the default database" win "$APPDIR/complaints-desktop-cli.exe" demo --cases 20
db=$(find "$DATA" -name complaints.sqlite3 2>/dev/null | head -1)
check "the database is in %LOCALAPPDATA%\\complaints_desktop" test -n "$db"
before=$( [ -n "$db" ] && sha256sum "$db" | cut -d' ' -f1)

# While the window is open, neither the installer nor the uninstaller touches anything.
stale="$APPDIR/_internal/left-by-an-older-version.txt"
echo "an older version's file" >"$stale"
scratch=$(mktemp -d)
QT_QPA_PLATFORM=offscreen "$WINE64" "$APPDIR/complaints-desktop.exe" --db "$(winpath "$scratch/open.sqlite3")" \
  < <(true) > >(cat >/dev/null) 2>&1 &
app=$!
for _ in $(seq 1 120); do [ -s "$scratch/open.sqlite3" ] && break; sleep 0.5; done
refused() { ! "$@" >/dev/null && [ -f "$stale" ] && [ -f "$APPDIR/complaints-desktop.exe" ]; }
check "installer refuses while the app is open" refused win "$setup" /S
check "uninstaller refuses while the app is open" refused uninstall_here
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
rm -rf "$scratch"
echo "      refusals: $((SECONDS - t0)) s"

# Upgrade (the same installer again): the previous version's files go first.
t0=$SECONDS
check "upgrade in place, exit 0" win "$setup" /S
check "upgrade removed the previous version's files" test ! -e "$stale"
check "upgraded exe runs" win "$APPDIR/complaints-desktop-cli.exe" --version
echo "      upgrade: $((SECONDS - t0)) s"

t0=$SECONDS
check "uninstall silently (/S)" win "$UNINSTALLER" /S
check "program files removed" gone_within 60 "$APPDIR"
check "Start-menu shortcut removed" test ! -e "$SHORTCUT"
check "Apps & features entry removed" test -z "$(reg_value DisplayName 2>/dev/null)"
check "data folder kept" test -d "$DATA"
check "database kept unchanged" test -n "$db" -a "$(sha256sum "$db" 2>/dev/null | cut -d' ' -f1)" = "$before"
echo "      uninstall: $((SECONDS - t0)) s"
echo "installer: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
