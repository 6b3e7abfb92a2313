"""The start screen, areas, language, and the two ways to wipe: start over, and done."""
from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from .. import visit, which_centre
from ..i18n import enabled_languages

bp = Blueprint("home", __name__)


def content():
    return current_app.extensions["kiosk_content"]


@bp.get("/")
def start():
    """The start screen: one big tile per area that has a flow."""
    data = visit.data()
    notice = data.pop("notice", None)
    if notice:
        visit.save()
    centre = which_centre.current()
    featured = [f for f in content().flows.values() if f.featured and content().offered(f.id, centre)]
    return render_template("pages/home.html", areas=content().live_areas(centre), featured=featured,
                           flows_in=lambda area_id: content().flows_in(area_id, centre), notice=notice)


@bp.get("/omraade/<area_id>")
def area(area_id):
    """One area's flows; an area with a single flow goes straight to it."""
    if area_id not in content().areas:
        abort(404)
    flows = content().flows_in(area_id, which_centre.current())
    if len(flows) == 1:
        return redirect(url_for("flow.begin", flow_id=flows[0].id), 303)
    return render_template("pages/area.html", area=content().areas[area_id], flows=flows)


@bp.get("/sprog", defaults={"back": ""})
@bp.get("/sprog/<path:back>")
def language(back):
    """Choose a language; each is named in its own script. `back` is the screen the person came
    from (a path on this kiosk, never anything they typed): the change returns them there."""
    return render_template("pages/language.html", back=_screen_or_start(back))


# Screens a language change may return to: not a PDF, a print status or the staff pages.
SCREENS = frozenset({"home.start", "home.area", "flow.begin", "flow.step", "flow.change"})


def _screen_or_start(path):
    """`path` if it names a screen of this kiosk (a GET route), else the start screen."""
    path = "/" + path.lstrip("/\\")
    try:
        endpoint, _ = current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return url_for("home.start")
    return path if endpoint in SCREENS else url_for("home.start")


@bp.post("/sprog")
def set_language():
    code = request.form.get("lang", "")
    if code in enabled_languages():
        visit.data()["lang"] = code
        visit.save()
    # Answers are kept: the same screen comes back in the new language.
    return redirect(_screen_or_start(request.form.get("back", "")), 303)


@bp.post("/forfra")
def start_over():
    """Start over: forget every answer, but keep the language the person chose."""
    visit.wipe(keep=("lang",))
    return redirect(url_for("home.start"), 303)


@bp.post("/faerdig")
def done():
    """Done: delete everything about this person and show a fresh start screen."""
    visit.wipe()
    visit.data()["notice"] = "wiped"
    visit.save()
    response = redirect(url_for("home.start"), 303)
    # Harmless belt and braces; the bfcache defence is no-store plus the pageshow guard.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.post("/stadig")
def still_here():
    """"Jeg er her stadig": keep the visit alive. No content, so htmx swaps nothing."""
    current_app.extensions["kiosk_store"].touch(g.visit_id, which_centre.store_ttl(which_centre.current()))
    return "", 204
