; Inno Setup 6 script: the per-user Windows installer of gwinong-desktop (귀농인의 집 관리).
;
; Needs Inno Setup 6.3 or newer (it ships Languages\Korean.isl). From the repository's top folder,
; after `uv run python installer/build.py` has made dist\gwinong-desktop\:
;
;     iscc /DAppVersion=0.1.0 installer\gwinong-desktop.iss
;
; AppVersion is the version in pyproject.toml (build.py prints the exact command). The installer
; lands in dist\installer\gwinong-desktop-<version>-setup.exe. README.md, "Building the Windows
; installer", has the whole procedure.
;
; Three folders must never be confused:
;   program   {autopf}\gwinong-desktop = %LOCALAPPDATA%\Programs\gwinong-desktop (per-user install:
;             PrivilegesRequired=lowest makes {autopf} the user's own Programs folder)
;   data      %LOCALAPPDATA%\gwinong-desktop (platformdirs' user_data_dir; also the settings, the
;             logs and the demo folder): this script never installs there, never deletes there,
;             and refuses a program folder that overlaps it
;   shortcut  the user's Start menu ({autoprograms})
;
; This file is UTF-8 with a byte-order mark: Inno Setup reads a script without one as ANSI.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z installer\gwinong-desktop.iss (see README.md)
#endif
; Windows wants up to four numbers in file versions; pass /DAppFileVersion=1.2.0.1 for a version
; such as 1.2.0rc1.
#ifndef AppFileVersion
  #define AppFileVersion AppVersion
#endif
; The one-folder build (relative to this script's folder unless absolute).
#ifndef DistDir
  #define DistDir "..\dist\gwinong-desktop"
#endif

#define AppTitle "귀농인의 집 관리"
#define AppExeName "gwinong-desktop.exe"
; The name platformdirs gives the data folder under %LOCALAPPDATA% (cli.APP_NAME in the app).
#define DataFolderName "gwinong-desktop"

[Setup]
; Never change AppId: a newer installer finds the installed version by it and upgrades it in
; place (same folder, same uninstaller entry). The doubled brace is Inno Setup's escape.
AppId={{A6DCD1FC-C9E3-4451-B4F7-8F47003F06E6}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=gwinong-desktop
VersionInfoVersion={#AppFileVersion}
VersionInfoProductVersion={#AppFileVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoProductName={#AppTitle}
VersionInfoDescription={#AppTitle} 설치 프로그램
VersionInfoCompany=gwinong-desktop
; Per-user install: no administrator rights, no UAC prompt, and no offer to install for all users.
PrivilegesRequired=lowest
DefaultDirName={autopf}\gwinong-desktop
; The folder page is shown on the first install only; an upgrade reuses the installed folder.
DisableDirPage=auto
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade while the app runs: Setup lists it and offers to close it (Restart Manager); the app
; saves and releases its data folder as on any close. It is not restarted behind the officer.
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
OutputDir=..\dist\installer
OutputBaseFilename=gwinong-desktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppTitle}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"

[CustomMessages]
DataFolderOverlap=이 폴더에는 설치할 수 없습니다. 업무 자료가 들어 있는 데이터 폴더와 겹칩니다:%n%1%n%n다른 폴더를 선택해 주세요.
DataFolderKept=프로그램을 제거했습니다. 업무 자료(데이터 폴더)는 지우지 않았습니다:%n%1%n%n다시 설치하면 그 자료로 이어서 일할 수 있습니다.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Before an upgrade copies the new files: remove the old version's libraries, so that nothing of
; it lingers beside the new one. Only inside the program folder; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "귀농인의 집 조성·운영 관리"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program may have made inside its own folder at run time. Not the data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function DataFolder: String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolderName}');
end;

{ True when one folder is the other or contains it. }
function Overlaps(A, B: String): Boolean;
begin
  A := Uppercase(AddBackslash(A));
  B := Uppercase(AddBackslash(B));
  Result := (Pos(A, B) = 1) or (Pos(B, A) = 1);
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and Overlaps(WizardDirValue, DataFolder) then
  begin
    SuppressibleMsgBox(FmtMessage(CustomMessage('DataFolderOverlap'), [DataFolder]),
      mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

{ The same check for silent installs and a folder given with /DIR=. }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if Overlaps(ExpandConstant('{app}'), DataFolder) then
    Result := FmtMessage(CustomMessage('DataFolderOverlap'), [DataFolder]);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataFolderKept'), [DataFolder]), mbInformation, MB_OK);
end;
