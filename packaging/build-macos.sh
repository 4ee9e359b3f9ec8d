#!/usr/bin/env bash
# Builds "Sales Center.app" with PyInstaller and packs it in a .dmg (hdiutil, macOS only).
# Output: packaging/out/SalesCenter-<version>.dmg
#
# Like build-linux.sh: its own virtual environment (packaging/out/venv, made anew
# from this checkout with $PYTHON, default python3), a failed build when
# PyInstaller could not collect a module, and the built app's self-test before
# the disk image is made.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/packaging/out"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

fail() { echo "build-macos.sh: $*" >&2; exit 1; }
command -v "$PYTHON" >/dev/null || fail "$PYTHON is needed (python.org or Homebrew, 3.11 or newer)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fail "$PYTHON is older than Python 3.11"
command -v hdiutil >/dev/null || fail "hdiutil is needed: build on macOS"

rm -rf "$OUT/build" "$OUT/dist" "$OUT/dmg" "$OUT/venv"
mkdir -p "$OUT"
"$PYTHON" -m venv "$OUT/venv"
VPY="$OUT/venv/bin/python"
unset PYTHONPATH PYTHONHOME
export PYTHONNOUSERSITE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
"$VPY" -m pip install -q ".[package]"
VERSION=$("$VPY" -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")

LOG="$OUT/pyinstaller.log"
"$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/salescenter.spec 2>&1 | tee "$LOG"
"$VPY" packaging/check_collected.py "$LOG" "$OUT/build/salescenter/warn-salescenter.txt"

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
env QT_QPA_PLATFORM=offscreen HOME="$SCRATCH" \
  "$OUT/dist/Sales Center.app/Contents/MacOS/salescenter" --db "sqlite:///$SCRATCH/self-test.db" --self-test \
  || fail "the built app's self-test failed: no disk image made"

STAGE="$OUT/dmg"
mkdir -p "$STAGE"
cp -R "$OUT/dist/Sales Center.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Sales Center" -srcfolder "$STAGE" -ov -format UDZO "$OUT/SalesCenter-$VERSION.dmg"
