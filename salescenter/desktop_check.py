"""Can Qt open a window here? Checked before the desktop starts and before a demo load.

Qt's own message when its xcb display plugin cannot load names only
libxcb-cursor0, even when other libraries are what is missing, and it comes
after the demo load has run for minutes. This module asks the dynamic loader
(``ldd``) which libraries the plugin Qt will use cannot find, and names the
Debian/Ubuntu packages that provide them, before any of that.

No PySide6 import: the plugin is located on disk, so the check costs a few
milliseconds and works in the PyInstaller bundle as well.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# Shared object names the Qt display plugins (and the Qt libraries they load)
# link against, with the Debian/Ubuntu package providing each. The .deb's
# Depends are computed from the same table (packaging/build-linux.sh).
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}
SKIP_ENV = "SALESCENTER_SKIP_DESKTOP_CHECK"


def plugin_folder() -> Path | None:
    """Qt's platform plugin folder of the PySide6 this program runs with."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundle) / "PySide6"] if bundle else []
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent)
    for package in candidates:
        for folder in (package / "Qt" / "plugins" / "platforms", package / "plugins" / "platforms"):
            if folder.is_dir():
                return folder
    return None


def parse_ldd(output: str) -> list[str]:
    """The shared object names ``ldd`` reports as ``not found``, in order, once each."""
    missing: list[str] = []
    for line in output.splitlines():
        name, _, where = line.strip().partition("=>")
        if where.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def missing_libraries(plugin: Path) -> list[str] | None:
    """What the loader cannot find for ``plugin`` (and the libraries it pulls in);
    None when that cannot be told (no ``ldd`` here)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_ldd(result.stdout)


def advice(plugin_name: str, missing: list[str], apt: bool, skippable: bool = False) -> str:
    """What to tell the person at the keyboard: the libraries, and the command installing them."""
    known = sorted({DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES})
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    lines = [f"The desktop cannot start: Qt's {plugin_name} display plugin needs "
             f"{', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'} not installed."]
    if known:
        if apt:
            lines.append(f"Install {'it' if len(known) == 1 else 'them'} with:")
        else:
            lines.append("On Debian or Ubuntu the packages are (use your system's equivalents):")
        lines.append(f"    sudo apt-get install -y {' '.join(known)}")
    if unknown:
        lines.append(f"Install the packages of your system that provide {', '.join(unknown)}.")
    again = "Then run the same command again"
    lines.append(f"{again} (or set {SKIP_ENV}=1 to go on without the desktop)." if skippable else f"{again}.")
    return "\n".join(lines)


def _platform(environ: Mapping[str, str]) -> str | None:
    """The display plugin Qt will need on this Linux session, or None when none of ours applies."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return "xcb" if chosen == "xcb" else None
    return "xcb"  # Qt falls back to xcb when Wayland is not there or cannot load


def desktop_problem(environ: Mapping[str, str] | None = None, headless_ok: bool = False,
                    skippable: bool = False) -> str | None:
    """Why Qt could not open a window here, in words naming the fix; None when it can
    (or when this cannot be told, and Qt is left to say it).

    ``headless_ok``: no display is fine (the self-test renders offscreen then; commands
    run before the desktop, such as ``init --demo``, may run on a server). ``skippable``:
    the advice mentions the variable that turns the check off.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get(SKIP_ENV) == "1" or _platform(env) is None:
        return None
    has_display = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if not has_display:
        if headless_ok:
            return None  # no desktop session here (a server): nothing will open a window
        return ("The desktop cannot start: there is no display (neither DISPLAY nor WAYLAND_DISPLAY "
                "is set). Run it from a desktop session, or over ssh with X forwarding (ssh -X).")
    folder = plugin_folder()
    if folder is None:
        return None
    if not env.get("QT_QPA_PLATFORM") and env.get("WAYLAND_DISPLAY"):
        wayland = folder / "libqwayland.so"
        if wayland.is_file() and missing_libraries(wayland) == []:
            return None  # Qt opens the window through Wayland
    plugin = folder / "libqxcb.so"
    if not plugin.is_file():
        return None
    missing = missing_libraries(plugin)
    if not missing:
        return None
    return advice("xcb", missing, apt=shutil.which("apt-get") is not None, skippable=skippable)
