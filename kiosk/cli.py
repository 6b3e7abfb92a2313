"""Commands for the PC's owner: set the staff PIN."""
import getpass
import sys

import click
from werkzeug.security import generate_password_hash

from . import config as cfg


def set_pin(settings_file, pin):
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise click.ClickException("The PIN must be 4 to 12 digits.")
    settings = cfg.read_centre_settings(settings_file)
    settings["staff_pin_hash"] = generate_password_hash(pin)
    cfg.write_centre_settings(settings_file, settings)


@click.command("set-pin")
@click.option("--settings-file", default=None, help="Defaults to KIOSK_SETTINGS_FILE or instance/settings.json.")
def set_pin_command(settings_file):
    """Set the staff PIN (stored only as a hash in the settings file)."""
    settings_file = settings_file or cfg.load_config()["SETTINGS_FILE"]
    if sys.stdin.isatty():
        pin = getpass.getpass("New staff PIN (4-12 digits): ")
        if getpass.getpass("Again: ") != pin:
            raise click.ClickException("The two PINs differ.")
    else:
        pin = sys.stdin.readline().strip()
    set_pin(settings_file, pin)
    click.echo(f"Staff PIN saved in {settings_file}")


def register(app):
    app.cli.add_command(set_pin_command)
