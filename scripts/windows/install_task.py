"""Start the kiosk server at boot on a Windows PC (single-PC mode), with Task Scheduler.

Run once, as administrator, from the repo folder, after the set-up in README "Windows":

    .venv\\Scripts\\python scripts\\windows\\install_task.py            install the task and the Edge policy
    .venv\\Scripts\\python scripts\\windows\\install_task.py --dry-run  print what it would run, run nothing

What it does, in order:
1. Writes a Task Scheduler XML: at boot, run `<repo>\\.venv\\Scripts\\python.exe -m kiosk` in the
   repo folder, as LOCAL SERVICE (a built-in low-rights account with no password to store), or with
   --user NAME as that local standard account with "S4U" (runs without anyone logged on, no stored
   password, no network credentials). No time limit, no stop on battery; if the task fails, Task
   Scheduler starts it again every minute, up to --restarts times.
2. Gives that account read access to the repo and write access to `instance\\` (the centre's settings;
   never user data), with icacls.
3. `schtasks /Create /TN "Vaerested kiosk" /XML <file> /F` (replaces an older task of that name).
4. `reg import scripts\\windows\\edge-policy.reg` (the Edge kiosk policy).

Python must be installed for all users (the python.org installer's "Install for all users", into
Program Files): a venv's python.exe starts the base Python, and LOCAL SERVICE cannot read a Python
installed in an administrator's own profile. The script warns when it sees that.

--dry-run works on any system (the tests run it on Linux); it was not run on Windows by us.
Task Scheduler's own note: "restart on failure" covers a task that fails; check on your Windows build
that it also restarts after python.exe exits with an error (stop the process in Task Manager and watch).
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath
from xml.sax.saxutils import escape

TASK_NAME = "Vaerested kiosk"
NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
LOCAL_SERVICE = "S-1-5-19"
DEFAULT_RESTARTS = 999  # Task Scheduler's maximum


def repo_root():
    return Path(__file__).resolve().parent.parent.parent


def python_exe(repo):
    return PureWindowsPath(repo) / ".venv" / "Scripts" / "python.exe"


def principal_xml(user):
    if user:
        return (f"      <UserId>{escape(user)}</UserId>\n"
                "      <LogonType>S4U</LogonType>\n"
                "      <RunLevel>LeastPrivilege</RunLevel>\n")
    # A well-known service SID needs no LogonType: Task Scheduler runs it as that service account.
    return (f"      <UserId>{LOCAL_SERVICE}</UserId>\n"
            "      <RunLevel>LeastPrivilege</RunLevel>\n")


def task_xml(repo, user=None, restarts=DEFAULT_RESTARTS):
    """The task, in Task Scheduler's 1.2 schema (Windows 7 and later), in the order Windows exports it."""
    repo = PureWindowsPath(repo)
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{NAMESPACE}">
  <RegistrationInfo>
    <Description>Vaerestedets kiosk: the kiosk server on http://127.0.0.1:8080 (scripts/windows/install_task.py)</Description>
    <URI>\\{escape(TASK_NAME)}</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
    </BootTrigger>
  </Triggers>
  <Principals>
    <Principal id="Kiosk">
{principal_xml(user)}    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>6</Priority>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>{restarts}</Count>
    </RestartOnFailure>
  </Settings>
  <Actions Context="Kiosk">
    <Exec>
      <Command>{escape(str(python_exe(repo)))}</Command>
      <Arguments>-m kiosk</Arguments>
      <WorkingDirectory>{escape(str(repo))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def task_file(repo):
    """Where the XML is written for schtasks (and deleted after): the instance folder, which git ignores."""
    return PureWindowsPath(repo) / "instance" / "vaerested-kiosk-task.xml"


def commands(repo, xml_path, user=None):
    """Each command as an argument list, in the order they run."""
    repo = PureWindowsPath(repo)
    # "*SID" names LOCAL SERVICE whatever the Windows language calls it.
    account = user or f"*{LOCAL_SERVICE}"
    return [
        ["icacls", str(repo), "/grant", f"{account}:(OI)(CI)RX"],
        ["icacls", str(repo / "instance"), "/grant", f"{account}:(OI)(CI)M"],
        ["schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(xml_path), "/F"],
        ["reg", "import", str(repo / "scripts" / "windows" / "edge-policy.reg")],
    ]


def python_in_a_profile(repo):
    """The base Python of the venv, when it lives in someone's own profile (C:\\Users\\...)."""
    cfg = Path(repo) / ".venv" / "pyvenv.cfg"
    if not cfg.is_file():
        return None
    for line in cfg.read_text(encoding="utf-8", errors="replace").splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "home" and "\\users\\" in value.strip().lower() + "\\":
            return value.strip()
    return None


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Start the kiosk server at boot with Task Scheduler (Windows).")
    parser.add_argument("--dry-run", action="store_true", help="print the commands and the task XML; run nothing")
    parser.add_argument("--repo", default=None, help="the repo folder (default: the one this script is in)")
    parser.add_argument("--user", default=None,
                        help="a local standard account to run as (S4U, no stored password); default LOCAL SERVICE")
    parser.add_argument("--restarts", type=int, default=DEFAULT_RESTARTS,
                        help=f"restarts after a failure, one a minute (1-999, default {DEFAULT_RESTARTS})")
    args = parser.parse_args(argv)
    if not 1 <= args.restarts <= 999:
        parser.error("--restarts must be between 1 and 999")
    return args


def main(argv=None):
    args = parse_args(argv)
    repo = args.repo or str(repo_root())
    xml = task_xml(repo, args.user, args.restarts)
    if args.dry_run:
        xml_path = task_file(repo)
        print(f"# Dry run: nothing is written and nothing runs. The task XML, written to {xml_path} (UTF-16):")
        print(xml, end="")
        print("# Then these commands, in order:")
        for command in commands(repo, xml_path, args.user):
            print(subprocess.list2cmdline(command))
        return 0
    if os.name != "nt":
        print("install_task.py installs a Windows task; on this system only --dry-run works.", file=sys.stderr)
        return 2
    home = python_in_a_profile(repo)
    if home and not args.user:
        print(f"WARNING: the venv's Python is in a user profile ({home}); LOCAL SERVICE cannot start it.\n"
              "Install Python for all users and make .venv again, or use --user.", file=sys.stderr)
    xml_path = Path(task_file(repo))
    xml_path.parent.mkdir(exist_ok=True)
    # schtasks reads the XML as UTF-16, as its declaration says.
    xml_path.write_text(xml, encoding="utf-16")
    try:
        for command in commands(repo, xml_path, args.user):
            print(subprocess.list2cmdline(command))
            subprocess.run(command, check=True)
    finally:
        xml_path.unlink(missing_ok=True)
    print(f'Done. Start it now with: schtasks /Run /TN "{TASK_NAME}", then open http://127.0.0.1:8080/')
    return 0


if __name__ == "__main__":
    sys.exit(main())
