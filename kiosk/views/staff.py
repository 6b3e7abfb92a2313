"""Staff mode: a PIN, the centre's settings, and "side by side" staff notes on every screen."""
import hashlib

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.security import check_password_hash

from .. import centre as centre_settings
from .. import config as cfg
from .. import logs, visit, which_centre
from ..config import LANGUAGES

bp = Blueprint("staff", __name__, url_prefix="/personale")


def _pin_hash():
    """The PIN as the file holds it now, so `set-pin` on the PC works without a restart."""
    try:
        return cfg.read_centre_settings(which_centre.current_path())["staff_pin_hash"]
    except (OSError, ValueError):
        return which_centre.current()["staff_pin_hash"]


def _tries_key(pin_hash):
    """Failed tries count per source (the kiosk PC's address), so a visitor at one kiosk cannot
    lock staff out at another; and per PIN hash, so `set-pin` (a new salt) starts a clean count and
    lets staff in at once. Hashed: the store never holds an address."""
    source = request.remote_addr or "-"
    return "staff-pin:" + hashlib.sha256(f"{pin_hash}\0{source}".encode()).hexdigest()[:32]


def _locked_page():
    minutes = max(1, -(-current_app.config["STAFF_LOCKOUT_SECONDS"] // 60))
    return render_template("pages/staff_login.html", error=_(
        "For mange forkerte forsøg. Vent %(minutes)s minutter, og prøv igen.", minutes=minutes)), 429


def _is_staff():
    return visit.is_staff()


@bp.get("/")
def login():
    """The PIN screen."""
    if _is_staff():
        return redirect(url_for("staff.settings"), 303)
    return render_template("pages/staff_login.html", error=None)


@bp.post("/")
def check_pin():
    pin_hash = _pin_hash()
    if not pin_hash:
        return render_template("pages/staff_login.html", error=_(
            "Der er ingen PIN endnu. Sæt en på pc'en med: python -m kiosk set-pin")), 200
    store, key = current_app.extensions["kiosk_store"], _tries_key(pin_hash)
    max_tries = current_app.config["STAFF_MAX_TRIES"]
    # Count the try before checking it, in one atomic step: parallel guesses each draw their own
    # number, so no more than max_tries are ever checked in one window (which then expires).
    tries = store.count(key, current_app.config["STAFF_LOCKOUT_SECONDS"])
    if tries > max_tries:
        return _locked_page()
    if check_password_hash(pin_hash, request.form.get("pin", "")[:64]):
        store.forget(key)
        visit.log_in_staff()
        visit.save()
        return redirect(url_for("staff.settings"), 303)
    if tries == max_tries:
        return _locked_page()
    return render_template("pages/staff_login.html", error=_("Forkert PIN. Prøv igen.")), 200


@bp.get("/indstillinger")
def settings():
    """The centre's settings."""
    if not _is_staff():
        return redirect(url_for("staff.login"), 303)
    return _settings_page(which_centre.current(), {}, saved=False)


@bp.post("/indstillinger")
def save_settings():
    if not _is_staff():
        return redirect(url_for("staff.login"), 303)
    current = which_centre.current()
    new, errors = centre_settings.parse_settings(request.form, current, list(LANGUAGES))
    if errors:
        return _settings_page(new, errors, saved=False)
    try:
        saved = centre_settings.save(current_app, new)
    except OSError as exc:
        # Disk full or read-only: the old file is whole (written to a temp file, then renamed).
        # Say so, and keep what staff typed on the screen so nothing is lost.
        logs.log_error(exc)
        return _settings_page(new, {}, saved=False, not_saved=True)
    return _settings_page(saved, {}, saved=True)


def _settings_page(values, errors, saved, not_saved=False):
    contacts = list(values.get("contacts", []))
    contacts += [{}] * (centre_settings.MAX_CONTACTS - len(contacts))
    return render_template("pages/staff_settings.html", values=values, errors=errors, saved=saved,
                           not_saved=not_saved,
                           kommuner=centre_settings.kommuner(), all_languages=LANGUAGES,
                           contacts=contacts)


@bp.post("/side-om-side")
def toggle_side_by_side():
    """Show or hide staff notes (legal basis, what to check) beside each screen."""
    if _is_staff():
        visit.data()["side_by_side"] = not visit.data().get("side_by_side")
        visit.save()
    return redirect(url_for("staff.settings"), 303)


@bp.post("/log-ud")
def logout():
    visit.data().pop("staff", None)
    visit.data().pop("side_by_side", None)
    visit.save()
    return redirect(url_for("home.start"), 303)
