"""T13, kiosk-policy lint: the checkers for the launchers and the CUPS fragment.

Like the policy checkers in browser_policy_checks.py (whose docstring explains the lint), each returns a
list of problems, empty when the file is fine.
"""
import re

from tests.unit.browser_policy_checks import MAX_IDLE_MINUTES, MAX_SPOOLED_JOBS

# ---------------------------------------------------------------- reading the files


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
