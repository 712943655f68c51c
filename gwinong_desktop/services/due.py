"""What needs the officer today (``Services.due``): the due list, computed from the data every
time, and the officers' answers to it (dismiss, snooze, restore: ``DueNote`` rows, audited).

Each kind of reminder is one query (``services/due_queries.py``) and a few lines here that turn
its rows into ``DueItem``s; ``domain/due.py`` holds the kinds, the windows and the working-day
rule. Names of residents are masked (the list goes to the dashboard and to a scheduled task's
mail), so the list writes no access record.

Report deadlines move to the next working day (weekends, Korean public and substitute holidays
from the ``holidays`` package, and the county's own days off in ``day_off``). The package costs
a fraction of a second on its first use: it is used on the first due list, never at start-up,
and each year's holidays are kept once made, in the process and in the data folder
(``services/due_holidays.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.due import (
    COMPLETION_REMINDED_DAYS,
    DESIGNATION_ENDED_DAYS,
    DESIGNATION_ENDING_DAYS,
    INSPECTION_NOTICE_DAYS,
    LEASE_ENDED_DAYS,
    LEASE_ENDING_MONTHS,
    REPORT_LOOKBACK_MONTHS,
    SETTLEMENT_ASK_DAYS,
    SETTLEMENT_ASK_WITHIN_DAYS,
    STAY_ENDING_DAYS,
    YEARLY_SETTLEMENT_SHOWN_UNTIL,
    DueItem,
    DueKind,
    make_item,
    next_working_day,
    shown,
    subject_of,
)
from gwinong_desktop.domain.enums import DevelopmentType, PhotoPhase, PhotoSlot
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.periods import add_months, format_date_ko, period_end
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.photo_slots import expected_slots
from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.domain.rules import (
    RuleKey,
    completion_report_due,
    monthly_report_due,
)
from gwinong_desktop.domain.stays import extension_max_end, stay_end
from gwinong_desktop.storage.models import DayOff, DueNote

from . import due_queries as q
from .context import ServiceContext
from .due_holidays import korean_holidays
from .privacy import mask_name
from .rules import RuleBook


class DueError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _person(code: str, name: str | None) -> str:
    return f"{code} · {mask_name(name)}" if name else code


@dataclass(frozen=True)
class DayOffRow:
    id: int
    on: date
    name: str


class _Build:
    """One computation of the due list over one read session."""

    def __init__(self, session: Session, today: date, folder: Path | None) -> None:
        self.s = session
        self.today = today
        self.folder = folder  # where the holiday calendar is kept
        self.iso = today.isoformat()
        self.book: YearRules = RuleBook(session)
        self.slots: dict[tuple[str, PhotoPhase, bool], tuple[tuple[PhotoSlot, int], ...]] = {}
        own = {_day(r[0]) for r in session.execute(text(q.DAYS_OFF))}
        self.days_off = {d for d in own if d is not None}

    def rows(self, sql: str, **params: Any) -> list[Any]:
        return self.s.execute(text(sql), {"today": self.iso, **params}).all()

    def is_day_off(self, day: date) -> bool:
        return day in self.days_off or day in korean_holidays(day.year, self.folder)

    def working(self, day: date) -> date:
        return next_working_day(day, self.is_day_off)

    def item(
        self,
        kind: DueKind,
        subject: str,
        label: str,
        due_on: date,
        action: str,
        page: str,
        **criteria: Any,
    ) -> DueItem:
        return make_item(kind, subject, label, due_on, action, self.today, page, criteria)

    # --- the kinds --------------------------------------------------------------------------

    def all(self) -> Iterator[DueItem]:
        yield from self.reports()
        yield from self.yearly_settlement()
        yield from self.stays()
        yield from self.leases()
        yield from self.designations()
        yield from self.houses()
        yield from self.arrears()
        yield from self.deposits()
        yield from self.findings()
        yield from self.completion_reports()
        yield from self.settlements()

    def reports(self) -> Iterator[DueItem]:
        kept: dict[tuple[str, int, int], date | None] = {}
        for kind, year, month, sent_on in self.rows(q.SENT_REPORTS):
            key = (str(kind), int(year), int(month))
            kept[key] = kept.get(key) or _day(sent_on)
        current = add_months(self.today.replace(day=1), -1)  # the month just ended
        first = add_months(current, 1 - REPORT_LOOKBACK_MONTHS)
        archive_began = min((date(y, m, 1) for _k, y, m in kept), default=current)
        first = max(first, archive_began)  # no reminders from before the archive began
        month = min(first, current)
        while month <= current:
            rules = self.book.for_year(month.year)
            due = self.working(monthly_report_due(month.year, month.month, rules))
            yield from self._report(DueKind.MONTHLY_REPORT, "monthly", month, due, kept)
            if month.month in (6, 12):
                yield from self._report(DueKind.SEMIANNUAL_REPORT, "semiannual", month, due, kept)
            month = add_months(month, 1)

    def _report(
        self,
        kind: DueKind,
        code: str,
        month: date,
        due: date,
        kept: dict[tuple[str, int, int], date | None],
    ) -> Iterator[DueItem]:
        key = (code, month.year, month.month)
        if kept.get(key) is not None:
            return
        if kind is DueKind.SEMIANNUAL_REPORT:
            half = "상반기" if month.month == 6 else "하반기"
            label = f"{month.year}년 {half}"
        else:
            label = f"{month.year}년 {month.month}월분"
        if key in kept:
            action = "만든 보고서를 시·도에 보내고 보관함에 보낸 날을 적으세요"
        else:
            action = "보고서를 만들어 시·도에 보내세요 (별지 제5호)"
        yield self.item(
            kind,
            subject_of(kind, f"{month:%Y-%m}"),
            label,
            due,
            action,
            "reports",
            report=code,
            year=month.year,
            month=month.month,
        )

    def yearly_settlement(self) -> Iterator[DueItem]:
        until = date(self.today.year, *YEARLY_SETTLEMENT_SHOWN_UNTIL)
        if self.today > until:
            return
        year = self.today.year - 1
        kind = DueKind.YEARLY_SETTLEMENT
        due = self.working(date(year + 1, 1, 31))
        yield self.item(
            kind,
            subject_of(kind, str(year)),
            f"{year}년 사업비 결산",
            due,
            "결산 결과를 농림축산식품부에 보고하세요 (시행지침 Ⅲ-3)",
            "reports",
        )

    def stays(self) -> Iterator[DueItem]:
        window = self.today + timedelta(days=STAY_ENDING_DAYS)
        for (
            uid,
            _sid,
            house_id,
            code,
            name,
            move_in,
            planned,
            extended,
            requested,
            excused,
        ) in self.rows(q.OPEN_STAYS, stay_window=window.isoformat()):
            move_in, planned, extended = _day(move_in), _day(planned), _day(extended)
            label = _person(code, name)
            end = stay_end(planned, extended)
            if end < self.today:
                kind = DueKind.MOVE_OUT_OVERDUE
                action = "퇴거일을 기록하거나 이용기간을 연장하세요"
            elif end <= window:
                kind = DueKind.STAY_ENDING
                action = "퇴거 준비: 퇴거 점검, 보증금 정산, 다음 입주자 모집"
            else:
                kind = None
            if kind is not None:
                yield self.item(
                    kind,
                    subject_of(kind, uid, end.isoformat()),
                    label,
                    end,
                    action,
                    "residents",
                    house_id=house_id,
                )
            if extended is not None and extended > planned and not excused:
                rules = self.book.for_year(move_in.year)
                limit = extension_max_end(planned, rules)
                problems = []
                if extended > limit:
                    months = rules.value(RuleKey.STAY_EXTENSION_MAX_MONTHS)
                    problems.append(f"{months}개월 넘음 ({format_date_ko(limit)}까지)")
                if not requested:
                    problems.append("입주자 희망 기록 없음")
                if problems:
                    kind = DueKind.EXTENSION_RULE
                    yield self.item(
                        kind,
                        subject_of(kind, uid, extended.isoformat()),
                        label,
                        planned + timedelta(days=1),
                        "연장 확인: " + ", ".join(problems) + " (시행지침 Ⅱ-5 이용기간)",
                        "residents",
                        house_id=house_id,
                    )

    def leases(self) -> Iterator[DueItem]:
        start = self.today - timedelta(days=LEASE_ENDED_DAYS)
        end = add_months(self.today, LEASE_ENDING_MONTHS)
        kind = DueKind.LEASE_ENDING
        for uid, house_id, code, end_on in self.rows(
            q.LEASES_ENDING, lease_from=start.isoformat(), lease_to=end.isoformat()
        ):
            yield self.item(
                kind,
                subject_of(kind, uid),
                code,
                _day(end_on),
                "소유주와 재계약하거나 계약 종료 뒤 처리를 정하세요",
                "houses",
                house_id=house_id,
                tab="lease",
            )

    def designations(self) -> Iterator[DueItem]:
        start = self.today - timedelta(days=DESIGNATION_ENDED_DAYS)
        end = self.today + timedelta(days=DESIGNATION_ENDING_DAYS)
        kind = DueKind.DESIGNATION_ENDING
        for uid, house_id, code, end_on in self.rows(
            q.DESIGNATIONS_ENDING,
            designation_from=start.isoformat(),
            designation_to=end.isoformat(),
        ):
            yield self.item(
                kind,
                subject_of(kind, uid),
                code,
                _day(end_on),
                "지정 연장 또는 종료와 임대료 지원 정산을 정하세요",
                "houses",
                house_id=house_id,
            )

    def houses(self) -> Iterator[DueItem]:
        """Management periods ending this year, regular inspections, empty photo slots."""
        last_inspected = {hid: _day(on) for hid, on in self.rows(q.LAST_INSPECTIONS)}
        filled = {(hid, str(phase)): int(bits or 0)
                  for hid, phase, bits in self.rows(q.PHOTO_SLOTS_FILLED)}  # fmt: skip
        interval = self.book.for_year(self.today.year).value(RuleKey.INSPECTION_INTERVAL_MONTHS)
        notice = self.today + timedelta(days=INSPECTION_NOTICE_DAYS)
        for uid, hid, code, program_year, dev_type, started, completed in self.rows(q.HOUSE_WORKS):
            started, completed = _day(started), _day(completed)
            management_end = None
            if completed is not None:
                years = self.book.for_year(int(program_year)).value(RuleKey.MANAGEMENT_YEARS)
                management_end = period_end(completed, years=years)
                if management_end.year == self.today.year:
                    kind = DueKind.MANAGEMENT_ENDING
                    yield self.item(
                        kind,
                        subject_of(kind, uid),
                        code,
                        management_end,
                        f"관리기간(준공 후 {years}년)이 끝납니다: 계속 운영할지 정하세요",
                        "houses",
                        house_id=hid,
                        tab="works",
                    )
            in_period = management_end is None or management_end >= self.today
            base = last_inspected.get(hid) or completed
            if base is not None and in_period:
                next_due = add_months(base, interval)
                if next_due <= notice:
                    kind = DueKind.INSPECTION_DUE
                    last = last_inspected.get(hid)
                    since = f"지난 점검 {format_date_ko(last)}" if last else "준공 뒤 점검 없음"
                    yield self.item(
                        kind,
                        subject_of(kind, uid, next_due.isoformat()),
                        code,
                        next_due,
                        f"정기 점검을 하세요 ({since}, 주기 {interval}개월)",
                        "inspections",
                        house_id=hid,
                    )
            if in_period:
                yield from self._photos(uid, hid, code, dev_type, started, completed, filled)

    def _photos(
        self,
        uid: str,
        hid: int,
        code: str,
        dev_type: str,
        started: date | None,
        completed: date | None,
        filled: dict[tuple[int, str], int],
    ) -> Iterator[DueItem]:
        """The album phases of a house with a slot still empty (``filled``: per house and
        phase, the bits of the slots that have a photo)."""
        kind = DueKind.PHOTO_SLOTS
        for phase, due in ((PhotoPhase.BEFORE, started), (PhotoPhase.AFTER, completed)):
            if due is None:
                continue
            have = filled.get((hid, phase.value), 0)
            empty = [slot for slot, bit in self._expected(dev_type, phase, completed)
                     if not have & bit]  # fmt: skip
            if empty:
                names = " · ".join(slot.label for slot in empty)
                yield self.item(
                    kind,
                    subject_of(kind, uid, phase.value),
                    code,
                    due,
                    f"{phase.label} 사진을 넣으세요: {names}",
                    "houses",
                    house_id=hid,
                    tab="visits",
                )

    def _expected(
        self, dev_type: str, phase: PhotoPhase, completed: date | None
    ) -> tuple[tuple[PhotoSlot, int], ...]:
        """``expected_slots`` with each slot's bit (``due_queries.SLOT_BITS``), worked out once
        per kind of house: they depend on its type, the phase and whether it is completed."""
        key = (dev_type, phase, completed is None)
        found = self.slots.get(key)
        if found is None:
            slots = expected_slots(DevelopmentType(dev_type), phase, completed)
            found = self.slots[key] = tuple((s, q.SLOT_BITS[s.value]) for s in slots)
        return found

    def arrears(self) -> Iterator[DueItem]:
        rows = self.rows(q.ARREARS)
        if not rows:
            return
        since = dict(
            self.s.execute(
                text(q.ARREARS_SINCE).bindparams(bindparam("ids", expanding=True)),
                {"today": self.iso, "ids": [r[1] for r in rows]},
            ).all()
        )
        kind = DueKind.RENT_ARREARS
        for uid, stay_id, code, name, owed in rows:
            due = _day(since.get(stay_id)) or self.today
            yield self.item(
                kind,
                subject_of(kind, uid, due.isoformat()),
                _person(code, name),
                due,
                f"미납 {int(owed):,}원: 납부를 안내하세요",
                "rent",
                stay_id=stay_id,
            )

    def deposits(self) -> Iterator[DueItem]:
        kind = DueKind.DEPOSIT_UNRETURNED
        for uid, stay_id, code, name, moved_out, amount in self.rows(q.DEPOSITS_HELD):
            yield self.item(
                kind,
                subject_of(kind, uid),
                _person(code, name),
                _day(moved_out),
                f"보증금 {int(amount):,}원을 정산해 반환하세요",
                "rent",
                stay_id=stay_id,
            )

    def findings(self) -> Iterator[DueItem]:
        kind = DueKind.FINDING_OVERDUE
        for uid, finding_id, code, description, due_on in self.rows(q.FINDINGS_OVERDUE):
            what = " ".join(str(description).split())
            what = what if len(what) <= 30 else what[:29] + "…"
            yield self.item(
                kind,
                subject_of(kind, uid),
                code,
                _day(due_on),
                f"조치결과를 기록하세요: {what}",
                "inspections",
                tab="findings",
                finding_id=finding_id,
            )

    def completion_reports(self) -> Iterator[DueItem]:
        kind = DueKind.COMPLETION_REPORT
        for uid, house_id, code, year, completed in self.rows(
            q.COMPLETION_UNREPORTED,
            completed_since=(self.today - timedelta(days=COMPLETION_REMINDED_DAYS)).isoformat(),
        ):
            due = completion_report_due(_day(completed), self.book.for_year(int(year)))
            yield self.item(
                kind,
                subject_of(kind, uid),
                f"{code} ({year}년 사업)",
                due,
                "사업완료 보고서(준공 후 7일 이내)를 받아 보고일을 적으세요",
                "houses",
                house_id=house_id,
                tab="works",
            )

    def settlements(self) -> Iterator[DueItem]:
        kind = DueKind.SETTLEMENT_OUTCOME
        for uid, house_id, code, name, moved_out in self.rows(
            q.SETTLEMENT_UNASKED,
            moved_since=(self.today - timedelta(days=SETTLEMENT_ASK_WITHIN_DAYS)).isoformat(),
        ):
            due = _day(moved_out) + timedelta(days=SETTLEMENT_ASK_DAYS)
            yield self.item(
                kind,
                subject_of(kind, uid),
                _person(code, name),
                due,
                "정착 여부(전입, 농업경영체 등록)를 확인해 적으세요",
                "residents",
                house_id=house_id,
                settlement_check=True,
            )


class DueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the list ---------------------------------------------------------------------------

    def items(self, on: date | None = None, *, hidden: bool = False) -> list[DueItem]:
        """What needs the officer on ``on`` (default today), overdue first; a dismissed or
        snoozed reminder is left out (``hidden=True``: only those, to bring one back)."""
        today = on or self.ctx.today()
        with self.ctx.read() as session:
            build = _Build(session, today, self.ctx.db.folder.root)
            computed = list(build.all())
            notes = {s: _day(u) for s, u in session.execute(text(q.DUE_NOTES))}
        if hidden:
            left = {i.subject for i in shown(computed, notes, today)}
            return shown([i for i in computed if i.subject not in left], {}, today)
        return shown(computed, notes, today)

    # --- answers ----------------------------------------------------------------------------

    def dismiss(self, subject: str, reason: str) -> Changes:
        """Stop reminding ``subject`` (the reminder comes back only if restored)."""
        return self._answer(subject, None, reason)

    def snooze(self, subject: str, until: date, reason: str) -> Changes:
        """Remind ``subject`` again from ``until`` on."""
        if until <= self.ctx.today():
            raise DueError(
                f"다시 알릴 날은 오늘({format_date_ko(self.ctx.today())}) 뒤여야 합니다: "
                f"{format_date_ko(until)}"
            )
        return self._answer(subject, until, reason)

    def restore(self, subject: str, reason: str) -> Changes:
        """Remind ``subject`` again now: its answers are archived with ``reason``."""
        self.ctx.require(Permission.EDIT)
        why = _reason(reason)
        with self.ctx.write() as session:
            notes = self._notes(session, subject)
            if not notes:
                raise DueError("이 알림은 숨겨져 있지 않습니다. 목록을 새로 고치세요.")
            for note in notes:
                note.archived_at = _now()
                note.archive_reason = why
            session.flush()
        return Changes.of(Kind.REMINDERS)

    def _answer(self, subject: str, until: date | None, reason: str) -> Changes:
        self.ctx.require(Permission.EDIT)
        why = _reason(reason)
        kind = _kind_of(subject)
        with self.ctx.write() as session:
            for note in self._notes(session, subject):  # the newest answer replaces the last
                note.archived_at = _now()
                note.archive_reason = "새 처리로 바뀜"
            session.add(
                DueNote(
                    kind=kind.value, subject=subject, until=until, reason=why, actor=self.ctx.actor
                )
            )
            session.flush()
        return Changes.of(Kind.REMINDERS)

    @staticmethod
    def _notes(session: Session, subject: str) -> list[DueNote]:
        return list(
            session.scalars(
                select(DueNote).where(DueNote.subject == subject, DueNote.archived_at.is_(None))
            )
        )

    # --- the county's days off --------------------------------------------------------------

    def days_off(self) -> list[DayOffRow]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(DayOff.id, DayOff.on, DayOff.name)
                .where(DayOff.archived_at.is_(None))
                .order_by(DayOff.on)
            )
            return [DayOffRow(*r) for r in rows]

    def add_day_off(self, on: date, name: str) -> Changes:
        """Add a day the county office is closed (임시공휴일 …); one archived on that day comes
        back with the new name."""
        self.ctx.require(Permission.EDIT)
        name = " ".join((name or "").split())
        if not name:
            raise DueError("휴무일 이름을 적어야 합니다 (예: 임시공휴일).")
        if len(name) > 100:
            raise DueError(f"휴무일 이름은 100자 이내여야 합니다 ({len(name)}자).")
        with self.ctx.write() as session:
            row = session.scalars(select(DayOff).where(DayOff.on == on)).first()
            if row is not None and row.archived_at is None:
                raise DueError(f"{format_date_ko(on)}은(는) 이미 휴무일입니다 ({row.name}).")
            if row is None:
                session.add(DayOff(on=on, name=name))
            else:
                row.archived_at, row.archive_reason, row.name = None, None, name
            session.flush()
        return Changes.of(Kind.REMINDERS)

    def remove_day_off(self, day_off_id: int, reason: str) -> Changes:
        self.ctx.require(Permission.EDIT)
        why = _reason(reason)
        with self.ctx.write() as session:
            row = session.get(DayOff, day_off_id)
            if row is None or row.archived_at is not None:
                raise DueError("그 휴무일을 찾을 수 없습니다. 목록을 새로 고치세요.")
            row.archived_at, row.archive_reason = _now(), why
            session.flush()
        return Changes.of(Kind.REMINDERS)


def _now() -> datetime:
    return datetime.now(UTC)


def _reason(reason: str) -> str:
    why = " ".join((reason or "").split())
    if not why:
        raise DueError("사유를 적어야 합니다.")
    if len(why) > 500:
        raise DueError(f"사유는 500자 이내여야 합니다 ({len(why)}자).")
    return why


def _kind_of(subject: str) -> DueKind:
    try:
        return DueKind(subject.split(":", 1)[0])
    except ValueError:
        raise DueError(f"알 수 없는 알림입니다: {subject}") from None
