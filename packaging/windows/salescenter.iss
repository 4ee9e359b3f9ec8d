; Inno Setup script for Sales Center (built by packaging/build-windows.ps1).
; Per-user install by default; "Install for all users" when run as administrator.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Sales Center"
#define AppExe "salescenter.exe"

[Setup]
AppId={{6F3C1E2A-8B0D-4C59-9E1F-5A7D2C4B8E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sales Center
DefaultDirName={autopf}\Sales Center
DefaultGroupName=Sales Center
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
OutputDir=..\out
OutputBaseFilename=SalesCenter-{#AppVersion}-setup
SetupIconFile=..\out\salescenter.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Tasks]
Name: "desktopicon"; Description: "Create a &desktop shortcut"; Flags: unchecked

[Files]
Source: "..\out\dist\salescenter\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Sales Center"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall Sales Center"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Sales Center"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start Sales Center"; Flags: nowait postinstall skipifsilent
