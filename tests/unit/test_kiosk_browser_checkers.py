"""T13, kiosk-policy lint: negative controls, each checker must report a deliberately broken copy.

A lint that cannot fail proves nothing. The checkers are in browser_policy_checks.py and
browser_launcher_checks.py; test_kiosk_browser_policy.py runs them on the shipped files.
"""
import copy

import pytest

from tests.unit.browser_launcher_checks import check_cupsd, check_edge_launcher, check_launcher
from tests.unit.browser_policy_checks import (
    CUPSD_FRAGMENT,
    EDGE_LAUNCHER,
    EDGE_POLICY_KEY,
    EDGE_REG,
    LAUNCHER,
    REQUIRED_IDLE_ACTIONS,
    REQUIRED_POLICIES,
    allowlist_covers,
    check_autofill_address,
    check_downloads,
    check_ephemeral_profile,
    check_idle_timeout,
    check_save_as_pdf,
    check_url_lock,
    decode_reg,
    load_policy_json,
    parse_reg,
    print_required_figure,
    run_required,
)

# ---------------------------------------------------------------- negative controls: each checker must fail


def _without(key):
    def mutate(policies):
        policies.pop(key, None)
    return mutate


def _set(key, value):
    def mutate(policies):
        policies[key] = value
    return mutate


def _drop_action(action):
    def mutate(policies):
        policies["IdleTimeoutActions"] = [a for a in policies["IdleTimeoutActions"] if a != action]
    return mutate


BROKEN_POLICIES = [
    ("IdleTimeout", "thirty minutes", _set("IdleTimeout", 30)),
    ("IdleTimeout", "zero", _set("IdleTimeout", 0)),
    ("IdleTimeout", "missing", _without("IdleTimeout")),
    ("IdleTimeout", "a string", _set("IdleTimeout", "5")),
    ("IdleTimeoutActions", "no close_browsers", _drop_action("close_browsers")),
    ("IdleTimeoutActions", "no clear_autofill", _drop_action("clear_autofill")),
    ("IdleTimeoutActions", "a misspelt action", _set("IdleTimeoutActions", sorted(REQUIRED_IDLE_ACTIONS) + ["clear_cookies"])),
    ("IdleTimeoutActions", "sync left on", _without("SyncDisabled")),
    ("IdleTimeoutActions", "missing", _without("IdleTimeoutActions")),
    ("ForceEphemeralProfiles", "false", _set("ForceEphemeralProfiles", False)),
    ("ForceEphemeralProfiles", "missing", _without("ForceEphemeralProfiles")),
    ("AutofillAddressEnabled", "true", _set("AutofillAddressEnabled", True)),
    ("AutofillAddressEnabled", "missing", _without("AutofillAddressEnabled")),
    ("AutofillCreditCardEnabled", "true", _set("AutofillCreditCardEnabled", True)),
    ("PasswordManagerEnabled", "true", _set("PasswordManagerEnabled", True)),
    ("PasswordManagerEnabled", "0 instead of false", _set("PasswordManagerEnabled", 0)),
    ("SavingBrowserHistoryDisabled", "false", _set("SavingBrowserHistoryDisabled", False)),
    ("SavingBrowserHistoryDisabled", "a string", _set("SavingBrowserHistoryDisabled", "true")),
    ("PrinterTypeDenyList", "empty", _set("PrinterTypeDenyList", [])),
    ("PrinterTypeDenyList", "only local printers", _set("PrinterTypeDenyList", ["local"])),
    ("PrinterTypeDenyList", "a bare string", _set("PrinterTypeDenyList", "pdf")),
    ("DownloadRestrictions", "dangerous files only", _set("DownloadRestrictions", 1)),
    ("DownloadRestrictions", "missing", _without("DownloadRestrictions")),
]


@pytest.mark.parametrize("policy, how, mutate", BROKEN_POLICIES,
                         ids=[f"{p}-{how.replace(' ', '_')}" for p, how, _ in BROKEN_POLICIES])
def test_each_policy_checker_reports_a_broken_chromium_policy(chromium_policy, policy, how, mutate):
    check = REQUIRED_POLICIES[policy]
    assert check(chromium_policy, "json") == []
    broken = copy.deepcopy(chromium_policy)
    mutate(broken)
    assert check(broken, "json"), f"{policy} checker missed: {how}"


def test_forced_incognito_is_accepted_instead_of_ephemeral_profiles(chromium_policy):
    alternative = copy.deepcopy(chromium_policy)
    alternative.pop("ForceEphemeralProfiles")
    alternative["IncognitoModeAvailability"] = 2
    assert check_ephemeral_profile(alternative) == []
    alternative["IncognitoModeAvailability"] = 1
    assert check_ephemeral_profile(alternative)


def test_the_required_figure_counts_a_broken_policy_as_missing(chromium_policy, capsys):
    broken = copy.deepcopy(chromium_policy)
    broken["DownloadRestrictions"] = 0
    broken.pop("AutofillAddressEnabled")
    print_required_figure("broken copy", run_required(broken, "json"))
    assert "T13: 7/9 required policies present (broken copy)" in capsys.readouterr().out


def test_a_duplicated_json_key_is_reported():
    with pytest.raises(ValueError, match="IdleTimeout"):
        load_policy_json('{"IdleTimeout": 5, "IdleTimeout": 30}')


@pytest.mark.parametrize("mutate", [
    _set("URLBlocklist", []),
    _set("URLAllowlist", []),
    _set("URLAllowlist", ["http://127.0.0.1:8080", "https://example.org"]),
], ids=["nothing_blocked", "app_not_allowed", "outside_site_allowed"])
def test_the_url_lock_checker_reports_an_open_browser(chromium_policy, mutate):
    broken = copy.deepcopy(chromium_policy)
    mutate(broken)
    assert check_url_lock(broken)


