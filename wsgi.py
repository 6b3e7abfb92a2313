"""WSGI entry point, e.g. `waitress-serve wsgi:app`."""
from kiosk import create_app

app = create_app()
