"""The centre's own settings: read from and written to the instance file, never user data."""
import datetime
import functools
import tomllib
from pathlib import Path

from flask import g

from . import config as cfg
from . import which_centre
from .flows.parse import N_, clean_text
from .qr import tel_payload

MAX_CONTACTS = 8
CONTACT_FIELDS = ("name", "phone", "address", "hours", "note")
FIELD_LIMIT = 200
PHONE_KEYS = ("kommune_phone", "borgerraadgiver_phone")


def _is_phone(text):
    try:
        tel_payload(text)
        return True
    except ValueError:
        return False


@functools.cache
def kommuner():
    with open(Path(__file__).parent / "data" / "kommuner.toml", "rb") as fh:
        return tuple(tomllib.load(fh)["kommuner"])


def _clip(text):
    return clean_text(text or "").strip()[:FIELD_LIMIT]


def parse_settings(form, current, languages):
    """Form -> (settings, errors). Bad values keep what staff typed and say what to fix."""
    settings = dict(current)
    errors = {}
    for key in ("centre_name", "centre_place", "borgerservice_address", "borgerservice_hours",
                "printer_queue", "kommune_address", "borgerraadgiver_address"):
        settings[key] = _clip(form.get(key, ""))
    for key in PHONE_KEYS:
        settings[key] = _clip(form.get(key, ""))
        if settings[key] and not _is_phone(settings[key]):
            errors[key] = N_("Skriv et telefonnummer, fx 33 66 33 66.")
    settings["borgerraadgiver"] = form.get("borgerraadgiver") == "1"
    for key in ("folketingsvalg", "europavalg"):
        settings[key] = _clip(form.get(key, ""))[:10]
        if settings[key]:
            try:
                datetime.date.fromisoformat(settings[key])
            except ValueError:
                errors[key] = N_("Skriv datoen sådan: 2027-03-05 (år-måned-dag).")
    kommune = form.get("kommune", "")
    if kommune and kommune not in {k["code"] for k in kommuner()}:
        errors["kommune"] = N_("Vælg en kommune fra listen.")
    else:
        settings["kommune"] = kommune
    settings["printer_server"] = _clip(form.get("printer_server", ""))
    if settings["printer_server"] and not cfg.is_printer_server(settings["printer_server"]):
        errors["printer_server"] = N_("Skriv værtsnavn og port, fx 192.168.1.20:631.")
    raw_timeout = form.get("idle_timeout_seconds", "").strip()
    try:
        timeout = int(raw_timeout)
        if not cfg.IDLE_TIMEOUT_RANGE[0] <= timeout <= cfg.IDLE_TIMEOUT_RANGE[1]:
            raise ValueError
        settings["idle_timeout_seconds"] = timeout
    except ValueError:
        errors["idle_timeout_seconds"] = N_("Skriv et tal mellem 60 og 1800 sekunder.")
        settings["idle_timeout_seconds"] = raw_timeout[:6]
    chosen = [code for code in languages if code in form.getlist("languages")]
    settings["languages"] = chosen if "da" in chosen else ["da", *chosen]
    contacts = []
    for i in range(MAX_CONTACTS):
        contact = {f: _clip(form.get(f"contact-{i}-{f}", "")) for f in CONTACT_FIELDS}
        if any(contact.values()):
            contacts.append(contact)
    settings["contacts"] = contacts
    return settings, errors


def save(app, settings):
    """Write this request's centre's settings, then use them. Raises OSError (disk full, read-only)
    with the old file whole (config.write_centre_settings writes a temp file and renames it).
    Other worker processes see the new file at their next request (kiosk/which_centre.py)."""
    path = which_centre.current_path()
    # The PIN belongs to the `set-pin` command on the PC: keep what the file holds now, so a
    # save from the staff screen never brings back a PIN that was replaced since the start.
    try:
        pin_hash = cfg.read_centre_settings(path)["staff_pin_hash"]
    except ValueError:  # the file was broken by hand since it was read: the PIN in use stays
        pin_hash = which_centre.current()["staff_pin_hash"]
    settings = {**settings, "staff_pin_hash": pin_hash}
    cfg.write_centre_settings(path, settings)
    g.centre = app.extensions["kiosk_centres"].settings(app, path)  # this page shows them already
    return g.centre
