"""Rules at entry: what every form's ``save`` does with the results of the checks.

A save runs the checks of ``domain.rules`` (and the form's own checks) inside its write unit:

- any REFUSE result raises :class:`FormRefused` (a ``Refusal``) carrying every refusal; nothing
  is written, and the form keeps what was typed (the caller still has its form);
- WARN results need a reason each, given per rule (``accepted_warnings={rule: reason}``); a
  warning without a non-empty reason raises :class:`WarningsPending` carrying the warnings;
- a warning the officer already went past for the same record, rule and value is not asked for
  again (editing the note of a one-room house does not ask about the rooms every time);
- accepted warnings are kept as ``RuleOverride`` rows (reason, value, limit, message, actor) in
  the same write unit, and the audit trail records them like any other row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.changes import Changes
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import (
    DUPLICATE,
    OVER_BUDGET,
    OVERLAP,
    REQUIRED,
    RULE_SPECS,
    RuleKey,
    RuleResult,
    refusals,
    refuse,
    warnings,
)
from gwinong_desktop.storage.audit import written_tables
from gwinong_desktop.storage.models import RuleOverride, utcnow

CHECK_NAMES = {
    "location_eupmyeon": "읍·면 지역",
    "location_area": "지원 대상지역 (특별시·광역시·수도권 제외)",
    "location_unknown": "주소 확인",
    "zero_area": "면적 0m²",
    OVER_BUDGET: "예산을 넘는 집행",
    OVERLAP: "이전 계약과 겹치는 기간",
    DUPLICATE: "이미 입력된 것과 같은 기록",
    "over_payment": "부과액보다 많은 납부 (선수금)",
    "large_payment": "월 임대료의 10배가 넘는 납부",
    "over_designation": "지정된 월 지원액보다 많은 지원",
}


def rule_label(rule: str) -> str:
    """The Korean name of a rule or check code ("rooms_min" → "최소 방 수")."""
    try:
        return RULE_SPECS[RuleKey(rule)].name
    except ValueError:
        return CHECK_NAMES.get(rule, rule)


class FormRefused(Refusal):
    """The form holds impossible or missing data; ``results`` are the refusals (each with the
    field it concerns). Nothing was written."""

    def __init__(self, results: list[RuleResult]) -> None:
        self.results = list(results)
        message = "\n".join(r.message for r in self.results) or "저장할 수 없습니다."
        super().__init__(message, ExitCode.BAD_INPUT)


class WarningsPending(Exception):
    """Program rules are broken; the save needs a reason per rule (``results``: the warnings).

    Not a ``Refusal``: the officer may go on. Nothing was written."""

    def __init__(self, results: list[RuleResult]) -> None:
        self.results = list(results)
        self.message = "\n".join(r.message for r in self.results)
        super().__init__(self.message)

    def rules(self) -> list[str]:
        """The rules that need a reason, in order, each once."""
        return list(dict.fromkeys(r.rule for r in self.results))


@dataclass(frozen=True)
class SavedRecord:
    """What a save wrote: the record's id and uid, how many warnings were gone past, and the
    kinds of records the save touched (the screens announce them: ``Page.announce``)."""

    id: int
    uid: str
    overrides: int = 0
    changes: Changes = field(default_factory=Changes)


def saved_record(session: Session, record: Any, overrides: int = 0) -> SavedRecord:
    """The :class:`SavedRecord` of ``record``, at the end of its save's unit of work: what the
    unit wrote is flushed, and its tables say which kinds of records changed."""
    session.flush()
    try:
        changes = Changes.of_tables(written_tables(session))
    except KeyError:  # a table KIND_OF_TABLE does not know yet (a test keeps it complete)
        changes = Changes.everything()
    return SavedRecord(record.id, record.uid, overrides, changes)


def required(field: str, label: str) -> RuleResult:
    return refuse(field, f"{label}: 입력해야 합니다.", code=REQUIRED)


def as_text(value: object) -> str | None:
    """A result's value or limit as the officer reads it (and as ``rule_override`` keeps it)."""
    if value is None:
        return None
    if isinstance(value, Enum) and hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, date):
        return format_date_ko(value)
    if isinstance(value, bool):
        return "예" if value else "아니요"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal | float):
        return f"{value:,}"
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(as_text(v) or "" for v in value)
    return str(value)


def accepted_before(session: Session, entity: str, entity_uid: str | None) -> set[tuple[str, str]]:
    """(rule, value) pairs this record has already gone past with a reason."""
    if entity_uid is None:
        return set()
    rows = session.execute(
        select(RuleOverride.rule, RuleOverride.value).where(
            RuleOverride.entity == entity, RuleOverride.entity_uid == entity_uid
        )
    ).all()
    return {(rule, value or "") for rule, value in rows}


def gate(
    results: Iterable[RuleResult],
    accepted_warnings: Mapping[str, str] | None,
    already: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[RuleResult]:
    """Raise for refusals and for warnings without a reason; return the warnings to record."""
    results = list(results)
    refused = refusals(results)
    if refused:
        raise FormRefused(refused)
    fresh = [w for w in warnings(results) if (w.rule, as_text(w.value) or "") not in already]
    reasons = accepted_warnings or {}
    pending = [w for w in fresh if not (reasons.get(w.rule) or "").strip()]
    if pending:
        raise WarningsPending(fresh)
    return fresh


def record_overrides(
    session: Session,
    entity: str,
    entity_uid: str,
    accepted: list[RuleResult],
    reasons: Mapping[str, str] | None,
) -> int:
    """Keep each accepted warning with its reason; returns how many rows were written."""
    actor = session.info.get("actor") or "system"
    reasons = reasons or {}
    for result in accepted:
        session.add(
            RuleOverride(
                entity=entity,
                entity_uid=entity_uid,
                rule=result.rule,
                value=_clip(as_text(result.value)),
                limit=_clip(as_text(result.limit)),
                message=result.message,
                reason=reasons[result.rule].strip(),
                actor=actor,
            )
        )
    return len(accepted)


def _clip(text: str | None) -> str | None:
    if text is None:
        return None
    return text if len(text) <= 300 else text[:299] + "…"


def clean(text: str | None) -> str | None:
    """Stripped text, or None when nothing is left (so an empty box never differs from null)."""
    if text is None:
        return None
    text = text.strip()
    return text or None


def archive(record: Any, reason: str) -> None:
    """Archive a core record (never deleted) with the officer's reason; refused without one."""
    if not (reason or "").strip():
        raise FormRefused([required("archive_reason", "보관 사유")])
    record.archived_at = utcnow()
    record.archive_reason = reason.strip()[:500]


def unarchive(record: Any) -> None:
    """Bring an archived record back into the lists."""
    record.archived_at = None
    record.archive_reason = None
