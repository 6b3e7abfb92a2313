"""Write a .gz and a .br copy beside each text file in static/, for kiosk/precompressed.py to send.

Compressing once at set-up costs the kiosk no CPU per request. Chromium asks for brotli only
over HTTPS, so on the kiosk's loopback HTTP the gzip copy is the one that travels. A copy that
would not be smaller is not kept. The server ignores a copy older than its original, so an
edited file is sent uncompressed until this runs again.
"""
import gzip
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
TEXT_SUFFIXES = {".css", ".js", ".svg", ".json"}
COMPRESSORS = {
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=11),
}


def compress_tree(folder=STATIC):
    before = after = count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        for suffix, compress in COMPRESSORS.items():
            packed = compress(data)
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                target.write_bytes(packed)
            else:
                target.unlink(missing_ok=True)
        count += 1
        before += len(data)
        gz = path.with_name(path.name + ".gz")
        after += gz.stat().st_size if gz.exists() else len(data)
    return count, before, after


def main():
    count, before, after = compress_tree()
    print(f"static: {count} text files compressed, {before // 1024} KB -> {after // 1024} KB with gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
