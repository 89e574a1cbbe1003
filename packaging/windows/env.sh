# Shared settings for the Windows-Python-under-Wine harness (sourced by winpython.sh and wpy).
# Everything can be moved with WINPY_DIR (the built environment, one per checkout because
# python313._pth names the checkout) and WINPY_DOWNLOADS (downloads, shared by checkouts).
WINPY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WINPY_DIR=${WINPY_DIR:-$WINPY_ROOT/.cache/windows}
WINPY_DOWNLOADS=${WINPY_DOWNLOADS:-${XDG_CACHE_HOME:-$HOME/.cache}/complaints_desktop-windows}
WINPY_PYTHON_DIR=$WINPY_DIR/python     # the embeddable CPython (python.exe, python313._pth)
WINPY_SITE=$WINPY_DIR/site             # the win_amd64 wheels and sitecustomize.py
WINPY_EXE=$WINPY_PYTHON_DIR/python.exe

# Wine: its own prefix, no debug chatter, no Mono/Gecko install prompts.
export WINEPREFIX=${WINEPREFIX:-$WINPY_DIR/prefix}
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
export WINEARCH=win64
if command -v wine64 >/dev/null 2>&1; then
  WINE64=$(command -v wine64)
else
  WINE64=/usr/lib/wine/wine64 # Debian's wine64 package does not put it on PATH
fi

# A Linux path as Windows Python sees it (Wine maps / to Z:).
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }
