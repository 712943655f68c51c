"""The recruitment lists: rounds and applicants, as columns over the service's rows.

Names, birth dates, phones and addresses are personal columns: masked unless the role may see
them (the service already masks them for such roles; masking an already masked value leaves it
as it is).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.enums import ApplicantDecision
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.services.privacy import mask_address, mask_birth, mask_name, mask_phone
from gwinong_desktop.services.recruitment_evidence import criterion_names
from gwinong_desktop.services.recruitment_forms import ApplicantRow, RoundRow

from ..records import Align, Column, natural_key

CONTEXT = "RecruitmentColumns"
DECISION_COLOURS: dict[ApplicantDecision, str] = {
    ApplicantDecision.PENDING: "#5f6b64",
    ApplicantDecision.SELECTED: "#2f7d32",
    ApplicantDecision.WAITING: "#1d5fa8",
    ApplicantDecision.REJECTED: "#a33a3a",
    ApplicantDecision.WITHDRAWN: "#6b6b6b",
}


def _once(mask: Callable[[str], str]) -> Callable[[str], str]:
    """``mask`` for a value not masked yet (the service masks for roles that may not see)."""
    return lambda text: text if "*" in text else mask(text)


def _day(value: object) -> str:
    return format_date_ko(value) if value else ""  # type: ignore[arg-type]


def _won(value: int) -> str:
    return f"{value:,}"


ROUND_COLUMNS: tuple[Column[RoundRow], ...] = (
    Column("house_code", QT_TRANSLATE_NOOP(CONTEXT, "관리번호"), lambda r: r.house_code,
           sort=lambda r: natural_key(r.house_code), width=110),
    Column("house_place", QT_TRANSLATE_NOOP(CONTEXT, "위치"), lambda r: r.house_place, width=120),
    Column("title", QT_TRANSLATE_NOOP(CONTEXT, "모집 공고"), lambda r: r.title,
           tooltip=lambda r: r.title, width=300),
    Column("notice", QT_TRANSLATE_NOOP(CONTEXT, "공고기간"), lambda r: r.notice(),
           sort=lambda r: (r.notice_from, r.notice_to), width=170),
    Column("monthly_rent", QT_TRANSLATE_NOOP(CONTEXT, "월임대료"), lambda r: _won(r.monthly_rent),
           sort=lambda r: r.monthly_rent, align=Align.RIGHT, export=lambda r: r.monthly_rent,
           width=84),
    Column("deposit", QT_TRANSLATE_NOOP(CONTEXT, "보증금"), lambda r: _won(r.deposit),
           sort=lambda r: r.deposit, align=Align.RIGHT, export=lambda r: r.deposit, width=90),
    Column("applicants", QT_TRANSLATE_NOOP(CONTEXT, "신청"), lambda r: f"{r.applicants}명",
           sort=lambda r: r.applicants, align=Align.RIGHT, export=lambda r: r.applicants,
           width=56),
    Column("selected", QT_TRANSLATE_NOOP(CONTEXT, "선정"), lambda r: r.selected or "—",
           mask=_once(mask_name), width=80),
    Column("decided_on", QT_TRANSLATE_NOOP(CONTEXT, "선정일"), lambda r: _day(r.decided_on),
           sort=lambda r: r.decided_on, width=96),
)  # fmt: skip


def _rank(row: ApplicantRow) -> str:
    return "" if row.rank is None else f"{row.rank}"


def _score(row: ApplicantRow) -> str:
    return "" if row.score is None else f"{row.score}점"


def _score_tip(row: ApplicantRow) -> str | None:
    if row.score_detail is None:
        return "아직 점수를 계산하지 않았습니다."
    return criterion_names(row.score_detail) or "배점이 있는 기준이 없습니다."


APPLICANT_COLUMNS: tuple[Column[ApplicantRow], ...] = (
    Column("rank", QT_TRANSLATE_NOOP(CONTEXT, "순위"), _rank, sort=lambda r: r.rank,
           align=Align.RIGHT, export=lambda r: r.rank, width=48),
    Column("name", QT_TRANSLATE_NOOP(CONTEXT, "성명"), lambda r: r.name,
           mask=_once(mask_name), width=76),
    Column("birth", QT_TRANSLATE_NOOP(CONTEXT, "생년월일"), lambda r: r.birth,
           mask=_once(mask_birth), width=92),
    Column("phone", QT_TRANSLATE_NOOP(CONTEXT, "연락처"), lambda r: r.phone,
           mask=_once(mask_phone), width=116),
    Column("address", QT_TRANSLATE_NOOP(CONTEXT, "전거주지"), lambda r: r.address,
           mask=_once(mask_address), width=170),
    Column("household_size", QT_TRANSLATE_NOOP(CONTEXT, "세대원"),
           lambda r: f"{r.household_size}명", sort=lambda r: r.household_size,
           align=Align.RIGHT, export=lambda r: r.household_size, width=56),
    Column("education_hours", QT_TRANSLATE_NOOP(CONTEXT, "귀농교육"),
           lambda r: f"{r.education_hours:,}시간", sort=lambda r: r.education_hours,
           align=Align.RIGHT, export=lambda r: r.education_hours, width=76),
    Column("with_family", QT_TRANSLATE_NOOP(CONTEXT, "가족 동반"),
           lambda r: "예" if r.with_family else "아니요", align=Align.CENTER, width=66),
    Column("applied_on", QT_TRANSLATE_NOOP(CONTEXT, "신청일"), lambda r: _day(r.applied_on),
           sort=lambda r: r.applied_on, width=92),
    Column("score", QT_TRANSLATE_NOOP(CONTEXT, "점수"), _score, sort=lambda r: r.score,
           align=Align.RIGHT, export=lambda r: r.score, tooltip=_score_tip, width=56),
    Column("decision", QT_TRANSLATE_NOOP(CONTEXT, "결정"), lambda r: r.decision.label,
           sort=lambda r: list(ApplicantDecision).index(r.decision),
           colour=lambda r: DECISION_COLOURS[r.decision], width=60),
    Column("decided_on", QT_TRANSLATE_NOOP(CONTEXT, "결정일"), lambda r: _day(r.decided_on),
           sort=lambda r: r.decided_on, width=92),
    Column("reason", QT_TRANSLATE_NOOP(CONTEXT, "사유"), lambda r: r.decision_reason,
           tooltip=lambda r: r.decision_reason or None, width=180),
    Column("documents", QT_TRANSLATE_NOOP(CONTEXT, "제출 서류"),
           lambda r: ", ".join(k.label for k in r.documents),
           tooltip=lambda r: ", ".join(k.label for k in r.documents) or None, width=160),
)  # fmt: skip
