"""Rules of a resident's stay (시행지침 Ⅱ-5 이용기간) and when a stay is active.

A stay is at most STAY_MAX_MONTHS (12: 2024.3.1.~2025.2.28.), plus at most
STAY_EXTENSION_MAX_MONTHS (3) after it, and an extension only when nobody is waiting and the
resident asks for it. Standard library only; import from ``gwinong_desktop.domain.rules``.
"""

from __future__ import annotations

from datetime import date, timedelta

from gwinong_desktop.domain.checks import check_period
from gwinong_desktop.domain.enums import _Labelled
from gwinong_desktop.domain.periods import (
    ONE_DAY,
    format_date_ko,
    format_duration,
    format_period,
    period_end,
)
from gwinong_desktop.domain.results import RuleResult, rule_warning
from gwinong_desktop.domain.ruleset import RuleKey, RuleSet


def stay_max_end(move_in: date, rules: RuleSet) -> date:
    """The last day of a stay of STAY_MAX_MONTHS (2024.3.1. → 2025.2.28.): the default planned
    end when an officer enters a new stay."""
    return period_end(move_in, months=rules.value(RuleKey.STAY_MAX_MONTHS))


def extension_max_end(planned_end: date, rules: RuleSet) -> date:
    """The latest day an extension of a stay planned to end on ``planned_end`` may reach:
    STAY_EXTENSION_MAX_MONTHS counted from the next day (2025.2.28. → 2025.5.31.)."""
    months = rules.value(RuleKey.STAY_EXTENSION_MAX_MONTHS)
    return period_end(planned_end + ONE_DAY, months=months)


def is_stay_active(move_in: date, moved_out: date | None, today: date) -> bool:
    """Whether the resident lives in the house on ``today``: from the move-in day through the
    move-out day, both inclusive. Without a move-out date the stay stays active even after its
    planned end (the resident is there until the officer records the move-out)."""
    return move_in <= today and (moved_out is None or today <= moved_out)


ENDING_SOON_DAYS = 30
"""A stay whose end is this many days away or fewer is 퇴거 예정 (the officer prepares)."""


class StayStatus(_Labelled):
    """Where a stay stands on a given day (derived, never stored)."""

    COMING = "coming", "입주 예정"
    LIVING = "living", "입주 중"
    ENDING = "ending", "퇴거 예정"
    OVERDUE = "overdue", "기간 지남"
    MOVED_OUT = "moved_out", "퇴거"


def stay_end(planned_end: date, extended_to: date | None) -> date:
    """The last day the stay may last: the extension's end, else the planned end."""
    return extended_to if extended_to is not None and extended_to > planned_end else planned_end


def stay_status(
    move_in: date,
    planned_end: date,
    extended_to: date | None,
    moved_out: date | None,
    today: date,
) -> StayStatus:
    """퇴거 once the move-out day has passed (the resident lives there through that day);
    입주 예정 before the move-in; 기간 지남 after the planned end (or extension) without a
    move-out; 퇴거 예정 within ENDING_SOON_DAYS of the end or of a recorded future move-out;
    입주 중 otherwise."""
    if moved_out is not None and moved_out < today:
        return StayStatus.MOVED_OUT
    if today < move_in:
        return StayStatus.COMING
    end = moved_out if moved_out is not None else stay_end(planned_end, extended_to)
    if today > end:
        return StayStatus.OVERDUE
    if end - today <= timedelta(days=ENDING_SOON_DAYS):
        return StayStatus.ENDING
    return StayStatus.LIVING


