"""The værested kiosk: a Flask app that guides a person through letters and rights, and stores nothing."""
from flask import Flask
from flask_babel import Babel

from . import config as cfg
from . import headers, hooks, logs, precompressed, visit
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
    use_centre_settings(app, cfg.read_centre_settings(app.config["SETTINGS_FILE"]))

    from .i18n import select_locale
    Babel(app, locale_selector=select_locale)
    logs.configure()

    app.before_request(logs.begin_request)
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
    # Outermost: if even the error pages fail, a fixed kind page with the headers answers.
    app.wsgi_app = headers.last_resort(app.wsgi_app, logs.log_unhandled)
    return app


def use_centre_settings(app, centre):
    """The one place the centre's settings reach the running app (at start and when staff save).
    The store forgets a visit a short grace after the on-screen countdown, so the browser's own
    wipe always comes first, and without JavaScript the store still forgets."""
    app.extensions["kiosk_centre"] = centre
    app.extensions["kiosk_store"].ttl = store_ttl(centre)


def store_ttl(centre):
    return int(centre["idle_timeout_seconds"]) + 15
