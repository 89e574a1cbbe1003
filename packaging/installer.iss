; Inno Setup script: installs complaints_desktop for the current user, no administrator rights.
; Built by packaging\build_windows.ps1 after PyInstaller and the smoke test.

#define AppName "Complaints Desktop"
#define AppVersion "0.1.0"
#define AppExe "complaints-desktop.exe"

[Setup]
AppId={{6B1E2C7A-4F0D-4C8E-9D3B-2A7F5E1C0B91}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=complaints_desktop
DefaultDirName={localappdata}\Programs\ComplaintsDesktop
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=ComplaintsDesktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
; The database lives in %LOCALAPPDATA%\complaints_desktop and is never touched by
; installing, upgrading or uninstalling.

[Files]
Source: "..\dist\complaints_desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "Open {#AppName}"; Flags: nowait postinstall skipifsilent
