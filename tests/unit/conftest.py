"""Fixtures shared by the kiosk-browser policy tests (the shipped files and their negative controls)."""
import pytest

from tests.unit.browser_policy_checks import CHROMIUM_POLICY, EDGE_REG, decode_reg, load_policy_json, parse_reg


@pytest.fixture(scope="module")
def chromium_policy():
    return load_policy_json(CHROMIUM_POLICY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def edge_policy():
    return parse_reg(decode_reg(EDGE_REG.read_bytes()))