def test_the_allowlist_check_reports_a_kiosk_on_another_port(chromium_policy):
    assert not allowlist_covers(chromium_policy, "http://127.0.0.1:8000/")
    assert allowlist_covers(chromium_policy, "http://127.0.0.1:8080/")


REG_BROKEN = {
    "idle_timeout_thirty": (r'"IdleTimeout"=dword:00000005', r'"IdleTimeout"=dword:0000001e', check_idle_timeout),
    "ephemeral_as_string": (r'"ForceEphemeralProfiles"=dword:00000001', r'"ForceEphemeralProfiles"="1"', check_ephemeral_profile),
    "autofill_on": (r'"AutofillAddressEnabled"=dword:00000000', r'"AutofillAddressEnabled"=dword:00000001', check_autofill_address),
    "pdf_printer_allowed": ('"1"="pdf"', '"1"="local"', check_save_as_pdf),
    "downloads_allowed": (r'"DownloadRestrictions"=dword:00000003', r'"DownloadRestrictions"=dword:00000000', check_downloads),
}


@pytest.mark.parametrize("case", sorted(REG_BROKEN))
def test_the_registry_reader_and_checkers_report_a_broken_edge_policy(case):
    old, new, check = REG_BROKEN[case]
    text = decode_reg(EDGE_REG.read_bytes())
    assert old in text
    assert check(parse_reg(text), "reg") == []
    assert check(parse_reg(text.replace(old, new)), "reg")


def test_the_registry_reader_ignores_policies_under_another_key():
    text = EDGE_REG.read_bytes().decode("utf-8-sig").replace(
        EDGE_POLICY_KEY, r"HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Edge")
    assert check_idle_timeout(parse_reg(text), "reg") == ["IdleTimeout is missing"]


def test_the_registry_reader_reads_a_utf16_file_as_regedit_writes_it():
    text = decode_reg(EDGE_REG.read_bytes())
    assert parse_reg(decode_reg(b"\xff\xfe" + text.encode("utf-16-le"))) == parse_reg(text)


LAUNCHER_BROKEN = {
    "no_kiosk_printing": ("  --kiosk-printing\n", ""),
    "no_kiosk_only_kiosk_printing": ("  --kiosk\n", ""),
    "fixed_profile_path": ('--user-data-dir="$profile"', "--user-data-dir=/home/kiosk/.kiosk-profile"),
    "no_exit_trap": ("trap cleanup EXIT\n", ""),
    "trap_does_not_remove": ('    rm -rf -- "$profile"\n', "    :\n"),
    "profile_not_from_mktemp": ('profile="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-profile.XXXXXX")"', 'profile="/tmp/kiosk-profile"'),
}


@pytest.mark.parametrize("case", sorted(LAUNCHER_BROKEN))
def test_the_launcher_checker_reports_a_broken_launcher(case):
    old, new = LAUNCHER_BROKEN[case]
    text = LAUNCHER.read_text(encoding="utf-8")
    assert old in text
    assert check_launcher(text.replace(old, new))


def test_the_launcher_checker_reports_one_profile_shared_by_every_restart():
    text = LAUNCHER.read_text(encoding="utf-8")
    line = '  profile="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-profile.XXXXXX")" || { say "mktemp failed"; exit 1; }\n'
    assert line in text
    moved = text.replace(line, "").replace("fast_failures=0\nwhile :; do\n", "fast_failures=0\n" + line + "while :; do\n")
    assert moved != text.replace(line, "")
    assert any("restart loop" in p for p in check_launcher(moved))


@pytest.mark.parametrize("old, new", [
    ("--edge-kiosk-type=public-browsing", "--edge-kiosk-type=fullscreen"),
    ("--kiosk-idle-timeout-minutes=3", "--kiosk-idle-timeout-minutes=0"),
    ("--kiosk-idle-timeout-minutes=3", "--kiosk-idle-timeout-minutes=30"),
    ("'--kiosk-idle-timeout-minutes=3',", ""),
], ids=["fullscreen", "reset_off", "thirty_minutes", "no_idle_reset"])
def test_the_edge_launcher_checker_reports_a_broken_launcher(old, new):
    text = EDGE_LAUNCHER.read_text(encoding="utf-8")
    assert old in text
    assert check_edge_launcher(text.replace(old, new))


@pytest.mark.parametrize("old, new", [
    ("PreserveJobFiles No", "PreserveJobFiles 86400"),
    ("PreserveJobHistory No", "PreserveJobHistory Yes"),
    ("MaxJobs 10", "MaxJobs 0"),
    ("PreserveJobFiles No", ""),
    ("PageLogFormat\n", "PageLogFormat %p %u %j %{job-name}\n"),
    ("LogLevel warn", "LogLevel warn\nPreserveJobHistory Yes"),
], ids=["files_kept_a_day", "history_kept", "unlimited_jobs", "files_default", "title_in_page_log", "later_line_wins"])
def test_the_cups_checker_reports_a_spooler_that_keeps_jobs(old, new):
    text = CUPSD_FRAGMENT.read_text(encoding="utf-8")
    assert old in text
    assert check_cupsd(text.replace(old, new))


def test_the_cups_checker_ignores_settings_inside_a_block():
    text = CUPSD_FRAGMENT.read_text(encoding="utf-8").replace(
        "PreserveJobFiles No", "<Location />\nPreserveJobFiles No\n</Location>")
    assert check_cupsd(text)
