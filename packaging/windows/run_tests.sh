#!/usr/bin/env bash
# The whole test suite on Windows CPython 3.13 under Wine (the harness of winpython.sh).
#   bash packaging/windows/run_tests.sh                  every test
#   bash packaging/windows/run_tests.sh tests/storage -x   arguments go to pytest
# WINPY_WORKERS=N runs pytest-xdist with N workers (default: none, see README).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE/../.."
bash "$HERE/winpython.sh" >/dev/null
# shellcheck source=env.sh
. "$HERE/env.sh"
# Wine keeps the Linux QT_* variables from Windows programs; WINEQT_X reaches them as QT_X.
export WINEQT_QPA_PLATFORM=offscreen
# Qt's offscreen platform reads font files from a folder (the tests name %WINDIR%\Fonts);
# Wine's is empty (Wine draws with fonts of its own), so Debian's DejaVu stands in.
if [ -d /usr/share/fonts/truetype/dejavu ]; then
  WINEQT_QPA_FONTDIR=$(winpath /usr/share/fonts/truetype/dejavu)
  export WINEQT_QPA_FONTDIR
fi
# Wine hands the Linux environment to Windows programs: keep the Linux run's settings out.
unset COMPLAINTS_TEST_POSTGRES COMPLAINTS_DESKTOP_DB COMPLAINTS_DESKTOP_SMOKE
workers=()
if [ -n "${WINPY_WORKERS:-}" ]; then workers=(-n "$WINPY_WORKERS"); else workers=(-p no:xdist); fi
exec "$HERE/wpy" -m pytest "${workers[@]}" -o cache_dir=.cache/windows/pytest_cache \
  --hypothesis-profile=slow-machine "$@"
