"""T13, kiosk-policy lint: the files staff install on the kiosk pass every checker.

The checkers, and what the lint is for, are in browser_policy_checks.py and browser_launcher_checks.py;
test_kiosk_browser_checkers.py shows that each checker reports a deliberately broken copy.
"""
import os
import subprocess

from tests.unit.browser_launcher_checks import (
    check_cupsd,
    check_edge_launcher,
    check_launcher,
    powershell_default_url,
    shell_default_url,
)
from tests.unit.browser_policy_checks import (
    CUPSD_FRAGMENT,
    EDGE_LAUNCHER,
    LAUNCHER,
    allowlist_covers,
    check_url_lock,
    print_required_figure,
    run_required,
)

# ---------------------------------------------------------------- the shipped files


def test_the_chromium_policy_sets_every_required_policy_to_a_safe_value(chromium_policy):
    results = run_required(chromium_policy, "json")
    print_required_figure("Chromium policy JSON", results)
    assert {name: p for name, p in results.items() if p} == {}


def test_the_edge_registry_file_sets_the_same_required_policies(edge_policy):
    results = run_required(edge_policy, "reg")
    print_required_figure("Edge registry file", results)
    assert {name: p for name, p in results.items() if p} == {}


def test_both_policies_lock_the_browser_to_the_kiosk_app(chromium_policy, edge_policy):
    assert check_url_lock(chromium_policy) == []
    assert check_url_lock(edge_policy, "reg") == []


def test_the_kiosk_url_of_each_launcher_is_on_its_policy_allowlist(chromium_policy, edge_policy):
    linux_url = shell_default_url(LAUNCHER.read_text(encoding="utf-8"))
    windows_url = powershell_default_url(EDGE_LAUNCHER.read_text(encoding="utf-8"))
    assert linux_url and allowlist_covers(chromium_policy, linux_url), linux_url
    assert windows_url and allowlist_covers(edge_policy, windows_url), windows_url


def test_the_linux_launcher_starts_a_kiosk_with_a_fresh_profile_that_a_trap_removes():
    assert check_launcher(LAUNCHER.read_text(encoding="utf-8")) == []


def test_the_linux_launcher_is_executable_and_valid_bash():
    assert os.access(LAUNCHER, os.X_OK), "chmod +x scripts/kiosk-browser.sh"
    result = subprocess.run(["bash", "-n", str(LAUNCHER)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_edge_launcher_uses_public_browsing_with_a_short_idle_reset():
    assert check_edge_launcher(EDGE_LAUNCHER.read_text(encoding="utf-8")) == []


def test_the_cups_fragment_keeps_no_job_files_and_no_job_history():
    assert check_cupsd(CUPSD_FRAGMENT.read_text(encoding="utf-8")) == []
