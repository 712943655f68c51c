"""What a rule check returns: ``RuleResult`` with a ``Severity``, and helpers over lists of them.

Breaking a program rule WARNs (the officer may go on, giving a reason); only impossible data (an
end before its start, a negative amount) is REFUSEd. Standard library only. Import these names
from ``gwinong_desktop.domain.rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gwinong_desktop.domain.ruleset import RULE_SPECS, RuleKey, RuleSet

DATA_SOURCE = "자료 검증"
"""The ``source`` of results about impossible or inconsistent data rather than a guideline rule."""

LOCATION_SOURCE = "시행지침 Ⅱ-4 지원 대상지역 요건"

# result codes of the checks the services add to the domain's (stable: stored in rule_override)
REQUIRED = "required"
DUPLICATE = "duplicate"
OUT_OF_RANGE = "out_of_range"
NOT_FOUND = "not_found"
BAD_FILE = "bad_file"
OVER_BUDGET = "over_budget"
OVERLAP = "overlap"


class Severity(StrEnum):
    """REFUSE: the data cannot be saved. WARN: the officer may go on with a reason."""

    REFUSE = "refuse"
    WARN = "warn"


class CheckCode(StrEnum):
    """Result codes that are not numeric program rules (``RuleResult.rule`` is one of these or a
    ``RuleKey`` value)."""

    END_BEFORE_START = "end_before_start"
    NEGATIVE_AMOUNT = "negative_amount"
    NEGATIVE_AREA = "negative_area"
    NEGATIVE_COUNT = "negative_count"
    ZERO_AREA = "zero_area"
    LOCATION_EUPMYEON = "location_eupmyeon"
    LOCATION_AREA = "location_area"
    LOCATION_UNKNOWN = "location_unknown"


@dataclass(frozen=True)
class RuleResult:
    """One finding of a check.

    ``rule``: a ``RuleKey`` or ``CheckCode`` value. ``message``: Korean; names what was found,
    where, and the rule with its source. ``value``: what was found; ``limit``: the rule's value
    (or the other end of a period). ``source``: the guideline section. ``field``: the form field
    it concerns (the storage model's attribute name, e.g. ``"end_on"``), if one.
    """

    rule: str
    severity: Severity
    message: str
    value: object = None
    limit: object = None
    source: str = ""
    field: str | None = None

    @property
    def is_refusal(self) -> bool:
        return self.severity is Severity.REFUSE


def has_refusal(results: Iterable[RuleResult]) -> bool:
    """Whether any result refuses the data."""
    return any(r.severity is Severity.REFUSE for r in results)


def refusals(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The results that refuse the data, in order."""
    return [r for r in results if r.severity is Severity.REFUSE]


def warnings(results: Iterable[RuleResult]) -> list[RuleResult]:
    """The results that only warn, in order."""
    return [r for r in results if r.severity is Severity.WARN]


def rule_warning(
    rules: RuleSet,
    key: RuleKey,
    finding: str,
    requirement: str,
    *,
    value: object,
    field: str | None,
    limit: object = None,
) -> RuleResult:
    """A WARN for program rule ``key``: "<finding>. <source>: <requirement>." and, when the
    county changed the value this year, a note naming the guideline default."""
    spec = RULE_SPECS[key]
    note = ""
    if not rules.is_default(key):
        note = (
            f" ({rules.year}년 시·군 설정값 {spec.format_value(rules.value(key))}, "
            f"지침 기본값 {spec.format_value(spec.default)})"
        )
    return RuleResult(
        rule=key.value,
        severity=Severity.WARN,
        message=f"{finding}. {spec.source}: {requirement}.{note}",
        value=value,
        limit=rules.value(key) if limit is None else limit,
        source=spec.source,
        field=field,
    )


def data_refusal(
    code: CheckCode, message: str, *, value: object, limit: object = None, field: str | None
) -> RuleResult:
    """A REFUSE for impossible data."""
    return refuse(field, message, code=code.value, value=value, limit=limit)


def refuse(field: str | None, message: str, *, code: str = OUT_OF_RANGE, value: object = None,
           limit: object = None) -> RuleResult:  # fmt: skip
    """A REFUSE result from a form's own check (``code``: one of the codes above)."""
    return _data_result(Severity.REFUSE, field, message, code, value, limit)


def warn(field: str | None, message: str, *, code: str, value: object = None,
         limit: object = None) -> RuleResult:  # fmt: skip
    """A WARN result about inconsistent data (not a program rule)."""
    return _data_result(Severity.WARN, field, message, code, value, limit)


def _data_result(
    severity: Severity, field: str | None, message: str, code: str, value: object, limit: object
) -> RuleResult:
    return RuleResult(code, severity, message, value, limit, DATA_SOURCE, field)
