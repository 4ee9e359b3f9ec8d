#!/usr/bin/env bash
# Builds "Sales Center.app" with PyInstaller and packs it in a .dmg (hdiutil, macOS only).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
python -m pip install -e ".[package]"
VERSION=$(python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
python -m PyInstaller --noconfirm --clean --distpath packaging/out/dist --workpath packaging/out/build packaging/salescenter.spec
STAGE=packaging/out/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "packaging/out/dist/Sales Center.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Sales Center" -srcfolder "$STAGE" -ov -format UDZO \
  "packaging/out/SalesCenter-$VERSION.dmg"
