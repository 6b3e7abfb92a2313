"""T13, kiosk-policy lint: the browser layer keeps the promise the app alone cannot keep.

A static check of the files staff install on the kiosk: the Chromium policy JSON and its launcher, the
Edge registry file and launcher, and the CUPS fragment. Every checker below returns a list of problems,
and each one is also run against a deliberately broken copy, which it must report: a lint that cannot
fail proves nothing.

Sources for the values: scripts/KIOSK-BROWSER.md, and Chromium's
chrome/browser/enterprise/idle/idle_timeout_policy_handler.cc for the IdleTimeoutActions names.
"""
import copy
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
CHROMIUM_POLICY = SCRIPTS / "chromium-policy.json"
LAUNCHER = SCRIPTS / "kiosk-browser.sh"
EDGE_LAUNCHER = SCRIPTS / "windows" / "edge-kiosk.ps1"
EDGE_REG = SCRIPTS / "windows" / "edge-policy.reg"
CUPSD_FRAGMENT = SCRIPTS / "cups" / "cupsd-kiosk.conf"

EDGE_POLICY_KEY = r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge"
MAX_IDLE_MINUTES = 5
MAX_SPOOLED_JOBS = 10

# Every action name Chromium's IdleTimeoutActions handler knows; an unknown name is silently dropped.
KNOWN_IDLE_ACTIONS = {
    "close_browsers", "show_profile_picker", "reload_pages", "clear_browsing_history",
    "clear_download_history", "clear_cookies_and_other_site_data", "clear_cached_images_and_files",
    "clear_password_signin", "clear_autofill", "clear_site_settings", "clear_hosted_app_data",
}
REQUIRED_IDLE_ACTIONS = {
    "close_browsers", "clear_browsing_history", "clear_download_history",
    "clear_cookies_and_other_site_data", "clear_cached_images_and_files", "clear_autofill",
    "clear_site_settings",
}
# Chromium rejects the whole IdleTimeoutActions policy when one of these is listed and SyncDisabled is not true.
IDLE_ACTIONS_NEEDING_SYNC_DISABLED = {
    "clear_browsing_history", "clear_password_signin", "clear_autofill", "clear_hosted_app_data",
}


# ---------------------------------------------------------------- loading the files


def load_policy_json(text):
    """Parse the policy JSON; a duplicated key is an error, because only one of the two values would apply."""
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        if duplicated:
            raise ValueError(f"duplicated keys: {duplicated}")
        return dict(pairs)
    return json.loads(text, object_pairs_hook=no_duplicates)


def decode_reg(data):
    """regedit writes UTF-16 LE with a BOM; hand-written files are often ASCII or UTF-8."""
    if data[:2] == b"\xff\xfe":
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def parse_reg(text, base_key=EDGE_POLICY_KEY):
    """The policies a .reg file sets under base_key, shaped like the policy JSON.

    REG_DWORD values become int and REG_SZ values str. A list policy lives in a subkey of its own
    ("1", "2", ... -> strings) and becomes a list in value-name order.
    """
    if not text.lstrip().startswith(("Windows Registry Editor Version 5.00", "REGEDIT4")):
        raise ValueError("not a .reg file: the header line is missing")
    policies, lists, current = {}, {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        section = re.fullmatch(r"\[(-?)([^\]]+)\]", line)
        if section:
            key = section.group(2)
            if section.group(1) or not (key == base_key or key.startswith(base_key + "\\")):
                current = None
            else:
                current = key[len(base_key):].lstrip("\\")
            continue
        if current is None:
            continue
        value = re.fullmatch(r'"([^"]+)"=(?:dword:([0-9a-fA-F]{8})|"((?:[^"\\]|\\.)*)")', line)
        if not value:
            raise ValueError(f"cannot read registry line: {line!r}")
        name, dword, string = value.groups()
        data = int(dword, 16) if dword is not None else string.replace('\\"', '"').replace("\\\\", "\\")
        if current == "":
            policies[name] = data
        elif "\\" not in current:
            lists.setdefault(current, {})[name] = data
    for name, entries in lists.items():
        policies[name] = [entries[k] for k in sorted(entries, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k))]
    return policies


def cupsd_directives(text):
    """Top-level cupsd.conf directives; the last occurrence wins, as in cupsd."""
    directives, depth = {}, 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("</"):
            depth -= 1
            continue
        if line.startswith("<"):
            depth += 1
            continue
        if depth == 0:
            name, _, value = line.partition(" ")
            directives[name.lower()] = value.strip()
    return directives


def shell_default_url(text):
    match = re.search(r'KIOSK_URL="\$\{KIOSK_URL:-([^}"]+)\}"', text)
    return match.group(1) if match else None


def powershell_default_url(text):
    match = re.search(r"\[string\]\$Url\s*=.*?else\s*\{\s*'([^']+)'", text)
    return match.group(1) if match else None


