"""WSGI entry point, e.g. `gunicorn wsgi:app` or `waitress-serve wsgi:app`."""
import sys

from kiosk import create_app
from kiosk.config import ConfigError, SettingsError
from kiosk.process_limits import forbid_core_dumps

forbid_core_dumps()  # before any answer is in memory: no core file may carry one to disk
try:
    app = create_app()
except (ConfigError, SettingsError) as exc:
    # One plain line for whoever set it up, not a traceback. Exit status 3 is gunicorn's "worker
    # failed to boot": its master stops, instead of starting the same broken worker forever.
    print(f"The kiosk cannot start: {exc}", file=sys.stderr)
    raise SystemExit(3) from None
