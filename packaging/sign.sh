#!/usr/bin/env bash
# Authenticode-sign Windows files on Linux with osslsigncode (Debian: apt-get install
# osslsigncode), in place. packaging/build_windows.sh calls it for the two exes, and
# makensis for the uninstaller and the installer, only when a certificate is configured:
#
#   CODESIGN_PFX             the code-signing certificate and its key (.pfx / .p12)
#   CODESIGN_PASSWORD        its password (or CODESIGN_PASSWORD_FILE: a file holding it)
#   CODESIGN_TIMESTAMP_URL   an RFC 3161 timestamp server (default
#                            http://timestamp.digicert.com; "none" signs without one, for
#                            tests only: an untimestamped signature dies with the certificate)
#
#   bash packaging/sign.sh FILE.exe ...
# On Windows, packaging\build_windows.ps1 signs with signtool instead (README: Code signing).
set -euo pipefail
if [ -z "${CODESIGN_PFX:-}" ]; then
  echo "sign.sh: CODESIGN_PFX is not set; nothing signed" >&2
  exit 1
fi
command -v osslsigncode >/dev/null || {
  echo "sign.sh: osslsigncode is missing (apt-get install osslsigncode)" >&2
  exit 1
}
password=${CODESIGN_PASSWORD:-}
if [ -n "${CODESIGN_PASSWORD_FILE:-}" ]; then
  password=$(cat "$CODESIGN_PASSWORD_FILE")
fi
timestamp=${CODESIGN_TIMESTAMP_URL:-http://timestamp.digicert.com}
ts_args=()
[ "$timestamp" = none ] || ts_args=(-ts "$timestamp")
for file in "$@"; do
  osslsigncode sign -pkcs12 "$CODESIGN_PFX" -readpass <(printf '%s' "$password") \
    -h sha256 -n "Complaints Desktop" "${ts_args[@]}" -in "$file" -out "$file.signed" >/dev/null
  mv -f "$file.signed" "$file"
  echo "signed $(basename "$file")"
done
