"""Where a canary typed during a load run could be left behind: files, logs, Redis keys.

Used by bench/load.py and bench/soak.py (the kiosks type `<canary>-<kiosk>` into every text field,
bench/locustfile.py). A file counts when it was written since the run began and holds the canary
in any of the encodings below; Redis is read key by key (SCAN, then GET or DUMP).
Target: 0 everywhere. The cups-pdf output folder is left out by design: the load fetches PDFs,
it never prints.
"""
import base64
import os
import urllib.parse

CHUNK = 4 * 1024 * 1024
SKIP_DIRS = {".git"}  # packed and compressed: a canary could never be read there as bytes


def needles(canary):
    """The canary as bytes in the ways a file or log could hold it."""
    raw = canary.encode()
    found = {raw, canary.encode("utf-16-le"), urllib.parse.quote_plus(canary).encode(),
             urllib.parse.quote(canary).encode()}
    for shift in range(3):  # base64 at each of the three alignments, minus the groups that mix
        encoded = base64.b64encode(b"\0" * shift + raw)
        found.add(encoded[4 if shift else 0:-4])
    return sorted(found)


def holds(data, patterns):
    return any(p in data for p in patterns)


def file_holds(path, patterns):
    """Chunked, so a large file never sits in memory whole; chunks overlap by the longest needle."""
    overlap = max(len(p) for p in patterns)
    tail = b""
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                if holds(tail + chunk, patterns):
                    return True
                tail = chunk[-overlap:]
    except OSError:
        return None  # unreadable (another user's file, or gone)
    return False


def scan_tree(root, canary, since, exclude=()):
    """(files checked, files holding the canary, their paths) under `root`, written since `since`."""
    patterns = needles(canary)
    exclude = {os.path.realpath(e) for e in exclude}
    checked, hits = 0, []
    for folder, dirs, files in os.walk(root, onerror=lambda _: None):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and os.path.realpath(os.path.join(folder, d)) not in exclude]
        for name in files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if not os.path.isfile(path) or os.path.islink(path) or max(st.st_mtime, st.st_ctime) < since - 1:
                continue
            checked += 1
            if file_holds(path, patterns):
                hits.append(path)
    return checked, hits


def scan_files(paths, canary):
    """(files checked, files holding the canary) for given files, e.g. captured server logs."""
    patterns = needles(canary)
    hits = [p for p in paths if os.path.exists(p) and file_holds(p, patterns)]
    return len(paths), hits


def scan_redis(client, canary):
    """(keys checked, keys whose name or value holds the canary)."""
    patterns = needles(canary)
    checked, hits = 0, []
    for key in client.scan_iter(count=500):
        checked += 1
        kind = client.type(key)
        value = client.get(key) if kind in (b"string", "string") else client.dump(key)
        if holds(key, patterns) or (value is not None and holds(value, patterns)):
            hits.append(key)
    return checked, hits
