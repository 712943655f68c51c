"""Rule checks over plain values. Each returns ``list[RuleResult]``; an empty list means fine.

Impossible data (an end before its start, a negative amount, area or count) is REFUSEd; breaking a
program rule WARNs. When a check finds impossible data it returns the refusals alone, since rule
checks over impossible values say nothing useful. ``field`` names follow the storage models
(``start_on``, ``end_on``, ``move_in_on``, ``planned_end_on``, ``extended_to``, ``moved_out_on``,
``budget_national`` …). Dates are inclusive at both ends. Standard library only; import these
names from ``gwinong_desktop.domain.rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from gwinong_desktop.domain.enums import LeaseKind, PhotoSlot
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import (
    format_date_ko,
    format_duration,
    format_period,
    period_end,
)
from gwinong_desktop.domain.results import (
    DATA_SOURCE,
    CheckCode,
    RuleResult,
    Severity,
    data_refusal,
    has_refusal,
    refusals,
    rule_warning,
)
from gwinong_desktop.domain.ruleset import RuleKey, RuleSet

GUIDELINE_YEAR = 2020
"""The guideline edition whose values are the defaults (used when a check gets no RuleSet)."""

FIELD_LABELS: dict[str, str] = {
    "budget_national": "국비",
    "budget_province": "도비",
    "budget_county": "군비",
    "budget_own": "자부담",
    "national": "국비",
    "province": "도비",
    "county": "군비",
    "own": "자부담",
    "monthly_rent": "월임대료",
    "deposit": "보증금",
    "deposit_amount": "보증금",
    "monthly_support": "임대료 지원액",
    "annual_rent": "연 임차료",
    "amount": "금액",
    "returned_amount": "반환액",
    "land_area_m2": "대지면적",
    "floor_area_m2": "건물면적",
    "rooms": "방수",
    "photos": "사진 수",
}
"""Korean names of the fields that checks report on (a field not listed is shown by its name)."""

Area = int | float | Decimal


def _label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


# --- generic ------------------------------------------------------------------------------------


def check_period(
    start: date | None,
    end: date | None,
    *,
    field_start: str = "start_on",
    field_end: str = "end_on",
    label: str = "기간",
    start_name: str = "시작일",
    end_name: str = "종료일",
) -> list[RuleResult]:
    """REFUSE if ``end`` is before ``start`` (both given). A one-day period (end == start) is fine.

    ``label`` names the period in the message ("임대차 기간"); ``start_name``/``end_name`` name
    its ends ("입주일", "퇴거일"). The result reports ``field_end`` (the value to fix), with
    ``value=end`` and ``limit=start``; ``field_start`` is accepted for symmetry and not reported.
    """
    del field_start
    if start is None or end is None or end >= start:
        return []
    message = (
        f"{label}: {josa(f'{end_name}({format_date_ko(end)})', '이')} "
        f"{start_name}({format_date_ko(start)})보다 빠릅니다. "
        f"{josa(end_name, '은')} {josa(start_name, '과')} 같거나 그 뒤여야 합니다."
    )
    return [
        data_refusal(CheckCode.END_BEFORE_START, message, value=end, limit=start, field=field_end)
    ]


def check_amounts(**amounts: int | None) -> list[RuleResult]:
    """REFUSE every negative amount: ``check_amounts(budget_national=-1, deposit=0)``.

    Keyword names are field names; their Korean labels come from ``FIELD_LABELS``. None (not
    entered) is fine.
    """
    results = []
    for field, amount in amounts.items():
        if amount is not None and amount < 0:
            message = (
                f"{josa(_label(field), '이')} 음수입니다 ({format_won(amount)}). "
                "금액은 0원 이상이어야 합니다."
            )
            results.append(
                data_refusal(CheckCode.NEGATIVE_AMOUNT, message, value=amount, limit=0, field=field)
            )
    return results


def _negative_count(field: str, count: int) -> RuleResult:
    message = f"{josa(_label(field), '이')} 음수입니다 ({count}). 0 이상이어야 합니다."
    return data_refusal(CheckCode.NEGATIVE_COUNT, message, value=count, limit=0, field=field)


# --- the house ----------------------------------------------------------------------------------


def check_area(
    land: Area | None, floor: Area | None, rules: RuleSet | None = None
) -> list[RuleResult]:
    """Check 대지면적 (``land``) and 건물면적 (``floor``) in m²; None means not entered.

    Decisions: a negative area is impossible and REFUSEd; an area of exactly 0 WARNs (a house
    cannot have none, but 0 is often typed for "unknown": leave it empty instead); a floor area
    over FLOOR_AREA_MAX (default 2,000 m², about twenty times a large rural house) WARNs, as the
    guideline withdraws support for 면적초과 but leaves the limit to the county. Land area has no
    upper limit (farm plots are large).
    """
    rules = rules or RuleSet.defaults(GUIDELINE_YEAR)
    results: list[RuleResult] = []
    for field, area in (("land_area_m2", land), ("floor_area_m2", floor)):
        if area is None:
            continue
        name = _label(field)
        if area < 0:
            message = f"{josa(name, '이')} 음수입니다 ({area:,}m²). 면적은 음수일 수 없습니다."
            results.append(
                data_refusal(CheckCode.NEGATIVE_AREA, message, value=area, limit=0, field=field)
            )
        elif area == 0:
            results.append(
                RuleResult(
                    rule=CheckCode.ZERO_AREA.value,
                    severity=Severity.WARN,
                    message=f"{josa(name, '이')} 0m²입니다. 모르면 비워 두세요.",
                    value=area,
                    limit=0,
                    source=DATA_SOURCE,
                    field=field,
                )
            )
    if has_refusal(results):
        return refusals(results)
    if floor is not None and floor > 0:
        limit = rules.value(RuleKey.FLOOR_AREA_MAX)
        if floor > limit:
            results.append(
                rule_warning(
                    rules,
                    RuleKey.FLOOR_AREA_MAX,
                    f"건물면적이 {limit:,}m²를 넘습니다 ({floor:,}m²). 단위(m²·평)와 자릿수를 "
                    "확인하세요",
                    "지원조건과 다르게 면적을 초과하여 개량하면 지원이 철회됩니다",
                    value=floor,
                    field="floor_area_m2",
                )
            )
    return results


def check_rooms(rooms: int | None, rules: RuleSet) -> list[RuleResult]:
    """WARN below ROOMS_MIN rooms (운영계획서 4-가); REFUSE a negative count; None is fine."""
    if rooms is None:
        return []
    if rooms < 0:
        return [_negative_count("rooms", rooms)]
    minimum = rules.value(RuleKey.ROOMS_MIN)
    if rooms >= minimum:
        return []
    return [
        rule_warning(
            rules,
            RuleKey.ROOMS_MIN,
            f"방이 {minimum}개보다 적습니다 ({rooms}개)",
            f"가족 단위 이용자를 고려하여 주거할 수 있는 방은 최소 {minimum}개 이상 확보",
            value=rooms,
            field="rooms",
        )
    ]


def _photo_slot(slot: PhotoSlot | str) -> PhotoSlot:
    if isinstance(slot, PhotoSlot):
        return slot
    try:
        return PhotoSlot.from_label(slot)
    except ValueError:
        names = ", ".join(PhotoSlot.labels())
        raise ValueError(f"사진 구분 '{slot}'을(를) 알 수 없습니다 ({names} 중 하나).") from None


def check_photos(
    slots_present: Iterable[PhotoSlot | str], count: int, rules: RuleSet
) -> list[RuleResult]:
    """WARN if there are fewer than PHOTOS_MIN photos, and (separately) if any of the slots
    전경·원경·내부·주변 has none (운영계획서 3-나). ``slots_present``: the slots of the photos
    (PhotoSlot, code or Korean label; repeats are fine). REFUSE a negative count.
    """
    if count < 0:
        return [_negative_count("photos", count)]
    present = {_photo_slot(s) for s in slots_present}
    missing = tuple(slot for slot in PhotoSlot if slot not in present)
    minimum = rules.value(RuleKey.PHOTOS_MIN)
    requirement = f"빈집 사진 {minimum}장 이상 첨부(전경, 원경, 내부, 주변사진 등)"
    results = []
    if count < minimum:
        results.append(
            rule_warning(
                rules,
                RuleKey.PHOTOS_MIN,
                f"사진이 {minimum}장보다 적습니다 ({count}장)",
                requirement,
                value=count,
                field="photos",
            )
        )
    if missing:
        names = ", ".join(slot.label for slot in missing)
        results.append(
            rule_warning(
                rules,
                RuleKey.PHOTOS_MIN,
                f"{names} 사진이 없습니다",
                requirement,
                value=missing,
                limit=tuple(PhotoSlot),
                field="photos",
            )
        )
    return results


# --- lease, funding, designation, rent -----------------------------------------------------------


def check_lease(
    kind: LeaseKind | str, start: date, end: date | None, rules: RuleSet
) -> list[RuleResult]:
    """Check the owner lease (Ⅱ-4): 무상제공 needs no end; a 임대차계약 needs an end at least
    LEASE_MIN_YEARS later (inclusive: 2020.3.1.~2027.2.28. is exactly 7 years).

    REFUSE an end before the start; WARN a missing end of a lease (decision: not refused, as the
    officer may not have the contract yet) and a lease shorter than the minimum.
    """
    kind = LeaseKind(kind)
    refused = check_period(start, end, label=f"{kind.label} 기간")
    if refused or kind is LeaseKind.FREE:
        return refused
    years = rules.value(RuleKey.LEASE_MIN_YEARS)
    requirement = f"소유주와 {years}년 이상 임대차계약 또는 무상제공"
    if end is None:
        return [
            rule_warning(
                rules,
                RuleKey.LEASE_MIN_YEARS,
                f"임대차 종료일이 없습니다 ({format_period(start, None)})",
                requirement,
                value=None,
                field="end_on",
            )
        ]
    shortest_end = period_end(start, years=years)
    if end >= shortest_end:
        return []
    return [
        rule_warning(
            rules,
            RuleKey.LEASE_MIN_YEARS,
            f"임대차 기간이 {years}년 미만입니다 ({format_duration(start, end)}, "
            f"{format_period(start, end)}; {years}년이면 {format_date_ko(shortest_end)}까지)",
            requirement,
            value=end,
            field="end_on",
        )
    ]


def check_funding(
    national: int | None,
    province: int | None,
    county: int | None,
    own: int | None,
    rules: RuleSet,
) -> list[RuleResult]:
    """Check a house's funding in 원 (None = 0): REFUSE negative amounts; WARN if the support
    (국비+도비+군비; 자부담 is not support) exceeds SUPPORT_PER_HOUSE_MAX, and if 국비 is not
    NATIONAL_SHARE_PCT of the support.

    Decision: the share may differ by at most 1,000원, because budgets are kept in 천원 and half
    of an odd 천원 figure rounds; a bigger difference warns. Support of 0 skips the share check.
    The support warning has ``field=None`` (it concerns the sum).
    """
    refused = check_amounts(
        budget_national=national, budget_province=province, budget_county=county, budget_own=own
    )
    if refused:
        return refused
    national, province, county = national or 0, province or 0, county or 0
    support = national + province + county
    results = []
    cap = rules.value(RuleKey.SUPPORT_PER_HOUSE_MAX)
    if support > cap:
        results.append(
            rule_warning(
                rules,
                RuleKey.SUPPORT_PER_HOUSE_MAX,
                f"지원액(국비+도비+군비)이 개소당 지원한도를 넘습니다 ({format_won(support)}, "
                f"한도 {format_won(cap)})",
                f"세대당 {format_won(cap)} 이내",
                value=support,
                field=None,
            )
        )
    pct = rules.value(RuleKey.NATIONAL_SHARE_PCT)
    if support > 0 and abs(national * 100 - support * pct) > 1000 * 100:
        expected = format_won(round(support * pct / 100))
        actual_pct = national * 100 / support
        results.append(
            rule_warning(
                rules,
                RuleKey.NATIONAL_SHARE_PCT,
                f"국비가 지원액의 {pct}%가 아닙니다 (국비 {format_won(national)}: 지원액 "
                f"{format_won(support)}의 {actual_pct:.1f}%; {pct}%면 {expected})",
                f"국고보조 {pct}%, 지방비 {100 - pct}%",
                value=national,
                limit=pct,
                field="budget_national",
            )
        )
    return results


def check_designation(
    start: date, end: date | None, monthly_support: int | None, rules: RuleSet
) -> list[RuleResult]:
    """Check a rental-type designation (Ⅱ-5): REFUSE an end before the start or a negative
    support; WARN a period other than DESIGNATION_YEARS (inclusive, shorter or longer) and a
    monthly support over DESIGNATION_SUPPORT_MAX. A missing end is not checked (use
    ``designation_end`` to fill it).
    """
    refused = check_period(start, end, label="지정기간")
    refused += check_amounts(monthly_support=monthly_support)
    if refused:
        return refused
    results = []
    years = rules.value(RuleKey.DESIGNATION_YEARS)
    expected_end = designation_end(start, rules)
    if end is not None and end != expected_end:
        results.append(
            rule_warning(
                rules,
                RuleKey.DESIGNATION_YEARS,
                f"지정기간이 {years}년이 아닙니다 ({format_duration(start, end)}, "
                f"{format_period(start, end)}; {years}년이면 {format_date_ko(expected_end)}까지)",
                f"임대운영 방식의 귀농인의 집 지정기간은 {years}년",
                value=end,
                limit=expected_end,
                field="end_on",
            )
        )
    cap = rules.value(RuleKey.DESIGNATION_SUPPORT_MAX)
    if monthly_support is not None and monthly_support > cap:
        results.append(
            rule_warning(
                rules,
                RuleKey.DESIGNATION_SUPPORT_MAX,
                f"임대료 지원액이 월 {format_won(cap)}을 넘습니다 ({format_won(monthly_support)})",
                f"지정기간 중 임대료 지원은 월 {format_won(cap)} 이내",
                value=monthly_support,
                field="monthly_support",
            )
        )
    return results


def check_rent(
    monthly_rent: int | None,
    deposit: int | None,
    rules: RuleSet,
    *,
    field_rent: str = "monthly_rent",
    field_deposit: str = "deposit",
) -> list[RuleResult]:
    """REFUSE a negative rent or deposit; WARN above RENT_MAX / DEPOSIT_MAX when those are set
    (0 = no limit, the default). ``field_deposit="deposit_amount"`` for a stay."""
    refused = check_amounts(**{field_rent: monthly_rent, field_deposit: deposit})
    if refused:
        return refused
    results = []
    for key, amount, field, name in (
        (RuleKey.RENT_MAX, monthly_rent, field_rent, "월임대료"),
        (RuleKey.DEPOSIT_MAX, deposit, field_deposit, "보증금"),
    ):
        cap = rules.value(key)
        if amount is not None and cap > 0 and amount > cap:
            results.append(
                rule_warning(
                    rules,
                    key,
                    f"{josa(name, '이')} 한도를 넘습니다 "
                    f"({format_won(amount)}, 한도 {format_won(cap)})",
                    f"{name} {format_won(cap)} 이내",
                    value=amount,
                    field=field,
                )
            )
    return results


# --- period ends ------------------------------------------------------------------------------


def management_period_end(completed_on: date, rules: RuleSet) -> date:
    """The last day of the 관리기간: MANAGEMENT_YEARS counted from the completion day itself
    (completed 2020.3.1. → 2027.2.28.)."""
    return period_end(completed_on, years=rules.value(RuleKey.MANAGEMENT_YEARS))


def designation_end(start: date, rules: RuleSet) -> date:
    """The last day of a designation of DESIGNATION_YEARS (2024.3.1. → 2026.2.28.)."""
    return period_end(start, years=rules.value(RuleKey.DESIGNATION_YEARS))


def lease_shortest_end(start: date, rules: RuleSet) -> date:
    """The earliest end a lease starting on ``start`` may have (2020.3.1. → 2027.2.28.)."""
    return period_end(start, years=rules.value(RuleKey.LEASE_MIN_YEARS))
