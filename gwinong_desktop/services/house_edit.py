"""Adding, editing, archiving and restoring a house (귀농인의 집).

The form travels as a :class:`HouseForm` (typed values; the UI parses what the officer typed and
keeps the text). ``validate`` runs every check that concerns a house — required fields, a unique
관리번호, years that can exist, 면적 (``check_area``), 방수 (``check_rooms``), the 읍·면 rule
(``check_location``) and the house's standard rent and deposit (``check_rent``) — with the rule
values of the house's program year. ``save`` runs them again inside its one write unit and goes
through :mod:`rule_gate` (refusals raise, warnings need a reason, reasons are kept).

The status is never typed: it follows from the works, the stays and the management period
(``domain.status``); only 취소 is set by hand, as the day the project was cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.domain.folder_settings import COUNTY, PROVINCE
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import (
    DUPLICATE,
    NOT_FOUND,
    RuleKey,
    RuleResult,
    check_area,
    check_location,
    check_rent,
    check_rooms,
    refuse,
)
from gwinong_desktop.storage.folder_settings import read_setting
from gwinong_desktop.storage.models import House, Lease, Operator, RuleOverride

from .context import ServiceContext
from .leases import LeaseForm, check_lease_form, lease_periods, write_lease
from .record_labels import field_label
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    archive,
    clean,
    gate,
    record_overrides,
    required,
    saved_record,
    unarchive,
)
from .rules import RuleBook

FIRST_PROGRAM_YEAR = 1990
"""No 귀농인의 집 is older (the program began in the 2000s); an earlier year is a typing error."""
OLDEST_BUILDING = 1800
MAX_AREA = Decimal("99999999.99")  # Numeric(10, 2)

LEASE_FIELD_PREFIX = "lease_"
"""How the house form names the fields of the lease entered with a new house."""

HOUSE_LABELS: dict[str, str] = {
    name: field_label("house", name)
    for name in ("code", "sido", "sigun", "eupmyeon", "floor_area_m2", "land_area_m2")
}
"""The house fields this form names in its refusals (from the one table of field labels)."""


@dataclass
class HouseForm:
    """Everything the officer enters about a house; ``id`` None for a new one."""

    code: str = ""
    sido: str = ""
    sigun: str = ""
    eupmyeon: str = ""
    ri: str = ""
    jibun: str = ""
    road_address: str = ""
    development_type: DevelopmentType | None = None
    program_year: int | None = None
    structure: str = ""
    rooms: int | None = None
    build_year: int | None = None
    land_area_m2: Decimal | None = None
    floor_area_m2: Decimal | None = None
    monthly_rent: int | None = None
    deposit: int | None = None
    operator_id: int | None = None
    cancelled_on: date | None = None
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The house's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class Places:
    """Place names already in use, for completers in the form."""

    sido: list[str]
    sigun: list[str]
    eupmyeon: list[str]
    ri: list[str]
    structures: list[str]


@dataclass(frozen=True)
class OverrideLine:
    """A warning gone past for a record, with the reason (shown on the house's overview)."""

    at: object  # datetime (aware)
    entity: str
    rule: str
    message: str
    reason: str
    actor: str


_TEXT_FIELDS = ("code", "sido", "sigun", "eupmyeon", "ri", "jibun", "road_address", "structure")


class HouseEditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading ----------------------------------------------------------------------------

    def new_form(self, year: int | None = None) -> HouseForm:
        """A blank form with the county's 시도·시군 and this year, and a suggested 관리번호."""
        year = year or self.ctx.today().year
        with self.ctx.read() as session:
            county = read_setting(session, COUNTY)
            return HouseForm(
                sido=read_setting(session, PROVINCE),
                sigun=county,
                program_year=year,
                code=_suggest_code(session, year, county),
            )

    def suggest_code(self, year: int) -> str:
        """The next free 관리번호 of the county's pattern for ``year`` ("진안-2026-02")."""
        with self.ctx.read() as session:
            return _suggest_code(session, year, read_setting(session, COUNTY))

    def lease_min_years(self, year: int) -> int:
        """The rule value the owner lease of a house of ``year`` must reach (Ⅱ-4), for forms."""
        with self.ctx.read() as session:
            rules = RuleBook(session).for_year(min(max(year, 1900), 9999))
            return rules.value(RuleKey.LEASE_MIN_YEARS)

    def load(self, house_id: int) -> HouseForm:
        with self.ctx.read() as session:
            house = _get(session, house_id)
            values = {f.name: getattr(house, f.name) for f in fields(HouseForm)}
            for name in (*_TEXT_FIELDS, "note"):
                values[name] = values[name] or ""
            return HouseForm(**values)

    def places(self) -> Places:
        with self.ctx.read() as session:

            def distinct(column: object) -> list[str]:
                rows = session.execute(select(column).distinct().where(column.is_not(None)))
                return sorted({r[0].strip() for r in rows if r[0] and r[0].strip()})

            return Places(
                sido=distinct(House.sido),
                sigun=distinct(House.sigun),
                eupmyeon=distinct(House.eupmyeon),
                ri=distinct(House.ri),
                structures=distinct(House.structure),
            )

    def overrides(self, house_id: int) -> list[OverrideLine]:
        """The warnings gone past for the house and the records under it, newest first."""
        from .history import house_family_uids

        with self.ctx.read() as session:
            family = house_family_uids(session, house_id)
            uids = [uid for uid, _ in family]
            rows = session.scalars(
                select(RuleOverride)
                .where(RuleOverride.entity_uid.in_(uids))
                .order_by(RuleOverride.created_at.desc(), RuleOverride.id.desc())
            ).all()
            return [
                OverrideLine(r.created_at, r.entity, r.rule, r.message, r.reason, r.actor)
                for r in rows
            ]

    # --- checking and saving ----------------------------------------------------------------

    def validate(self, form: HouseForm) -> list[RuleResult]:
        """Every refusal and warning for ``form`` (nothing is written)."""
        return self.validate_with_lease(form, None)

    def save(
        self, form: HouseForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Write the house in one unit, with the reasons for the warnings gone past.

        Raises ``FormRefused`` (nothing written) or ``WarningsPending`` (nothing written)."""
        return self.save_with_lease(form, None, accepted_warnings=accepted_warnings)

    def validate_with_lease(self, form: HouseForm, lease: LeaseForm | None) -> list[RuleResult]:
        """Every refusal and warning for the house and the owner lease entered with it (the
        lease's fields named ``lease_…``, as :meth:`save_with_lease` names them)."""
        with self.ctx.read() as session:
            return self._check(session, form) + self._check_lease(session, form, lease)

    def save_with_lease(
        self,
        form: HouseForm,
        lease: LeaseForm | None,
        *,
        accepted_warnings: Mapping[str, str] | None = None,
    ) -> SavedRecord:
        """Write the house and, if given, its owner lease in one unit: both, or nothing.

        The lease keeps every rule of ``services.leases`` (owner required unless a free
        provision, no overlap, the minimum lease years warned with the guideline's section);
        its ``house_id`` is ignored (the house's own). Refusals of the lease name their fields
        ``lease_start_on``, ``lease_owner_name`` …; the reasons for warnings are given by rule
        for both, and kept for the record they concern. Raises ``FormRefused`` or
        ``WarningsPending`` (nothing written)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            house_results = self._check(session, form)
            lease_results = self._check_lease(session, form, lease)
            house = _get(session, form.id) if form.id is not None else House()
            if form.id is not None:
                refuse_if_changed(session, house, form, "house")
            already = accepted_before(session, "house", house.uid)
            accepted = gate(house_results + lease_results, accepted_warnings, already)
            _write_house(session, house, form)
            count = record_overrides(
                session, "house", house.uid,
                [w for w in accepted if not _is_lease_result(w)], accepted_warnings,
            )  # fmt: skip
            if lease is not None:
                row = write_lease(session, Lease(), replace(lease, house_id=house.id, id=None))
                count += record_overrides(
                    session, "lease", row.uid,
                    [_unprefixed(w) for w in accepted if _is_lease_result(w)], accepted_warnings,
                )  # fmt: skip
            return saved_record(session, house, count)

    def archive(self, house_id: int, reason: str) -> None:
        """Hide the house from the lists (kept, and restorable); the reason is required."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            house = _get(session, house_id)
            if house.archived_at is not None:
                raise FormRefused(
                    [refuse(None, f"{house.code}은(는) 이미 보관되어 있습니다.", code=DUPLICATE)]
                )
            archive(house, reason)

    def restore(self, house_id: int) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            house = _get(session, house_id)
            if house.archived_at is None:
                return
            unarchive(house)

    # --- checks -----------------------------------------------------------------------------

    def _check_lease(
        self, session: Session, form: HouseForm, lease: LeaseForm | None
    ) -> list[RuleResult]:
        """The lease entered with the house, checked as a lease of that house."""
        if lease is None:
            return []
        others = lease_periods(session, form.id) if form.id is not None else []  # new: none
        results = check_lease_form(
            session, replace(lease, id=None), [],
            program_year=form.program_year or self.ctx.today().year,
            development_type=form.development_type, others=others,
        )  # fmt: skip
        return [_prefixed(r) for r in results]

    def _check(self, session: Session, form: HouseForm) -> list[RuleResult]:
        today = self.ctx.today()
        results: list[RuleResult] = []
        for name in ("code", "sido", "eupmyeon"):
            if not (getattr(form, name) or "").strip():
                results.append(required(name, HOUSE_LABELS[name]))
        if form.development_type is None:
            results.append(required("development_type", "조성유형"))
        if form.program_year is None:
            results.append(required("program_year", "조성연도"))
        elif not FIRST_PROGRAM_YEAR <= form.program_year <= today.year + 5:
            results.append(
                refuse(
                    "program_year",
                    f"조성연도 {form.program_year}년은 있을 수 없는 해입니다. "
                    f"{FIRST_PROGRAM_YEAR}~{today.year + 5}년 사이로 적으세요.",
                    value=form.program_year,
                )
            )
        if form.build_year is not None and not OLDEST_BUILDING <= form.build_year <= today.year + 1:
            results.append(
                refuse(
                    "build_year",
                    f"건축년도 {form.build_year}년은 있을 수 없는 해입니다. "
                    f"{OLDEST_BUILDING}~{today.year + 1}년 사이로 적으세요.",
                    value=form.build_year,
                )
            )
        for name in ("land_area_m2", "floor_area_m2"):
            area = getattr(form, name)
            if area is not None and _too_precise(area):
                results.append(
                    refuse(
                        name,
                        f"{HOUSE_LABELS[name]}: {area}m²는 너무 큽니다(소수 둘째 자리까지, "
                        f"{MAX_AREA:,}m² 이하).",
                        value=area,
                    )
                )
        code = (form.code or "").strip()
        if code:
            other = session.execute(
                select(House.id, House.archived_at).where(House.code == code)
            ).first()
            if other is not None and other[0] != form.id:
                where = " (보관된 집)" if other[1] is not None else ""
                results.append(
                    refuse(
                        "code",
                        f"관리번호 '{code}'는 이미 다른 귀농인의 집{where}에 쓰였습니다. "
                        "다른 번호를 적으세요.",
                        code=DUPLICATE,
                        value=code,
                    )
                )
        if form.operator_id is not None and session.get(Operator, form.operator_id) is None:
            results.append(refuse("operator_id", "고른 운영자를 찾을 수 없습니다.", code=NOT_FOUND))
        year = form.program_year or today.year
        rules = RuleBook(session).for_year(min(max(year, 1900), 9999))
        results += check_area(form.land_area_m2, form.floor_area_m2, rules)
        results += check_rooms(form.rooms, rules)
        results += check_rent(form.monthly_rent, form.deposit, rules)
        if (form.sido or "").strip() and (form.eupmyeon or "").strip():
            results += check_location(form.sido, form.sigun, form.eupmyeon)
        return results


def _write_house(session: Session, house: House, form: HouseForm) -> None:
    for f in fields(HouseForm):
        if f.name in ("id", "revision"):  # the revision is SQLAlchemy's to raise
            continue
        value = getattr(form, f.name)
        if f.name in _TEXT_FIELDS or f.name == "note":
            value = clean(value)
        if isinstance(value, Decimal):
            value = value.quantize(Decimal("0.01"))
        if f.name in ("code", "sido", "sigun", "eupmyeon"):
            value = value or ""
        setattr(house, f.name, value)
    if form.id is None:
        session.add(house)
    session.flush()


def _prefixed(result: RuleResult) -> RuleResult:
    """A lease result as the house form names its fields (``end_on`` → ``lease_end_on``)."""
    return replace(result, field=LEASE_FIELD_PREFIX + (result.field or ""))


def _is_lease_result(result: RuleResult) -> bool:
    return (result.field or "").startswith(LEASE_FIELD_PREFIX)


def _unprefixed(result: RuleResult) -> RuleResult:
    field = (result.field or "").removeprefix(LEASE_FIELD_PREFIX)
    return replace(result, field=field or None)


def _too_precise(area: Decimal) -> bool:
    try:
        return abs(area) > MAX_AREA or area != area.quantize(Decimal("0.01"))
    except InvalidOperation:
        return True


def _get(session: Session, house_id: int | None) -> House:
    house = session.get(House, house_id) if house_id is not None else None
    if house is None:
        raise FormRefused(
            [
                refuse(
                    None, "귀농인의 집을 찾을 수 없습니다. 목록을 새로 고쳐 주세요.", code=NOT_FOUND
                )
            ]
        )
    return house


def _suggest_code(session: Session, year: int, county: str) -> str:
    """ "<prefix>-<year>-NN" after the highest NN of that year; the prefix is the county's name
    without 군/시 ("진안군" → "진안"), or the prefix the existing codes use."""
    prefix = county.removesuffix("군").removesuffix("시") if county else ""
    codes = session.scalars(select(House.code).where(House.code.like(f"%-{year}-%"))).all()
    best = 0
    for code in codes:
        head, _, number = code.rpartition(f"-{year}-")
        if number.isdigit():
            best = max(best, int(number))
            prefix = prefix or head
    if not prefix:
        count = session.scalar(select(func.count(House.id))) or 0
        return f"{year}-{count + 1:02d}"
    return f"{prefix}-{year}-{best + 1:02d}"
