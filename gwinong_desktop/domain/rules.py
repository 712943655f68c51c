"""The program's rules: import everything rule-related from here.

The rules come from the 2020 guideline (시행지침 Ⅱ-4, Ⅱ-5, Ⅲ-2, Ⅲ-3 and the 운영계획서 form); every
number is a per-year setting (``RuleSet``). Checks take plain values and a ``RuleSet`` and return
``RuleResult``s: breaking a rule WARNs, impossible data is REFUSEd. The code lives in:

- ``ruleset``: ``RuleKey``, ``RuleSpec``, ``RULE_SPECS``, ``RuleSet``;
- ``results``: ``Severity``, ``CheckCode``, ``RuleResult``, the helpers over result lists and
  the forms' own results (``refuse``, ``warn`` and their codes);
- ``checks``: period, amounts, area, rooms, photos, lease, funding, designation, rent;
- ``stays``: the stay (이용기간) rules; ``location``: the 읍·면 rule; ``deadlines``: report dates.

This module only gathers them (so that ``checks`` can import ``ruleset`` without a cycle).
Standard library only.
"""

from __future__ import annotations

from gwinong_desktop.domain.checks import (
    FIELD_LABELS,
    GUIDELINE_YEAR,
    check_amounts,
    check_area,
    check_designation,
    check_funding,
    check_lease,
    check_period,
    check_photos,
    check_rent,
    check_rooms,
    designation_end,
    lease_shortest_end,
    management_period_end,
)
from gwinong_desktop.domain.deadlines import (
    completion_report_due,
    days_until,
    is_semiannual_month,
    monthly_report_due,
    semiannual_due,
    semiannual_report_months,
    yearly_settlement_due,
)
from gwinong_desktop.domain.location import (
    SIDO_FULL_NAMES,
    check_location,
    is_excluded_area,
    normalize_sido,
)
from gwinong_desktop.domain.results import (
    BAD_FILE,
    DATA_SOURCE,
    DUPLICATE,
    NOT_FOUND,
    OUT_OF_RANGE,
    OVER_BUDGET,
    OVERLAP,
    REQUIRED,
    CheckCode,
    RuleResult,
    Severity,
    has_refusal,
    refusals,
    refuse,
    warn,
    warnings,
)
from gwinong_desktop.domain.ruleset import RULE_SPECS, RuleKey, RuleSet, RuleSpec, validate_value
from gwinong_desktop.domain.stays import (
    check_stay,
    extension_max_end,
    is_stay_active,
    stay_max_end,
)

__all__ = [
    "BAD_FILE",
    "DATA_SOURCE",
    "DUPLICATE",
    "FIELD_LABELS",
    "GUIDELINE_YEAR",
    "NOT_FOUND",
    "OUT_OF_RANGE",
    "OVERLAP",
    "OVER_BUDGET",
    "REQUIRED",
    "RULE_SPECS",
    "SIDO_FULL_NAMES",
    "CheckCode",
    "RuleKey",
    "RuleResult",
    "RuleSet",
    "RuleSpec",
    "Severity",
    "check_amounts",
    "check_area",
    "check_designation",
    "check_funding",
    "check_lease",
    "check_location",
    "check_period",
    "check_photos",
    "check_rent",
    "check_rooms",
    "check_stay",
    "completion_report_due",
    "days_until",
    "designation_end",
    "extension_max_end",
    "has_refusal",
    "is_excluded_area",
    "is_semiannual_month",
    "is_stay_active",
    "lease_shortest_end",
    "management_period_end",
    "monthly_report_due",
    "normalize_sido",
    "refusals",
    "refuse",
    "semiannual_due",
    "semiannual_report_months",
    "stay_max_end",
    "validate_value",
    "warn",
    "warnings",
    "yearly_settlement_due",
]
