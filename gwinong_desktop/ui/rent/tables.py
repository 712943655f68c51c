"""The 임대료 page's lists, declared as columns over the rent services' rows.

The stay list (:data:`STAY_COLUMNS`) filters inside the model: 미납만 (``in_arrears``), 현재 입주
(``current``), 읍면 and 집 (``eupmyeon``, ``house_code``), and the search words (관리번호, 읍면,
입주자). The detail's lists show one stay's months, payments and deposits.

Days and short states sit in the middle of their columns, and no left-aligned column follows an
amount (right-aligned): side by side, "부과액" and "납기" read as one word. The declared widths
are widened on the PC's font where its text is wider (:func:`fit_columns`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QStyle, QTableView

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rent import ChargeState, PaymentKind, format_month
from gwinong_desktop.services.deposits import DepositLine
from gwinong_desktop.services.privacy import mask_name
from gwinong_desktop.services.rent import ChargeLine, PaymentLine, StayRentRow
from gwinong_desktop.services.rent_support import SupportLine

from ..records import Align, Column, RecordTableModel, natural_key

CONTEXT = "RentTables"
ARREARS_COLOUR = "#b3261e"
CREDIT_COLOUR = "#1d5fa8"
STATE_COLOURS = {
    ChargeState.PAID: "#2f7d32",
    ChargeState.PARTIAL: "#a35c00",
    ChargeState.UNPAID: ARREARS_COLOUR,
    ChargeState.UPCOMING: "#5f6b64",
    ChargeState.WAIVED: "#6b6b6b",
}
KIND_COLOURS = {PaymentKind.OVER: CREDIT_COLOUR, PaymentKind.PARTIAL: "#a35c00"}
STAY_FILTERS = ("in_arrears", "current", "eupmyeon", "house_code")
WIDEST_DAY = date(2028, 12, 28)
"""A day whose text is as wide as any (two-digit month and day): the width a day's column needs."""


def won(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"


def day(value: date | None) -> str:
    return format_date_ko(value) if value else ""


def _money(key: str, header: str, get: Any, width: int = 96, **extra: Any) -> Column:
    return Column(key, header, lambda r: won(get(r)), sort=get, align=Align.RIGHT,
                  export=get, number_format="#,##0", width=width, **extra)  # fmt: skip


def _day(key: str, header: str, get: Any, width: int = 92) -> Column:
    return Column(key, header, lambda r: day(get(r)), sort=get, export=get, width=width,
                  align=Align.CENTER)  # fmt: skip


def _month(header: str, width: int = 96) -> Column:
    """A row's ``month`` as "2025년 3월", sorted by the date."""
    return Column("month", header, lambda r: format_month(r.month), sort=lambda r: r.month,
                  width=width)  # fmt: skip


def _balance_colour(row: StayRentRow) -> str | None:
    if row.balance > 0:
        return ARREARS_COLOUR
    return CREDIT_COLOUR if row.balance < 0 else None


def moved_out_text(moved_out_on: date) -> str:
    return f"퇴거 {day(moved_out_on)}"


def _stay_state(row: StayRentRow) -> str:
    return moved_out_text(row.moved_out_on) if row.moved_out_on else "입주 중"


STAY_COLUMNS: tuple[Column[StayRentRow], ...] = (
    Column("house_code", QT_TRANSLATE_NOOP(CONTEXT, "관리번호"), lambda r: r.house_code,
           sort=lambda r: natural_key(r.house_code), width=100),
    Column("eupmyeon", QT_TRANSLATE_NOOP(CONTEXT, "읍면"), lambda r: r.eupmyeon, width=70),
    Column("resident", QT_TRANSLATE_NOOP(CONTEXT, "입주자"), lambda r: r.resident,
           mask=mask_name, width=80),
    _day("move_in_on", QT_TRANSLATE_NOOP(CONTEXT, "입주일"), lambda r: r.move_in_on),
    _day("end_on", QT_TRANSLATE_NOOP(CONTEXT, "종료(연장)일"), lambda r: r.end_on, width=100),
    Column("state", QT_TRANSLATE_NOOP(CONTEXT, "상태"), _stay_state,
           sort=lambda r: (not r.current, r.moved_out_on or date.max), width=118),
    _money("monthly_rent", QT_TRANSLATE_NOOP(CONTEXT, "월 임대료"), lambda r: r.monthly_rent, 84),
    _money("charged", QT_TRANSLATE_NOOP(CONTEXT, "부과(납기 도래)"), lambda r: r.charged, 112),
    _money("paid", QT_TRANSLATE_NOOP(CONTEXT, "납부"), lambda r: r.paid),
    _money("balance", QT_TRANSLATE_NOOP(CONTEXT, "잔액"), lambda r: r.balance,
           colour=_balance_colour,
           tooltip=lambda r: "미리 낸 돈(선수금)" if r.balance < 0 else None),
    _money("arrears", QT_TRANSLATE_NOOP(CONTEXT, "미납"), lambda r: r.arrears,
           colour=lambda r: ARREARS_COLOUR if r.arrears else None),
)  # fmt: skip

CHARGE_COLUMNS: tuple[Column[ChargeLine], ...] = (
    _month(QT_TRANSLATE_NOOP(CONTEXT, "월"), 96),
    _money("amount", QT_TRANSLATE_NOOP(CONTEXT, "부과액"), lambda r: r.amount, 90),
    _day("due_on", QT_TRANSLATE_NOOP(CONTEXT, "납기"), lambda r: r.due_on),
    _money("covered", QT_TRANSLATE_NOOP(CONTEXT, "납부 반영"), lambda r: r.covered, 90),
    _money("outstanding", QT_TRANSLATE_NOOP(CONTEXT, "남은 금액"), lambda r: r.outstanding, 90),
    Column("state", QT_TRANSLATE_NOOP(CONTEXT, "상태"), lambda r: r.state.label,
           colour=lambda r: STATE_COLOURS[r.state], width=80, align=Align.CENTER),
    Column("waived_reason", QT_TRANSLATE_NOOP(CONTEXT, "면제 사유"), lambda r: r.waived_reason,
           tooltip=lambda r: r.waived_reason or None, width=200),
)  # fmt: skip

PAYMENT_COLUMNS: tuple[Column[PaymentLine], ...] = (
    _day("paid_on", QT_TRANSLATE_NOOP(CONTEXT, "납부일"), lambda r: r.paid_on),
    _month(QT_TRANSLATE_NOOP(CONTEXT, "대상월"), 90),
    _money("amount", QT_TRANSLATE_NOOP(CONTEXT, "금액"), lambda r: r.amount, 90),
    Column("method", QT_TRANSLATE_NOOP(CONTEXT, "방법"), lambda r: r.method, width=72,
           align=Align.CENTER),
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "구분"), lambda r: r.kind.label,
           colour=lambda r: KIND_COLOURS.get(r.kind),
           tooltip=lambda r: f"{r.credit:,}원은 선수금으로 남았습니다." if r.credit else None,
           width=80),
    Column("covers", QT_TRANSLATE_NOOP(CONTEXT, "반영된 달"), PaymentLine.covers_text,
           width=150),
    Column("note", QT_TRANSLATE_NOOP(CONTEXT, "비고"), lambda r: r.note, width=160),
)  # fmt: skip

