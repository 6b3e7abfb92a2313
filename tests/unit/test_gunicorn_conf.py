"""scripts/gunicorn.conf.py's hooks, called as gunicorn calls them in each worker."""
import runpy
import sys

import pytest

from kiosk.config import ROOT

CONF = ROOT / "scripts" / "gunicorn.conf.py"


@pytest.fixture
def switch_interval_kept():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def test_a_worker_lets_a_waiting_thread_in_after_1_ms_not_5(monkeypatch, switch_interval_kept):
    monkeypatch.delenv("KIOSK_SWITCH_INTERVAL_MS", raising=False)
    sys.setswitchinterval(0.005)  # Python's default
    runpy.run_path(str(CONF))["post_worker_init"](None)
    assert sys.getswitchinterval() == pytest.approx(0.001)


def test_the_switch_interval_can_be_set(monkeypatch, switch_interval_kept):
    monkeypatch.setenv("KIOSK_SWITCH_INTERVAL_MS", "2.5")
    runpy.run_path(str(CONF))["post_worker_init"](None)
    assert sys.getswitchinterval() == pytest.approx(0.0025)


@pytest.mark.parametrize("value", ["fast", "0", "-1", "1000", "nan"])
def test_a_switch_interval_no_worker_could_use_stops_the_start_with_one_line(monkeypatch, value):
    monkeypatch.setenv("KIOSK_SWITCH_INTERVAL_MS", value)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_path(str(CONF))
    assert "KIOSK_SWITCH_INTERVAL_MS" in str(stopped.value) and "\n" not in str(stopped.value)
