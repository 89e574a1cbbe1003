#!/usr/bin/env bash
# Build the same PyInstaller spec on Linux and smoke-test the frozen build, so that a
# broken spec fails CI before anyone builds on Windows. Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 run.py setup
.venv/bin/python -m pip install --disable-pip-version-check -q pyinstaller==6.22.3
out=$(mktemp -d)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" packaging/complaints_desktop.spec
QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/smoke_test.py "$out/dist/complaints_desktop"
rm -rf "$out"
