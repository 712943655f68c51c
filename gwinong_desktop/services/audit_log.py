"""The access and change records (감사 기록): searching, exporting, and checking their chain.

Records are written by ``storage.audit`` (every change, view of personal data, export, sign-in)
and are never deleted by the program, so the two years the 안전성 확보조치 기준 asks for hold as
long as the data folder does. Searches run in SQL, newest first, a page at a time by id (keyset:
no OFFSET), so 100,000s of records cost what one page costs. Only roles with ``VIEW_AUDIT`` read
them, and opening the viewer or exporting is itself recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Select, String, cast, func, or_, select

from gwinong_desktop.domain.periods import format_date_ko, format_moment
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.table import GENERAL, Column, write_table
from gwinong_desktop.storage.audit import log_event, verify_chain
from gwinong_desktop.storage.models import AuditEvent

from .context import ServiceContext
from .record_labels import (
    entity_label,
    field_changes,
    korean_text,
    override_summary,
    referenced_names,
)
from .safety_check import ERROR, NOTICE, CheckContext, Problem, extra_checks

ACTION_LABELS = {
    "login": "로그인",
    "login_failed": "로그인 실패",
    "unlock": "잠금 해제",
    "lock": "자동 잠금",
    "logout": "로그아웃",
    "confirm": "본인 확인",
    "view": "열람",
    "create": "추가",
    "update": "수정",
    "archive": "보관",
    "restore": "복원",
    "delete": "삭제",
    "export": "내보내기",
    "import": "가져오기",
    "repair": "복구",
    "tamper": "기록 손상",
}
PAGE = 500


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer asks for; empty fields do not filter. Dates are local and inclusive."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    action: str | None = None
    text: str | None = None

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            since = format_date_ko(self.since) if self.since else ""
            until = format_date_ko(self.until) if self.until else ""
            parts.append(f"{since}~{until}")
        if self.actor:
            parts.append(f"사용자 {self.actor}")
        if self.action:
            parts.append(ACTION_LABELS.get(self.action, self.action))
        if self.text:
            parts.append(f"'{self.text}'")
        return ", ".join(parts) or "전체"


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    host: str | None
    action: str
    entity: str
    entity_uid: str | None
    summary: str | None
    changes: dict | None
    names: dict[str, dict[object, str]] | None = None  # ids in ``changes`` → names (house code …)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, "기타 작업")

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)

    def when(self, *, seconds: bool = False) -> str:
        """ "2026.12.4. 20:35" (KST)."""
        return format_moment(self.at, seconds=seconds)

    def details(self, *, values: bool = True) -> str:
        """The summary, or the changed fields in Korean ("이름: 김영수 → 김영숙", "권한: 열람 →
        담당자"; names only without ``values``, as exports without personal data show them)."""
        if self.summary:
            return korean_text(self.summary)
        if self.entity == "rule_override" and self.action == "create" and self.changes:
            return "경고를 넘긴 사유: " + override_summary(self.changes)
        changes = field_changes(self.entity, self.changes, self.names)
        if not changes:
            return ""
        if not values:
            return "바뀐 항목: " + ", ".join(dict.fromkeys(c.label for c in changes))
        if self.action == "create":
            return "; ".join(f"{c.label}: {c.new}" for c in changes if c.new)
        return "; ".join(f"{c.label}: {c.old or '(없음)'} → {c.new or '(없음)'}" for c in changes)


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time(0)).astimezone().astimezone(UTC)


_COLUMNS = (
    AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.host, AuditEvent.action,
    AuditEvent.entity, AuditEvent.entity_uid, AuditEvent.summary, AuditEvent.changes,
)  # fmt: skip


def _where(query: Select, f: AuditFilter) -> Select:
    if f.since:
        query = query.where(AuditEvent.at >= _local_start(f.since))
    if f.until:
        query = query.where(AuditEvent.at < _local_start(f.until + timedelta(days=1)))
    if f.actor:
        query = query.where(AuditEvent.actor == f.actor)
    if f.action:
        query = query.where(AuditEvent.action == f.action)
    if f.text and f.text.strip():
        needle = f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{needle}%"
        searched = (
            AuditEvent.summary,
            AuditEvent.actor,
            AuditEvent.host,
            AuditEvent.entity,
            AuditEvent.entity_uid,
            cast(AuditEvent.changes, String),
        )
        query = query.where(or_(*(column.like(pattern, escape="\\") for column in searched)))
    return query


