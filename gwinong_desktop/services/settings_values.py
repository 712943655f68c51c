"""The 설정 page's data: program rule values per year and the county profile.

**Rule values.** Every rule of ``domain.rules.RULE_SPECS`` has the guideline's default; a county
sets its own value for a year (a ``RuleValue`` row), which holds for later years until another
year changes it (``services.rules.RuleBook``). :meth:`RuleValueService.table` shows, for one
year, each rule's default, the value in force and where it comes from; :meth:`save` checks the
whole year's values through ``RuleSet.from_mapping`` (Korean message naming the rule) and writes
a row only for a value that differs from what the year would inherit, or where the year already
has a row. Nothing is written when any value is refused.

**County profile.** The settings ``domain.folder_settings.PROFILE`` (시군, 시도, 담당자, 부서,
전화번호); ``CountyProfile``'s fields are named by their keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from gwinong_desktop.domain.folder_settings import (
    COUNTY,
    DEPARTMENT,
    OFFICER_NAME,
    PHONE,
    PROFILE,
    PROVINCE,
)
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import (
    RULE_SPECS,
    SIDO_FULL_NAMES,
    RuleKey,
    RuleResult,
    RuleSet,
    normalize_sido,
    refuse,
)
from gwinong_desktop.domain.text_checks import check_length, check_phone
from gwinong_desktop.storage.folder_settings import read_settings, write_setting
from gwinong_desktop.storage.models import RuleValue

from .context import ServiceContext
from .rule_gate import FormRefused, gate, required
from .rules import RuleBook


@dataclass(frozen=True)
class RuleValueRow:
    key: RuleKey
    name: str
    unit: str
    default: int
    value: int  # in force this year
    set_in: int | None  # the year whose row gives the value (None: the guideline default)
    source: str  # the county's note on where the value comes from (this year's row)
    guideline: str  # the guideline section
    explanation: str
    zero_means_unlimited: bool

    def format(self, value: int) -> str:
        return RULE_SPECS[self.key].format_value(value)


class RuleValueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def years(self) -> list[int]:
        """Years that have values set, and this year."""
        with self.ctx.read() as session:
            years = set(session.scalars(select(RuleValue.year).distinct()).all())
        years.add(self.ctx.today().year)
        return sorted(years)

    def table(self, year: int) -> list[RuleValueRow]:
        with self.ctx.read() as session:
            rules = RuleBook(session).for_year(year)
            rows = session.execute(
                select(RuleValue.year, RuleValue.key, RuleValue.source)
                .where(RuleValue.year <= year)
                .order_by(RuleValue.year)
            ).all()
        set_in: dict[str, int] = {}
        sources: dict[str, str] = {}
        for row_year, key, source in rows:
            set_in[key] = row_year
            if row_year == year:
                sources[key] = source or ""
        return [
            RuleValueRow(
                key=spec.key,
                name=spec.name,
                unit=spec.unit,
                default=spec.default,
                value=rules.value(spec.key),
                set_in=set_in.get(spec.key.value),
                source=sources.get(spec.key.value, ""),
                guideline=spec.source,
                explanation=spec.explanation,
                zero_means_unlimited=spec.zero_means_unlimited,
            )
            for spec in RULE_SPECS.values()
        ]

    def validate(self, year: int, values: Mapping[str, str | int]) -> list[RuleResult]:
        """REFUSE values that are not whole numbers or outside the rule's bounds."""
        results: list[RuleResult] = []
        if not 1990 <= year <= 2100:
            return [refuse("year", f"{year}년의 규칙 값은 정할 수 없습니다.")]
        for key, raw in values.items():
            try:
                RuleSet.from_mapping(year, {key: _digits(raw)})
            except ValueError as exc:
                results.append(refuse(str(key), str(exc), value=raw))
        return results

    def save(
        self, year: int, values: Mapping[str, str | int], sources: Mapping[str, str] | None = None
    ) -> int:
        """Store the values of ``year`` (all or nothing); returns how many rows changed."""
        self.ctx.require(Permission.EDIT)
        gate(self.validate(year, values), None)
        sources = sources or {}
        changed = 0
        with self.ctx.write() as session:
            inherited = RuleBook(session).for_year(year - 1) if year > 1900 else None
            existing = {
                r.key: r
                for r in session.scalars(select(RuleValue).where(RuleValue.year == year)).all()
            }
            for raw_key, raw in values.items():
                key = RuleKey(raw_key)
                number = int(_digits(raw))
                source = (sources.get(key.value) or "").strip() or None
                row = existing.get(key.value)
                before = inherited.value(key) if inherited else RULE_SPECS[key].default
                if row is None:
                    if number == before and not source:
                        continue
                    session.add(RuleValue(year=year, key=key.value, value=str(number),
                                          source=source))  # fmt: skip
                    changed += 1
                elif row.value != str(number) or (row.source or None) != source:
                    row.value = str(number)
                    row.source = source
                    changed += 1
        return changed


def _digits(raw: str | int) -> str | int:
    if isinstance(raw, str):
        return raw.strip().replace(",", "").replace(" ", "")
    return raw


@dataclass
class CountyProfile:
    county: str = ""
    province: str = ""
    officer_name: str = ""
    department: str = ""
    phone: str = ""


class CountyProfileService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def load(self) -> CountyProfile:
        with self.ctx.read() as session:
            values = read_settings(session, PROFILE)
        return CountyProfile(**values)  # type: ignore[arg-type]

    def validate(self, profile: CountyProfile) -> list[RuleResult]:
        results: list[RuleResult] = []
        county = profile.county.strip()
        if not county:
            results.append(required(COUNTY.key, COUNTY.label))
        elif not county.endswith(("군", "시")):
            results.append(
                refuse(COUNTY.key, f"시군: '{county}'은(는) 시·군 이름이 아닙니다 (예: 진안군).")
            )
        if not profile.province.strip():
            results.append(required(PROVINCE.key, PROVINCE.label))
        elif normalize_sido(profile.province) is None:
            names = ", ".join(list(SIDO_FULL_NAMES.values())[8:11])
            results.append(
                refuse(
                    PROVINCE.key,
                    f"시도: '{profile.province.strip()}'을(를) 알 수 없습니다 (예: {names}).",
                )
            )
        results += check_phone(PHONE.key, PHONE.label, profile.phone)
        for setting in PROFILE:
            text = getattr(profile, setting.key)
            results += check_length(setting.key, setting.label, text, 100)
        return results

    def save(self, profile: CountyProfile) -> None:
        """Write the five settings (all or nothing); the 시도 is stored by its full name."""
        self.ctx.require(Permission.EDIT)
        results = self.validate(profile)
        if results:
            raise FormRefused(results)
        province = SIDO_FULL_NAMES[normalize_sido(profile.province) or ""]
        values = {
            COUNTY: profile.county,
            PROVINCE: province,
            OFFICER_NAME: profile.officer_name,
            DEPARTMENT: profile.department,
            PHONE: profile.phone,
        }
        with self.ctx.write() as session:
            for setting, value in values.items():
                write_setting(session, setting, value)
