"""The TLS proxy in front of central mode (scripts/proxy/nginx-kiosk.conf), run in a real nginx.

A self-signed certificate made with openssl, the shipped nginx conf with this test's ports and
paths, and a real kiosk behind it with KIOSK_PROXY=1: both servers the kiosk ships with, waitress
(`python -m kiosk`, single-PC) and gunicorn as central mode runs it (scripts/gunicorn.conf.py,
two workers, Redis, a centres folder that knows only nord.kiosk.lan, so a page answers only if
nginx passed the Host header on unchanged). Through nginx (https) the visit cookie must be Secure;
straight to the kiosk (plain http) it must not be. nginx's own logs must never hold a path or a
query: a unique canary in both must be nowhere in them.
"""
import http.client
import http.cookies
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time

import pytest

from kiosk.config import ROOT
from tests.conftest import FIXTURES, ROOT_DIR, free_port, service_env
from tests.web.test_server_answers import Kiosk

CONF = ROOT / "scripts" / "proxy" / "nginx-kiosk.conf"
HOST = "nord.kiosk.lan"


def need(tool):
    path = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
    if path is None:
        pytest.fail(f"{tool} is missing: run `make setup-test` (as root it installs it)")
    return path


def make_certificate(folder):
    key, cert = folder / "kiosk.key", folder / "kiosk.crt"
    subprocess.run([need("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=vaerested-kiosk-test", "-addext", f"subjectAltName=DNS:{HOST},DNS:syd.kiosk.lan",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    return key, cert


def render(folder, key, cert, https_port, http_port, kiosk_port):
    """The shipped conf with this test's ports and paths; each string replaced must be there."""
    text = CONF.read_text()
    for old, new in {"/etc/ssl/vaerested-kiosk/kiosk.crt": str(cert),
                     "/etc/ssl/vaerested-kiosk/kiosk.key": str(key),
                     "/var/log/nginx/": f"{folder}/",
                     "listen 443 ": f"listen 127.0.0.1:{https_port} ",
                     "listen 80;": f"listen 127.0.0.1:{http_port};",
                     "server 127.0.0.1:8080;": f"server 127.0.0.1:{kiosk_port};"}.items():
        assert old in text, f"{old!r} is no longer in {CONF.name}: update the test's render()"
        text = text.replace(old, new)
    (folder / "vaerested-kiosk.conf").write_text(text)
    # The frame Debian's /etc/nginx/nginx.conf gives it, with every path in the test's folder.
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind}_temp;"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = folder / "nginx.conf"
    main.write_text(f"error_log {folder}/main-error.log crit;\n"
                    "events { worker_connections 64; }\n"
                    f"http {{\n{temp}\n    include {folder}/vaerested-kiosk.conf;\n}}\n")
    return main


class Nginx:
    def __init__(self, folder, main):
        self.folder = folder
        self.out = open(folder / "nginx.stderr", "w+b")
        self.proc = subprocess.Popen(
            [need("nginx"), "-p", f"{folder}/", "-e", f"{folder}/startup-error.log", "-c", str(main),
             "-g", f"daemon off; master_process on; pid {folder}/nginx.pid;"],
            env=service_env(), stdout=subprocess.DEVNULL, stderr=self.out)

    def wait(self, port):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.out.seek(0)
                raise RuntimeError(f"nginx exited: {self.out.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.out.close()

    def logs(self):
        return {path.name: path.read_text(errors="replace") for path in self.folder.glob("*.log")}


class CentralKiosk(Kiosk):
    """gunicorn with scripts/gunicorn.conf.py, as kiosk-central.service starts it."""

    def __init__(self, tmp_path, **env):
        self.port = free_port()
        self.log = open(tmp_path / "kiosk.log", "w+b")
        full_env = {**service_env(), "KIOSK_PORT": str(self.port), "KIOSK_CONTENT_DIR": str(FIXTURES), **env}
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.proc = subprocess.Popen([gunicorn, "-c", "scripts/gunicorn.conf.py", "wsgi:app"], cwd=ROOT_DIR,
                                     env=full_env, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.stderr()}")
            try:
                self.request("GET", "/static/css/kiosk.css")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")


def start_kiosk(server, tmp_path, request):
    if server == "waitress":
        return Kiosk(tmp_path, KIOSK_PROXY="1")
    centres = tmp_path / "centres"
    centres.mkdir()
    (centres / f"{HOST}.json").write_text('{"centre_name": "Nord"}')
    return CentralKiosk(tmp_path, KIOSK_PROXY="1", KIOSK_WORKERS="2", KIOSK_CENTRES_DIR=str(centres),
                        KIOSK_REDIS_URL=request.getfixturevalue("redis_url")[0], KIOSK_SECRET_KEY="test-" + "0" * 59)


@pytest.fixture(params=["waitress", pytest.param("gunicorn", marks=pytest.mark.redis)])
def proxied_kiosk(tmp_path, request):
    folder = tmp_path / "nginx"
    folder.mkdir()
    key, cert = make_certificate(folder)
    https_port, http_port = free_port(), free_port()
    kiosk = start_kiosk(request.param, tmp_path, request)
    nginx = None
    try:
        nginx = Nginx(folder, render(folder, key, cert, https_port, http_port, kiosk.port)).wait(https_port)
        context = ssl.create_default_context(cafile=str(cert))
        yield kiosk, nginx, context, https_port, http_port
    finally:
        if nginx:
            nginx.stop()
        kiosk.stop()


def https_get(context, port, path, host=HOST):
    """GET over TLS to 127.0.0.1, with the centre's host name for SNI and the certificate, and
    `host` in the Host header."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn = http.client.HTTPSConnection(HOST, port, timeout=10)
    conn.sock = context.wrap_socket(raw, server_hostname=HOST)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        body = response.read()
        return response.status, response.headers, body
    finally:
        conn.close()


def visit_cookie(headers):
    cookies = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    assert "kiosk" in cookies, headers.get_all("Set-Cookie")
    return cookies["kiosk"]


def test_the_visit_cookie_is_secure_through_the_tls_proxy_and_not_on_plain_http(proxied_kiosk):
    kiosk, nginx, context, https_port, _ = proxied_kiosk
    status, headers, _ = https_get(context, https_port, "/flow/journey/hvem")
    assert status == 200
    cookie = visit_cookie(headers)
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert cookie["secure"], "through the TLS proxy the kiosk cookie must carry Secure"

    # Straight to the kiosk, with the centre's host name (central mode knows no centre "127.0.0.1").
    status, headers, _ = kiosk.request("GET", "/flow/journey/hvem", headers={"Host": HOST})
    assert status == 200
    assert not visit_cookie(headers)["secure"], "on plain http a Secure cookie would never come back"


def test_nginx_logs_hold_neither_the_path_nor_the_query(proxied_kiosk):
    kiosk, nginx, context, https_port, http_port = proxied_kiosk
    canary = "canary" + secrets.token_hex(8)
    path = f"/flow/{canary}-path/step"
    https_get(context, https_port, f"{path}?answer={canary}-query")  # a 404 page from the kiosk
    https_get(context, https_port, "/flow/journey/hvem")
    # Plain http is only a redirect to the start page, never to the asked-for path.
    conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    conn.request("GET", f"{path}?answer={canary}-query", headers={"Host": HOST})
    response = conn.getresponse()
    assert response.status == 301 and response.headers["Location"] == f"https://{HOST}/"
    conn.close()
    # Another host name never reaches the kiosk: nginx closes the connection without an answer.
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        https_get(context, https_port, f"{path}?answer={canary}-query", host="syd.kiosk.lan.evil")
    nginx.stop()  # flushes the logs

    logs = nginx.logs()
    access = logs.get("kiosk-access.log", "")
    assert len(access.splitlines()) >= 2, logs  # the log is written, with only the safe fields
    assert " 200 " in access
    for name, text in logs.items():
        assert canary not in text, (name, text)
        assert "/flow/" not in text and "answer=" not in text, (name, text)
    assert canary not in kiosk.stderr()
