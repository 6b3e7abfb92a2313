"""Staff mode: a PIN, the centre's settings, and "side by side" staff notes on every screen."""
import time

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.security import check_password_hash

from .. import centre as centre_settings
from .. import visit
from ..config import LANGUAGES

bp = Blueprint("staff", __name__, url_prefix="/personale")


def _lock():
    return current_app.extensions.setdefault("kiosk_staff_lock", {"fails": 0, "until": 0.0})


def _is_staff():
    return bool(visit.data().get("staff"))


@bp.get("/")
def login():
    """The PIN screen."""
    if _is_staff():
        return redirect(url_for("staff.settings"), 303)
    return render_template("pages/staff_login.html", error=None)


@bp.post("/")
def check_pin():
    lock = _lock()
    pin_hash = current_app.extensions["kiosk_centre"]["staff_pin_hash"]
    if not pin_hash:
        return render_template("pages/staff_login.html", error=_(
            "Der er ingen PIN endnu. Sæt en på pc'en med: python -m kiosk set-pin")), 200
    if time.monotonic() < lock["until"]:
        return render_template("pages/staff_login.html", error=_(
            "For mange forkerte forsøg. Vent 5 minutter, og prøv igen.")), 429
    if check_password_hash(pin_hash, request.form.get("pin", "")[:64]):
        lock["fails"] = 0
        visit.data()["staff"] = True
        visit.save()
        return redirect(url_for("staff.settings"), 303)
    lock["fails"] += 1
    if lock["fails"] >= current_app.config["STAFF_MAX_TRIES"]:
        lock["fails"] = 0
        lock["until"] = time.monotonic() + current_app.config["STAFF_LOCKOUT_SECONDS"]
        return render_template("pages/staff_login.html", error=_(
            "For mange forkerte forsøg. Vent 5 minutter, og prøv igen.")), 429
    return render_template("pages/staff_login.html", error=_("Forkert PIN. Prøv igen.")), 200


@bp.get("/indstillinger")
def settings():
    """The centre's settings."""
    if not _is_staff():
        return redirect(url_for("staff.login"), 303)
    return _settings_page(current_app.extensions["kiosk_centre"], {}, saved=False)


@bp.post("/indstillinger")
def save_settings():
    if not _is_staff():
        return redirect(url_for("staff.login"), 303)
    current = current_app.extensions["kiosk_centre"]
    new, errors = centre_settings.parse_settings(request.form, current, list(LANGUAGES))
    if errors:
        return _settings_page(new, errors, saved=False)
    centre_settings.save(current_app, new)
    return _settings_page(current_app.extensions["kiosk_centre"], {}, saved=True)


def _settings_page(values, errors, saved):
    contacts = list(values.get("contacts", []))
    contacts += [{}] * (centre_settings.MAX_CONTACTS - len(contacts))
    return render_template("pages/staff_settings.html", values=values, errors=errors, saved=saved,
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
