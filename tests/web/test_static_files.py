"""Static files travel compressed (the copies set-up made), with the security headers, and never stale."""
import gzip
import os

import brotli
import pytest

from kiosk.config import ROOT
from scripts.compress_static import compress_tree

DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress}
FILES = ["vendor/htmx.min.js", "css/kiosk.css", "vendor/icons/trash.svg"]


def assert_security_headers(response):
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_a_static_file_travels_compressed_when_the_browser_accepts_it(app, name, encoding):
    original = (ROOT / "static" / name).read_bytes()
    plain = app.test_client().get(f"/static/{name}")
    response = app.test_client().get(f"/static/{name}", headers={"Accept-Encoding": f"{encoding}, identity"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == encoding
    assert DECODERS[encoding](response.data) == original
    assert len(response.data) < len(original)
    assert response.headers["Content-Type"] == plain.headers["Content-Type"]
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert_security_headers(response)


def test_without_accept_encoding_the_original_is_sent_and_caches_keep_them_apart(app):
    response = app.test_client().get("/static/vendor/htmx.min.js", headers={"Accept-Encoding": "gzip;q=0, br;q=0"})
    assert "Content-Encoding" not in response.headers
    assert response.data == (ROOT / "static" / "vendor" / "htmx.min.js").read_bytes()
    assert "Accept-Encoding" in response.headers["Vary"]
    assert_security_headers(response)


def test_a_copy_older_than_its_original_is_never_sent(app, tmp_path):
    (tmp_path / "app.js").write_text("let fresh = 1;\n" * 200)
    compress_tree(tmp_path)
    (tmp_path / "app.js").write_text("let edited = 2;\n" * 200)
    old = os.stat(tmp_path / "app.js").st_mtime_ns - 10**9
    for suffix in (".gz", ".br"):
        os.utime(tmp_path / f"app.js{suffix}", ns=(old, old))
    app.static_folder = str(tmp_path)
    response = app.test_client().get("/static/app.js", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.text.startswith("let edited")


def test_set_up_keeps_only_copies_that_are_smaller(tmp_path):
    (tmp_path / "big.css").write_text("body { margin: 0; }\n" * 100)
    (tmp_path / "tiny.js").write_text("x")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG" * 100)
    compress_tree(tmp_path)
    assert (tmp_path / "big.css.gz").stat().st_size < (tmp_path / "big.css").stat().st_size
    assert (tmp_path / "big.css.br").exists()
    assert not (tmp_path / "tiny.js.gz").exists() and not (tmp_path / "tiny.js.br").exists()
    assert not (tmp_path / "picture.png.gz").exists()


def test_no_file_outside_the_static_folder_is_reachable(app):
    for path in ("/static/../kiosk/__init__.py", "/static/%2e%2e/wsgi.py", "/static/css/kiosk.css.gz/x"):
        assert app.test_client().get(path, headers={"Accept-Encoding": "gzip"}).status_code == 404
