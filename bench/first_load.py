"""The start page's first load in Chromium: bytes transferred, by type, against the uncompressed originals.

What it measures
    A real `python -m kiosk` (waitress, the real content, a fresh temp settings file, a free
    port on 127.0.0.1) and Debian's Chromium through Playwright, in a fresh context (empty
    cache). It opens `/`, waits until the network is idle and the fonts are ready, and adds
    up every response: the encoded body and the headers as Chromium received them.
    Baseline, same run: the same responses as uncompressed originals, i.e. each decoded body,
    and for a font the TrueType file it was made from (`kiosk.views.fonts.ORIGINALS`).

Target
    first load <= 100 KB (KiB) transferred. The script only reports; the test
    `tests/browser/test_first_load.py` holds the target.

How to run (from the repo root)
    .venv/bin/python bench/first_load.py
"""
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import ARGS, CHROMIUM, VIEWPORT  # noqa: E402
from tests.conftest import free_port  # noqa: E402

TARGET_KB = 100


@dataclass
class Loaded:
    url: str
    kind: str
    transferred: int  # body as sent (compressed if it was) + headers
    original: int  # the uncompressed original: decoded body, or the TrueType source of a font
    encoding: str


def kind_of(content_type):
    for word, kind in (("html", "html"), ("css", "css"), ("javascript", "js"), ("font", "font"),
                       ("image", "image")):
        if word in content_type:
            return kind
    return "other"


def original_size(path, decoded):
    # Fonts are compared with the TrueType files the kiosk served before the WOFF2 subsets.
    from kiosk.views import fonts

    name = path.rsplit("/", 1)[-1]
    if path.startswith("/fonts/") and name in fonts.FONTS:
        return os.path.getsize(fonts.original_path(name))
    return decoded


@contextmanager
def kiosk_server():
    """`python -m kiosk` as a centre runs it, on a free loopback port; stopped by its pid."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KIOSK_HOST": "127.0.0.1", "KIOSK_PORT": str(port),
               "KIOSK_SETTINGS_FILE": str(Path(tmp) / "settings.json")}
        process = subprocess.Popen([sys.executable, "-m", "kiosk"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(url, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the kiosk exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the kiosk did not answer within 20 s")


def first_load(browser, url):
    """Every response of one first visit to the start page, in a fresh (empty-cache) context."""
    context = browser.new_context(viewport=VIEWPORT, base_url=url)
    responses = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    loaded = []
    for response in responses:
        sizes = response.request.sizes()
        headers = response.headers
        path = response.url.removeprefix(url)
        decoded = len(response.body()) if response.status != 304 else 0
        loaded.append(Loaded(path, kind_of(headers.get("content-type", "")),
                             sizes["responseBodySize"] + sizes["responseHeadersSize"],
                             original_size(path, decoded), headers.get("content-encoding", "")))
    context.close()
    return loaded


def report(loaded):
    by_kind = defaultdict(lambda: [0, 0, 0])
    for item in loaded:
        row = by_kind[item.kind]
        row[0] += 1
        row[1] += item.transferred
        row[2] += item.original
    print(f"{'type':<7}{'files':>6}{'transferred KB':>16}{'originals KB':>14}")
    for kind, (count, sent, original) in sorted(by_kind.items()):
        print(f"{kind:<7}{count:>6}{sent / 1024:>16.1f}{original / 1024:>14.1f}")
    sent = sum(item.transferred for item in loaded)
    original = sum(item.original for item in loaded)
    print(f"{'total':<7}{len(loaded):>6}{sent / 1024:>16.1f}{original / 1024:>14.1f}")
    print(f"ratio: transferred / originals = {sent / original:.2f}")
    print(f"target: first load <= {TARGET_KB} KB transferred")
    print("largest:")
    for item in sorted(loaded, key=lambda i: -i.transferred)[:6]:
        print(f"  {item.transferred / 1024:6.1f} KB  {item.encoding or 'identity':<8} {item.url}")


def main():
    from playwright.sync_api import sync_playwright

    with kiosk_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            report(first_load(browser, url))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
