; Inno Setup 6 script: the Windows installer of 执法台账 FieldLedger.
;
; Built by packaging\windows\build.ps1 after PyInstaller has made dist\FieldLedger\:
;   ISCC /DAppVersion=x.y.z packaging\windows\FieldLedger.iss
; The version is never written here: build.ps1 reads it from models\version.py and passes it.
;
; Installs the one-folder program to Program Files (or, when the user is not an administrator
; and chooses so, to the user's own programs folder), with a Start menu shortcut and, if ticked,
; a desktop shortcut. Installer languages: Simplified Chinese and English. Chinese needs
; ChineseSimplified.isl, an unofficial Inno Setup translation: build.ps1 fetches it next to this
; script when missing (see docs\building.md); without it the installer is English only.
;
; The uninstaller removes the program folder only. The ledger data (database, evidence files,
; backups, logs) lives in the user's data folder, %LOCALAPPDATA%\FieldLedger (or a folder the user
; chose), which this installer never creates and the uninstaller NEVER deletes.
; This file is UTF-8 with a byte order mark, as Inno Setup needs for the Chinese text.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z FieldLedger.iss (build.ps1 does it)
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\FieldLedger"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif

#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

[Setup]
; The AppId identifies the program across versions: never change it (upgrades replace in place).
AppId={{B265B16D-E64A-4257-9734-F4527BDDA0DF}
AppName=执法台账 FieldLedger
AppVersion={#AppVersion}
AppVerName=执法台账 FieldLedger {#AppVersion}
AppPublisher=FieldLedger
VersionInfoVersion={#AppVersion}
VersionInfoProductName=执法台账 FieldLedger
DefaultDirName={autopf}\FieldLedger
DefaultGroupName=执法台账
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile={#SourceDir}\_internal\resources\icons\fieldledger.ico
UninstallDisplayIcon={app}\FieldLedger.exe
UninstallDisplayName=执法台账 FieldLedger {#AppVersion}
OutputDir={#OutputDir}
OutputBaseFilename=FieldLedger-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes

[Languages]
#ifdef ChineseIsl
Name: "chinesesimp"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef ChineseIsl
chinesesimp.DataKept=执法台账的数据没有删除，仍保存在：%n%n%1%n%n重新安装后可继续使用。如确实不再需要，请先备份，再自行删除这个文件夹。
#endif
english.DataKept=The ledger data was not removed; it is still in:%n%n%1%n%nA new installation uses it again. If it is truly no longer needed, back it up first, then delete that folder yourself.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An update replaces the program folder's libraries whole: files an older build shipped and this
; one does not (Qt plugins, .pyd modules) must not stay behind and be loaded. Only {app}\_internal,
; the program's own folder: the data folder (%LOCALAPPDATA%\FieldLedger) is never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\执法台账"; Filename: "{app}\FieldLedger.exe"; Comment: "执法台账 FieldLedger {#AppVersion}"
Name: "{autodesktop}\执法台账"; Filename: "{app}\FieldLedger.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\FieldLedger.exe"; Description: "{cm:LaunchProgram,执法台账}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: nothing outside the installed files is ever removed.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\FieldLedger');
    if DirExists(DataDir) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
