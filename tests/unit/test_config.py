"""Config comes from defaults, the centre's instance file and KIOSK_* variables."""
import json
import os

import pytest

from kiosk import config as cfg


def test_environment_variables_override_defaults():
    config = cfg.load_config(environ={"KIOSK_PORT": "9090", "KIOSK_HOST": "0.0.0.0",
                                      "KIOSK_REDIS_URL": "redis://x",
                                      "KIOSK_SECRET_KEY": "k"})
    assert config["PORT"] == 9090 and config["HOST"] == "0.0.0.0"
    assert config["REDIS_URL"] == "redis://x"


def test_defaults_listen_on_loopback_port_8080():
    config = cfg.load_config(environ={})
    assert (config["HOST"], config["PORT"]) == ("127.0.0.1", 8080)


def test_the_secret_key_is_random_per_start_when_unset():
    assert cfg.load_config(environ={})["SECRET_KEY"] != cfg.load_config(environ={})["SECRET_KEY"]
    assert cfg.load_config(environ={"KIOSK_SECRET_KEY": "k"})["SECRET_KEY"] == "k"


def test_a_missing_settings_file_gives_the_defaults(tmp_path):
    assert cfg.read_centre_settings(tmp_path / "none.json") == cfg.CENTRE_DEFAULTS


def test_settings_are_written_atomically_and_unknown_keys_dropped(tmp_path):
    path = tmp_path / "instance" / "settings.json"
    cfg.write_centre_settings(path, {**cfg.CENTRE_DEFAULTS, "centre_name": "Kirkens Korshær",
                                     "answers": {"x": 1}})
    assert json.loads(path.read_text())["centre_name"] == "Kirkens Korshær"
    assert "answers" not in json.loads(path.read_text())
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "settings.json"
    cfg.write_centre_settings(path, {**cfg.CENTRE_DEFAULTS, "centre_name": "Før"})

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(cfg.os, "replace", boom)
    # The caller must hear of it (the staff screen says "not saved"): the error is not swallowed.
    with pytest.raises(OSError, match="disk full"):
        cfg.write_centre_settings(path, {**cfg.CENTRE_DEFAULTS, "centre_name": "Efter"})
    assert json.loads(path.read_text())["centre_name"] == "Før"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_redis_without_a_shared_secret_key_refuses_to_start():
    # Two workers with their own random keys would refuse each other's CSRF tokens.
    with pytest.raises(cfg.ConfigError, match="KIOSK_SECRET_KEY"):
        cfg.load_config(environ={"KIOSK_REDIS_URL": "redis://x"})
    assert cfg.load_config(environ={"KIOSK_REDIS_URL": "redis://x", "KIOSK_SECRET_KEY": "k"})


@pytest.mark.parametrize("bad, problem", [({"idle_timeout_seconds": "abc"}, "idle_timeout_seconds must be a whole number"),
                                          ({"idle_timeout_seconds": 10**8}, "idle_timeout_seconds must be 60 to 1800"),
                                          ({"printer_server": "-h x"}, "printer_server must be host or host:port")])
def test_a_settings_file_the_kiosk_cannot_use_stops_the_start_with_one_plain_line(tmp_path, bad, problem):
    import subprocess
    import sys

    from tests.conftest import ROOT_DIR

    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(bad))
    for command in ([sys.executable, "-m", "kiosk"], [sys.executable, "-c", "import wsgi"]):
        done = subprocess.run(command, cwd=ROOT_DIR, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "KIOSK_SETTINGS_FILE": str(settings), "KIOSK_PORT": "1"})
        assert done.returncode in (2, 3) and "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines() == [f"The kiosk cannot start: {settings}: {problem}"]
