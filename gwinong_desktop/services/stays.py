"""Stays (입주): move-in, extension, move-out and the settlement outcome afterwards (Ⅱ-5).

- **move-in** from a selected applicant (name, birth date, phone, address, 귀농교육 hours and
  household copied; the resident keeps ``applicant_id``) or typed directly; the planned end
  defaults to the year's longest stay (``stay_max_end``), rent and deposit to the house's
  standard values. A house has one resident household at a time: a stay sharing a day with
  another is refused, naming that person (masked) and period (``check_stay_overlap``; a stay not
  yet moved out runs on until its move-out is recorded).
- **extension** (연장): ``check_stay`` warns when it is longer than the rule allows, when someone
  is waiting for the house (applicants of the house 심사중 or 대기) or when the resident did not
  ask for it; the officer goes on only with a reason (kept as rule overrides).
- **move-out** (퇴거): refused before the move-in or into the next stay; warned past the longest
  allowed stay.
- **settlement** (정착 여부): 정착 / 타지역 이주 / 미확인 with 전입 신고, 농업경영체 등록, the day
  it was confirmed and the address. ``settlement_reminders`` lists the moved-out stays whose outcome
  nobody has asked yet (the page's filter, and the dashboard later).

Every use case checks its permission; writes are audited by the storage layer, and a list
that shows people in full is an access record (``privacy.log_personal_view``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import ApplicantDecision, SettlementOutcome
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import (
    NOT_FOUND,
    RuleResult,
    refuse,
    stay_max_end,
)
from gwinong_desktop.domain.stays import StayStatus, extension_max_end, stay_status
from gwinong_desktop.storage.models import Applicant, House, Recruitment, Resident, Stay

from .context import ServiceContext
from .privacy import list_policy, log_personal_view
from .revisions import refuse_if_changed
from .rule_gate import FormRefused, SavedRecord, accepted_before, clean, gate, record_overrides
from .rules import RuleBook
from .stay_checks import (
    check_extension,
    check_move_in,
    check_move_out,
    check_settlement,
    get_stay,
)
from .stay_rows import (
    StayRow,
    StaysOf,
    stay_rows,
    waiting_applicants,
)


@dataclass
class MoveInForm:
    """A new stay and, unless ``resident_id`` names a known person, its resident."""

    house_id: int | None = None
    applicant_id: int | None = None
    resident_id: int | None = None
    name: str = ""
    birth_date: date | None = None
    phone: str = ""
    previous_address: str = ""
    education_hours: int | None = 0
    household_size: int | None = 1
    contract_on: date | None = None
    move_in_on: date | None = None
    planned_end_on: date | None = None
    monthly_rent: int | None = None
    deposit_amount: int | None = None
    prepaid_months: int | None = 0
    note: str = ""
    stay_id: int | None = None
    """Set when the form corrects a stay's terms (``stay_form``/``save_stay``)."""
    revision: int | None = None
    """The stay's revision when the form was loaded: a save over a later one is refused."""


@dataclass
class ExtensionForm:
    stay_id: int
    extended_to: date | None = None
    requested: bool = False
    reason: str = ""
    revision: int | None = None
    """The stay's revision when the form was loaded: a save over a later one is refused."""


@dataclass
class MoveOutForm:
    stay_id: int
    moved_out_on: date | None = None
    note: str = ""
    revision: int | None = None
    """The stay's revision when the form was loaded: a save over a later one is refused."""


