#!/usr/bin/env bash
# Builds the Linux one-folder application with PyInstaller and packs it as a .deb:
#   /opt/salescenter/            the application
#   /usr/bin/salescenter         launcher
#   /usr/share/applications/     desktop entry
#   /usr/share/icons/hicolor/    icons
# Output: packaging/out/salescenter_<version>_<arch>.deb
#
# It builds in its own virtual environment (packaging/out/venv, made anew from
# this checkout with $PYTHON, default python3), so what the machine's Python has
# installed does not matter; it stops with an error when PyInstaller could not
# collect a module, and when the built program's self-test fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/packaging/out"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

fail() { echo "build-linux.sh: $*" >&2; exit 1; }
for tool in "$PYTHON" dpkg-deb dpkg ldd objdump; do
  command -v "$tool" >/dev/null || fail "$tool is needed (Debian/Ubuntu: sudo apt-get install -y python3-venv binutils)"
done
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fail "$PYTHON is older than Python 3.11"

started=$SECONDS
rm -rf "$OUT/build" "$OUT/dist" "$OUT/deb" "$OUT/venv"
mkdir -p "$OUT"
"$PYTHON" -m venv "$OUT/venv" || fail "$PYTHON cannot make a virtual environment (Debian/Ubuntu: sudo apt-get install -y python3-venv)"
VPY="$OUT/venv/bin/python"
# Only the venv's own packages: nothing from PYTHONPATH or the user's site-packages.
unset PYTHONPATH PYTHONHOME
export PYTHONNOUSERSITE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
"$VPY" -m pip install -q ".[package]"
echo "build venv ready in $((SECONDS - started)) s: $("$VPY" -m PyInstaller --version | sed 's/^/PyInstaller /')"

read -r NAME VERSION < <("$VPY" - <<'PY'
import tomllib
meta = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(meta["name"], meta["version"])
PY
)
ARCH="$(dpkg --print-architecture)"

LOG="$OUT/pyinstaller.log"
"$VPY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/salescenter.spec 2>&1 | tee "$LOG"
"$VPY" "$ROOT/packaging/check_collected.py" "$LOG" "$OUT/build/salescenter/warn-salescenter.txt"

# The built program itself, offscreen, on a fresh database in a scratch home.
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
env -u PYTHONPATH QT_QPA_PLATFORM=offscreen HOME="$SCRATCH" XDG_DATA_HOME="$SCRATCH/data" \
  XDG_CONFIG_HOME="$SCRATCH/config" XDG_STATE_HOME="$SCRATCH/state" XDG_CACHE_HOME="$SCRATCH/cache" \
  "$OUT/dist/$NAME/$NAME" --db "sqlite:///$SCRATCH/self-test.db" --self-test \
  || fail "the built program's self-test failed: no .deb written"

STAGE="$OUT/deb/${NAME}_${VERSION}_${ARCH}"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications"
cp -a "$OUT/dist/$NAME" "$STAGE/opt/$NAME"
cat > "$STAGE/usr/bin/$NAME" <<LAUNCH
#!/bin/sh
exec /opt/$NAME/$NAME "\$@"
LAUNCH
chmod 755 "$STAGE/usr/bin/$NAME"
install -m 644 packaging/linux/salescenter.desktop "$STAGE/usr/share/applications/$NAME.desktop"
ICONS=salescenter/resources/icons
for size in 16 24 32 48 64 128 256 512; do
  icon="$ICONS/salescenter-$size.png"
  if [ -f "$icon" ]; then
    install -D -m 644 "$icon" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
  fi
done
if [ -f "$ICONS/salescenter.svg" ]; then
  install -D -m 644 "$ICONS/salescenter.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
fi
# Every system library the bundle links against, as the packages of this
# distribution that provide it (Qt's xcb plugin's libraries among them).
DEPENDS="$("$VPY" "$ROOT/packaging/deb_depends.py" "$STAGE/opt/$NAME")"
SIZE_KB="$(du -sk "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Maintainer: Sales Center <support@salescenter.invalid>
Description: Sales Center order desk for call centers
 Take orders on the phone, find customers and orders in milliseconds,
 change submitted orders, and resolve blocks and holds.
CONTROL
cat > "$STAGE/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
exit 0
POST
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
# zstd packs the 225 MB bundle in seconds where xz takes minutes (12 on a busy
# 2-core machine) for a quarter less; DEB_COMPRESSION=xz for a smaller release.
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-zstd}" --build "$STAGE" "$DEB" >/dev/null
echo "built $DEB ($(du -h "$DEB" | cut -f1), installed size ${SIZE_KB} KiB) in $((SECONDS - started)) s"
echo "Depends: $DEPENDS"
