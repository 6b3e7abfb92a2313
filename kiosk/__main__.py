"""`python -m kiosk` serves the kiosk on waitress; `python -m kiosk set-pin` sets the staff PIN."""
import sys


def main(argv):
    if argv[:1] == ["set-pin"]:
        from .cli import set_pin_command

        return set_pin_command.main(argv[1:], prog_name="python -m kiosk set-pin")
    from waitress import serve

    from . import create_app, headers
    from .config import ConfigError, SettingsError
    from .process_limits import forbid_core_dumps

    forbid_core_dumps()  # before any answer is in memory: no core file may carry one to disk
    try:
        app = create_app()
    except (ConfigError, SettingsError) as exc:
        print(f"The kiosk cannot start: {exc}", file=sys.stderr)  # one plain line, no traceback
        return 2
    headers.protect_waitress()  # waitress's own 431/400/500 answers get the security headers too
    host, port = app.config["HOST"], int(app.config["PORT"])
    print(f"Kiosk on http://{host}:{port}/  (stop with Ctrl+C)", flush=True)
    # waitress drops X-Forwarded-* from a peer it does not trust; behind the TLS proxy ProxyFix
    # (create_app) is the one that decides, so waitress must pass them on. Only then.
    serve(app, host=host, port=port, threads=int(app.config["THREADS"]), ident="kiosk",
          clear_untrusted_proxy_headers=not app.config["PROXY"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
