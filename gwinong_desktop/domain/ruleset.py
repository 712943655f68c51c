"""Program rule values: what each rule is, its guideline default, and the values in force a year.

Every number the guideline sets is a setting. Counties and later years differ (support per
house 3천만 → 4천만 → 5천만원, rents capped at 8만–25만원, deposits at 150만원), so a ``RuleSet``
holds the values for one year, with the 2020 guideline's values as defaults. The storage layer
keeps rows (year, key, value) and builds a ``RuleSet`` with ``RuleSet.from_mapping``.

Which year's rules apply is the caller's choice; the convention is the year the thing began: a
house's funding and lease by its program year (조성연도), a stay by its move-in year, a
designation by its start year, a report by the year it reports on.

Standard library only. Import these names from ``gwinong_desktop.domain.rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class RuleKey(StrEnum):
    """Stable codes of the program rules (stored in the database; never rename one)."""

    SUPPORT_PER_HOUSE_MAX = "support_per_house_max"
    NATIONAL_SHARE_PCT = "national_share_pct"
    LEASE_MIN_YEARS = "lease_min_years"
    MANAGEMENT_YEARS = "management_years"
    DESIGNATION_YEARS = "designation_years"
    DESIGNATION_SUPPORT_MAX = "designation_support_max"
    STAY_MAX_MONTHS = "stay_max_months"
    STAY_EXTENSION_MAX_MONTHS = "stay_extension_max_months"
    ROOMS_MIN = "rooms_min"
    PHOTOS_MIN = "photos_min"
    MONTHLY_REPORT_DAY = "monthly_report_day"
    COMPLETION_REPORT_DAYS = "completion_report_days"
    DEPOSIT_MAX = "deposit_max"
    RENT_MAX = "rent_max"
    FLOOR_AREA_MAX = "floor_area_max"
    SCORE_EDUCATION = "score_education"
    EDUCATION_HOURS_MIN = "education_hours_min"
    SCORE_FAMILY = "score_family"
    EXTRA_OCCUPANT_RENT = "extra_occupant_rent"
    INSPECTION_INTERVAL_MONTHS = "inspection_interval_months"


@dataclass(frozen=True)
class RuleSpec:
    """One rule: its Korean name, guideline default, unit, source and bounds.

    ``zero_means_unlimited``: a value of 0 switches the rule off (no limit).
    """

    key: RuleKey
    name: str
    default: int
    unit: str
    source: str
    explanation: str
    minimum: int = 0
    maximum: int | None = None
    zero_means_unlimited: bool = False

    def format_value(self, value: int) -> str:
        """``30000000`` → ``"30,000,000원"``, ``7`` → ``"7년"``; 0 of an off-able rule → "제한 없음"
        (0 for the rules that 0 switches off)."""
        if value == 0 and self.zero_means_unlimited:
            return "제한 없음"
        return f"{value:,}{self.unit}"


_OPERATING_RULES = "시·군 운영지침 (시행지침 Ⅲ-2)"
_PRIORITY = "시행지침 Ⅲ-2 입주대상 (우선순위)"

RULE_SPECS: dict[RuleKey, RuleSpec] = {
    spec.key: spec
    for spec in (
        RuleSpec(
            RuleKey.SUPPORT_PER_HOUSE_MAX,
            "개소당 지원한도",
            30_000_000,
            "원",
            "시행지침 Ⅱ-5 지원단가",
            "국비·도비·군비를 합한 지원액은 세대(개소)당 이 금액 이내입니다.",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.NATIONAL_SHARE_PCT,
            "국고보조 비율",
            50,
            "%",
            "시행지침 Ⅱ-5 재원 및 지원기준",
            "국고보조 50%, 지방비 50%. 지방비 중 도비·군비 비율은 시·도와 시·군이 협의합니다.",
            maximum=100,
        ),
        RuleSpec(
            RuleKey.LEASE_MIN_YEARS,
            "소유주 임대차 최소기간",
            7,
            "년",
            "시행지침 Ⅱ-4 지원 대상지역 요건",
            "빈집은 소유주와 이 기간 이상 임대차계약을 맺거나 무상으로 제공받아야 합니다.",
        ),
        RuleSpec(
            RuleKey.MANAGEMENT_YEARS,
            "관리기간",
            7,
            "년",
            "시행지침 Ⅱ-5 관리기간",
            "준공(조성) 후 이 기간 동안 귀농인의 집으로 관리합니다.",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.DESIGNATION_YEARS,
            "지정기간",
            2,
            "년",
            "시행지침 Ⅱ-5 지원단가 (임대운영 방식)",
            "임대운영(지정형) 귀농인의 집의 지정기간입니다.",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.DESIGNATION_SUPPORT_MAX,
            "임대료 지원한도(월)",
            150_000,
            "원",
            "시행지침 Ⅱ-5 지원단가 (임대운영 방식)",
            "지정기간 중 임대료 지원은 월 이 금액 이내입니다.",
        ),
        RuleSpec(
            RuleKey.STAY_MAX_MONTHS,
            "이용기간",
            12,
            "개월",
            "시행지침 Ⅱ-5 이용기간",
            "입주자는 이 기간 범위 안에서 이용하는 것이 원칙입니다.",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.STAY_EXTENSION_MAX_MONTHS,
            "추가 이용기간",
            3,
            "개월",
            "시행지침 Ⅱ-5 이용기간",
            "추가 이용자가 없고 입주자가 희망하면 이용기간 종료 후 이 기간 이내로 더 이용할 수 "
            "있습니다.",
        ),
        RuleSpec(
            RuleKey.ROOMS_MIN,
            "최소 방 수",
            2,
            "개",
            "운영계획서 4-가",
            "가족 단위 이용자를 고려하여 주거할 수 있는 방을 이 수 이상 확보합니다.",
        ),
        RuleSpec(
            RuleKey.PHOTOS_MIN,
            "빈집 사진 최소 장수",
            5,
            "장",
            "운영계획서 3-나",
            "빈집 사진을 이 장수 이상(전경, 원경, 내부, 주변사진 등) 첨부합니다.",
        ),
        RuleSpec(
            RuleKey.MONTHLY_REPORT_DAY,
            "월별 보고 기한(익월)",
            5,
            "일",
            "시행지침 Ⅲ-2 (별지 제5호 서식)",
            "추진실적(별지 제5호)을 다음 달 이날까지 시·도에 보고합니다.",
            minimum=1,
            maximum=31,
        ),
        RuleSpec(
            RuleKey.COMPLETION_REPORT_DAYS,
            "사업완료 보고 기한",
            7,
            "일",
            "시행지침 Ⅲ-3 예산의 결산",
            "사업대상자는 사업 종료 후 이 기간 이내에 사업완료 보고서를 제출합니다.",
        ),
        RuleSpec(
            RuleKey.DEPOSIT_MAX,
            "보증금 한도",
            0,
            "원",
            _OPERATING_RULES,
            "시·군 운영지침이 정한 보증금 상한(예: 1,500,000원). 0이면 제한하지 않습니다.",
            zero_means_unlimited=True,
        ),
        RuleSpec(
            RuleKey.RENT_MAX,
            "월 임대료 한도",
            0,
            "원",
            _OPERATING_RULES,
            "시·군 운영지침이 정한 월 임대료 상한. 지침은 임대운영형의 지원액만 제한하므로 "
            "기본값 0(제한 없음)입니다.",
            zero_means_unlimited=True,
        ),
        RuleSpec(
            RuleKey.FLOOR_AREA_MAX,
            "건물면적 상한",
            2_000,
            "m²",
            "시행지침 Ⅲ-1 (면적초과 개량 시 지원 철회)",
            "건물면적이 이보다 크면 확인을 요청합니다. 지침은 면적초과 개량을 지원 철회 사유로 "
            "들되 상한은 시·군 지원조건에 맡기므로, 기본값은 입력 오류를 잡는 값입니다.",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.SCORE_EDUCATION,
            "귀농교육 이수 가점",
            10,
            "점",
            _PRIORITY,
            "귀농교육을 이수한 신청자에게 주는 점수입니다 (0이면 심사에 쓰지 않습니다).",
            maximum=1_000,
        ),
        RuleSpec(
            RuleKey.EDUCATION_HOURS_MIN,
            "귀농교육 이수 인정시간",
            1,
            "시간",
            _PRIORITY,
            "귀농교육을 이 시간 이상 받았으면 이수한 것으로 봅니다 (시·군이 예: 100시간으로 정할 "
            "수 있습니다).",
            minimum=1,
        ),
        RuleSpec(
            RuleKey.SCORE_FAMILY,
            "가족 동반 입주 가점",
            10,
            "점",
            _PRIORITY,
            "가족(부부 등)과 함께 입주하려는 신청자에게 주는 점수입니다 (0이면 심사에 쓰지 "
            "않습니다).",
            maximum=1_000,
        ),
        RuleSpec(
            RuleKey.EXTRA_OCCUPANT_RENT,
            "추가 입주 인원당 월 임대료",
            0,
            "원",
            _OPERATING_RULES,
            "시·군이 세대원 수에 따라 임대료를 더 받는 경우, 입주자 본인 외 한 사람당 더하는 월 "
            "임대료입니다. 0이면 쓰지 않습니다.",
        ),
        RuleSpec(
            RuleKey.INSPECTION_INTERVAL_MONTHS,
            "정기 점검 주기",
            12,
            "개월",
            "시행지침 Ⅲ-3 사후관리 (조성상황과 운영 실태를 주기적으로 점검)",
            "지난 점검 뒤 이 기간이 지나면 대시보드가 정기 점검을 알립니다. 지침은 주기를 "
            "시·도와 시·군에 맡깁니다.",
            minimum=1,
            maximum=60,
        ),
    )
}


def _shown(raw: object) -> str:
    """A value as the officer typed or stored it, for a message ("1.5", "예")."""
    if isinstance(raw, bool):
        return "예" if raw else "아니요"
    return f"'{raw}'" if isinstance(raw, str) else str(raw)


def _korean_int(key: RuleKey, raw: object) -> int:
    """An integer rule value from an int or digits (thousands commas allowed); the Korean error
    names the rule as the officer knows it ("소유주 임대차 최소기간은(는) 정수여야 합니다")."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().replace(",", "")
        digits = text.removeprefix("-")
        if digits.isascii() and digits.isdigit():
            return int(text)
    spec = RULE_SPECS[key]
    raise ValueError(
        f"{spec.name}은(는) 정수여야 합니다 (단위 {spec.unit}, 입력한 값 {_shown(raw)})"
    )


