"""What needs the officer today: the kinds of reminders, one reminder (``DueItem``), the
working-day rule of deadlines, and the answer an officer gave to a reminder (dismissed or
snoozed). Standard library only.

Reminders are computed from the data every time (``services/due.py``); nothing here is stored
but the officer's answers (``DueNote``), keyed by a reminder's ``subject``: its kind, the uid of
its record, and a period where one record reminds more than once ("monthly_report:2026-11").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .enums import _Labelled

STAY_ENDING_DAYS = 30
"""A stay ending within this many days is a reminder (퇴거 예정)."""
LEASE_ENDING_MONTHS = 6
"""An owner lease ending within this many months (and not renewed) is a reminder."""
LEASE_ENDED_DAYS = 365
"""An owner lease that ended without a renewal reminds this long after its end."""
DESIGNATION_ENDING_DAYS = 90
"""A designation (임대운영형) ending within this many days is a reminder."""
DESIGNATION_ENDED_DAYS = 30
"""… and for this many days after its end."""
INSPECTION_NOTICE_DAYS = 30
"""A house's next regular inspection reminds this many days before it falls due."""
COMPLETION_REMINDED_DAYS = 365
"""A completion report not received is reminded for works completed this recently."""
SETTLEMENT_ASK_DAYS = 30
"""The settlement outcome of a resident is asked this many days after the move-out."""
SETTLEMENT_ASK_WITHIN_DAYS = 730
"""… for move-outs this recent: after two years nobody can still ask (the 입주자 page's
"정착 여부 확인 필요" filter keeps showing the older ones)."""
YEARLY_SETTLEMENT_SHOWN_UNTIL = (2, 28)
"""The yearly settlement (due Jan 31) is shown from Jan 1 until this (month, day) or dismissed."""
REPORT_LOOKBACK_MONTHS = 12
"""Reports never sent are reminded this many months back (not before the archive began)."""


class DueKind(_Labelled):
    """A kind of reminder (codes are stored in ``due_note.kind``: never rename one)."""

    MONTHLY_REPORT = "monthly_report", "월별 추진실적 보고"
    SEMIANNUAL_REPORT = "semiannual_report", "반기 추진실적"
    STAY_ENDING = "stay_ending", "퇴거 예정"
    MOVE_OUT_OVERDUE = "move_out_overdue", "퇴거 기한 지남"
    EXTENSION_RULE = "extension_rule", "규칙에 어긋난 연장"
    LEASE_ENDING = "lease_ending", "임대차계약 만료"
    DESIGNATION_ENDING = "designation_ending", "지정기간 종료"
    MANAGEMENT_ENDING = "management_ending", "관리기간 종료"
    RENT_ARREARS = "rent_arrears", "임대료 미납"
    DEPOSIT_UNRETURNED = "deposit_unreturned", "보증금 미반환"
    FINDING_OVERDUE = "finding_overdue", "지적사항 조치 기한 지남"
    INSPECTION_DUE = "inspection_due", "정기 점검"
    PHOTO_SLOTS = "photo_slots", "사진 빈 칸"
    COMPLETION_REPORT = "completion_report", "사업완료 보고 미접수"
    SETTLEMENT_OUTCOME = "settlement_outcome", "정착 여부 확인"
    YEARLY_SETTLEMENT = "yearly_settlement", "연간 결산 보고"


def subject_of(kind: DueKind, uid: str, period: str | None = None) -> str:
    """The stable key of a reminder: ``kind:uid`` (``kind:uid:period`` when a record reminds
    again for another period, as a monthly report does every month)."""
    return f"{kind.value}:{uid}" if period is None else f"{kind.value}:{uid}:{period}"


@dataclass(frozen=True)
class DueItem:
    """One reminder: what it is about, by when, what to do, and where to do it.

    ``page`` and ``criteria`` are what the GUI opens (``host.go(page, **criteria)``)."""

    kind: str
    kind_label: str
    subject: str
    record_label: str
    due_on: date
    action: str
    overdue: bool
    page: str
    criteria: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def make_item(
    kind: DueKind,
    subject: str,
    record_label: str,
    due_on: date,
    action: str,
    today: date,
    page: str,
    criteria: dict[str, Any] | None = None,
) -> DueItem:
    """A ``DueItem`` of ``kind``, overdue when ``due_on`` is before ``today``; ``criteria`` are
    what ``page`` is asked to show (``Page.show_records``)."""
    return DueItem(
        kind=kind.value, kind_label=kind.label, subject=subject, record_label=record_label,
        due_on=due_on, action=action, overdue=due_on < today, page=page,
        criteria=dict(criteria or {}),
    )  # fmt: skip


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def next_working_day(day: date, is_day_off: Callable[[date], bool]) -> date:
    """``day`` itself when it is a working day, else the first working day after it: not a
    Saturday or Sunday and not a day off (``is_day_off``: public holidays, substitute holidays
    and the county's own days off). A deadline falling on a day off moves to the next working
    day, as a period's last day does in Korean law (민법 제161조)."""
    for _ in range(60):
        if not is_weekend(day) and not is_day_off(day):
            return day
        day += timedelta(days=1)
    raise ValueError(f"60일 동안 근무일이 없습니다: {day:%Y.%m.%d.} 앞의 휴무일 설정을 확인하세요")


def shown(items: Iterable[DueItem], notes: Mapping[str, date | None], today: date) -> list[DueItem]:
    """The reminders still to show: a dismissed one (note without ``until``) never, a snoozed
    one only from its ``until`` day on; overdue first, then by date and kind."""
    kept = [
        item
        for item in items
        if item.subject not in notes
        or (notes[item.subject] is not None and notes[item.subject] <= today)  # type: ignore[operator]
    ]
    return sorted(kept, key=lambda i: (not i.overdue, i.due_on, i.kind, i.record_label))