# ---------------------------------------------------------------- policy checkers
# Each takes the policy dict and its dialect ("json": booleans are true/false; "reg": DWORD 0/1),
# and returns a list of problems (empty = fine).


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _boolean_problems(policies, name, want, dialect):
    if name not in policies:
        return [f"{name} is missing"]
    value = policies[name]
    if dialect == "json":
        ok = isinstance(value, bool) and value is want
        shown = "true" if want else "false"
    else:
        ok = _is_int(value) and value == int(want)
        shown = f"dword:{int(want):08x}"
    # A wrongly typed value (1 for true in JSON, "0" as REG_SZ) is ignored by the browser, not converted.
    return [] if ok else [f"{name} must be {shown}, found {value!r}"]


def check_idle_timeout(policies, dialect="json"):
    value = policies.get("IdleTimeout")
    if value is None:
        return ["IdleTimeout is missing"]
    if not _is_int(value) or not 1 <= value <= MAX_IDLE_MINUTES:
        return [f"IdleTimeout must be a whole number of minutes from 1 to {MAX_IDLE_MINUTES}, found {value!r}"]
    return []


def check_idle_timeout_actions(policies, dialect="json"):
    actions = policies.get("IdleTimeoutActions")
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        return [f"IdleTimeoutActions must be a list of action names, found {actions!r}"]
    problems = []
    missing = REQUIRED_IDLE_ACTIONS - set(actions)
    if missing:
        problems.append(f"IdleTimeoutActions lacks {sorted(missing)}")
    unknown = set(actions) - KNOWN_IDLE_ACTIONS
    if unknown:
        problems.append(f"IdleTimeoutActions has names the browser does not know: {sorted(unknown)}")
    if set(actions) & IDLE_ACTIONS_NEEDING_SYNC_DISABLED:
        problems += [f"IdleTimeoutActions needs sync off: {p}"
                     for p in _boolean_problems(policies, "SyncDisabled", True, dialect)]
    return problems


def check_ephemeral_profile(policies, dialect="json"):
    # Either keeps the profile only until the browser closes (T13 accepts both).
    if not _boolean_problems(policies, "ForceEphemeralProfiles", True, dialect):
        return []
    if policies.get("IncognitoModeAvailability") == 2 and _is_int(policies["IncognitoModeAvailability"]):
        return []
    return ["neither ForceEphemeralProfiles is true nor IncognitoModeAvailability is 2 (forced)"]


def check_autofill_address(policies, dialect="json"):
    return _boolean_problems(policies, "AutofillAddressEnabled", False, dialect)


def check_autofill_credit_card(policies, dialect="json"):
    return _boolean_problems(policies, "AutofillCreditCardEnabled", False, dialect)


def check_password_manager(policies, dialect="json"):
    return _boolean_problems(policies, "PasswordManagerEnabled", False, dialect)


def check_history_saving(policies, dialect="json"):
    return _boolean_problems(policies, "SavingBrowserHistoryDisabled", True, dialect)


def check_save_as_pdf(policies, dialect="json"):
    deny = policies.get("PrinterTypeDenyList")
    if not isinstance(deny, list) or "pdf" not in deny:
        return [f'PrinterTypeDenyList must be a list containing "pdf", found {deny!r}']
    return []


def check_downloads(policies, dialect="json"):
    value = policies.get("DownloadRestrictions")
    if not _is_int(value) or value != 3:
        return [f"DownloadRestrictions must be 3 (block all downloads), found {value!r}"]
    return []


REQUIRED_POLICIES = {
    "IdleTimeout": check_idle_timeout,
    "IdleTimeoutActions": check_idle_timeout_actions,
    "ForceEphemeralProfiles": check_ephemeral_profile,
    "AutofillAddressEnabled": check_autofill_address,
    "AutofillCreditCardEnabled": check_autofill_credit_card,
    "PasswordManagerEnabled": check_password_manager,
    "SavingBrowserHistoryDisabled": check_history_saving,
    "PrinterTypeDenyList": check_save_as_pdf,
    "DownloadRestrictions": check_downloads,
}


def check_url_lock(policies, dialect="json"):
    """The kiosk must not be a way to browse elsewhere: block everything, allow only this machine."""
    problems = []
    if "*" not in (policies.get("URLBlocklist") or []):
        problems.append('URLBlocklist must contain "*"')
    allow = policies.get("URLAllowlist") or []
    if not allow:
        problems.append("URLAllowlist is empty, so the kiosk app itself is blocked")
    for entry in allow:
        host = urlsplit(entry if "://" in entry else "http://" + entry).hostname
        if host not in ("127.0.0.1", "localhost"):
            problems.append(f"URLAllowlist entry {entry!r} is not this machine")
    return problems


def allowlist_covers(policies, url):
    target = urlsplit(url)
    for entry in policies.get("URLAllowlist") or []:
        allowed = urlsplit(entry)
        if (allowed.scheme, allowed.hostname, allowed.port) == (target.scheme, target.hostname, target.port) \
                and target.path.startswith(allowed.path or "/"):
            return True
    return False