def _key(raw: RuleKey | str) -> RuleKey:
    try:
        return RuleKey(raw)
    except ValueError:
        raise ValueError(
            f"알 수 없는 규칙 값이 있습니다 ({_shown(raw)}): 더 새 버전에서 만든 값일 수 있습니다"
        ) from None


def validate_value(key: RuleKey, value: int) -> None:
    """Raise ValueError (Korean) if ``value`` is outside the rule's bounds."""
    spec = RULE_SPECS[key]
    if value < 0:
        raise ValueError(f"{spec.name}은(는) 음수일 수 없습니다: {value:,}")
    if value < spec.minimum:
        raise ValueError(
            f"{spec.name}은(는) {spec.minimum:,}{spec.unit} 이상이어야 합니다: {value:,}"
        )
    if spec.maximum is not None and value > spec.maximum:
        raise ValueError(
            f"{spec.name}은(는) {spec.maximum:,}{spec.unit} 이하여야 합니다: {value:,}"
        )


class RuleSet:
    """The rule values in force for one year (immutable; build a new one to change values)."""

    __slots__ = ("_values", "year")

    def __init__(self, year: int, values: Mapping[RuleKey, int] | None = None) -> None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
            raise ValueError(f"연도가 올바르지 않습니다 (1900~9999년이어야 합니다): {_shown(year)}")
        merged = {key: spec.default for key, spec in RULE_SPECS.items()}
        for key, value in (values or {}).items():
            rule = _key(key)
            number = _korean_int(rule, value)
            validate_value(rule, number)
            merged[rule] = number
        self.year = year
        self._values = merged

    @classmethod
    def defaults(cls, year: int) -> RuleSet:
        """The 2020 guideline's values, for ``year``."""
        return cls(year)

    @classmethod
    def from_mapping(cls, year: int, mapping: Mapping[str, str | int]) -> RuleSet:
        """Values from stored rows ``{key: value}``; keys not given keep their defaults.

        Raises ValueError (Korean message) for an unknown key, a value that is not an integer
        ("1.5", "abc", True) and a value outside the rule's bounds (negative, 0 where the rule
        needs at least 1, a percentage over 100, a report day over 31).
        """
        parsed: dict[RuleKey, int] = {}
        for raw_key, raw_value in mapping.items():
            key = _key(raw_key)
            parsed[key] = _korean_int(key, raw_value)
        return cls(year, parsed)

    def value(self, key: RuleKey | str) -> int:
        """The value of ``key`` in force this year."""
        return self._values[_key(key)]

    def __getitem__(self, key: RuleKey | str) -> int:
        return self.value(key)

    def spec(self, key: RuleKey | str) -> RuleSpec:
        """The rule's description (name, unit, source, default)."""
        return RULE_SPECS[_key(key)]

    def is_default(self, key: RuleKey | str) -> bool:
        """Whether ``key`` has the guideline's value this year."""
        rule = _key(key)
        return self._values[rule] == RULE_SPECS[rule].default

    def changed(self) -> dict[RuleKey, int]:
        """The rules whose values differ from the guideline's defaults."""
        return {k: v for k, v in self._values.items() if v != RULE_SPECS[k].default}

    def replace(self, changes: Mapping[RuleKey | str, int | str]) -> RuleSet:
        """A copy with ``changes`` applied (validated like ``from_mapping``)."""
        merged: dict[str, int | str] = {k.value: v for k, v in self._values.items()}
        merged.update({_key(k).value: v for k, v in changes.items()})
        return RuleSet.from_mapping(self.year, merged)

    def for_year(self, year: int) -> RuleSet:
        """The same values carried over to ``year`` (e.g. to start next year's settings)."""
        return RuleSet(year, self._values)

    def describe(self, key: RuleKey | str) -> str:
        """``"개소당 지원한도 30,000,000원"``; a changed value adds the guideline default."""
        rule = _key(key)
        spec = RULE_SPECS[rule]
        text = f"{spec.name} {spec.format_value(self._values[rule])}"
        if not self.is_default(rule):
            text += f" ({self.year}년 시·군 설정값, 지침 기본값 {spec.format_value(spec.default)})"
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleSet):
            return NotImplemented
        return self.year == other.year and self._values == other._values

    def __hash__(self) -> int:
        return hash((self.year, tuple(sorted(self._values.items()))))

    def __repr__(self) -> str:
        changed = {k.value: v for k, v in self.changed().items()}
        return f"RuleSet(year={self.year}, changed={changed})"
