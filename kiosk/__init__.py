"""The værested kiosk: a Flask app that guides a person through letters and rights, and stores nothing."""
from flask import Flask
from flask_babel import Babel

from . import config as cfg
from . import headers, hooks, logs, precompressed, visit, which_centre
from .catalog import Content
from .store import make_store


class KioskFlask(Flask):
    def log_exception(self, exc_info):
        # Flask's default logs the traceback, which can quote user input. See kiosk/logs.py.
        logs.log_error(exc_info[1])


def create_app(test_config=None):
    app = KioskFlask(__name__, template_folder=str(cfg.ROOT / "templates"),
                     static_folder=str(cfg.ROOT / "static"), instance_relative_config=False)
    app.config.update(cfg.load_config(test_config))
    app.config.update(
        DEBUG=False,
        PROPAGATE_EXCEPTIONS=False,
        BABEL_DEFAULT_LOCALE="da",
        BABEL_TRANSLATION_DIRECTORIES=str(cfg.ROOT / "translations"),
        # flask.session is never used; this only makes an accidental use obvious in tests.
        SESSION_COOKIE_NAME="unused-session",
    )
    app.jinja_env.autoescape = True
    app.jinja_env.add_extension("jinja2.ext.i18n")

    app.extensions["kiosk_content"] = Content.load(app.config["CONTENT_DIR"], app.static_folder)
    app.extensions["kiosk_store"] = make_store(app.config)
    centres = which_centre.Centres(app.config["SETTINGS_FILE"], app.config["CENTRES_DIR"])
    app.extensions["kiosk_centres"] = centres
    # Single-PC mode reads its one centre now; central mode reads each centre at its first visit.
    single = cfg.read_centre_settings(app.config["SETTINGS_FILE"])
    use_centre_settings(app, single)
    if not centres.central:
        centres.remember(app.config["SETTINGS_FILE"], app.extensions["kiosk_centre"])

    from .i18n import select_locale
    Babel(app, locale_selector=select_locale)
    logs.configure()

    app.before_request(logs.begin_request)
    app.before_request(which_centre.begin_request)  # the visit's TTL is the centre's
    app.before_request(visit.begin_request)
    hooks.register(app)  # after the visit is known: the CSRF check reads it
    app.after_request(visit.end_request)
    app.after_request(headers.set_headers)
    app.after_request(logs.log_access)

    # Inside the function: kiosk.views.documents and kiosk.views.speech would otherwise rebind the
    # names kiosk.documents and kiosk.speech (the layout and voice modules) on this package.
    from .views import documents, errors, flow, fonts, home, speech, staff
    for module in (home, flow, documents, staff, speech, fonts):
        app.register_blueprint(module.bp)
    errors.register(app)
    precompressed.register(app)  # static files as the .gz/.br copies set-up made

    from .templating import register as register_templating
    register_templating(app)

    from .cli import register as register_cli
    register_cli(app)
    if app.config["PROXY"]:
        # Behind the TLS proxy (scripts/proxy/): the client's address (for the PIN lock and the
        # new-visit limit) and "https" come from its headers. Only then, or anyone could forge them.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    # Outermost: if even the error pages fail, a fixed kind page with the headers answers.
    app.wsgi_app = headers.last_resort(app.wsgi_app, logs.log_unhandled)
    return app


def use_centre_settings(app, centre):
    """The one place the single centre's settings reach the running app (at start, and when its
    file changes). In central mode each request's visit gets its own centre's TTL (kiosk/visit.py)."""
    app.extensions["kiosk_centre"] = centre
    app.extensions["kiosk_store"].ttl = which_centre.store_ttl(centre)
