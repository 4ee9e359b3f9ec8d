# Builds the Windows installer: PyInstaller one-folder app, then Inno Setup.
# Needs Python 3.11+, and Inno Setup 6 (choco install innosetup).
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\.."
Set-Location $Root
python -m pip install -e ".[package]"
$Version = python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
python -m PyInstaller --noconfirm --clean --distpath packaging\out\dist --workpath packaging\out\build packaging\salescenter.spec
$env:SALESCENTER_ONEFILE = "1"
python -m PyInstaller --noconfirm --distpath packaging\out\portable --workpath packaging\out\build-portable packaging\salescenter.spec
Remove-Item Env:\SALESCENTER_ONEFILE
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" "/DAppVersion=$Version" packaging\windows\salescenter.iss
