"""Prints the .deb's Depends: the packages providing every system library the bundle links against.

    python packaging/deb_depends.py packaging/out/deb/.../opt/salescenter

Like dpkg-shlibdeps without a source package: each ELF file's NEEDED entries
(objdump) that the bundle does not carry itself are located by the loader
(ldd) and owned by a package (dpkg -S). A library this build machine lacks is
named from salescenter.desktop_check.DEBIAN_PACKAGES, so a machine without,
say, libxcb-icccm4 still builds a .deb depending on it; a library neither way
can name stops the build. Qt's xcb plugin libraries are always among the
result: PyInstaller copies into the bundle whichever of them the build machine
happens to have, and the installed desktop cannot open without the others.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from salescenter.desktop_check import DEBIAN_PACKAGES

# Optional Qt plugins whose libraries a desk does not need: Qt skips a plugin it
# cannot load (these drive kiosk screens, Vulkan displays, printers, VNC, GTK theming).
OPTIONAL_PLUGIN_DIRS = {"egldeviceintegrations", "printsupport", "sqldrivers", "qmltooling", "designer",
                        "wayland-graphics-integration-server", "networkinformation", "tls"}
OPTIONAL_PLUGINS = {"libqeglfs.so", "libqvkkhrdisplay.so", "libqvnc.so", "libqlinuxfb.so", "libqgtk3.so",
                    "libqminimalegl.so"}
XCB_RUNTIME = {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxkbcommon-x11-0"}
# Always present on any Debian/Ubuntu system, or provided by the loader itself.
IMPLICIT = {"linux-vdso.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def wanted(path: Path) -> bool:
    if path.name in OPTIONAL_PLUGINS:
        return False
    return not any(part in OPTIONAL_PLUGIN_DIRS for part in path.parts)


def needed(path: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", dump, flags=re.MULTILINE)


def resolved(path: Path, bundle_dirs: str) -> dict[str, str | None]:
    env = dict(os.environ, LD_LIBRARY_PATH=bundle_dirs)
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, check=False).stdout
    found: dict[str, str | None] = {}
    for line in out.splitlines():
        name, _, where = line.strip().partition(" => ")
        if where.startswith("not found"):
            found[name] = None
        elif where:
            found[name] = where.split(" (")[0]
    return found


def owners(paths: set[str]) -> dict[str, str]:
    """Package of each library path; dpkg knows a merged-/usr file under either spelling."""
    spellings = {}
    for path in paths:
        real = os.path.realpath(path)
        for spelling in {path, real, real.removeprefix("/usr"), "/usr" + path if not path.startswith("/usr")
                         else path}:
            spellings[spelling] = path
    out = subprocess.run(["dpkg", "-S", *sorted(spellings)], capture_output=True, text=True,
                         check=False).stdout
    owner: dict[str, str] = {}
    for line in out.splitlines():
        package, _, file = line.partition(": ")
        if file in spellings and "," not in package:
            owner.setdefault(spellings[file], package.split(":")[0])
    return owner


def main(bundle: Path) -> int:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink() and is_elf(path)]
    carried = {path.name for path in bundle.rglob("*") if path.name.startswith("lib") or ".so" in path.name}
    bundle_dirs = ":".join(sorted({str(path.parent) for path in files}))
    system: dict[str, str | None] = {}
    for path in filter(wanted, files):
        names = [name for name in needed(path) if name not in carried and name not in IMPLICIT]
        if not names:
            continue
        where = resolved(path, bundle_dirs)
        for name in names:
            system.setdefault(name, where.get(name))
    owner = owners({path for path in system.values() if path})
    packages: set[str] = set()
    unknown: list[str] = []
    for name, path in sorted(system.items()):
        package = owner.get(path) if path else None
        package = package or DEBIAN_PACKAGES.get(name)
        if package is None:
            unknown.append(name)
        else:
            packages.add(package)
    if unknown:
        print(f"deb_depends: no package known for {', '.join(unknown)}: install it on the build machine "
              f"or add it to salescenter.desktop_check.DEBIAN_PACKAGES", file=sys.stderr)
        return 1
    print(", ".join(sorted(packages | XCB_RUNTIME)))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