class AuditService:
    """Reading the records of ``ctx``'s folder (``VIEW_AUDIT``)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def record_opened(self) -> None:
        """The viewer was opened: that, too, is an access record."""
        self.ctx.require(Permission.VIEW_AUDIT)
        with self.ctx.write() as s:
            log_event(s, "view", "audit_event", "접속·변경 기록 조회")

    def search(
        self, f: AuditFilter, *, before_id: int | None = None, limit: int = PAGE
    ) -> list[AuditRow]:
        """Up to ``limit`` records matching ``f``, newest first, older than ``before_id``."""
        self.ctx.require(Permission.VIEW_AUDIT)
        query = _where(select(*_COLUMNS), f)
        if before_id is not None:
            query = query.where(AuditEvent.id < before_id)
        query = query.order_by(AuditEvent.id.desc()).limit(limit)
        with self.ctx.read() as s:
            rows = [AuditRow(*row) for row in s.execute(query)]
            names = referenced_names(s, [r.changes for r in rows])
        return [replace(r, names=names) if r.changes else r for r in rows]

    def count(self, f: AuditFilter) -> int:
        self.ctx.require(Permission.VIEW_AUDIT)
        with self.ctx.read() as s:
            return s.scalar(_where(select(func.count(AuditEvent.id)), f)) or 0

    def actors(self) -> list[str]:
        """Every name that appears in the records (for the viewer's user list)."""
        self.ctx.require(Permission.VIEW_AUDIT)
        with self.ctx.read() as s:
            return list(s.scalars(select(AuditEvent.actor).distinct().order_by(AuditEvent.actor)))

    def _all(self, f: AuditFilter) -> Iterator[AuditRow]:
        before: int | None = None
        while True:
            page = self.search(f, before_id=before, limit=5000)
            if not page:
                return
            yield from page
            before = page[-1].id

    def export(
        self,
        f: AuditFilter,
        path: Path,
        *,
        include_personal: bool = False,
        state: TaskState | None = None,
    ) -> int:
        """Write the records matching ``f`` to ``path`` (.xlsx); returns how many. Without
        ``include_personal`` the changed values (which may be residents' data) are left out."""
        self.ctx.require(Permission.VIEW_AUDIT)
        if include_personal:
            self.ctx.require(Permission.EXPORT_PERSONAL)
        total = self.count(f)

        def rows() -> Iterator[list[object]]:
            for r in self._all(f):
                yield [
                    r.id, r.when(seconds=True), r.actor, r.host or "",
                    r.action_label, r.entity_label, r.entity_uid or "",
                    r.details(values=include_personal),
                ]  # fmt: skip

        columns = [
            Column("번호", 8, GENERAL), Column("일시", 19), Column("사용자", 14),
            Column("PC", 16), Column("작업", 11), Column("대상", 14), Column("대상 ID", 38),
            Column("내용", 80, wrap=True),
        ]  # fmt: skip
        written = write_table(
            Path(path), columns, rows(), sheet="접속·변경 기록", total=total, state=state,
            label="접속·변경 기록 내보내는 중",
        ).rows  # fmt: skip
        label = "개인정보 포함" if include_personal else "개인정보 가림"
        summary = (
            f"접속·변경 기록 {written:,}건 내보내기 ({f.describe()}; {label}): {Path(path).name}"
        )
        with self.ctx.write() as s:
            log_event(s, "export", "audit_event", summary)
        return written


# --- the data check's part ----------------------------------------------------------------------


def audit_chain_check(cc: CheckContext) -> list[Problem]:
    """``check``: the audit trail's hash chain (nothing can be repaired: it is evidence)."""
    cc.state.report(0, 0, "접속·변경 기록의 해시 연결 검사")
    with cc.ctx.read() as s:
        found = verify_chain(s)
    return [
        Problem(
            "audit_chain",
            p.message,
            table="audit_event",
            severity=NOTICE if p.kind == "not_chained" else ERROR,
            repair_note=(
                "자동으로 고칠 수 없습니다: 누가 데이터 파일을 직접 고쳤는지 확인하고, 필요하면 "
                "백업에서 복원해 주세요."
                if cc.repair and p.kind != "not_chained"
                else None
            ),
        )
        for p in found
    ]


if audit_chain_check not in extra_checks:
    extra_checks.append(audit_chain_check)
