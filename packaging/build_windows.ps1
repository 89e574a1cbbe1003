# Build the Windows one-folder app and its per-user installer on Windows.
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs: Python 3.11+ (py launcher); NSIS 3 (makensis.exe on PATH or in its default
# folder) for the installer. The same spec and installer script as packaging/build_windows.sh
# (which builds on Linux under Wine in CI).
# Signing (README: Code signing), only when configured: CODESIGN_THUMBPRINT, the SHA-1
# thumbprint of a code-signing certificate in the user's or machine's certificate store
# (or on a token); CODESIGN_TIMESTAMP_URL (default http://timestamp.digicert.com).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

py run.py setup   # creates .venv with the pinned dependencies
if ($LASTEXITCODE -ne 0) { throw "Setting up .venv failed" }
$py = ".venv\Scripts\python.exe"
& $py -m pip install --disable-pip-version-check -q -r packaging\pyinstaller-windows.txt
if ($LASTEXITCODE -ne 0) { throw "Installing PyInstaller failed" }

& $py -m PyInstaller --noconfirm --clean --distpath dist\windows --workpath dist\windows\work `
    packaging\complaints_desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
$app = "dist\windows\complaints_desktop"

$sign = $null
if ($env:CODESIGN_THUMBPRINT) {
    $signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if (-not $signtool) { throw "CODESIGN_THUMBPRINT is set but signtool.exe (Windows SDK) is not on PATH" }
    $ts = if ($env:CODESIGN_TIMESTAMP_URL) { $env:CODESIGN_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    # For makensis's !finalize / !uninstfinalize (no quotes: signtool is on PATH).
    $sign = "signtool.exe sign /sha1 $($env:CODESIGN_THUMBPRINT) /fd SHA256 /tr $ts /td SHA256"
    & $signtool sign /sha1 $env:CODESIGN_THUMBPRINT /fd SHA256 /tr $ts /td SHA256 /d "Complaints Desktop" `
        "$app\complaints-desktop.exe" "$app\complaints-desktop-cli.exe"
    if ($LASTEXITCODE -ne 0) { throw "Signing the exes failed" }
} else {
    Write-Host "Not signed (no CODESIGN_THUMBPRINT)."
}

# Smoke-test the frozen build before making the installer.
& $py packaging\smoke_test.py $app
if ($LASTEXITCODE -ne 0) { throw "Smoke test failed: no installer built" }

$makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $makensis -and (Test-Path "${env:ProgramFiles(x86)}\NSIS\makensis.exe")) {
    $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe"
}
if (-not $makensis) {
    Write-Warning "NSIS (makensis.exe) not found: $app is ready, no installer made."
    exit 0
}
& $py packaging\version_resource.py dist\windows\work
if ($LASTEXITCODE -ne 0) { throw "Version resource failed" }
$version = (& $py -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
$root = (Get-Location).Path
$nsis = @("-V2", "-DDIST=$root\$app", "-DVERSION_NSH=$root\dist\windows\work\version.nsh",
          "-DOUTFILE=$root\dist\windows\ComplaintsDesktop-$version-setup.exe")
if ($sign) { $nsis += "-DSIGN=$sign" }
& $makensis @nsis packaging\installer.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "Installer written to dist\windows\ComplaintsDesktop-$version-setup.exe"
