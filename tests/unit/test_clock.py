"""Today comes from kiosk.clock alone, so a fixed day in the tests holds everywhere."""
import ast
import datetime
from pathlib import Path

from kiosk import clock, deadlines
from kiosk.documents import Letter
from tests.conftest import TODAY

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
CLOCK_READS = {"today", "now", "utcnow"}
CLOCK_OWNERS = {"date", "datetime"}


def clock_reads(tree):
    """Reads such as date.today() or datetime.datetime.now() in a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in CLOCK_READS:
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in CLOCK_OWNERS:
                yield node.lineno


def test_only_the_clock_module_reads_the_system_clock_for_a_day():
    found = []
    for path in sorted(KIOSK.rglob("*.py")):
        if path.name == "clock.py":
            continue
        found += [f"{path.relative_to(KIOSK)}:{line}" for line in clock_reads(ast.parse(path.read_text()))]
    assert found == []


def test_the_scan_sees_a_clock_read():
    """The check above must be able to fail."""
    assert list(clock_reads(ast.parse("import datetime\nx = datetime.date.today()\n"))) == [2]
    assert list(clock_reads(ast.parse("from datetime import date\nx = date.today()\n"))) == [2]


def test_the_tests_run_on_a_fixed_day():
    assert clock.today() == TODAY


def test_a_fixed_day_reaches_every_reader():
    day = datetime.date(2031, 2, 3)
    with clock.fixed(day):
        assert clock.today() == day
        assert Letter([], [], "", [], "").date == day
        assert deadlines.given(datetime.date(2031, 2, 1)).received == day
    assert clock.today() == TODAY
