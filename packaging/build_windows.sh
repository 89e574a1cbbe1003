#!/usr/bin/env bash
# The Windows build on Linux: Windows CPython 3.13 under Wine (packaging/windows) runs
# PyInstaller's Windows wheel on packaging/complaints_desktop.spec, the frozen exes are
# smoke-tested under Wine, signed when a certificate is configured (packaging/sign.sh), and
# makensis makes the per-user installer (packaging/installer.nsi). Called by .ci/run; on
# Windows, packaging\build_windows.ps1 does the same with the same spec and installer.
#
#   bash packaging/build_windows.sh [OUTDIR]     (default dist/windows)
#
# Writes OUTDIR/complaints_desktop/ (the one-folder app) and
# OUTDIR/ComplaintsDesktop-VERSION-setup.exe. WINPYTHON names another Windows python
# wrapper than packaging/windows/wpy (it must take python.exe's arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$(realpath -m "${1:-dist/windows}")
# shellcheck source=windows/env.sh
. packaging/windows/env.sh
WPY=${WINPYTHON:-$ROOT/packaging/windows/wpy}
step() { printf '%s  %-28s %4d s\n' "$1" "$2" "$3"; }

t0=$SECONDS
[ -n "${WINPYTHON:-}" ] || bash packaging/windows/winpython.sh >/dev/null
step ok "Windows Python" $((SECONDS - t0))

# PyInstaller's Windows wheel (it holds the Windows bootloader) beside the harness, on
# sys.path only for the build.
t0=$SECONDS
PYI=$WINPY_DIR/pyinstaller
stamp=$(sha256sum packaging/pyinstaller-windows.txt | cut -d' ' -f1)
if [ "$(cat "$PYI/.built" 2>/dev/null)" != "$stamp" ]; then
  mapfile -t pins < <(sed 's/#.*//; /^\s*$/d' packaging/pyinstaller-windows.txt)
  rm -rf "$PYI"
  python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps --platform win_amd64 \
    --python-version 3.13 --implementation cp --only-binary=:all: --target "$PYI" \
    "${pins[@]}" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  [ -f "$PYI/PyInstaller/__init__.py" ] || { echo "PyInstaller did not install" >&2; exit 1; }
  echo "$stamp" >"$PYI/.built"
fi
step ok "PyInstaller wheel" $((SECONDS - t0))

# The frozen app. Wine lacks two Windows 10 DLLs: the harness's stand-ins go into the
# prefix's system32 (where Windows has the real ones), so the frozen exes find them there
# and the spec never ships them.
t0=$SECONDS
sys32=$WINEPREFIX/drive_c/windows/system32
cp "$WINPY_SITE/PySide6/icuuc.dll" "$WINPY_PYTHON_DIR/bcryptprimitives.dll" "$sys32/"
rm -rf "$OUT/complaints_desktop"
mkdir -p "$OUT"
"$WPY" -c "import sys; sys.path.insert(0, sys.argv.pop(1)); from PyInstaller.__main__ import run; run()" \
  "$(winpath "$PYI")" --noconfirm --log-level INFO --distpath "$(winpath "$OUT")" \
  --workpath "$(winpath "$OUT/work")" "$(winpath packaging/complaints_desktop.spec)" |
  tr -d '\r' >"$OUT/pyinstaller.log"
if [ ! -f "$OUT/complaints_desktop/complaints-desktop.exe" ]; then
  tail -30 "$OUT/pyinstaller.log"
  echo "PyInstaller failed (its whole log: $OUT/pyinstaller.log)" >&2
  exit 1
fi
if ls "$OUT/complaints_desktop/_internal" | grep -qi -e '^icuuc.dll$' -e '^bcryptprimitives.dll$'; then
  echo "build_windows.sh: a Wine stand-in DLL was collected into the build" >&2
  exit 1
fi
step ok "PyInstaller build" $((SECONDS - t0))
echo "    $(du -sh "$OUT/complaints_desktop" | cut -f1) in $(find "$OUT/complaints_desktop" -type f | wc -l) files"
version=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
"$WPY" -c "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv.pop(0); import runpy; runpy.run_path(sys.argv[0], run_name='__main__')" \
  "$(winpath "$PYI")" "$(winpath packaging/check_exe_resources.py)" \
  "$(winpath "$OUT/complaints_desktop")" "$version" | tr -d '\r'

t0=$SECONDS
if [ -n "${CODESIGN_PFX:-}" ]; then
  bash packaging/sign.sh "$OUT/complaints_desktop/complaints-desktop.exe" \
    "$OUT/complaints_desktop/complaints-desktop-cli.exe"
  step ok "signed the exes" $((SECONDS - t0))
else
  echo "--  not signed (no CODESIGN_PFX; README: Code signing)"
fi

t0=$SECONDS
if QT_QPA_PLATFORM=offscreen "$WPY" packaging/smoke_test.py "$(winpath "$OUT/complaints_desktop")" |
  tr -d '\r'; then
  step ok "smoke test (Wine)" $((SECONDS - t0))
else
  step FAIL "smoke test (Wine)" $((SECONDS - t0))
  exit 1
fi

t0=$SECONDS
python3 packaging/version_resource.py "$OUT/work" >/dev/null
setup=$OUT/ComplaintsDesktop-$version-setup.exe
nsis_args=(-V2 -DDIST="$OUT/complaints_desktop" -DVERSION_NSH="$OUT/work/version.nsh"
  -DOUTFILE="$setup")
[ -z "${CODESIGN_PFX:-}" ] || nsis_args+=(-DSIGN="bash $ROOT/packaging/sign.sh")
makensis "${nsis_args[@]}" packaging/installer.nsi
step ok "installer (makensis)" $((SECONDS - t0))
echo "    $setup: $(du -h "$setup" | cut -f1)"
