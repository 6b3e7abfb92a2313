"""T13, kiosk-policy lint: the browser layer keeps the promise the app alone cannot keep.

A static check of the files staff install on the kiosk: the Chromium policy JSON and its launcher, the
Edge registry file and launcher, and the CUPS fragment. Every checker below returns a list of problems,
and each one is also run against a deliberately broken copy, which it must report: a lint that cannot
fail proves nothing.

Sources for the values: scripts/KIOSK-BROWSER.md, and Chromium's
chrome/browser/enterprise/idle/idle_timeout_policy_handler.cc for the IdleTimeoutActions names.

This module holds the file paths, the policy tables and the policy checkers; the launcher and CUPS
checkers are in browser_launcher_checks.py. The shipped files are checked in test_kiosk_browser_policy.py,
the broken copies in test_kiosk_browser_checkers.py.
"""
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

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


def print_required_figure(label, results):
    present = sum(1 for problems in results.values() if not problems)
    print(f"T13: {present}/{len(results)} required policies present ({label})")
