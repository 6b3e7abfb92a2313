"""The systemd units in scripts/systemd/: valid for systemd itself, and holding what the README promises."""
import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.config import ROOT
from tests.unit.unit_redis import UNITS, flag, redis_command, settings, unit_redis

INSTALLED = "/opt/vaerested-kiosk"
SCRIPT = UNITS / "restart-when-idle.sh"
CENTRAL_ENV = ROOT / "scripts" / "central-env.sh"
ALL_UNITS = ("kiosk.service", "kiosk-restart.service", "kiosk-restart.timer",
             "kiosk-central.service", "kiosk-redis.service", "kiosk-browser.service")
# What every service that can hold answers in memory sets (kiosk-browser too: the page is in Chromium).
NO_DISK = {"LimitCORE": "0", "MemorySwapMax": "0", "ProtectSystem": "strict", "ProtectHome": "yes",
           "PrivateTmp": "yes"}


def verify(folder, *names):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.fail("systemd-analyze is missing: run `make setup-test` (as root it installs systemd)")
    return subprocess.run([analyze, "verify", "--man=no", *[str(folder / n) for n in names]],
                          capture_output=True, text=True, timeout=60)


def copy_for_this_checkout(tmp_path):
    # systemd-analyze checks that ExecStart exists, so point the units at this checkout.
    for unit in UNITS.glob("kiosk*"):
        (tmp_path / unit.name).write_text(unit.read_text().replace(INSTALLED, str(ROOT)))
    return tmp_path


def test_systemd_analyze_finds_nothing_to_say(tmp_path):
    folder = copy_for_this_checkout(tmp_path)
    assert sorted(p.name for p in folder.glob("kiosk*")) == sorted(ALL_UNITS)
    result = verify(folder, *ALL_UNITS)
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.parametrize("name", ["kiosk.service", "kiosk-central.service", "kiosk-redis.service",
                                  "kiosk-browser.service"])
def test_the_check_sees_a_misspelt_setting(tmp_path, name):
    folder = copy_for_this_checkout(tmp_path)
    unit = folder / name
    assert "PrivateTmp=yes" in unit.read_text()
    unit.write_text(unit.read_text().replace("PrivateTmp=yes", "PrivateTemp=yes"))
    assert "PrivateTemp" in verify(folder, name).stderr


def test_the_kiosk_runs_as_its_own_user_with_no_core_dump_no_swap_and_one_writable_folder():
    unit = settings("kiosk.service")
    assert unit["User"] == ["kiosk"] and unit["Group"] == ["kiosk"]
    assert unit["ExecStart"] == [f"{INSTALLED}/.venv/bin/python -m kiosk"]
    for key, value in {"LimitCORE": "0", "MemorySwapMax": "0", "Restart": "on-failure", "ProtectSystem": "strict",
                       "ProtectHome": "yes", "PrivateTmp": "yes", "NoNewPrivileges": "yes", "UMask": "0077"}.items():
        assert unit[key] == [value], key
    assert unit["StateDirectory"] == ["vaerested-kiosk"] and unit["StateDirectoryMode"] == ["0700"]
    assert "ReadWritePaths" not in unit  # ProtectSystem=strict: only the state folder can be written
    environment = " ".join(unit["Environment"])
    assert "KIOSK_SETTINGS_FILE=/var/lib/vaerested-kiosk/settings.json" in environment
    assert "KIOSK_HOST=127.0.0.1" in environment


def test_the_timer_restarts_the_kiosk_at_night_through_the_idle_check():
    timer, service = settings("kiosk-restart.timer"), settings("kiosk-restart.service")
    assert timer["OnCalendar"] == ["*-*-* 04:00:00"] and timer["Unit"] == ["kiosk-restart.service"]
    assert service["ExecStart"] == [f"{INSTALLED}/scripts/systemd/{SCRIPT.name}"]
    assert os.access(SCRIPT, os.X_OK)