DEPOSIT_COLUMNS: tuple[Column[DepositLine], ...] = (
    _day("received_on", QT_TRANSLATE_NOOP(CONTEXT, "받은 날"), lambda r: r.received_on),
    _money("amount", QT_TRANSLATE_NOOP(CONTEXT, "보증금"), lambda r: r.amount, 90),
    _day("returned_on", QT_TRANSLATE_NOOP(CONTEXT, "반환일"), lambda r: r.returned_on),
    _money("returned_amount", QT_TRANSLATE_NOOP(CONTEXT, "반환액"),
           lambda r: r.returned_amount, 90),
    _money("deducted", QT_TRANSLATE_NOOP(CONTEXT, "공제액"), lambda r: r.deducted or None, 90),
    Column("state", QT_TRANSLATE_NOOP(CONTEXT, "상태"), DepositLine.state, width=72,
           align=Align.CENTER),
    Column("deduction_reason", QT_TRANSLATE_NOOP(CONTEXT, "공제 사유"),
           lambda r: r.deduction_reason, tooltip=lambda r: r.deduction_reason or None,
           width=220),
)  # fmt: skip

SUPPORT_COLUMNS: tuple[Column[SupportLine], ...] = (
    _month(QT_TRANSLATE_NOOP(CONTEXT, "지원 월"), 96),
    _money("amount", QT_TRANSLATE_NOOP(CONTEXT, "지원액"), lambda r: r.amount, 96),
    _day("paid_on", QT_TRANSLATE_NOOP(CONTEXT, "지급일"), lambda r: r.paid_on),
    Column("note", QT_TRANSLATE_NOOP(CONTEXT, "비고"), lambda r: r.note, width=160),
)  # fmt: skip


def stay_model(parent: Any = None) -> RecordTableModel[StayRentRow]:
    return RecordTableModel(STAY_COLUMNS, context=CONTEXT, search_text=StayRentRow.search_text,
                            filter_fields=STAY_FILTERS, parent=parent)  # fmt: skip


def detail_model(columns: tuple[Column, ...], parent: Any = None) -> RecordTableModel:
    return RecordTableModel(columns, context=CONTEXT, parent=parent)


def fit_columns(view: QTableView, widest: Mapping[str, str]) -> None:
    """Widen each column of ``view`` narrower than its header, or than its ``widest`` text (by
    column key), in the font of this PC: the declared widths fit one font, and a wider one cut
    the last "." of "퇴거 2026.11.30."."""
    model = view.model()
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for i, column in enumerate(model.columns):
        need = header.sectionSizeFromContents(i).width()
        if column.key in widest:
            need = max(need, metrics.horizontalAdvance(widest[column.key]) + 2 * margin + 4)
        if header.sectionSize(i) < need:
            header.resizeSection(i, need)
