"""A kit import's plan in Korean: the lines the dry run prints and the screen shows before the
officer applies it (one text for both)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from gwinong_desktop.domain.periods import format_moment

from .merge_plan import MergePlan, Question
from .merge_values import to_json
from .record_labels import entity_label, field_label, shown_value

_SHOWN = 30  # lines per part; the rest are counted
KIND_WORDS = {"conflict": "충돌", "duplicate": "중복 의심", "archived": "보관·수정"}


def _value(entity: str, name: str, value: Any) -> str:
    return shown_value(entity, name, to_json(value)) or "(없음)"


def heading(plan: MergePlan) -> str:
    houses = f", 집 {len(plan.houses)}곳" if plan.houses else ""
    by = f" ({plan.exported_by})" if plan.exported_by else ""
    return (
        f"현장 자료: {plan.county or '시군 없음'}, {format_moment(plan.exported_at)} "
        f"내보냄{by}{houses}"
    )


def _named(labels: dict[str, str], uid: str) -> str:
    name = labels.get(uid)
    return f" {name}" if name else ""


def question_line(q: Question, labels: dict[str, str]) -> str:
    what = f"{KIND_WORDS[q.kind]}: {entity_label(q.entity)}{_named(labels, q.record_uid)}"
    if q.kind == "conflict" and q.field:
        return (
            f"{what} {field_label(q.entity, q.field)} — 사무실 "
            f"'{_value(q.entity, q.field, q.office)}' / "
            f"현장 '{_value(q.entity, q.field, q.laptop)}'"
        )
    if q.kind == "duplicate":
        under = f" (딸린 기록 {len(q.children)}개 함께 보류)" if q.children else ""
        return f"{what} — 현장에서 만든 기록이 사무실이 그 사이 만든 기록과 같아 보입니다{under}"
    names = ", ".join(field_label(q.entity, k) for k in (q.laptop or {}))
    return f"{what} — 한쪽에서 보관(또는 복원)하고 다른 쪽에서 고쳤습니다 ({names})"


def plan_lines(plan: MergePlan) -> list[str]:
    """What importing would do, part by part."""
    lines = [heading(plan)]
    if plan.imported_before is not None:
        at, by = plan.imported_before
        when = format_moment(at) if at else ""
        lines.append(
            f"이미 가져온 현장 자료입니다 ({when} {by or ''}). "
            "다시 가져와도 더해지는 것이 없습니다."
        )
        return lines
    if plan.nothing_to_do:
        lines.append("현장에서 바뀐 것이 없습니다. 가져오면 가져온 기록만 남습니다.")
        return lines
    if plan.changes:
        lines.append(f"현장에서만 바뀐 항목 {len(plan.changes):,}개 (반영합니다):")
        for c in plan.changes[:_SHOWN]:
            lines.append(
                f"  · {entity_label(c.entity)}{_named(plan.labels, c.record_uid)} "
                f"{field_label(c.entity, c.field)}: "
                f"{_value(c.entity, c.field, c.base)} → {_value(c.entity, c.field, c.laptop)}"
            )
        if len(plan.changes) > _SHOWN:
            lines.append(f"  … 외 {len(plan.changes) - _SHOWN:,}개")
    if plan.new_records:
        counts = Counter(entity_label(r.entity) for r in plan.new_records)
        parts = ", ".join(f"{label} {n:,}" for label, n in counts.items())
        lines.append(f"현장에서 만든 기록 {len(plan.new_records):,}개 (추가합니다): {parts}")
    if plan.known_photos:
        lines.append(f"사무실에 이미 있는 사진 {plan.known_photos:,}장 (다시 넣지 않습니다)")
    if plan.questions:
        lines.append(
            f"검토할 항목 {len(plan.questions):,}개 (사무실 값을 그대로 두고 '현장 자료 검토'에서 "
            "정합니다):"
        )
        lines += [f"  · {question_line(q, plan.labels)}" for q in plan.questions[:_SHOWN]]
        if len(plan.questions) > _SHOWN:
            lines.append(f"  … 외 {len(plan.questions) - _SHOWN:,}개")
    if plan.events:
        lines.append(
            f"현장의 변경 기록 {len(plan.events):,}건 (누가 언제 바꿨는지 그대로 남깁니다)"
        )
    return lines
