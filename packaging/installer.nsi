; NSIS installer for complaints_desktop: installs for the current user, no administrator
; rights, into %LOCALAPPDATA%\Programs\Complaints Desktop.
;
;   python packaging/version_resource.py BUILD          (writes BUILD/version.nsh)
;   makensis -DDIST=...\complaints_desktop -DVERSION_NSH=BUILD\version.nsh ^
;            -DOUTFILE=...\ComplaintsDesktop-VERSION-setup.exe packaging\installer.nsi
;   optional: -DSIGN="command" signs the uninstaller and the installer ("%1" = the file),
;             -DPUBLISHER="..." the name shown in Apps & features.
;
; packaging/build_windows.sh (Linux, Wine) and packaging\build_windows.ps1 (Windows) run
; this; packaging/installer_test.sh installs, runs, upgrades and uninstalls it silently.
; The officer's data (%LOCALAPPDATA%\complaints_desktop: the database, its backups, the
; log) and settings are never touched by installing, upgrading or uninstalling.

Unicode true
Target amd64-unicode
!include "${VERSION_NSH}"
!ifndef DIST | OUTFILE
  !error "Give -DDIST=<the PyInstaller folder> and -DOUTFILE=<setup.exe>"
!endif

!define APPEXE "complaints-desktop.exe"
!define CLIEXE "complaints-desktop-cli.exe"
!define UNINSTALLER "Uninstall ${PRODUCT}.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\complaints_desktop"
; complaints_desktop.__main__ holds this mutex while the window or a command runs.
!define MUTEX "complaints_desktop-running"
!define DATADIR "$LOCALAPPDATA\complaints_desktop"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true
ManifestSupportedOS all
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2057 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2057 "FileDescription" "${PRODUCT} ${VERSION} setup"
VIAddVersionKey /LANG=2057 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2057 "LegalCopyright" "(c) ${PUBLISHER}"
VIAddVersionKey /LANG=2057 "Comments" "${DESCRIPTION}"

!ifdef SIGN
  !uninstfinalize '${SIGN} "%1"' = 0
  !finalize '${SIGN} "%1"' = 0
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "complaints_desktop.ico"
!define MUI_UNICON "complaints_desktop.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "This installs ${PRODUCT} ${VERSION} for you alone (no administrator rights are needed).$\r$\n$\r$\nAn earlier version is replaced; your complaints database, its backups and your settings are kept.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APPEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${PRODUCT}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${PRODUCT} will be removed from the folder below. Your complaints database, its backups and the log in ${DATADIR}, and your settings, are kept."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${PRODUCT} has been removed"
!define MUI_FINISHPAGE_TEXT "Your data was kept: the complaints database, its backups and the log are still in$\r$\n${DATADIR}$\r$\nand your settings are kept too.$\r$\n$\r$\nInstalling ${PRODUCT} again opens them. Delete that folder yourself only when your records retention schedule allows it."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "English"

; Refuse while the application (the window or a command) is running: its files are in use
; and the database may be open. Retry after closing it, or cancel; silent runs cancel.
!macro REFUSE_WHILE_RUNNING what
  ${Do}
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${MUTEX}") p .r0'
    ${If} $0 == 0
      ${Break}
    ${EndIf}
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${PRODUCT} is open. Close its window (and any complaints-desktop command that is running), then press Retry to ${what}." /SD IDCANCEL IDRETRY +2
    Abort
  ${Loop}
!macroend

; The files a version installs: the two exes, PyInstaller's _internal folder, the
; uninstaller. Only these are removed, never the whole folder (it may hold other things).
!macro REMOVE_PROGRAM_FILES dir
  RMDir /r "${dir}\_internal"
  Delete "${dir}\${APPEXE}"
  Delete "${dir}\${CLIEXE}"
  Delete "${dir}\${UNINSTALLER}"
  RMDir "${dir}"
!macroend

Function .onInit
  !insertmacro REFUSE_WHILE_RUNNING "install"
FunctionEnd

Section "Install"
  SetShellVarContext current
  ; Upgrade: remove the previous version's files first (where it was installed), so that
  ; no file of an older version is left beside the new ones.
  ReadRegStr $1 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $1 != ""
  ${AndIf} ${FileExists} "$1\${APPEXE}"
    DetailPrint "Removing the previous version from $1"
    !insertmacro REMOVE_PROGRAM_FILES "$1"
  ${EndIf}
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0 \
    SW_SHOWNORMAL "" "${DESCRIPTION}"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "Comments" "${DESCRIPTION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $2 $3 $4
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $2
SectionEnd

Function un.onInit
  !insertmacro REFUSE_WHILE_RUNNING "remove it"
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro REMOVE_PROGRAM_FILES "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "Kept: your complaints database, backups and log in ${DATADIR}"
SectionEnd