def run_restart_script(tmp_path, busy_checks, give_up_minutes="180"):
    """The restart script with fake journalctl and systemctl: the log is busy for `busy_checks` looks."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    (bin_dir / "journalctl").write_text(
        f'#!/bin/sh\necho "journalctl $*" >> {calls}\nn=$(grep -c journalctl {calls})\n'
        f'[ "$n" -le {busy_checks} ] && echo "2026-12-04 kiosk.access 1a2b GET / 200 2.0ms"\nexit 0\n')
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "systemctl $*" >> {calls}\n')
    for fake in bin_dir.iterdir():
        fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "POLL_SECONDS": "0",
           "IDLE_MINUTES": "15", "GIVE_UP_MINUTES": give_up_minutes}
    subprocess.run([str(SCRIPT)], env=env, check=True, timeout=30, capture_output=True)
    return Path(calls).read_text().splitlines()


def test_the_kiosk_is_restarted_only_once_its_log_has_been_quiet(tmp_path):
    calls = run_restart_script(tmp_path, busy_checks=3)
    assert calls[:4] == ["journalctl --unit=kiosk.service --since=-15min --output=cat --quiet"] * 4
    assert calls[4:] == ["systemctl restart kiosk.service"]


def test_a_kiosk_in_use_all_along_is_not_restarted(tmp_path):
    calls = run_restart_script(tmp_path, busy_checks=10**6, give_up_minutes="0")
    assert calls == ["journalctl --unit=kiosk.service --since=-15min --output=cat --quiet"]


def test_central_mode_runs_gunicorn_as_kiosk_with_its_secrets_file_after_its_own_redis():
    unit = settings("kiosk-central.service")
    assert unit["User"] == ["kiosk"] and unit["Group"] == ["kiosk"]
    assert unit["ExecStart"] == [f"{INSTALLED}/.venv/bin/gunicorn -c scripts/gunicorn.conf.py wsgi:app"]
    assert unit["WorkingDirectory"] == [INSTALLED]
    assert unit["EnvironmentFile"] == ["/etc/vaerested-kiosk/central.env"]
    assert unit["Requires"] == ["kiosk-redis.service"] and "kiosk-redis.service" in unit["After"][0].split()
    for key, value in {**NO_DISK, "Restart": "on-failure", "NoNewPrivileges": "yes", "UMask": "0077",
                       "PrivateDevices": "yes"}.items():
        assert unit[key] == [value], key
    environment = " ".join(unit["Environment"]).split()
    for pair in ("KIOSK_CENTRES_DIR=/var/lib/vaerested-kiosk/centres", "KIOSK_PROXY=1", "KIOSK_HOST=127.0.0.1"):
        assert pair in environment, pair
    # The secrets are in the 0600 file, never in the unit, which anyone may read.
    assert not any(v.startswith(("KIOSK_SECRET_KEY", "KIOSK_REDIS_URL")) for v in environment)
    assert "ReadWritePaths" not in unit


def test_the_kiosk_browser_unit_runs_the_kiosk_browser_script_in_cage_as_its_own_user():
    unit = settings("kiosk-browser.service")
    assert unit["User"] == ["kiosk-browser"]  # never kiosk: the browser must not reach the server's memory
    command = shlex.split(unit["ExecStart"][0])
    assert command[0] == "/usr/bin/cage" and f"{INSTALLED}/scripts/kiosk-browser.sh" in command
    assert unit["PAMName"] == ["login"] and unit["TTYPath"] == ["/dev/tty7"]
    assert unit["Restart"] == ["always"] and unit["WantedBy"] == ["graphical.target"]
    assert any(e.startswith("KIOSK_URL=https://") for e in " ".join(unit["Environment"]).split())
    for key, value in NO_DISK.items():
        assert unit[key] == [value], key


def test_redis_for_the_kiosk_keeps_nothing_on_disk_and_listens_on_loopback_only():
    unit, command = redis_command()
    assert command[0] == "/usr/bin/redis-server"
    assert flag(command, "--bind").split() == ["127.0.0.1"] and flag(command, "--port") == "6380"
    # The folder redis would write to (it should never write) is in /run: memory, not disk.
    assert unit["RuntimeDirectory"] == ["kiosk-redis"] and flag(command, "--dir") == "/run/kiosk-redis"
    for key, value in {**NO_DISK, "DynamicUser": "yes", "NoNewPrivileges": "yes"}.items():
        assert unit[key] == [value], key
    # central-env.sh writes the URL of this very Redis.
    assert "redis://127.0.0.1:6380/0" in CENTRAL_ENV.read_text()


@pytest.mark.redis
def test_redis_started_with_the_units_own_flags_has_persistence_off_and_evicts_by_ttl(tmp_path):
    """A real redis-server with exactly the unit's ExecStart, but on a free port and a temporary folder."""
    redis = pytest.importorskip("redis")
    with unit_redis(tmp_path) as port:
        client = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
        config = {key: client.config_get(key)[key] for key in ("save", "appendonly", "maxmemory-policy",
                                                                 "maxmemory", "bind", "protected-mode")}
        assert config == {"save": "", "appendonly": "no", "maxmemory-policy": "volatile-ttl",
                          "maxmemory": str(256 * 1024 * 1024), "bind": "127.0.0.1 -::1", "protected-mode": "yes"}
        client.set("visit", "answers", ex=60)
        client.close()
    assert list(tmp_path.iterdir()) == []  # not even at shutdown: no dump.rdb, no appendonly file


def run_central_env(path, **env):
    return subprocess.run([str(CENTRAL_ENV), str(path)], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=30, check=True)


def read_env(path):
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


def test_central_env_makes_a_private_key_once_and_never_prints_it(tmp_path):
    path = tmp_path / "etc" / "central.env"
    first = run_central_env(path)
    values = read_env(path)
    assert re.fullmatch(r"[0-9a-f]{64}", values["KIOSK_SECRET_KEY"])
    assert values["KIOSK_REDIS_URL"] == "redis://127.0.0.1:6380/0"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = run_central_env(path, KIOSK_REDIS_URL="redis://10.0.0.5:6380/0")
    assert read_env(path) == values  # the key is kept, and so is the URL already there
    for run in (first, second):
        assert values["KIOSK_SECRET_KEY"] not in run.stdout + run.stderr


def test_central_env_adds_only_what_is_missing_and_tightens_the_mode(tmp_path):
    path = tmp_path / "central.env"
    path.write_text("KIOSK_REDIS_URL=redis://10.0.0.5:6380/0")  # no final newline
    path.chmod(0o644)
    run_central_env(path)
    values = read_env(path)
    assert values["KIOSK_REDIS_URL"] == "redis://10.0.0.5:6380/0"
    assert re.fullmatch(r"[0-9a-f]{64}", values["KIOSK_SECRET_KEY"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
