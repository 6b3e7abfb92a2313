"""Configuration: defaults, then the centre's instance file, then KIOSK_* environment variables.

The instance file holds the centre's settings (name, kommune, printer, contacts, staff PIN hash).
It never holds anything about a user.
"""
import json
import os
import re
import secrets
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Settings staff may change in the staff screen. Everything else is deployment config.
CENTRE_DEFAULTS = {
    "centre_name": "",
    "centre_place": "",
    "kommune": "",
    "borgerservice_address": "",
    "borgerservice_hours": "",
    "kommune_address": "",
    "kommune_phone": "",
    "borgerraadgiver": False,
    "borgerraadgiver_address": "",
    "borgerraadgiver_phone": "",
    "folketingsvalg": "",
    "europavalg": "",
    "printer_queue": "",
    # Empty: the CUPS on this PC. "host:port": the centre's own CUPS over IPP (central mode).
    "printer_server": "",
    "idle_timeout_seconds": 180,
    "languages": ["da", "en", "ar", "pl", "ro", "uk", "tr", "kl"],  # all; staff may offer fewer
    "contacts": [],
    "staff_pin_hash": "",
}
IDLE_TIMEOUT_RANGE = (60, 1800)  # seconds; a person needs a minute, and answers must not linger
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
PRINTER_SERVER = re.compile(rf"^(?=[^:]{{1,253}}(?::|$)){_LABEL}(?:\.{_LABEL})*(?::([0-9]{{1,5}}))?$")

DEFAULTS = {
    "HOST": "127.0.0.1",
    "PORT": 8080,
    "SETTINGS_FILE": str(ROOT / "instance" / "settings.json"),
    "CONTENT_DIR": str(Path(__file__).resolve().parent / "content"),
    "REDIS_URL": "",
    # Central mode: one settings file per centre, named by the host name its kiosks use
    # (kiosk/which_centre.py). Empty: the one centre in SETTINGS_FILE.
    "CENTRES_DIR": "",
    # 1: one trusted reverse proxy (TLS) in front; its X-Forwarded-For/-Proto are believed, and
    # the cookie is marked Secure on HTTPS. 0: nothing in front, no forwarded header is believed.
    "PROXY": 0,
    "STORE_MAX_VISITS": 500,
    "STORE_MAX_BYTES": 64 * 1024,
    # 64 KiB is plenty for one screen's answers; a larger post is a mistake or an attack.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "IDLE_WARNING_SECONDS": 30,
    "STAFF_MAX_TRIES": 5,
    # Five wrong PINs from one source within 15 minutes lock that source until the 15 minutes end.
    "STAFF_LOCKOUT_SECONDS": 900,
    "THREADS": 8,
    # New visits one source may start per minute (0: no limit). A kiosk starts a few a minute;
    # a flood of throw-away visits must not evict the answers of people mid-visit.
    "NEW_VISITS_PER_MINUTE": 60,
    # A print job that has not printed within this many seconds (paused or offline printer) is
    # cancelled, and the person is told (kiosk/printing.py).
    "PRINT_TIMEOUT_SECONDS": 20,
}

INT_KEYS = {"PORT", "PROXY", "STORE_MAX_VISITS", "STORE_MAX_BYTES", "MAX_CONTENT_LENGTH",
            "MAX_FORM_MEMORY_SIZE", "IDLE_WARNING_SECONDS", "STAFF_MAX_TRIES",
            "STAFF_LOCKOUT_SECONDS", "THREADS", "PRINT_TIMEOUT_SECONDS", "NEW_VISITS_PER_MINUTE"}

LANGUAGES = {
    # Each name in its own script: a person finds their language by how it looks.
    "da": {"name": "Dansk", "dir": "ltr"},
    "en": {"name": "English", "dir": "ltr"},
    "ar": {"name": "العربية", "dir": "rtl"},
    "pl": {"name": "Polski", "dir": "ltr"},
    "ro": {"name": "Română", "dir": "ltr"},
    "uk": {"name": "Українська", "dir": "ltr"},
    "tr": {"name": "Türkçe", "dir": "ltr"},
    "kl": {"name": "Kalaallisut", "dir": "ltr"},
}


def from_environment(environ=None):
    """Read KIOSK_* variables into config keys, typed like the defaults."""
    environ = os.environ if environ is None else environ
    config = {}
    for key in DEFAULTS:
        raw = environ.get(f"KIOSK_{key}")
        if raw is None or raw == "":
            continue
        config[key] = int(raw) if key in INT_KEYS else raw
    secret = environ.get("KIOSK_SECRET_KEY")
    if secret:
        config["SECRET_KEY"] = secret
    return config


class ConfigError(RuntimeError):
    """The deployment is set up in a way that cannot work; said at start, in plain words."""


def load_config(test_config=None, environ=None):
    config = dict(DEFAULTS)
    config.update(from_environment(environ))
    if test_config:
        config.update(test_config)
    if config["REDIS_URL"] and not config.get("SECRET_KEY"):
        # Several workers (or a restarted one) share the visits in Redis, so each must accept the
        # CSRF token another made: one key for all, made at install time (scripts/central-env.sh).
        raise ConfigError("KIOSK_REDIS_URL is set but KIOSK_SECRET_KEY is not: every server process "
                          "must share one key. Make one with scripts/central-env.sh.")
    # With the memory store a random key per start is fine: a restart ends every visit anyway.
    config.setdefault("SECRET_KEY", secrets.token_bytes(32))
    return config


class SettingsError(ValueError):
    """A centre's settings file holds a value the kiosk cannot use (it was edited by hand)."""


def read_centre_settings(path):
    """The centre's settings merged over the defaults; unknown keys are ignored. Raises
    SettingsError (a ValueError, as for a file that is not JSON) when a value is unusable."""
    settings = dict(CENTRE_DEFAULTS)
    try:
        with open(path, encoding="utf-8") as fh:
            stored = json.load(fh)
    except FileNotFoundError:
        return settings
    if isinstance(stored, dict):
        settings.update({k: v for k, v in stored.items() if k in CENTRE_DEFAULTS})
    problem = settings_problem(settings)
    if problem:
        raise SettingsError(f"{path}: {problem}")
    return settings


def settings_problem(settings):
    """What is wrong with a centre's settings, or None. The staff screen can only save good values,
    but central mode's files are written by hand: a timeout of years would keep answers for years,
    and a word where a number belongs would stop that centre's every screen."""
    kinds = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}
    for key, default in CENTRE_DEFAULTS.items():
        if type(settings[key]) is not type(default):
            return f"{key} must be {kinds[type(default)]}"
    low, high = IDLE_TIMEOUT_RANGE
    if not low <= settings["idle_timeout_seconds"] <= high:
        return f"idle_timeout_seconds must be {low} to {high}"
    if not all(isinstance(code, str) for code in settings["languages"]):
        return "languages must be language codes"
    if not all(isinstance(contact, dict) for contact in settings["contacts"]):
        return "contacts must be objects"
    if settings["printer_server"] and not is_printer_server(settings["printer_server"]):
        return "printer_server must be host or host:port"
    return None


def is_printer_server(text):
    """A host name or IPv4 address and an optional port: never an option for lp, never a path."""
    found = PRINTER_SERVER.match(text)
    return bool(found) and (found.group(1) is None or 1 <= int(found.group(1)) <= 65535)


def write_centre_settings(path, settings):
    """Write atomically: a crash mid-write must never leave a half-written settings file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean = {k: settings.get(k, CENTRE_DEFAULTS[k]) for k in CENTRE_DEFAULTS}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(clean, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
