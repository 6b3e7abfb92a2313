"""Which centre a request is for, and that centre's settings (never anything about a person).

Single-PC mode: one centre, its file in SETTINGS_FILE. Central mode (CENTRES_DIR set): one server
serves many centres, and each kiosk PC says which centre it is by the host name in its start URL
(nord.kiosk.lan, syd.kiosk.lan). So nothing has to be kept in the browser or in the visit to know
it. Each centre's file is <CENTRES_DIR>/<host name>.json. A host with no file is refused with the
kind "not found" page, so a forged Host header reaches no centre and no file outside the folder.

A file is read again when it changes (staff saved it through another worker process, or `set-pin`
ran on the PC), noticed by one stat per request.
"""
import os
import re
import threading
from pathlib import Path

from flask import current_app, g, has_request_context, request
from werkzeug.exceptions import NotFound

from . import config as cfg
from . import logs

# A DNS name, lower case: no "..", "/", or anything else that could leave the folder.
_HOST_NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                        r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")
NO_CENTRE_PREFIXES = ("/static/", "/fonts/")  # the same for every centre


class UnknownCentre(NotFound):
    """The host name names no centre on this server."""


def _stamp(path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class Centres:
    def __init__(self, settings_file, centres_dir=""):
        self.settings_file = str(settings_file)
        self.folder = Path(centres_dir) if centres_dir else None
        self._read = {}  # path -> (stamp, settings) as last read
        self._lock = threading.Lock()

    @property
    def central(self):
        return self.folder is not None

    def path_for(self, host):
        """The settings file for a request's Host header, or None when no centre has that name."""
        if self.folder is None:
            return self.settings_file
        name = (host or "").rsplit(":", 1)[0].rstrip(".").lower()
        if not _HOST_NAME.match(name):
            return None
        path = self.folder / f"{name}.json"
        return str(path) if path.is_file() else None

    def settings(self, app, path):
        """The centre's settings, read again if the file changed since they were last read."""
        stamp = _stamp(path)
        with self._lock:
            known = self._read.get(path)
            if known is not None and known[0] == stamp:
                return self._in_use(app, path, known[1])
            try:
                settings = cfg.read_centre_settings(path)
            except (OSError, ValueError) as exc:
                # A hand-edited file that does not parse, or holds a value the kiosk cannot use
                # (config.settings_problem): keep what was in use, and tell the log what is wrong.
                if isinstance(exc, cfg.SettingsError):
                    logs.log_settings_problem(exc)
                else:
                    logs.log_error(exc)
                settings = known[1] if known else dict(cfg.CENTRE_DEFAULTS)
            self._read[path] = (stamp, settings)
            if not self.central:
                from . import use_centre_settings

                use_centre_settings(app, settings)
            return self._in_use(app, path, settings)

    def _in_use(self, app, path, settings):
        # Single-PC mode: the app's own copy, the one staff and tests change in place.
        return settings if self.central else app.extensions["kiosk_centre"]

    def remember(self, path, settings):
        """Settings the app read at start, so the first request does not read them again."""
        with self._lock:
            self._read[str(path)] = (_stamp(path), settings)


def begin_request():
    """Settle the request's centre first: the visit's TTL and the PIN depend on it."""
    if request.path.startswith(NO_CENTRE_PREFIXES):
        return
    current()


def current():
    """This request's centre settings (the single centre outside a request)."""
    if "centre" in g:
        return g.centre
    centres = current_app.extensions["kiosk_centres"]
    path = centres.path_for(request.host) if has_request_context() else centres.settings_file
    if path is None:
        g.centre, g.centre_path = dict(cfg.CENTRE_DEFAULTS), None  # what the error page stands on
        raise UnknownCentre()
    g.centre_path, g.centre = path, centres.settings(current_app, path)
    return g.centre


def current_path():
    """The settings file of this request's centre."""
    current()
    return g.centre_path


def store_ttl(centre):
    """The store forgets a visit a short grace after the on-screen countdown, so the browser's own
    wipe always comes first, and without JavaScript the store still forgets."""
    return int(centre["idle_timeout_seconds"]) + 15