@dataclass
class SettlementForm:
    stay_id: int
    outcome: SettlementOutcome = SettlementOutcome.UNKNOWN
    moved_in_registered: bool = False
    farm_registered: bool = False
    confirmed_on: date | None = None
    settled_address: str = ""
    revision: int | None = None
    """The resident's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class HouseChoice:
    """A house the move-in form offers, with its standard rent and deposit."""

    id: int
    code: str
    eupmyeon: str
    monthly_rent: int | None
    deposit: int | None

    def label(self) -> str:
        return f"{self.code} ({self.eupmyeon})" if self.eupmyeon else self.code


@dataclass(frozen=True)
class ApplicantChoice:
    """A selected applicant not yet moved in (the move-in form's picker)."""

    id: int
    name: str
    applied_on: date
    wanted_house_id: int | None
    house_code: str

    def label(self) -> str:
        where = f", {self.house_code}" if self.house_code else ""
        return f"{self.name} ({format_date_ko(self.applied_on)} 신청{where})"


@dataclass(frozen=True)
class StayFacts:
    """What the extension, move-out and settlement forms show about their stay."""

    id: int
    house_code: str
    name: str
    move_in_on: date
    planned_end_on: date
    extended_to: date | None
    moved_out_on: date | None
    longest_extension: date
    waiting: int
    status: StayStatus


class StayService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- lists ------------------------------------------------------------------------------

    def list_stays(self) -> list[StayRow]:
        """Every stay of the county, newest move-in first (the 입주 현황 list)."""
        return self._rows("입주 현황 목록")

    def settlement_reminders(self) -> list[StayRow]:
        """Moved-out stays whose resident's settlement nobody has confirmed yet (정착 여부 확인
        필요): the page's filter, and what the dashboard will count."""
        return self._rows("정착 여부 확인 필요 목록", StaysOf.UNSETTLED)

    def for_house(self, house_id: int) -> list[StayRow]:
        """The house's stay history, newest first (the house page's 입주자 tab)."""
        return self._rows("집의 입주 이력", StaysOf.HOUSE, house_id=house_id)

    def waiting_applicants(self, house_id: int) -> int:
        with self.ctx.read() as session:
            return waiting_applicants(session, house_id)

    def facts(self, stay_id: int) -> StayFacts:
        with self.ctx.read() as session:
            return _facts(session, get_stay(session, stay_id), self.ctx.today())

    def _rows(self, what: str, where: str = StaysOf.ALL, **values: int) -> list[StayRow]:
        people = list_policy(self.ctx)
        with self.ctx.read() as session:
            rows = stay_rows(session, self.ctx.today(), people, where, **values)
        if people.include and rows:
            log_personal_view(self.ctx, "resident", None, f"{what} {len(rows):,}건 (성명·연락처)")
        return rows

    # --- move-in ----------------------------------------------------------------------------

    def houses(self) -> list[HouseChoice]:
        """The houses a stay can be entered for (not archived), by 관리번호."""
        with self.ctx.read() as session:
            rows = session.execute(
                select(House.id, House.code, House.eupmyeon, House.monthly_rent, House.deposit)
                .where(House.archived_at.is_(None))
                .order_by(House.code)
            ).all()
        return [HouseChoice(i, c, e or "", r, d) for i, c, e, r, d in rows]

    def selected_applicants(self) -> list[ApplicantChoice]:
        """Applicants selected (선정) who have not moved in yet, in full (an access record)."""
        self.ctx.require(Permission.SEE_PERSONAL)
        with self.ctx.read() as session:
            moved = select(Resident.applicant_id).where(Resident.applicant_id.is_not(None))
            rows = session.execute(
                select(Applicant.id, Applicant.name, Applicant.applied_on,
                       Applicant.wanted_house_id, House.code)
                .outerjoin(House, House.id == Applicant.wanted_house_id)
                .where(Applicant.archived_at.is_(None),
                       Applicant.decision == ApplicantDecision.SELECTED,
                       Applicant.id.not_in(moved))
                .order_by(Applicant.applied_on.desc(), Applicant.id)
            ).all()  # fmt: skip
        if rows:
            log_personal_view(self.ctx, "applicant", None, f"입주 등록: 선정자 {len(rows)}명")
        return [ApplicantChoice(i, n, a, h, c or "") for i, n, a, h, c in rows]

    def new_move_in(
        self, house_id: int | None = None, move_in_on: date | None = None
    ) -> MoveInForm:
        """A blank move-in: today (or ``move_in_on``), with the house's defaults if given."""
        form = MoveInForm(house_id=house_id, move_in_on=move_in_on or self.ctx.today())
        return self.with_defaults(form)

    def with_defaults(self, form: MoveInForm) -> MoveInForm:
        """``form`` with the planned end of its move-in year's rule and the house's standard
        rent and deposit filled in where they are empty."""
        with self.ctx.read() as session:
            if form.move_in_on is not None and form.planned_end_on is None:
                rules = RuleBook(session).for_year(form.move_in_on.year)
                form.planned_end_on = stay_max_end(form.move_in_on, rules)
            house = session.get(House, form.house_id) if form.house_id is not None else None
            if house is not None:
                if form.monthly_rent is None:
                    form.monthly_rent = house.monthly_rent or 0
                if form.deposit_amount is None:
                    form.deposit_amount = house.deposit or 0
        return form

    def form_from_applicant(
        self, applicant_id: int, *, house_id: int | None = None, move_in_on: date | None = None
    ) -> MoveInForm:
        """A move-in for a selected applicant: their details copied (an access record), the
        house of their recruitment round (else the one they applied for) unless ``house_id``,
        the round's rent and deposit (else the house's), and the defaults."""
        self.ctx.require(Permission.SEE_PERSONAL)
        with self.ctx.read() as session:
            a = _applicant(session, applicant_id)
            terms = session.get(Recruitment, a.recruitment_id) if a.recruitment_id else None
            form = MoveInForm(
                house_id=house_id or (terms.house_id if terms else a.wanted_house_id),
                monthly_rent=terms.monthly_rent if terms else None,
                deposit_amount=terms.deposit if terms else None,
                applicant_id=a.id,
                name=a.name,
                birth_date=a.birth_date,
                phone=a.phone or "",
                previous_address=a.address or "",
                education_hours=a.education_hours or 0,
                household_size=a.household_size or 1,
                move_in_on=move_in_on or self.ctx.today(),
            )
            uid = a.uid
        log_personal_view(self.ctx, "applicant", uid, "입주 등록")
        return self.with_defaults(form)

    def validate_move_in(self, form: MoveInForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_move_in(session, form, self.ctx.today())

    def move_in(
        self, form: MoveInForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Write the resident (new, unless ``resident_id``) and the stay in one unit."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            accepted = gate(check_move_in(session, form, self.ctx.today()), accepted_warnings)
            if form.resident_id is not None:
                resident = session.get(Resident, form.resident_id)
                assert resident is not None  # checked
            else:
                resident = Resident(
                    name=form.name.strip(),
                    birth_date=form.birth_date,
                    phone=clean(form.phone),
                    previous_address=clean(form.previous_address),
                    education_hours=form.education_hours or 0,
                    applicant_id=form.applicant_id,
                )
                session.add(resident)
                session.flush()
            stay = Stay(resident_id=resident.id)
            _write_terms(stay, form)
            session.add(stay)
            session.flush()
            count = record_overrides(session, "stay", stay.uid, accepted, accepted_warnings)
            return SavedRecord(stay.id, stay.uid, count)

    def stay_form(self, stay_id: int) -> MoveInForm:
        """A stay's terms as entered (house, dates, household size, rent, deposit, prepaid
        months, note), to correct them."""
        with self.ctx.read() as session:
            stay = get_stay(session, stay_id)
            return MoveInForm(
                house_id=stay.house_id, resident_id=stay.resident_id, name=stay.resident.name,
                household_size=stay.household_size, contract_on=stay.contract_on,
                move_in_on=stay.move_in_on, planned_end_on=stay.planned_end_on,
                monthly_rent=stay.monthly_rent, deposit_amount=stay.deposit_amount,
                prepaid_months=stay.prepaid_months, note=stay.note or "", stay_id=stay.id,
                revision=stay.revision,
            )  # fmt: skip

    def save_stay(
        self, form: MoveInForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Correct a stay's terms (``form.stay_id``), checked as a move-in is."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            stay = get_stay(session, form.stay_id)
            refuse_if_changed(session, stay, form, "stay")
            already = accepted_before(session, "stay", stay.uid)
            results = check_move_in(session, form, self.ctx.today())
            accepted = gate(results, accepted_warnings, already)
            _write_terms(stay, form)
            count = record_overrides(session, "stay", stay.uid, accepted, accepted_warnings)
            return SavedRecord(stay.id, stay.uid, count)

    # --- extension --------------------------------------------------------------------------

    def extension_form(self, stay_id: int) -> ExtensionForm:
        """The stay's extension as it is, or (none yet) the longest the rule allows."""
        with self.ctx.read() as session:
            stay = get_stay(session, stay_id)
            facts = _facts(session, stay, self.ctx.today())
            return ExtensionForm(
                stay_id,
                stay.extended_to or facts.longest_extension,
                bool(stay.extension_requested),
                stay.extension_reason or "",
                stay.revision,
            )

    def validate_extension(self, form: ExtensionForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_extension(session, form)

    def extend(
        self, form: ExtensionForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        """Record (or, with no end, remove) the extension; its warnings need a reason each."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            stay = get_stay(session, form.stay_id)
            refuse_if_changed(session, stay, form, "stay", names=_EXTENSION_COLUMNS)
            already = accepted_before(session, "stay", stay.uid)
            accepted = gate(check_extension(session, form), accepted_warnings, already)
            stay.extended_to = form.extended_to
            stay.extension_requested = form.requested
            stay.extension_reason = clean(form.reason)
            count = record_overrides(session, "stay", stay.uid, accepted, accepted_warnings)
            return SavedRecord(stay.id, stay.uid, count)

    # --- move-out ---------------------------------------------------------------------------

    def move_out_form(self, stay_id: int) -> MoveOutForm:
        """The move-out as recorded, or today."""
        with self.ctx.read() as session:
            stay = get_stay(session, stay_id)
            return MoveOutForm(
                stay_id, stay.moved_out_on or self.ctx.today(), stay.note or "", stay.revision
            )

    def validate_move_out(self, form: MoveOutForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_move_out(session, form)

    def move_out(
        self, form: MoveOutForm, *, accepted_warnings: Mapping[str, str] | None = None
    ) -> SavedRecord:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            stay = get_stay(session, form.stay_id)
            refuse_if_changed(session, stay, form, "stay")
            already = accepted_before(session, "stay", stay.uid)
            accepted = gate(check_move_out(session, form), accepted_warnings, already)
            stay.moved_out_on = form.moved_out_on
            stay.note = clean(form.note)
            count = record_overrides(session, "stay", stay.uid, accepted, accepted_warnings)
            return SavedRecord(stay.id, stay.uid, count)

    # --- settlement -------------------------------------------------------------------------

    def settlement_form(self, stay_id: int) -> SettlementForm:
        with self.ctx.read() as session:
            r = get_stay(session, stay_id).resident
            return SettlementForm(
                stay_id, r.settlement, bool(r.moved_in_registered), bool(r.farm_registered),
                r.settled_on or self.ctx.today(), r.settled_address or "", r.revision,
            )  # fmt: skip

    def validate_settlement(self, form: SettlementForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return check_settlement(session, form, self.ctx.today())

    def save_settlement(self, form: SettlementForm) -> SavedRecord:
        """Keep the resident's settlement outcome (it ends the reminder unless 미확인)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            gate(check_settlement(session, form, self.ctx.today()), None)
            resident = get_stay(session, form.stay_id).resident
            refuse_if_changed(session, resident, form, "resident", names=_SETTLEMENT_COLUMNS)
            resident.settlement = form.outcome
            resident.moved_in_registered = form.moved_in_registered
            resident.farm_registered = form.farm_registered
            resident.settled_on = form.confirmed_on
            resident.settled_address = clean(form.settled_address)
            return SavedRecord(resident.id, resident.uid)


_EXTENSION_COLUMNS = {"requested": "extension_requested", "reason": "extension_reason"}
_SETTLEMENT_COLUMNS = {"outcome": "settlement", "confirmed_on": "settled_on"}
"""How these forms name the columns they write (for the refusal's differences)."""


# --- checks -------------------------------------------------------------------------------------


def _write_terms(stay: Stay, form: MoveInForm) -> None:
    stay.house_id = form.house_id  # type: ignore[assignment]
    stay.contract_on = form.contract_on
    stay.move_in_on = form.move_in_on  # type: ignore[assignment]
    stay.planned_end_on = form.planned_end_on  # type: ignore[assignment]
    stay.household_size = form.household_size or 1
    stay.monthly_rent = form.monthly_rent or 0
    stay.deposit_amount = form.deposit_amount or 0
    stay.prepaid_months = form.prepaid_months or 0
    stay.note = clean(form.note)


def _applicant(session: Session, applicant_id: int) -> Applicant:
    applicant = session.get(Applicant, applicant_id)
    if applicant is None or applicant.archived_at is not None:
        raise FormRefused([refuse(None, "입주 신청자를 찾을 수 없습니다.", code=NOT_FOUND)])
    return applicant


def _facts(session: Session, stay: Stay, today: date) -> StayFacts:
    rules = RuleBook(session).for_year(stay.move_in_on.year)
    house = session.get(House, stay.house_id)
    return StayFacts(
        stay.id, house.code if house else "", stay.resident.name, stay.move_in_on,
        stay.planned_end_on, stay.extended_to, stay.moved_out_on,
        extension_max_end(stay.planned_end_on, rules), waiting_applicants(session, stay.house_id),
        stay_status(stay.move_in_on, stay.planned_end_on, stay.extended_to, stay.moved_out_on,
                    today),
    )  # fmt: skip
