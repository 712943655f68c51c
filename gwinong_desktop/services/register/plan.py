"""Checking register rows against the database and the program rules before anything is written.

Every row is checked and every problem kept (nothing stops at the first). The plan says what
would be added and what is already there:
- a house is known by its 관리번호; a row without one (another county's sheet) is known by its
  address (읍면 + 도로명주소, else 읍면 + 리 + 지번) and, when new, gets the next free number
  "<시군>-<조성연도>-NN"; 시도 and 시군 missing from the sheet come from the county settings
  (none set: one refusal for the file, ``decisions.county_message``); a missing 조성유형
  becomes 빈집 수리·리모델링 with one warning for all such rows;
- rows of another kind of facility (a 구분 column of "귀농인쉼터" beside "귀농인의집") are one
  group decided by ``ImportChoices.other_kinds``: left out, kept with the kind in 비고, or,
  undecided, one refusal (``decisions``);
- an operator or owner is created once, with the first phone the file gives; another number
  for them in a later row is kept in that house's 비고;
- a stay is known by (관리번호, 성명, 입주일); a payment by (관리번호, 성명, 대상월, 납부일, 금액),
  counted, so two identical payments in the file are two payments;
- impossible data (an end before its start, a negative amount) refuses the import; a broken
  program rule warns (the officer decides), as everywhere in the app.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from copy import copy
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import DevelopmentType, LeaseKind
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.periods import format_period, month_end
from gwinong_desktop.domain.results import RuleResult, Severity
from gwinong_desktop.domain.rules import (
    check_area,
    check_funding,
    check_lease,
    check_location,
    check_period,
    check_rent,
    check_rooms,
    check_stay,
    stay_max_end,
)
from gwinong_desktop.domain.stays import stay_end
from gwinong_desktop.exchange.mapping import is_our_facility
from gwinong_desktop.exchange.register_format import (
    HOUSE,
    PAYMENT,
    RESIDENT,
    Problem,
    RegisterData,
    RegisterHouse,
    RegisterPayment,
    RegisterResident,
)
from gwinong_desktop.storage.models import House, Operator, Owner, Payment, Resident, Stay

from ..leases import LeasePeriod, check_overlap, check_owner, lease_periods
from ..rules import RuleBook
from ..stay_rows import StayEntry
from .decisions import (
    KEEP,
    SKIP,
    TOPIC_COUNTY,
    TOPIC_OTHER_KINDS,
    ImportChoices,
    county_message,
    kind_note,
    other_kinds_message,
)

Ref = tuple[str, int]  # ("db", id) or ("new", index in the plan's list)
_FIELD_KEYS = {
    "budget_national": "national", "budget_province": "province", "budget_county": "county",
    "budget_own": "own", "end_on": "lease_end", "start_on": "lease_start",
    "deposit_amount": "deposit", "owner_name": "owner",
}  # fmt: skip


@dataclass
class Counts:
    houses_new: int = 0
    houses_known: int = 0
    residents_new: int = 0
    residents_known: int = 0
    payments_new: int = 0
    payments_known: int = 0
    operators_new: int = 0
    owners_new: int = 0
    other_kinds_left_out: int = 0  # rows of another kind of facility, left out by choice

    def describe(self) -> str:
        text = (
            f"귀농인의 집 {self.houses_new:,}개소, 입주 {self.residents_new:,}건, "
            f"납부 {self.payments_new:,}건 추가 (이미 있어 건너뜀: 집 {self.houses_known:,}, "
            f"입주 {self.residents_known:,}, 납부 {self.payments_known:,})"
        )
        if self.other_kinds_left_out:
            text += f", 귀농인의 집이 아닌 시설 {self.other_kinds_left_out:,}행은 뺌"
        return text


@dataclass
class ImportPlan:
    """What an import would do, and every problem found (reader's and checks')."""

    source: str
    data: RegisterData
    problems: list[Problem] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    houses: list[RegisterHouse] = field(default_factory=list)  # new, completed
    house_operators: list[Ref | None] = field(default_factory=list)
    house_owners: list[Ref | None] = field(default_factory=list)
    new_operators: list[tuple[str, str | None]] = field(default_factory=list)  # name, phone
    new_owners: list[tuple[str, str | None]] = field(default_factory=list)  # name, phone
    residents: list[RegisterResident] = field(default_factory=list)  # new stays
    resident_houses: list[Ref] = field(default_factory=list)
    payments: list[RegisterPayment] = field(default_factory=list)  # new
    payment_stays: list[Ref] = field(default_factory=list)
    other_kinds: dict[str, list[int]] = field(default_factory=dict)  # kind → source rows
    county_missing: dict[str, list[int]] = field(default_factory=dict)  # sido/sigun → rows
    choices: ImportChoices = field(default_factory=ImportChoices)

    def decision(self, topic: str) -> Problem | None:
        """The one problem of a whole-file decision (``decisions.TOPIC_…``), if any."""
        return next((p for p in self.problems if p.topic == topic), None)

    @property
    def refusals(self) -> list[Problem]:
        return [p for p in self.problems if p.is_refusal]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_refusal]

    @property
    def refused(self) -> bool:
        return any(p.is_refusal for p in self.problems)


class Planner:
    def __init__(
        self,
        session: Session,
        data: RegisterData,
        defaults: dict[str, str],
        choices: ImportChoices | None = None,
    ) -> None:
        self.session = session
        self.data = data
        self.choices = choices or ImportChoices()
        self.defaults = {
            "sido": self.choices.sido or defaults.get("sido", ""),
            "sigun": self.choices.sigun or defaults.get("sigun", ""),
        }
        self.rules = RuleBook(session)
        self.plan = ImportPlan("", data, list(data.problems), choices=self.choices)
        # the rows are completed here (defaults, numbers, notes): on copies, so that the same
        # data can be checked again (the preview, then the import) with the same result
        self.houses = [copy(h) for h in data.houses]
        self.residents = [copy(r) for r in data.residents]
        self.reported = {(p.row, p.column) for p in data.problems}
        self.default_type_rows: list[int] = []
        self.incomplete: set[tuple[str | None, str | None]] = set()

    def problem(
        self, kind: str, row: int, key: str | None, message: str, warn: bool = False
    ) -> None:
        column = self.data.header_of(kind, key) if key else None
        severity = Severity.WARN if warn else Severity.REFUSE
        self.plan.problems.append(Problem(self.data.sheet_of(kind), row, column, message, severity))

    def results(self, kind: str, row: int, results: list[RuleResult]) -> None:
        for result in results:
            key = _FIELD_KEYS.get(result.field or "", result.field)
            self.problem(kind, row, key, result.message, warn=not result.is_refusal)

    def run(self) -> ImportPlan:
        self.codes = self._houses()
        stays = self._residents()
        self._payments(stays)
        return self.plan

    # --- houses ---------------------------------------------------------------------------

    def _houses(self) -> dict[str, Ref]:
        known: dict[str, Ref] = {
            code: ("db", hid) for code, hid in self.session.execute(select(House.code, House.id))
        }
        addresses = {
            _address_key(e, ri, j, road): code
            for code, e, ri, j, road in self.session.execute(
                select(House.code, House.eupmyeon, House.ri, House.jibun, House.road_address)
            )
        }
        operators = dict(self.session.execute(select(Operator.name, Operator.id)).all())
        owners = {
            name: oid
            for name, oid in self.session.execute(
                select(Owner.name, Owner.id).where(Owner.address.is_(None)).order_by(Owner.id)
            )
        }
        operator_phones = dict(self.session.execute(select(Operator.name, Operator.phone)).all())
        owner_phones = dict(
            self.session.execute(
                select(Owner.name, Owner.phone).where(Owner.address.is_(None)).order_by(Owner.id)
            ).all()
        )
        seen_codes: dict[str, int] = {}
        seen_addresses: dict[str, int] = {}
        new_operators: dict[str, int] = {}
        new_owners: dict[str, int] = {}
        in_file = {h.code for h in self.houses if h.code}
        for house in self.houses:
            if not self._of_our_kind(house):
                continue
            self._fill(house)
            if house.code is None:
                if self.data.has_column(HOUSE, "code") or None in (
                    house.program_year,
                    house.eupmyeon,
                ):
                    continue  # refused already (an empty or unreadable cell)
                key = _address_key(house.eupmyeon, house.ri, house.jibun, house.road_address)
                if key in seen_addresses:
                    message = f"같은 주소의 집이 {seen_addresses[key]}행에도 있습니다"
                    self.problem(HOUSE, house.row, "eupmyeon", message)
                    continue
                seen_addresses[key] = house.row
                if key in addresses:
                    house.code = addresses[key]
                else:
                    house.code = _next_code(house, set(known) | in_file)
                    in_file.add(house.code)
                    if house.sigun is not None:  # else numbered again once it is known
                        message = f"관리번호가 없어 '{house.code}'(으)로 정했습니다"
                        self.problem(HOUSE, house.row, None, message, warn=True)
            if house.code in seen_codes:
                first = seen_codes[house.code]
                message = (
                    f"관리번호 '{house.code}'가 {first}행과 {house.row}행에 두 번 나옵니다. "
                    "한 집에 한 행만 적어 주세요"
                )
                self.problem(HOUSE, first, "code", message)
                self.problem(HOUSE, house.row, "code", message)
                continue
            seen_codes[house.code] = house.row
            if house.code in known:
                self.plan.counts.houses_known += 1
                self._check_known_lease(house, known[house.code][1])
                continue
            self._check_house(house)
            known[house.code] = ("new", len(self.plan.houses))
            self.plan.houses.append(house)
            self._keep_phone(house, "operator", "운영자", operator_phones)
            if house.lease_start:
                self._keep_phone(house, "owner", "소유주", owner_phones)
            self.plan.house_operators.append(
                _ref(house.operator, operators, new_operators, self.plan.new_operators,
                     (house.operator, house.operator_phone))
            )  # fmt: skip
            owner = (
                _ref(house.owner, owners, new_owners, self.plan.new_owners,
                     (house.owner, house.owner_phone))
                if house.lease_start else None
            )  # fmt: skip
            self.plan.house_owners.append(owner)
        self.plan.counts.houses_new = len(self.plan.houses)
        self.plan.counts.operators_new = len(self.plan.new_operators)
        self.plan.counts.owners_new = len(self.plan.new_owners)
        self._whole_file_problems()
        return known

    def _keep_phone(
        self, house: RegisterHouse, key: str, label: str, phones: dict[str, str | None]
    ) -> None:
        """An operator or owner is written once, with the first phone given; a row that gives
        another number for them (or one for someone already stored) keeps it in 비고."""
        name, phone = getattr(house, key), getattr(house, f"{key}_phone")
        if not name or not phone:
            return
        if name not in phones:
            phones[name] = phone
            return
        known = phones[name]
        if known and re.sub(r"\D", "", known) == re.sub(r"\D", "", phone):
            return
        note = f"{label} 연락처: {phone}"
        house.note = f"{house.note}; {note}" if house.note else note
        already = f"전화번호 '{known}'" if known else "전화번호 없이"
        message = (
            f"{label} '{name}'은(는) 이미 {already} 있어, 이 행의 번호는 비고에 적었습니다: "
            f"'{phone}'"
        )
        self.problem(HOUSE, house.row, key, message, warn=True)

    def _of_our_kind(self, house: RegisterHouse) -> bool:
        """False for a row of another kind of facility that is not to be checked as a house."""
        if house.facility is None or is_our_facility(house.facility):
            return True
        self.plan.other_kinds.setdefault(house.facility, []).append(house.row)
        if self.choices.other_kinds == KEEP:
            note = kind_note(house.facility)
            house.note = f"{house.note}; {note}" if house.note else note
            return True
        if self.choices.other_kinds == SKIP:
            self.plan.counts.other_kinds_left_out += 1
        return False

    def _whole_file_problems(self) -> None:
        """One problem per decision the whole file needs, not one per row."""
        sheet = self.data.sheet_of(HOUSE)
        if self.plan.other_kinds:
            choice = self.choices.other_kinds
            self.plan.problems.append(
                Problem(
                    sheet, None, self.data.header_of(HOUSE, "facility"),
                    other_kinds_message(self.plan.other_kinds, choice),
                    Severity.WARN if choice in (SKIP, KEEP) else Severity.REFUSE,
                    TOPIC_OTHER_KINDS,
                )
            )  # fmt: skip
        if self.plan.county_missing:
            rows = len(self.houses) - sum(len(r) for r in self.plan.other_kinds.values())
            message = county_message(self.plan.county_missing, rows)
            self.plan.problems.append(
                Problem(sheet, None, None, message, Severity.REFUSE, TOPIC_COUNTY)
            )
        if self.default_type_rows:
            rows = self.default_type_rows
            message = (
                f"조성유형 열이 없어 {len(rows):,}개 행 모두 '빈집 수리·리모델링'으로 넣습니다. "
                "다르면 가져온 뒤 고쳐 주세요"
            )
            self.plan.problems.append(Problem(sheet, None, None, message, Severity.WARN))

    def _fill(self, house: RegisterHouse) -> None:
        for key in ("sido", "sigun"):
            if getattr(house, key) is None and self.defaults.get(key):
                setattr(house, key, self.defaults[key])
        if house.development_type is None and not self.data.has_column(HOUSE, "development_type"):
            house.development_type = DevelopmentType.REPAIR  # one warning for all such rows
            self.default_type_rows.append(house.row)
        if house.program_year is None and not self.data.has_column(HOUSE, "program_year"):
            done = house.completed_on or house.started_on
            house.program_year = done.year if done else None
        for key, what in (("sido", "시도"), ("sigun", "시군"), ("program_year", "조성연도")):
            if getattr(house, key) is None:
                mapped = self.data.has_column(HOUSE, key)
                if key != "program_year" and not self.data.has_own_column(HOUSE, key):
                    # the county profile is missing: one problem for the file, not per row
                    self.plan.county_missing.setdefault(key, []).append(house.row)
                    continue
                column = self.data.header_of(HOUSE, key) if mapped else None
                if (house.row, column) not in self.reported:
                    message = (
                        f"{josa(what, '을')} 알 수 없습니다. 열을 지정하거나 설정에서 정해 주세요"
                    )
                    self.plan.problems.append(
                        Problem(self.data.sheet_of(HOUSE), house.row, column, message)
                    )
        if house.owner and house.lease_start is None:
            phone = f" ({house.owner_phone})" if house.owner_phone else ""
            note = f"소유주: {house.owner}{phone}"
            house.note = f"{house.note}; {note}" if house.note else note
            message = "임대차시작일이 없어 소유주를 비고에 적습니다"
            self.problem(HOUSE, house.row, "owner", message, warn=True)

    def _check_house(self, house: RegisterHouse) -> None:
        rules = self.rules.for_year(house.program_year or date.today().year)
        row = house.row
        missing = self.plan.county_missing
        if any(house.row in missing.get(key, ()) for key in ("sido", "sigun")):
            results = []  # the one county-profile problem covers it; checked once it is set
        else:
            results = check_location(house.sido, house.sigun, house.eupmyeon)
        results += check_rooms(house.rooms, rules)
        results += check_area(house.land_area_m2, house.floor_area_m2, rules)
        money = (house.national, house.province, house.county, house.own)
        if any(m is not None for m in money):
            results += check_funding(*money, rules)
        results += check_period(
            house.started_on, house.completed_on, field_end="completed_on",
            label="공사 기간", start_name="착공일", end_name="준공일",
        )  # fmt: skip
        if house.lease_start is not None:
            kind = LeaseKind.FREE if house.lease_free else LeaseKind.LEASE
            results += check_lease(kind, house.lease_start, house.lease_end, rules)
            results += check_owner(kind, bool(house.owner))
        elif house.lease_end is not None or house.lease_free:
            key = "lease_end" if house.lease_end is not None else "lease_free"
            self.problem(HOUSE, row, key, "임대차시작일이 비어 있습니다. 시작일을 적어 주세요")
        results += check_rent(house.monthly_rent, house.deposit, rules)
        self.results(HOUSE, row, results)

    def _check_known_lease(self, house: RegisterHouse, house_id: int) -> None:
        """A row of a house already in the database is not imported; its lease is checked
        against the house's leases by the rule every lease keeps (never overlapping)."""
        if house.lease_start is None:
            return
        kind = LeaseKind.FREE if house.lease_free else LeaseKind.LEASE
        periods = lease_periods(self.session, house_id)
        if LeasePeriod(None, kind, house.lease_start, house.lease_end) in [
            LeasePeriod(None, p.kind, p.start_on, p.end_on) for p in periods
        ]:
            return  # the lease the database has (an exported register read back)
        refused = check_overlap(house.lease_start, house.lease_end, periods)
        if refused:
            self.results(HOUSE, house.row, refused)
            return
        period = format_period(house.lease_start, house.lease_end)
        message = (
            f"관리번호 '{house.code}'인 집이 이미 있어 이 행의 {kind.label}({period})은 "
            "가져오지 않습니다. 새 계약이면 그 집의 임대차 탭에서 넣어 주세요"
        )
        self.problem(HOUSE, house.row, "lease_start", message, warn=True)

    # --- residents ------------------------------------------------------------------------

    def _residents(self) -> dict[tuple[str, str], list[tuple[date, Ref]]]:
        stays: dict[tuple[str, str], list[tuple[date, Ref]]] = defaultdict(list)
        known: set[tuple[str, str, date]] = set()
        rows = self.session.execute(
            select(House.code, Resident.name, Stay.move_in_on, Stay.id)
            .join(Stay, Stay.house_id == House.id)
            .join(Resident, Stay.resident_id == Resident.id)
        )
        for code, name, move_in, stay_id in rows:
            known.add((code, name, move_in))
            stays[(code, name)].append((move_in, ("db", stay_id)))
        seen: dict[tuple[str, str, date], int] = {}
        for resident in self.residents:
            if resident.code is None or resident.name is None or resident.move_in_on is None:
                # the reader has said which cell is wrong; its payments are not refused again
                self.incomplete.add((resident.code, resident.name))
                continue
            house = self.codes.get(resident.code)
            if house is None:
                message = (
                    f"관리번호 '{resident.code}'인 귀농인의 집이 없습니다 "
                    "(귀농인의집 시트에도, 이 데이터에도 없습니다)"
                )
                self.problem(RESIDENT, resident.row, "code", message)
                continue
            key = (resident.code, resident.name, resident.move_in_on)
            if key in seen:
                message = (
                    f"같은 입주({resident.code}, {resident.name}, "
                    f"{resident.move_in_on:%Y-%m-%d})가 "
                    f"{seen[key]}행과 {resident.row}행에 두 번 나옵니다"
                )
                self.problem(RESIDENT, seen[key], "name", message)
                self.problem(RESIDENT, resident.row, "name", message)
                continue
            seen[key] = resident.row
            if key in known:
                self.plan.counts.residents_known += 1
                continue
            self._check_resident(resident)
            ref = ("new", len(self.plan.residents))
            stays[(resident.code, resident.name)].append((resident.move_in_on, ref))
            self.plan.residents.append(resident)
            self.plan.resident_houses.append(house)
        self.plan.counts.residents_new = len(self.plan.residents)
        self._stay_overlaps()
        for entries in stays.values():
            entries.sort(key=lambda e: e[0])
        return stays

    def _stay_overlaps(self) -> None:
        """A house has one resident household at a time: two stays of one house whose written
        periods (입주일 ~ 퇴거일, else 퇴거예정일) share a day are refused, naming both people;
        a stay already in the database is named as such."""
        by_house: dict[str, list[StayEntry]] = defaultdict(list)
        for code, name, move_in, planned, extended, moved_out in self.session.execute(
            select(House.code, Resident.name, Stay.move_in_on, Stay.planned_end_on,
                   Stay.extended_to, Stay.moved_out_on)
            .join(Stay, Stay.house_id == House.id)
            .join(Resident, Stay.resident_id == Resident.id)
            .where(Stay.archived_at.is_(None))
        ):  # fmt: skip
            by_house[code].append(
                StayEntry(None, name, move_in, moved_out or stay_end(planned, extended))
            )
        for r in self.plan.residents:
            end = r.moved_out_on or r.planned_end_on
            if r.code and r.name and r.move_in_on and end and end >= r.move_in_on:
                by_house[r.code].append(StayEntry(r.row, r.name, r.move_in_on, end))
        for code, entries in by_house.items():
            entries.sort(key=lambda e: (e.move_in_on, e.row or 0))
            for i, first in enumerate(entries):
                for second in entries[i + 1 :]:
                    if second.move_in_on > first.end_on:
                        break
                    if first.row is None and second.row is None:
                        continue  # both already stored: not this import's to judge
                    message = (
                        f"관리번호 '{code}' 집의 두 입주 기간이 겹칩니다: {first.describe()}, "
                        f"{second.describe()}. 한 집에는 한 번에 한 세대만 입주합니다"
                    )
                    for entry in (first, second):
                        if entry.row is not None:
                            self.problem(RESIDENT, entry.row, "move_in_on", message)

    def _check_resident(self, resident: RegisterResident) -> None:
        move_in: date = resident.move_in_on  # type: ignore[assignment]
        rules = self.rules.for_year(move_in.year)
        if resident.planned_end_on is None:
            resident.planned_end_on = stay_max_end(move_in, rules)
            message = f"퇴거예정일이 없어 {resident.planned_end_on:%Y-%m-%d}(으)로 넣습니다"
            self.problem(RESIDENT, resident.row, "planned_end_on", message, warn=True)
        results = check_stay(
            move_in, resident.planned_end_on, None, resident.moved_out_on, rules=rules
        )
        results += check_rent(
            resident.monthly_rent, resident.deposit, rules, field_deposit="deposit_amount"
        )
        self.results(RESIDENT, resident.row, results)

    # --- payments -------------------------------------------------------------------------

    def _payments(self, stays: dict[tuple[str, str], list[tuple[date, Ref]]]) -> None:
        rows = self.session.execute(
            select(House.code, Resident.name, Payment.month, Payment.paid_on, Payment.amount)
            .join(Stay, Payment.stay_id == Stay.id)
            .join(House, Stay.house_id == House.id)
            .join(Resident, Stay.resident_id == Resident.id)
        )
        known = Counter(map(tuple, rows))
        seen: Counter = Counter()
        for payment in self.data.payments:
            if None in (payment.code, payment.name, payment.month, payment.amount, payment.paid_on):
                continue  # the reader has said which cell is empty or wrong
            candidates = stays.get((payment.code, payment.name))  # type: ignore[arg-type]
            if not candidates and (payment.code, payment.name) in self.incomplete:
                continue
            if not candidates:
                message = (
                    f"관리번호 '{payment.code}' 집의 입주자 '{payment.name}'이(가) 없습니다 "
                    "(입주자 시트에도, 이 데이터에도 없습니다)"
                )
                self.problem(PAYMENT, payment.row, "name", message)
                continue
            last_day = month_end(payment.month)  # type: ignore[arg-type]
            earlier = [ref for move_in, ref in candidates if move_in <= last_day]
            stay = earlier[-1] if earlier else candidates[0][1]
            key = (payment.code, payment.name, payment.month, payment.paid_on, payment.amount)
            seen[key] += 1
            if seen[key] <= known[key]:
                self.plan.counts.payments_known += 1
                continue
            self.plan.payments.append(payment)
            self.plan.payment_stays.append(stay)
        self.plan.counts.payments_new = len(self.plan.payments)


