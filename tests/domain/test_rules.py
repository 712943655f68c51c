"""Tests for gwinong_desktop.domain.rules (the façade) and the domain layer's import rule."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import gwinong_desktop.domain as domain_package
from gwinong_desktop.domain import rules

DOMAIN_DIR = Path(domain_package.__file__).parent


def test_facade_exports_the_public_api() -> None:
    for name in rules.__all__:
        assert hasattr(rules, name), name
    for name in (
        "RuleKey",
        "RuleSpec",
        "RULE_SPECS",
        "RuleSet",
        "Severity",
        "RuleResult",
        "check_period",
        "check_amounts",
        "check_area",
        "check_lease",
        "check_funding",
        "check_rooms",
        "check_location",
        "check_stay",
        "check_designation",
        "check_photos",
        "check_rent",
        "management_period_end",
        "designation_end",
        "monthly_report_due",
        "semiannual_report_months",
        "semiannual_due",
        "completion_report_due",
        "yearly_settlement_due",
        "has_refusal",
        "warnings",
        "refusals",
    ):
        assert name in rules.__all__, name


def test_required_rule_keys_exist() -> None:
    required = {
        "SUPPORT_PER_HOUSE_MAX",
        "NATIONAL_SHARE_PCT",
        "LEASE_MIN_YEARS",
        "MANAGEMENT_YEARS",
        "DESIGNATION_YEARS",
        "DESIGNATION_SUPPORT_MAX",
        "STAY_MAX_MONTHS",
        "STAY_EXTENSION_MAX_MONTHS",
        "ROOMS_MIN",
        "PHOTOS_MIN",
        "MONTHLY_REPORT_DAY",
        "COMPLETION_REPORT_DAYS",
        "DEPOSIT_MAX",
        "RENT_MAX",
    }
    assert required <= set(rules.RuleKey.__members__)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    files = sorted(DOMAIN_DIR.glob("*.py"))
    assert len(files) >= 10
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name.startswith("gwinong_desktop.domain")
            assert allowed, f"{path.name} imports {name}"
