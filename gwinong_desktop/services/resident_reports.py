"""The residents' reports: 거주자 명부 and 임대료 수납대장 as workbooks, the receipt of a payment
and the deposit settlement letter as documents to print.

Every export here

1. checks its permission (``EXPORT_LIST``; "개인정보 포함" needs ``EXPORT_PERSONAL`` too, see
   ``privacy.export_policy``),
2. gathers plain rows in SQL (selected columns, no ORM objects) and masks names, phone numbers,
   birth dates and addresses unless personal data was asked for,
3. writes the workbook with ``reports`` (``exchange.table`` underneath; a cancel writes nothing),
4. keeps the file, exactly as written, in the data folder's ``reports/`` with its ``report`` row
   and the access record (``report_archive.keep_export``).

A receipt or letter names the person in full (it is handed to them): gathering it needs
``SEE_PERSONAL`` and is an access record; printing it and saving it as PDF are recorded too (the
PDF is kept in the archive like every report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from gwinong_desktop.domain.enums import ReportKind, SettlementOutcome
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import COUNTY, DEPARTMENT, OFFICER_NAME, PHONE
from gwinong_desktop.domain.periods import first_of_month, format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.reports import documents as docs
from gwinong_desktop.reports.rent_ledger import LedgerMonth, StayLedger, write_rent_ledger
from gwinong_desktop.reports.residents import ResidentLine, write_resident_register
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.folder_settings import read_settings
from gwinong_desktop.storage.models import (
    Deposit,
    House,
    Payment,
    RentCharge,
    Resident,
    Stay,
    User,
)

from .context import ServiceContext
from .privacy import PersonalDataPolicy, export_policy
from .report_archive import KeptReport, ReportExport, export_and_keep, write_bytes
from .report_log import WHOLE_PERIOD


class ReportError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass
class _MonthSums:
    charged: int = 0
    waived: int = 0
    paid: int = 0
    paid_on: list[date] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _year_bounds(year: int | None) -> tuple[date, date] | None:
    return None if year is None else (date(year, 1, 1), date(year, 12, 31))


def _settlement(outcome: SettlementOutcome, moved_in: bool, farm: bool) -> str:
    marks = [m for m, on in (("전입", moved_in), ("경영체", farm)) if on]
    label = outcome.label if outcome != SettlementOutcome.UNKNOWN else ""
    if marks:
        return f"{label}({'·'.join(marks)})" if label else "·".join(marks)
    return label


def _check_year(year: int | None) -> None:
    if year is not None and not 1990 <= year <= 2100:
        raise ReportError(f"연도는 1990~2100 사이로 주세요: {year}")


class ResidentReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- shared --------------------------------------------------------------------------------

    def _settings(self) -> dict[str, object]:
        with self.ctx.read() as s:
            return read_settings(s, (COUNTY, DEPARTMENT, OFFICER_NAME, PHONE))

    def _county(self) -> str:
        return str(self._settings()[COUNTY.key]) or "시·군 미지정"

    def _export(
        self,
        path: Path | str,
        write: Callable[..., Any],
        items: Sequence[object],
        year: int | None,
        policy: PersonalDataPolicy,
        state: TaskState | None,
        *,
        kind: ReportKind,
        what: str,
        entity: str,
    ) -> ReportExport:
        """``write(path, items, ...)`` (a table report of ``year``, or of every year) through
        the one export step."""
        today, county = self.ctx.today(), self._county()
        return export_and_keep(
            self.ctx, path,
            lambda: write(
                path, items, county=county, made_on=today, year=year, privacy=policy.label,
                state=state,
            ),
            kind=kind, year=year or today.year, what=what, entity=entity, policy=policy,
            note=None if year else WHOLE_PERIOD, rows=len(items),
        )  # fmt: skip

    # --- 거주자 명부 ---------------------------------------------------------------------------

    def _resident_lines(self, year: int | None, policy: PersonalDataPolicy) -> list[ResidentLine]:
        end = func.coalesce(Stay.moved_out_on, Stay.extended_to, Stay.planned_end_on)
        query = (
            select(
                House.code,
                House.eupmyeon,
                House.ri,
                Resident.name,
                Resident.birth_date,
                Resident.phone,
                Stay.household_size,
                Resident.previous_address,
                Stay.move_in_on,
                Stay.planned_end_on,
                Stay.extended_to,
                Stay.moved_out_on,
                Resident.settlement,
                Resident.moved_in_registered,
                Resident.farm_registered,
                Stay.note,
            )
            .join(Resident, Resident.id == Stay.resident_id)
            .join(House, House.id == Stay.house_id)
            .where(Stay.archived_at.is_(None))
            .order_by(House.code, Stay.move_in_on, Stay.id)
        )
        bounds = _year_bounds(year)
        if bounds is not None:
            query = query.where(Stay.move_in_on <= bounds[1], end >= bounds[0])
        with self.ctx.read() as s:
            found = s.execute(query).all()
        lines = []
        for r in found:
            planned = r.extended_to or r.planned_end_on
            lines.append(
                ResidentLine(
                    house_code=r.code,
                    place=" ".join(p for p in (r.eupmyeon, r.ri) if p),
                    name=policy.name(r.name),
                    birth=policy.birth(r.birth_date),
                    phone=policy.phone(r.phone),
                    household_size=r.household_size,
                    previous_address=policy.address(r.previous_address),
                    move_in=r.move_in_on,
                    end=r.moved_out_on or planned,
                    moved_out=r.moved_out_on is not None,
                    extended_to=r.extended_to,
                    settlement=_settlement(r.settlement, r.moved_in_registered, r.farm_registered)
                    if r.moved_out_on
                    else "거주 중",
                    note=r.note or "",
                )
            )
        return lines

    def export_residents(
        self,
        path: Path | str,
        *,
        year: int | None = None,
        include_personal: bool = False,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 거주자 명부 (stays in ``year``, or every stay) to ``path`` and keep it."""
        self.ctx.require(Permission.EXPORT_LIST)
        _check_year(year)
        policy = export_policy(self.ctx, include_personal)
        lines = self._resident_lines(year, policy)
        return self._export(
            path, write_resident_register, lines, year, policy, state,
            kind=ReportKind.RESIDENT_REGISTER, what=f"거주자 명부 {len(lines):,}명",
            entity="resident",
        )  # fmt: skip

    # --- 임대료 수납대장 -----------------------------------------------------------------------

    def _ledgers(self, year: int | None, policy: PersonalDataPolicy) -> list[StayLedger]:
        bounds = _year_bounds(year)
        months: dict[int, dict[date, _MonthSums]] = defaultdict(lambda: defaultdict(_MonthSums))
        opening: dict[int, int] = defaultdict(int)
        charges = select(
            RentCharge.stay_id, RentCharge.month, RentCharge.amount, RentCharge.waived_reason
        )
        payments = select(
            Payment.stay_id, Payment.month, Payment.amount, Payment.paid_on, Payment.method,
            Payment.note,
        )  # fmt: skip
        if bounds is not None:
            charges = charges.where(RentCharge.month.between(*bounds))
            payments = payments.where(Payment.month.between(*bounds))
        with self.ctx.read() as s:
            for stay_id, month, amount, waived in s.execute(charges):
                m = months[stay_id][first_of_month(month)]
                m.charged += amount
                if waived:
                    m.waived += amount
                    m.notes.append(f"면제: {waived}")
            for stay_id, month, amount, paid_on, method, note in s.execute(payments):
                m = months[stay_id][first_of_month(month)]
                m.paid += amount
                m.paid_on.append(paid_on)
                m.notes += [t for t in (method, note) if t]
            if bounds is not None:
                owed = select(RentCharge.stay_id, func.sum(RentCharge.amount)).where(
                    RentCharge.month < bounds[0], RentCharge.waived_reason.is_(None)
                )
                paid = select(Payment.stay_id, func.sum(Payment.amount)).where(
                    Payment.month < bounds[0]
                )
                for stay_id, total in s.execute(owed.group_by(RentCharge.stay_id)):
                    opening[stay_id] += total or 0
                for stay_id, total in s.execute(paid.group_by(Payment.stay_id)):
                    opening[stay_id] -= total or 0
            wanted = set(months) | {k for k, v in opening.items() if v}
            stays = s.execute(
                select(
                    Stay.id,
                    House.code,
                    Resident.name,
                    Stay.move_in_on,
                    Stay.moved_out_on,
                    Stay.extended_to,
                    Stay.planned_end_on,
                )
                .join(Resident, Resident.id == Stay.resident_id)
                .join(House, House.id == Stay.house_id)
                .where(Stay.archived_at.is_(None))
                .order_by(House.code, Stay.move_in_on, Stay.id)
            ).all()
        ledgers = []
        for r in stays:
            if r.id not in wanted:
                continue
            end = r.moved_out_on or r.extended_to or r.planned_end_on
            ledgers.append(
                StayLedger(
                    house_code=r.code,
                    resident=policy.name(r.name),
                    period=format_period(r.move_in_on, end),
                    opening=opening.get(r.id, 0),
                    months=[
                        LedgerMonth(
                            month=month,
                            charged=m.charged,
                            waived=m.waived,
                            paid_on=tuple(sorted(m.paid_on)),
                            paid=m.paid,
                            note=", ".join(dict.fromkeys(m.notes)),
                        )
                        for month, m in sorted(months[r.id].items())
                    ],
                )
            )
        return ledgers

    def export_rent_ledger(
        self,
        path: Path | str,
        *,
        year: int | None = None,
        include_personal: bool = False,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 임대료 수납대장 (the months of ``year``, or all) to ``path`` and keep it."""
        self.ctx.require(Permission.EXPORT_LIST)
        _check_year(year)
        policy = export_policy(self.ctx, include_personal)
        ledgers = self._ledgers(year, policy)
        months = sum(len(ledger.months) for ledger in ledgers)
        return self._export(
            path, write_rent_ledger, ledgers, year, policy, state, kind=ReportKind.RENT_LEDGER,
            what=f"임대료 수납대장 {len(ledgers):,}건 {months:,}개월", entity="stay",
        )  # fmt: skip

    # --- documents -----------------------------------------------------------------------------

    def _issuer(self) -> docs.Issuer:
        settings = self._settings()
        officer = str(settings[OFFICER_NAME.key])
        if self.ctx.user_id is not None:
            with self.ctx.read() as s:
                officer = s.scalar(select(User.display_name).where(User.id == self.ctx.user_id))
        return docs.Issuer(
            county=str(settings[COUNTY.key]) or "시·군 미지정",
            office=str(settings[DEPARTMENT.key]), officer=officer or self.ctx.actor,
            phone=str(settings[PHONE.key]), issued_on=self.ctx.today(),
        )  # fmt: skip

    def _seen(self, entity: str, uid: str, what: str) -> None:
        """The access record of a document that shows a person's data in full."""
        with self.ctx.write() as s:
            log_event(s, "view", entity, f"개인정보 열람: {what}", uid)

    def receipt(self, payment_id: int) -> docs.PrintDocument:
        """The receipt of one payment (영수증), to preview, print or save as PDF."""
        self.ctx.require(Permission.SEE_PERSONAL)
        with self.ctx.read() as s:
            r = s.execute(
                select(
                    Payment.id,
                    Payment.uid,
                    Payment.month,
                    Payment.amount,
                    Payment.paid_on,
                    Payment.method,
                    Payment.note,
                    House.code,
                    House.sigun,
                    House.eupmyeon,
                    House.ri,
                    House.jibun,
                    House.road_address,
                    Resident.name,
                )
                .join(Stay, Stay.id == Payment.stay_id)
                .join(Resident, Resident.id == Stay.resident_id)
                .join(House, House.id == Stay.house_id)
                .where(Payment.id == payment_id)
            ).first()
        if r is None:
            raise ReportError("그 납부 기록을 찾을 수 없습니다. 목록을 새로 고친 뒤 다시 고르세요.")
        if r.amount <= 0:
            raise ReportError(f"금액이 {r.amount:,}원인 납부에는 영수증을 만들 수 없습니다.")
        data = docs.ReceiptData(
            number=f"{r.paid_on.year}-{r.id:06d}", house_code=r.code, house_address=_address(r),
            resident=r.name, month=first_of_month(r.month), amount=r.amount, paid_on=r.paid_on,
            method=r.method or "", note=r.note or "", uid=r.uid,
        )  # fmt: skip
        document = docs.receipt_document(data, self._issuer())
        self._seen("payment", r.uid, document.title)
        return document

    def deposit_letter(self, deposit_id: int) -> docs.PrintDocument:
        """The settlement letter of a returned deposit (보증금 정산서)."""
        self.ctx.require(Permission.SEE_PERSONAL)
        with self.ctx.read() as s:
            r = s.execute(
                select(
                    Deposit.id,
                    Deposit.uid,
                    Deposit.amount,
                    Deposit.received_on,
                    Deposit.returned_on,
                    Deposit.returned_amount,
                    Deposit.deduction_reason,
                    Stay.move_in_on,
                    Stay.moved_out_on,
                    Stay.extended_to,
                    Stay.planned_end_on,
                    House.code,
                    House.sigun,
                    House.eupmyeon,
                    House.ri,
                    House.jibun,
                    House.road_address,
                    Resident.name,
                )
                .join(Stay, Stay.id == Deposit.stay_id)
                .join(Resident, Resident.id == Stay.resident_id)
                .join(House, House.id == Stay.house_id)
                .where(Deposit.id == deposit_id)
            ).first()
        if r is None:
            raise ReportError(
                "그 보증금 기록을 찾을 수 없습니다. 목록을 새로 고친 뒤 다시 고르세요."
            )
        if r.returned_on is None or r.returned_amount is None:
            raise ReportError(
                "아직 반환하지 않은 보증금입니다. 반환일과 반환액을 적은 뒤 정산서를 만드세요."
            )
        end = r.moved_out_on or r.extended_to or r.planned_end_on
        data = docs.DepositLetterData(
            number=f"{r.returned_on.year}-{r.id:06d}", house_code=r.code,
            house_address=_address(r), resident=r.name, period=format_period(r.move_in_on, end),
            held=r.amount, received_on=r.received_on,
            deductions=docs.parse_deductions(r.deduction_reason, r.amount - r.returned_amount),
            returned=r.returned_amount, returned_on=r.returned_on, uid=r.uid,
        )  # fmt: skip
        document = docs.deposit_letter_document(data, self._issuer())
        self._seen("deposit", r.uid, document.title)
        return document

    def record_printed(self, document: docs.PrintDocument) -> None:
        """The access record of a document sent to a printer."""
        with self.ctx.write() as s:
            log_event(s, "print", document.entity, f"인쇄: {document.title}", document.entity_uid)

    def save_document(
        self, document: docs.PrintDocument, data: bytes, path: Path | str
    ) -> KeptReport:
        """Write the PDF ``data`` of ``document`` to ``path`` and keep it in the archive."""
        self.ctx.require(Permission.SEE_PERSONAL)
        path = Path(path)
        return export_and_keep(
            self.ctx, path, lambda: write_bytes(data, path), kind=document.kind,
            year=document.year, month=document.month, what=document.title,
            entity=document.entity, policy=PersonalDataPolicy(include=True), suffix=".pdf",
        ).kept  # fmt: skip


def _address(r) -> str:
    """The house's address: the road address, else 읍면 리 지번."""
    if r.road_address:
        return r.road_address
    return " ".join(p for p in (r.sigun, r.eupmyeon, r.ri, r.jibun) if p)