def check_stay(
    move_in: date,
    planned_end: date | None,
    extended_to: date | None,
    moved_out: date | None,
    *,
    waiting_applicants: int = 0,
    resident_requested: bool = False,
    rules: RuleSet,
) -> list[RuleResult]:
    """Check one stay (Ⅱ-5 이용기간).

    REFUSE: planned end, extension end or move-out before the move-in; an extension that ends
    before the planned end. WARN:
    - a planned end beyond STAY_MAX_MONTHS (``planned_end_on``);
    - an extension beyond STAY_EXTENSION_MAX_MONTHS after the planned end (``extended_to``);
    - any extension while ``waiting_applicants > 0``, or without ``resident_requested``;
    - a move-out after the longest allowed stay: past the 12 months without an extension, or
      past the extension's end (``moved_out_on``).
    ``extended_to`` equal to the planned end is no extension. With no planned end, an extension
    is measured from the end of the longest allowed stay.
    """
    refused = check_period(
        move_in,
        planned_end,
        field_start="move_in_on",
        field_end="planned_end_on",
        label="이용기간",
        start_name="입주일",
        end_name="퇴거예정일",
    )
    refused += check_period(
        move_in,
        moved_out,
        field_start="move_in_on",
        field_end="moved_out_on",
        label="이용기간",
        start_name="입주일",
        end_name="퇴거일",
    )
    refused += check_period(
        planned_end or move_in,
        extended_to,
        field_start="planned_end_on",
        field_end="extended_to",
        label="연장",
        start_name="퇴거예정일" if planned_end else "입주일",
        end_name="연장 종료일",
    )
    if refused:
        return refused

    results: list[RuleResult] = []
    months = rules.value(RuleKey.STAY_MAX_MONTHS)
    max_end = stay_max_end(move_in, rules)
    if planned_end is not None and planned_end > max_end:
        results.append(
            rule_warning(
                rules,
                RuleKey.STAY_MAX_MONTHS,
                f"이용기간이 {months}개월을 넘습니다 ({format_duration(move_in, planned_end)}, "
                f"{format_period(move_in, planned_end)}; {months}개월이면 "
                f"{format_date_ko(max_end)}까지)",
                f"{months}개월 범위 내 이용이 원칙",
                value=planned_end,
                limit=max_end,
                field="planned_end_on",
            )
        )

    base_end = planned_end if planned_end is not None else max_end
    extended = extended_to is not None and extended_to > base_end
    if extended and extended_to is not None:
        results += _check_extension(
            base_end,
            extended_to,
            waiting_applicants=waiting_applicants,
            resident_requested=resident_requested,
            rules=rules,
        )

    if moved_out is not None:
        if extended and extended_to is not None:
            if moved_out > extended_to and moved_out > max_end:
                results.append(
                    rule_warning(
                        rules,
                        RuleKey.STAY_EXTENSION_MAX_MONTHS,
                        f"퇴거일({format_date_ko(moved_out)})이 연장 종료일"
                        f"({format_date_ko(extended_to)})보다 늦습니다",
                        _extension_requirement(rules),
                        value=moved_out,
                        limit=extended_to,
                        field="moved_out_on",
                    )
                )
        elif moved_out > max_end:
            results.append(
                rule_warning(
                    rules,
                    RuleKey.STAY_MAX_MONTHS,
                    f"실제 이용기간이 {months}개월을 넘습니다 "
                    f"({format_duration(move_in, moved_out)}, "
                    f"{format_period(move_in, moved_out)}; 연장 기록 없음)",
                    f"{months}개월 범위 내 이용이 원칙",
                    value=moved_out,
                    limit=max_end,
                    field="moved_out_on",
                )
            )
    return results


def _extension_requirement(rules: RuleSet) -> str:
    months = rules.value(RuleKey.STAY_EXTENSION_MAX_MONTHS)
    return (
        "추가 이용자가 없고 기존 귀농인이 희망하는 경우 이용기간 종료 후 "
        f"{months}개월 이내의 범위에서 추가 이용 가능"
    )


def _check_extension(
    base_end: date,
    extended_to: date,
    *,
    waiting_applicants: int,
    resident_requested: bool,
    rules: RuleSet,
) -> list[RuleResult]:
    results = []
    months = rules.value(RuleKey.STAY_EXTENSION_MAX_MONTHS)
    requirement = _extension_requirement(rules)
    first_day = base_end + ONE_DAY
    extension = format_period(first_day, extended_to)
    limit = extension_max_end(base_end, rules)
    if extended_to > limit:
        results.append(
            rule_warning(
                rules,
                RuleKey.STAY_EXTENSION_MAX_MONTHS,
                f"연장 기간이 {months}개월을 넘습니다 ({format_duration(first_day, extended_to)}, "
                f"{extension}; {months}개월이면 {format_date_ko(limit)}까지)",
                requirement,
                value=extended_to,
                limit=limit,
                field="extended_to",
            )
        )
    if waiting_applicants > 0:
        results.append(
            rule_warning(
                rules,
                RuleKey.STAY_EXTENSION_MAX_MONTHS,
                f"입주 대기자가 {waiting_applicants}명 있는데 이용기간을 연장했습니다 "
                f"({extension})",
                requirement,
                value=waiting_applicants,
                limit=0,
                field="extended_to",
            )
        )
    if not resident_requested:
        results.append(
            rule_warning(
                rules,
                RuleKey.STAY_EXTENSION_MAX_MONTHS,
                f"입주자의 연장 희망이 확인되지 않았습니다 ({extension})",
                requirement,
                value=False,
                limit=True,
                field="extended_to",
            )
        )
    return results