def _address_key(eupmyeon: str | None, ri: str | None, jibun: str | None, road: str | None) -> str:
    squash = lambda text: "".join((text or "").split())  # noqa: E731
    if road:
        return f"{squash(eupmyeon)}|{squash(road)}"
    return f"{squash(eupmyeon)}|{squash(ri)}|{squash(jibun)}"


def _next_code(house: RegisterHouse, taken: set[str]) -> str:
    prefix = (
        re.sub(r"(특별자치시|특별자치도|광역시|특별시|시|군)$", "", house.sigun or "") or "귀농"
    )
    year = house.program_year or 0
    number = 1
    while f"{prefix}-{year}-{number:02d}" in taken:
        number += 1
    return f"{prefix}-{year}-{number:02d}"


def _ref(
    name: str | None, db: dict[str, int], new: dict[str, int], out: list, item: object
) -> Ref | None:
    if not name:
        return None
    if name in db:
        return ("db", db[name])
    if name not in new:
        new[name] = len(out)
        out.append(item)
    return ("new", new[name])


def plan_import(
    session: Session,
    data: RegisterData,
    defaults: dict[str, str],
    source: str = "",
    choices: ImportChoices | None = None,
) -> ImportPlan:
    """Check ``data`` against the database in ``session``; nothing is written."""
    plan = Planner(session, data, defaults, choices).run()
    plan.source = source
    return plan
