# Builds the Windows installer: PyInstaller one-folder app and portable .exe, then Inno Setup.
# Needs Python 3.11+ (set $env:PYTHON to choose one; default python) and Inno Setup 6
# (choco install innosetup).
#
# Like build-linux.sh: its own virtual environment (packaging\out\venv, made anew from
# this checkout), a failed build when PyInstaller could not collect a module, and the
# built programs' self-test before the installer is made.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\.."
Set-Location $Root
$Out = Join-Path $Root "packaging\out"
$Python = if ($env:PYTHON) { $env:PYTHON } else { "python" }

function Invoke-Checked([string]$What, [string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "build-windows.ps1: $What failed (exit $LASTEXITCODE)" }
}

# PyInstaller logs to stderr, which Windows PowerShell would turn into errors: its output goes
# to a log file (relative paths only in the arguments, so nothing needs quoting).
function Invoke-PyInstaller([string]$Log, [string[]]$Arguments) {
    $run = Start-Process -FilePath $Vpy -ArgumentList (@("-m", "PyInstaller") + $Arguments) -NoNewWindow `
        -Wait -PassThru -RedirectStandardOutput "$Log.out" -RedirectStandardError $Log
    Get-Content "$Log.out", $Log
    if ($run.ExitCode -ne 0) { throw "build-windows.ps1: PyInstaller failed (exit $($run.ExitCode))" }
}

function Test-Built([string]$Exe) {
    $scratch = Join-Path ([IO.Path]::GetTempPath()) ("salescenter-self-test-" + [guid]::NewGuid())
    New-Item -ItemType Directory $scratch | Out-Null
    $env:QT_QPA_PLATFORM = "offscreen"
    $env:SALESCENTER_PORTABLE = $scratch  # data, settings and logs in the scratch folder
    try {
        $db = "sqlite:///" + ($scratch -replace '\\', '/') + "/self-test.db"
        $run = Start-Process -FilePath $Exe -ArgumentList "--db", $db, "--self-test" -Wait -PassThru -NoNewWindow
        if ($run.ExitCode -ne 0) { throw "build-windows.ps1: the self-test of $Exe failed: no installer made" }
    } finally {
        Remove-Item Env:\QT_QPA_PLATFORM, Env:\SALESCENTER_PORTABLE -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
    }
}

foreach ($stale in "build", "build-portable", "dist", "portable", "venv") {
    Remove-Item -Recurse -Force (Join-Path $Out $stale) -ErrorAction SilentlyContinue
}
New-Item -ItemType Directory -Force $Out | Out-Null
Invoke-Checked "making the build venv" $Python @("-m", "venv", (Join-Path $Out "venv"))
$Vpy = Join-Path $Out "venv\Scripts\python.exe"
Remove-Item Env:\PYTHONPATH, Env:\PYTHONHOME -ErrorAction SilentlyContinue
$env:PYTHONNOUSERSITE = "1"
Invoke-Checked "pip install" $Vpy @("-m", "pip", "install", "-q", ".[package]")
$Version = & $Vpy -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"

$Log = Join-Path $Out "pyinstaller.log"
Invoke-PyInstaller $Log @("--noconfirm", "--clean", "--log-level", "WARN", "--distpath", "packaging\out\dist",
                          "--workpath", "packaging\out\build", "packaging\salescenter.spec")
Invoke-Checked "collecting modules" $Vpy @("packaging\check_collected.py", $Log,
                                           "packaging\out\build\salescenter\warn-salescenter.txt")
Test-Built (Join-Path $Out "dist\salescenter\salescenter.exe")

$env:SALESCENTER_ONEFILE = "1"
$PortableLog = Join-Path $Out "pyinstaller-portable.log"
Invoke-PyInstaller $PortableLog @("--noconfirm", "--log-level", "WARN", "--distpath", "packaging\out\portable",
                                  "--workpath", "packaging\out\build-portable", "packaging\salescenter.spec")
Remove-Item Env:\SALESCENTER_ONEFILE
Invoke-Checked "collecting modules (portable)" $Vpy @("packaging\check_collected.py", $PortableLog,
                                                      "packaging\out\build-portable\salescenter\warn-salescenter.txt")
Test-Built (Join-Path $Out "portable\salescenter-portable.exe")

# The installer's icon, drawn from the PNG (Pillow comes with the [package] extra).
Invoke-Checked "making the installer icon" $Vpy @("-c", "from PIL import Image; Image.open('salescenter/resources/icons/salescenter-256.png').save('packaging/out/salescenter.ico', sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])")
Invoke-Checked "Inno Setup" "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" @("/DAppVersion=$Version", "packaging\windows\salescenter.iss")
