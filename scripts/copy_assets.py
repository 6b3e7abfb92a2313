"""Copy the front-end files the kiosk serves from node_modules into static/vendor/, make the web
fonts, and compress the static files.

Only files from packages pinned in package-lock.json (and fonts from PyPI) are used; the browser
never loads anything from outside the PC.
"""
import json
import shutil
import subprocess
from pathlib import Path

import compress_static
import make_fonts

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"


def main():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    htmx = lock["packages"]["node_modules/htmx.org"]["version"]
    if not htmx.startswith("2.0."):
        raise SystemExit(f"htmx {htmx}: the kiosk's markup is written for htmx 2.0.x")
    VENDOR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MODULES / "htmx.org" / "dist" / "htmx.min.js", VENDOR / "htmx.min.js")
    icons = VENDOR / "icons"
    if icons.exists():
        shutil.rmtree(icons)
    shutil.copytree(MODULES / "@tabler" / "icons" / "icons" / "outline", icons)
    shutil.copyfile(MODULES / "@tabler" / "icons" / "LICENSE", VENDOR / "icons-LICENSE")
    copy_keyboard()
    print(f"static/vendor: htmx {htmx}, {sum(1 for _ in icons.iterdir())} icons, the on-screen keyboard")
    if make_fonts.main([]) != 0:
        raise SystemExit(1)
    compress_static.main()


def copy_keyboard():
    """simple-keyboard (MIT), loaded only when a text field is tapped, and its layouts as a script."""
    build = MODULES / "simple-keyboard" / "build"
    shutil.copyfile(build / "index.modern.js", VENDOR / "simple-keyboard.js")
    shutil.copyfile(build / "css" / "index.css", VENDOR / "simple-keyboard.css")
    shutil.copyfile(MODULES / "simple-keyboard" / "LICENSE", VENDOR / "simple-keyboard-LICENSE")
    subprocess.run(["node", str(ROOT / "scripts" / "keyboard_layouts.mjs"), str(VENDOR / "keyboard-layouts.js")],
                   check=True)


if __name__ == "__main__":
    main()
