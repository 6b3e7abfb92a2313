"""The systemd units in scripts/systemd/: valid for systemd itself, and holding what the README promises."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.config import ROOT

UNITS = ROOT / "scripts" / "systemd"
INSTALLED = "/opt/vaerested-kiosk"
SCRIPT = UNITS / "restart-when-idle.sh"


def settings(unit):
    """Each key's values in order (a key may repeat, as Environment= does)."""
    values = {}
    for line in (UNITS / unit).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


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
    result = verify(folder, "kiosk.service", "kiosk-restart.service", "kiosk-restart.timer")
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_the_check_sees_a_misspelt_setting(tmp_path):
    folder = copy_for_this_checkout(tmp_path)
    unit = folder / "kiosk.service"
    unit.write_text(unit.read_text().replace("PrivateTmp=yes", "PrivateTemp=yes"))
    assert "PrivateTemp" in verify(folder, "kiosk.service").stderr


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
