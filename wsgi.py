"""WSGI entry point, e.g. `gunicorn wsgi:app` or `waitress-serve wsgi:app`."""
from kiosk import create_app
from kiosk.process_limits import forbid_core_dumps

forbid_core_dumps()  # before any answer is in memory: no core file may carry one to disk
app = create_app()
