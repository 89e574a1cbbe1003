# Build the Windows one-folder app and its per-user installer.
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs: Python 3.11+ (py launcher), Inno Setup 6 (iscc.exe on PATH) for the installer.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

py run.py setup   # creates .venv with the pinned dependencies
if ($LASTEXITCODE -ne 0) { throw "Setting up .venv failed" }
$py = ".venv\Scripts\python.exe"
& $py -m pip install --disable-pip-version-check -q pyinstaller==6.22.3
if ($LASTEXITCODE -ne 0) { throw "Installing PyInstaller failed" }

& $py -m PyInstaller --noconfirm --clean packaging\complaints_desktop.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Smoke-test the frozen build before making the installer.
& $py packaging\smoke_test.py dist\complaints_desktop
if ($LASTEXITCODE -ne 0) { throw "Smoke test failed: no installer built" }

$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if ($null -eq $iscc) {
    Write-Warning "Inno Setup (iscc.exe) not found: dist\complaints_desktop is ready, no installer made."
    exit 0
}
& $iscc.Source packaging\installer.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "Installer written to dist\installer\"
