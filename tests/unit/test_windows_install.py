"""scripts/windows/install_task.py: the Task Scheduler task for a Windows kiosk, checked by its dry run.

There is no Windows (and no schtasks) here: the dry run prints the task XML and the commands, and
runs nothing. The XML must parse against Task Scheduler's namespace and hold what the README promises.
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from kiosk.config import ROOT

SCRIPT = ROOT / "scripts" / "windows" / "install_task.py"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
REPO = r"C:\vaerested kiosk"


def dry_run(*args):
    result = subprocess.run([sys.executable, str(SCRIPT), "--dry-run", "--repo", REPO, *args],
                            capture_output=True, text=True, timeout=30, check=True)
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<?xml"))
    end = next(i for i, line in enumerate(lines) if line == "</Task>")
    assert lines[end + 1] == "# Then these commands, in order:"
    return ET.fromstring("\n".join(lines[start:end + 1])), lines[end + 2:], lines[0]


def text(task, path):
    found = task.findall(path, NS)
    assert len(found) == 1, path
    return found[0].text


def test_the_task_starts_the_kiosk_at_boot_in_the_repo_folder():
    task, _, _ = dry_run()
    assert task.tag == f"{{{NS['t']}}}Task" and task.get("version") == "1.2"
    assert task.find("t:Triggers/t:BootTrigger", NS) is not None
    assert [trigger.tag.split("}")[1] for trigger in task.find("t:Triggers", NS)] == ["BootTrigger"]
    assert text(task, "t:Triggers/t:BootTrigger/t:Enabled") == "true"
    assert text(task, "t:Actions/t:Exec/t:Command") == REPO + r"\.venv\Scripts\python.exe"
    assert text(task, "t:Actions/t:Exec/t:Arguments") == "-m kiosk"
    assert text(task, "t:Actions/t:Exec/t:WorkingDirectory") == REPO
    assert task.find("t:Actions", NS).get("Context") == task.find("t:Principals/t:Principal", NS).get("id")


def test_the_task_restarts_every_minute_never_times_out_and_ignores_the_battery():
    task, _, _ = dry_run("--restarts", "12")
    settings = "t:Settings/"
    assert text(task, settings + "t:RestartOnFailure/t:Interval") == "PT1M"
    assert text(task, settings + "t:RestartOnFailure/t:Count") == "12"
    assert text(task, settings + "t:ExecutionTimeLimit") == "PT0S"
    assert text(task, settings + "t:DisallowStartIfOnBatteries") == "false"
    assert text(task, settings + "t:StopIfGoingOnBatteries") == "false"
    assert text(task, settings + "t:IdleSettings/t:StopOnIdleEnd") == "false"
    assert text(task, settings + "t:MultipleInstancesPolicy") == "IgnoreNew"
    assert text(dry_run()[0], settings + "t:RestartOnFailure/t:Count") == "999"


def test_the_task_runs_with_low_rights_and_no_stored_password():
    task, _, _ = dry_run()
    assert text(task, "t:Principals/t:Principal/t:UserId") == "S-1-5-19"  # LOCAL SERVICE
    assert text(task, "t:Principals/t:Principal/t:RunLevel") == "LeastPrivilege"
    assert task.find(".//t:Password", NS) is None
    task, commands, _ = dry_run("--user", "kiosk-svc")
    assert text(task, "t:Principals/t:Principal/t:UserId") == "kiosk-svc"
    assert text(task, "t:Principals/t:Principal/t:LogonType") == "S4U"
    assert commands[0] == f'icacls "{REPO}" /grant kiosk-svc:(OI)(CI)RX'


def test_the_dry_run_prints_exactly_the_commands_it_would_run():
    _, commands, first = dry_run()
    xml_file = REPO + r"\instance\vaerested-kiosk-task.xml"
    assert xml_file in first and "nothing runs" in first
    assert commands == [
        f'icacls "{REPO}" /grant *S-1-5-19:(OI)(CI)RX',
        f'icacls "{REPO}\\instance" /grant *S-1-5-19:(OI)(CI)M',
        f'schtasks /Create /TN "Vaerested kiosk" /XML "{xml_file}" /F',
        f'reg import "{REPO}\\scripts\\windows\\edge-policy.reg"',
    ]
    assert (ROOT / "scripts" / "windows" / "edge-policy.reg").is_file()


def test_without_dry_run_it_refuses_to_run_off_windows(tmp_path):
    if sys.platform == "win32":
        pytest.skip("this is the non-Windows refusal")
    result = subprocess.run([sys.executable, str(SCRIPT), "--repo", str(tmp_path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "--dry-run" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written
