# Build the Windows one-folder program and its installer, on a Windows build machine.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: 64-bit Python 3.11 (python.org installer, with the "py" launcher) and Inno Setup 6
# (https://jrsoftware.org/isdl.php). Steps, each stopping the build when it fails:
#   1. .venv-build: a virtual environment with requirements-build.txt only (the runtime
#      dependencies plus PyInstaller), so nothing of a developer's environment gets bundled;
#   2. the translations (.qm) from the .ts sources (packaging\i18n.py release);
#   3. PyInstaller with packaging\fieldledger.spec (the same spec as Linux) into dist\FieldLedger\;
#   4. the smoke test of the built program (dist\FieldLedger\FieldLedger-cli.exe smoke-test): a
#      demo installation in a temp folder, the real main window (shown for a few seconds),
#      translations, fonts, templates, a PDF, the audit chain;
#   5. Inno Setup (packaging\windows\FieldLedger.iss) with the version from models\version.py:
#      dist\FieldLedger-<version>-windows-x64-setup.exe.
# -SkipInstaller stops after step 4; -Offscreen runs the smoke test without showing the window.
param(
    [string]$Python = "",
    [switch]$SkipInstaller,
    [switch]$Offscreen
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$started = Get-Date

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit status $LASTEXITCODE)" }
}

# 1. The build environment.
$venvPython = Join-Path $Root ".venv-build\Scripts\python.exe"
if (-not (Test-Path $venvPython)) {
    if ($Python) {
        Invoke-Checked "creating .venv-build" { & $Python -m venv .venv-build }
    } elseif (Get-Command py -ErrorAction SilentlyContinue) {
        Invoke-Checked "creating .venv-build" { py -3.11 -m venv .venv-build }
    } else {
        Invoke-Checked "creating .venv-build" { python -m venv .venv-build }
    }
}
Invoke-Checked "installing requirements-build.txt" {
    & $venvPython -m pip install --quiet --disable-pip-version-check -r requirements-build.txt
}
# The PySide6 tools (pyside6-lrelease) are found on PATH.
$env:PATH = (Join-Path $Root ".venv-build\Scripts") + ";" + $env:PATH

$version = (& $venvPython -c "from models.version import __version__; print(__version__)").Trim()
Write-Host "Building FieldLedger $version ..."

# 2. Translations.
Invoke-Checked "building the translations" { & $venvPython packaging\i18n.py release }

# 3. PyInstaller.
if (Test-Path dist\FieldLedger) { Remove-Item -Recurse -Force dist\FieldLedger }
Invoke-Checked "PyInstaller" {
    & $venvPython -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build\pyinstaller packaging\fieldledger.spec
}
$built = Get-Date

# 4. Smoke test of the built program (the console executable, so the report is printed).
New-Item -ItemType Directory -Force build | Out-Null
$smokeArgs = @("smoke-test", "--report", "build\smoke-test.txt")
if ($Offscreen) { $smokeArgs += "--offscreen" }
Write-Host ""
Write-Host "Smoke test of the built program: dist\FieldLedger\FieldLedger-cli.exe $($smokeArgs -join ' ')"
Invoke-Checked "the smoke test" { & dist\FieldLedger\FieldLedger-cli.exe @smokeArgs }

$size = (Get-ChildItem -Recurse dist\FieldLedger | Measure-Object -Property Length -Sum).Sum
Write-Host ("Bundle: {0:N0} MB  dist\FieldLedger\" -f ($size / 1MB))

# 5. The installer.
if ($SkipInstaller) { exit 0 }
$iss = Join-Path $PSScriptRoot "FieldLedger.iss"
$isl = Join-Path $PSScriptRoot "ChineseSimplified.isl"
if (-not (Test-Path $isl)) {
    # Unofficial Inno Setup translation, kept in Inno Setup's own repository.
    $url = "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl"
    try {
        Invoke-WebRequest -Uri $url -OutFile $isl -UseBasicParsing
        Write-Host "Fetched the Chinese installer messages: $isl"
    } catch {
        Write-Warning "Could not fetch ChineseSimplified.isl ($url): the installer will be English only."
    }
}
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    foreach ($dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6",
                       "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
        if (Test-Path "$dir\ISCC.exe") { $iscc = "$dir\ISCC.exe"; break }
    }
}
if (-not $iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php" }
Invoke-Checked "Inno Setup" { & $iscc "/DAppVersion=$version" $iss }

$setup = "dist\FieldLedger-$version-windows-x64-setup.exe"
$finished = Get-Date
Write-Host ""
Write-Host ("Installer: {0:N0} MB  {1}" -f ((Get-Item $setup).Length / 1MB), $setup)
Write-Host ("Time: {0:N0} s to build, {1:N0} s in all" -f ($built - $started).TotalSeconds, ($finished - $started).TotalSeconds)
