"""Central mode: gunicorn serves wsgi:app with several worker processes, visits live in Redis.

    KIOSK_REDIS_URL=redis://127.0.0.1:6379/0 KIOSK_SECRET_KEY=... \
        .venv/bin/gunicorn -c scripts/gunicorn.conf.py wsgi:app

Every worker must sign and check CSRF tokens with the same key, so KIOSK_SECRET_KEY is required
here (create_app refuses to start in Redis mode without it). `make central` runs this.

Environment (all optional but the two above):
  KIOSK_HOST, KIOSK_PORT   where to listen (default 127.0.0.1:8080; a TLS proxy sits in front)
  KIOSK_WORKERS            worker processes (default: 2 per core, at least 2)
  KIOSK_THREADS            threads per worker (default 4): a print waits for CUPS on its own thread
  KIOSK_SWITCH_INTERVAL_MS how long a busy thread keeps Python's GIL from a waiting one (default 1)
"""
import os
import sys

bind = f"{os.environ.get('KIOSK_HOST') or '127.0.0.1'}:{os.environ.get('KIOSK_PORT') or '8080'}"
workers = int(os.environ.get("KIOSK_WORKERS") or max(2, 2 * (os.cpu_count() or 1)))
worker_class = "gthread"
threads = int(os.environ.get("KIOSK_THREADS") or 4)
# A request that takes longer than this is a hung worker; gunicorn kills and replaces it, and the
# kiosk browser's next tap lands on a live worker (the visit is in Redis, not in the worker).
timeout = 30
graceful_timeout = 10
# gunicorn closes an idle connection after 2 s by default. A kiosk browser (or nginx's upstream
# pool) that sends its next tap on that connection just as it closes gets no answer: the 200-kiosk
# load run lost 50 of 130,537 requests that way, all POSTs. Keep idle connections longer than
# the clients do (nginx's upstream keepalive_timeout is 60 s), so the server never closes first.
keepalive = 75
# No access log: a path can name a flow and a step, and the kiosk's own log (kiosk/logs.py) already
# writes only what is safe. Errors go to stderr (the journal) without request details.
accesslog = None
errorlog = "-"
loglevel = "warning"
# Each worker imports the app itself (no preload): no answer can ever sit in the master's memory,
# and a worker that dies takes nothing with it that another worker needs.
preload_app = False
proc_name = "vaerested-kiosk"
# gunicorn 25+ opens a control socket ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl) served by a
# thread in the master. The kiosk needs no runtime control (systemd restarts it), two servers on
# one machine would fight over that one path, and a master with a thread forks its workers less
# safely. So: off.
control_socket_disable = True
# gunicorn's own temporary heartbeat files live in memory, never on a disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn itself believes no forwarded header from anyone (its default trusts any local peer's
# X-Forwarded-Proto). The app decides, in one place: KIOSK_PROXY turns on ProxyFix (kiosk/__init__.py),
# and without it no forwarded header is believed, whichever server runs the app.
forwarded_allow_ips = ""
secure_scheme_headers = {}



def _switch_interval_seconds():
    """Read once, in the master: a value no worker could use stops the start with one line."""
    raw = os.environ.get("KIOSK_SWITCH_INTERVAL_MS") or "1"
    try:
        milliseconds = float(raw)
    except ValueError:
        milliseconds = float("nan")
    if not 0.01 <= milliseconds <= 100:
        raise SystemExit(f"KIOSK_SWITCH_INTERVAL_MS={raw!r} cannot be used: give milliseconds from 0.01 to 100 "
                         "(default 1)")
    return milliseconds / 1000


_switch_interval = _switch_interval_seconds()


def post_worker_init(worker):
    # A screen is about 1 ms of Python around one or two Redis round trips; a PDF is 10-40 ms of it.
    # A thread whose Redis answer has come back waits for the GIL until the busy thread's switch
    # interval runs out (Python's default is 5 ms), and again after every round trip. At 1 ms, the
    # 200-kiosk load run's step p95 fell from 47.7 to 30.3 ms, and PDFs took no longer.
    sys.setswitchinterval(_switch_interval)