def run_required(policies, dialect):
    return {name: check(policies, dialect) for name, check in REQUIRED_POLICIES.items()}


# ---------------------------------------------------------------- launcher and spooler checkers


def _shell_functions(text):
    return {m.group(1): m.group(2) for m in re.finditer(r"(?ms)^(\w+)\(\)\s*\{\n(.*?)^\}", text)}


def _expand_calls(body, functions, depth=0):
    """body plus the bodies of the shell functions it calls, so a trap handler can be read in full."""
    if depth > 5:
        return body
    expanded = body
    for name, inner in functions.items():
        if re.search(rf"(?<![\w$-]){name}(?![\w-])", body):
            expanded += "\n" + _expand_calls(inner, {k: v for k, v in functions.items() if k != name}, depth + 1)
    return expanded


def check_launcher(text):
    problems = []
    if not re.search(r"(?<![\w-])--kiosk(?![\w-])", text):
        problems.append("--kiosk is not passed")
    if not re.search(r"(?<![\w-])--kiosk-printing(?![\w-])", text):
        problems.append("--kiosk-printing is not passed")
    data_dir = re.search(r'--user-data-dir="?\$\{?(\w+)\}?"?', text)
    if not data_dir:
        return problems + ["--user-data-dir does not point at a variable (a fixed profile path keeps data)"]
    var = data_dir.group(1)
    made = re.search(rf'(?m)^\s*{var}="?\$\(mktemp -d\b', text)
    if not made:
        problems.append(f"${var} is not made with mktemp -d")
    else:
        loop = re.search(r"(?ms)^while\b.*?^done\b", text)
        if not loop or not loop.start() < made.start() < loop.end():
            problems.append(f"${var} is made once, not inside the restart loop, so profiles are shared")
    trap = re.search(r"""(?m)^\s*trap\s+(?:'([^']*)'|"([^"]*)"|(\S+))\s+(?:\w+\s+)*EXIT\b""", text)
    if not trap:
        problems.append("no EXIT trap removes the profile")
    else:
        handler = next(g for g in trap.groups()[:3] if g is not None)
        expanded = _expand_calls(handler, _shell_functions(text))
        if not re.search(rf'rm -(?:rf|fr|r)\b[^\n]*"?\$\{{?{var}\b', expanded):
            problems.append(f"the EXIT trap does not rm -rf ${var}")
    return problems


def check_edge_launcher(text):
    problems = []
    if not re.search(r"(?<![\w-])--kiosk(?![\w-])", text):
        problems.append("--kiosk is not passed")
    if not re.search(r"--edge-kiosk-type=public-browsing\b", text):
        problems.append("--edge-kiosk-type=public-browsing is not passed (only it resets the session)")
    minutes = [int(m) for m in re.findall(r"--kiosk-idle-timeout-minutes=(\d+)", text)]
    if not minutes:
        problems.append("--kiosk-idle-timeout-minutes is not set")
    for value in minutes:
        # 0 turns the reset off.
        if not 1 <= value <= MAX_IDLE_MINUTES:
            problems.append(f"--kiosk-idle-timeout-minutes={value} is outside 1..{MAX_IDLE_MINUTES}")
    return problems


def check_cupsd(text):
    directives = cupsd_directives(text)
    problems = []
    for name in ("PreserveJobFiles", "PreserveJobHistory"):
        value = directives.get(name.lower())
        if value is None or value.lower() not in ("no", "off", "false"):
            problems.append(f"{name} must be No, found {value!r}")
    max_jobs = directives.get("maxjobs")
    # MaxJobs 0 means no limit.
    if max_jobs is None or not max_jobs.isdigit() or not 1 <= int(max_jobs) <= MAX_SPOOLED_JOBS:
        problems.append(f"MaxJobs must be 1..{MAX_SPOOLED_JOBS}, found {max_jobs!r}")
    if "job-name" in directives.get("pagelogformat", ""):
        problems.append("PageLogFormat writes the job name (the letter's title) to the page log")
    return problems


# ---------------------------------------------------------------- fixtures of this module


@pytest.fixture(scope="module")
def chromium_policy():
    return load_policy_json(CHROMIUM_POLICY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def edge_policy():
    return parse_reg(decode_reg(EDGE_REG.read_bytes()))


def _figure(label, results):
    present = sum(1 for problems in results.values() if not problems)
    print(f"T13: {present}/{len(results)} required policies present ({label})")


# ---------------------------------------------------------------- the shipped files


def test_the_chromium_policy_sets_every_required_policy_to_a_safe_value(chromium_policy):
    results = run_required(chromium_policy, "json")
    _figure("Chromium policy JSON", results)
    assert {name: p for name, p in results.items() if p} == {}


def test_the_edge_registry_file_sets_the_same_required_policies(edge_policy):
    results = run_required(edge_policy, "reg")
    _figure("Edge registry file", results)
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
    _figure("broken copy", run_required(broken, "json"))
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
