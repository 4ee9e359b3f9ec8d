#!/usr/bin/env bash
# Builds the Linux one-folder application with PyInstaller and packs it as a .deb:
#   /opt/salescenter/            the application
#   /usr/bin/salescenter         launcher
#   /usr/share/applications/     desktop entry
#   /usr/share/icons/hicolor/    icons
# Output: packaging/out/salescenter_<version>_<arch>.deb
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/packaging/out"
cd "$ROOT"

python -m pip install -q pyinstaller >/dev/null 2>&1 || python -m pip install pyinstaller
read -r NAME VERSION < <(python - <<'PY'
import tomllib
meta = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(meta["name"], meta["version"])
PY
)
ARCH="$(dpkg --print-architecture)"

rm -rf "$OUT/build" "$OUT/dist" "$OUT/deb"
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/salescenter.spec

STAGE="$OUT/deb/${NAME}_${VERSION}_${ARCH}"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications"
cp -a "$OUT/dist/$NAME" "$STAGE/opt/$NAME"
cat > "$STAGE/usr/bin/$NAME" <<LAUNCH
#!/bin/sh
exec /opt/$NAME/$NAME "\$@"
LAUNCH
chmod 755 "$STAGE/usr/bin/$NAME"
install -m 644 packaging/linux/salescenter.desktop "$STAGE/usr/share/applications/$NAME.desktop"
for size in 16 24 32 48 64 128 256 512; do
  icon="resources/icons/salescenter-$size.png"
  if [ -f "$icon" ]; then
    install -D -m 644 "$icon" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
  fi
done
if [ -f resources/icons/salescenter.svg ]; then
  install -D -m 644 resources/icons/salescenter.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
fi
SIZE_KB="$(du -sk "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: $NAME
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE_KB
Depends: libc6, libfontconfig1, libfreetype6, libglib2.0-0, libgl1, libegl1, libxkbcommon0, libdbus-1-3
Recommends: libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0
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
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "built $DEB ($(du -h "$DEB" | cut -f1), installed size ${SIZE_KB} KiB)"
