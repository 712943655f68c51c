"""How a stored change reads to an officer: Korean names of record kinds, fields, values and setting
keys, with units and dates as officers write them. The one table of field labels per model, for
the house's history (``history``) and the access records (``audit_log``) alike.

An audit event keeps ``{field: [old, new]}`` as plain JSON (enum codes, ISO dates and times,
integers); :func:`change_lines` turns that into "연 임차료: 1,200,000원 → 1,500,000원",
"권한: 열람 → 담당자", "자동 잠금 시간: 15분", "보관일시: 2026.12.4. 20:35". Internal keys
(uid, hash, stored path, ids that name no record) are not shown. Times are KST, as the officers
read them wherever the PC is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain import enums, folder_settings
from gwinong_desktop.domain.periods import format_date_ko, format_moment
from gwinong_desktop.domain.rules import FIELD_LABELS, RULE_SPECS, RuleKey
from gwinong_desktop.storage.fieldcrypt import FOLDER_ID_KEY
from gwinong_desktop.storage.models import House, Operator, Owner

from .rule_gate import rule_label

ENTITY_LABELS: dict[str, str] = {
    "house": "귀농인의 집",
    "lease": "임대차계약",
    "owner": "소유주",
    "operator": "운영자",
    "development": "조성사업",
    "obligation": "원인행위",
    "own_fund_payment": "자부담 집행",
    "designation": "지정(임대운영)",
    "annual_plan": "연간계획",
    "recruitment": "입주자 모집",
    "applicant": "입주신청자",
    "resident": "입주자",
    "household_member": "세대원",
    "stay": "입주",
    "rent_charge": "임대료 부과",
    "payment": "임대료 납부",
    "deposit": "보증금",
    "expense": "지출",
    "rent_support": "임대료 지원",
    "inspection": "점검",
    "finding": "지적사항",
    "visit": "현장 방문",
    "visit_stop": "방문할 집",
    "photo": "사진",
    "attachment": "첨부서류",
    "report": "보고서",
    "rule_override": "규칙 예외",
    "rule_value": "규칙 값",
    "setting": "설정",
    "app_user": "사용자 계정",
    "audit_event": "접속·변경 기록",
    "due_note": "알림 처리",
    "day_off": "휴무일",
    "field_kit": "현장 자료",
    "merge_item": "현장 자료 검토 항목",
    "register": "관리대장",
    "demo": "예시 자료",
    "backup": "백업",
    "key": "암호화 키",
    "files": "파일",
}

_FIELDS: dict[str, str] = {
    **FIELD_LABELS,
    "code": "관리번호",
    "sido": "시도",
    "sigun": "시군",
    "eupmyeon": "읍면",
    "ri": "리",
    "jibun": "지번",
    "road_address": "도로명주소",
    "latitude": "위도",
    "longitude": "경도",
    "development_type": "조성유형",
    "program_year": "조성연도",
    "structure": "구조",
    "build_year": "건축년도",
    "operator_id": "운영자",
    "cancelled_on": "사업 취소일",
    "note": "비고",
    "archived_at": "보관일시",
    "archive_reason": "보관 사유",
    "house_id": "귀농인의 집",
    "owner_id": "소유주",
    "kind": "구분",
    "start_on": "시작일",
    "end_on": "종료일",
    "renews_lease_id": "갱신 전 계약",
    "name": "이름",
    "address": "주소",
    "phone": "연락처",
    "representative": "대표자",
    "year": "연도",
    "month": "대상월",
    "title": "사업명",
    "contractor": "시공업체",
    "started_on": "착공일",
    "planned_completion_on": "준공예정일",
    "completed_on": "준공일",
    "progress_pct": "공정",
    "delay_reason": "부진원인",
    "completion_reported_on": "사업완료 보고일",
    "development_id": "조성사업",
    "obligated_on": "원인행위일",
    "source": "재원",
    "paid_on": "납부일",
    "lease_id": "임대차계약",
    "original_name": "파일 이름",
    "size_bytes": "크기",
    "entity": "대상",
    "rule": "규칙",
    "value": "값",
    "limit": "기준",
    "message": "경고 내용",
    "reason": "사유",
    "actor": "입력한 사람",
    "move_in_on": "입주일",
    "planned_end_on": "퇴거예정일",
    "extended_to": "연장 종료일",
    "moved_out_on": "퇴거일",
    "household_size": "세대원수",
    "education_hours": "귀농교육시간",
    "birth_date": "생년월일",
    "previous_address": "전거주지",
    "settlement": "정착여부",
    "inspected_on": "점검일",
    "slot": "사진 구분",
    "phase": "촬영 시기",
    "caption": "설명",
    "taken_at": "촬영일시",
    "sent_on": "보낸 날",
    "created_by": "만든 사람",
    "project_name": "세부사업명",
    "account_name": "회계명",
    "workload": "사업량",
    "loan": "융자",
    "local": "지방비",
    "planned_progress_pct": "계획 진도",
    "with_family": "가족과 함께 입주",
    "applied_on": "신청일",
    "wanted_house_id": "희망하는 집",
    "score": "점수",
    "rank": "순위",
    "decision": "결정",
    "decided_on": "결정일",
    "spent_on": "지출일",
    "category": "구분",
    "description": "내용",
    "inspector": "점검자",
    "summary": "요약",
    "inspection_id": "점검",
    "due_on": "기한",
    "status": "상태",
    "action_taken": "조치결과",
    "resolved_on": "조치일",
    "width": "가로",
    "height": "세로",
    "applicant_id": "입주신청자",
    "settled_on": "정착일",
    "moved_in_registered": "전입 신고",
    "farm_registered": "농업경영체 등록",
    "settled_address": "정착한 곳",
    "resident_id": "입주자",
    "relation": "관계",
    "contract_on": "계약일",
    "extension_reason": "연장 사유",
    "stay_id": "입주",
    "received_on": "받은 날",
    "returned_on": "돌려준 날",
    "deduction_reason": "공제 사유",
    "method": "납부 방법",
    "waived_reason": "면제 사유",
    "notice_from": "공고 시작일",
    "notice_to": "공고 종료일",
    "conditions": "자격·조건",
    "recruitment_id": "입주자 모집",
    "decision_reason": "결정 사유",
    "score_detail": "항목별 점수",
    "extension_requested": "입주자 연장 희망",
    "prepaid_months": "선납 개월",
    "expense_id": "지출",
    "designation_id": "지정(임대운영)",
    "checklist": "점검 항목",
    "visit_id": "현장 방문",
    "planned_on": "방문 예정일",
    "position": "방문 순서",
    "action_required": "조치할 사항",
}
"""Field names every model shares; ``_BY_ENTITY`` names what one model means otherwise."""

_BY_ENTITY: dict[str, dict[str, str]] = {
    "app_user": {
        "username": "아이디",
        "display_name": "이름",
        "role": "권한",
        "active": "사용",
        "password_hash": "비밀번호",
        "failed_logins": "로그인 실패 횟수",
        "locked_until": "잠금 해제 시각",
    },
    "obligation": {"paid_on": "집행일"},
    "own_fund_payment": {"paid_on": "집행일"},
    "setting": {"key": "설정 항목"},
    "rule_value": {"key": "규칙", "source": "근거"},
    "audit_event": {"at": "일시", "host": "PC", "action": "작업", "changes": "바뀐 값"},
    "rent_charge": {"due_on": "납부 기한"},
    "recruitment": {"title": "모집 공고명", "decided_on": "선정일"},
    "rent_support": {"month": "지원 대상월", "paid_on": "지급일"},
    "due_note": {
        "kind": "알림 종류",
        "subject": "알림 대상",
        "until": "다시 알릴 날",
        "reason": "사유",
        "actor": "처리한 사람",
    },
    "day_off": {"on": "날짜", "name": "휴무일 이름"},
    "field_kit": {
        "kit_uid": "현장 자료 번호",
        "direction": "내보냄·가져옴",
        "county": "시군",
        "houses": "집",
        "exported_at": "내보낸 일시",
        "exported_by": "내보낸 사람",
        "imported_at": "가져온 일시",
        "imported_by": "가져온 사람",
        "summary": "요약",
    },
    "merge_item": {
        "kind": "검토 종류",
        "entity": "자료 종류",
        "record_uid": "자료",
        "other_uid": "사무실 자료",
        "field": "항목",
        "base_value": "내보낼 때 값",
        "office_value": "사무실 값",
        "laptop_value": "현장 값",
        "office_actor": "사무실에서 바꾼 사람",
        "office_at": "사무실에서 바꾼 일시",
        "laptop_actor": "현장에서 바꾼 사람",
        "laptop_at": "현장에서 바꾼 일시",
        "status": "처리 상태",
        "resolved_value": "정한 값",
        "note": "메모",
        "resolved_by": "정한 사람",
        "resolved_at": "정한 일시",
        "field_kit_id": "현장 자료",
    },
}

_HIDDEN = frozenset(
    {"revision", "uid", "sha256", "stored_path", "entity_uid", "hash", "prev_hash", "user_id"}
)

_MAPPING_PREFIX = "register_mapping:"  # services.register.MAPPING_KEY (not imported: heavy)

_ENUMS: dict[tuple[str, str], type[Enum]] = {
    ("house", "development_type"): enums.DevelopmentType,
    ("lease", "kind"): enums.LeaseKind,
    ("operator", "kind"): enums.OperatorKind,
    ("obligation", "source"): enums.FundingSource,
    ("attachment", "kind"): enums.AttachmentKind,
    ("inspection", "kind"): enums.InspectionKind,
    ("visit", "kind"): enums.InspectionKind,
    ("photo", "slot"): enums.PhotoSlot,
    ("photo", "phase"): enums.PhotoPhase,
    ("app_user", "role"): enums.Role,
    ("resident", "settlement"): enums.SettlementOutcome,
    ("applicant", "decision"): enums.ApplicantDecision,
    ("report", "kind"): enums.ReportKind,
    ("expense", "category"): enums.ExpenseCategory,
    ("finding", "status"): enums.FindingStatus,
}

_MONEY = frozenset(
    {"budget_national", "budget_province", "budget_county", "budget_own", "monthly_rent",
     "deposit", "deposit_amount", "monthly_support", "annual_rent", "amount", "returned_amount"}
)  # fmt: skip
_UNITS: dict[str, str] = {
    "planned_progress_pct": "%",
    "width": "픽셀",
    "height": "픽셀",
    "score": "점",
    "land_area_m2": "㎡",
    "floor_area_m2": "㎡",
    "progress_pct": "%",
    "household_size": "명",
    "rooms": "개",
    "education_hours": "시간",
    "size_bytes": "바이트",
    "failed_logins": "회",
}
_YEARS = frozenset({"program_year", "build_year", "year"})


def _setting_names() -> dict[str, tuple[str, str]]:
    """(label, unit) of each declared setting: "자동 잠금 시간(분)" reads "자동 잠금 시간", "분"."""
    out = {}
    for setting in folder_settings.ALL:
        label, unit = setting.label, ""
        if label.endswith(")") and "(" in label:
            label, unit = label[:-1].split("(", 1)
        out[setting.key] = (label, unit)
    return out


SETTING_LABELS: dict[str, tuple[str, str]] = _setting_names()
"""Korean names (and units) of the setting keys declared in ``domain.folder_settings``."""


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, "기타 기록")


def field_label(entity: str, name: str) -> str:
    """ "연 임차료" for ``annual_rent``; a field nobody named is shown as "기타 항목"."""
    if name.endswith("_encrypted"):  # the trail keeps only "(암호화됨)" for these
        return "암호화된 개인정보"
    return _BY_ENTITY.get(entity, {}).get(name) or _FIELDS.get(name, "기타 항목")


def setting_label(key: str) -> str:
    if key == FOLDER_ID_KEY:
        return "데이터 폴더 식별값"
    if key.startswith(_MAPPING_PREFIX):
        return "관리대장 열 지정"
    return SETTING_LABELS.get(key, ("기타 설정", ""))[0]


def rule_name(rule: str) -> str:
    """The rule's or check's Korean name; a code nobody named is not shown as it is."""
    label = rule_label(rule)
    return "기타 확인 사항" if label == rule and rule.isascii() else label


def _moment(text: str) -> str | None:
    """An ISO time or date written by the audit trail, as officers write it; None otherwise."""
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:
            if len(text) == 10:
                return format_date_ko(date.fromisoformat(text))
            return format_moment(datetime.fromisoformat(text))
        except ValueError:
            return None
    return None


def shown_value(entity: str, name: str, value: object) -> str:
    """One stored value as the officer reads it ("" for nothing)."""
    if value is None or value == "":
        return ""
    enum_cls = _ENUMS.get((entity, name))
    if enum_cls is not None:
        try:
            return str(enum_cls(value).label)  # type: ignore[attr-defined]
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return "예" if value else "아니요"
    if isinstance(value, int | float) and name in _YEARS:
        return f"{value}년"
    if isinstance(value, int | float) and name in _MONEY:
        return f"{value:,}원"
    if isinstance(value, str) and name in _MONEY and value.lstrip("-").isdigit():
        return f"{int(value):,}원"
    if isinstance(value, int | float | str) and name in _UNITS:
        try:
            number = float(value)
        except ValueError:
            return str(value)
        text = f"{number:,.2f}".rstrip("0").rstrip(".") if "." in str(value) else f"{value:,}"
        return f"{text}{_UNITS[name]}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, str):
        return _moment(value) or value
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def _pair(changes: Mapping[str, object], name: str) -> tuple[object, object]:
    pair = changes.get(name)
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return pair[0], pair[1]
    return None, None


def _setting_changes(changes: Mapping[str, object], key: str | None) -> list[FieldChange]:
    key = key or str(_pair(changes, "key")[1] or "")
    unit = SETTING_LABELS.get(key, ("", ""))[1]
    old, new = _pair(changes, "value")

    def shown(v: object) -> str:
        if v is None or v == "":
            return ""
        if key == FOLDER_ID_KEY or key.startswith(_MAPPING_PREFIX):
            return "(정해짐)"
        return f"{v}{unit}" if unit else str(v)

    return [FieldChange("value", setting_label(key), shown(old), shown(new))]


def _rule_value_changes(changes: Mapping[str, object]) -> list[FieldChange]:
    key = str(_pair(changes, "key")[1] or "")
    year = _pair(changes, "year")[1]
    try:
        spec = RULE_SPECS[RuleKey(key)]
    except ValueError:
        spec = None

    def shown(v: object) -> str:
        if v is None or v == "":
            return ""
        if spec is not None and str(v).lstrip("-").isdigit():
            return spec.format_value(int(str(v)))
        return str(v)

    label = spec.name if spec is not None else "규칙 값"
    if year:
        label = f"{year}년 {label}"
    old, new = _pair(changes, "value")
    out = [FieldChange("value", label, shown(old), shown(new))]
    source_old, source_new = _pair(changes, "source")
    if source_old or source_new:
        out.append(FieldChange("source", "근거", str(source_old or ""), str(source_new or "")))
    return out


def override_summary(changes: Mapping[str, object]) -> str:
    """A warning gone past: "소유주 임대차 최소기간 (값 2031.2.28., 기준 7년) · 사유: …"."""
    rule = str(_pair(changes, "rule")[1] or "")
    value, limit = _pair(changes, "value")[1], _pair(changes, "limit")[1]
    try:
        spec = RULE_SPECS[RuleKey(rule)]
        if limit is not None and str(limit).replace(",", "").isdigit():
            limit = spec.format_value(int(str(limit).replace(",", "")))
    except ValueError:
        pass
    text = rule_name(rule)
    if value or limit:
        text += f" (값 {value or '—'}, 기준 {limit or '—'})"
    return f"{text} · 사유: {_pair(changes, 'reason')[1] or ''}"


def field_changes(
    entity: str,
    changes: Mapping[str, object] | None,
    names: Mapping[str, Mapping[object, str]] | None = None,
) -> list[FieldChange]:
    """Every shown change of one event, in Korean; ``names`` turns ids into names
    (``{"owner_id": {14: "정순례"}}``)."""
    if not changes:
        return []
    if entity == "setting":
        return _setting_changes(changes, None)
    if entity == "rule_value":
        return _rule_value_changes(changes)
    names = names or {}
    out = []
    for name, pair in changes.items():
        if name in _HIDDEN or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        old, new = pair
        if name in names:
            old, new = names[name].get(old, old), names[name].get(new, new)
        if name == "password_hash":  # the trail keeps only that it changed
            old, new = ("정해져 있음" if old else ""), ("새로 정함" if new else "")
        out.append(
            FieldChange(
                name,
                field_label(entity, name),
                shown_value(entity, name, old),
                shown_value(entity, name, new),
            )
        )
    return out


_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?)?"
)


def korean_text(text: str) -> str:
    """Stored text (an event's summary) with every ISO date or time written as officers do."""
    return _ISO.sub(lambda m: _moment(m.group(0).replace(" ", "T")) or m.group(0), text)


_REFERENCES = {"house_id": (House.id, House.code), "operator_id": (Operator.id, Operator.name),
               "owner_id": (Owner.id, Owner.name)}  # fmt: skip


def referenced_names(
    session: Session, changes: Iterable[Mapping[str, object] | None]
) -> dict[str, dict[object, str]]:
    """The names of the records that ``changes`` point at by id (a house by its 관리번호)."""
    wanted: dict[str, set[int]] = {key: set() for key in _REFERENCES}
    for change in changes:
        for key in _REFERENCES:
            for value in _pair(change or {}, key):
                if isinstance(value, int):
                    wanted[key].add(value)
    out: dict[str, dict[object, str]] = {}
    for key, ids in wanted.items():
        if ids:
            id_column, name_column = _REFERENCES[key]
            rows = session.execute(select(id_column, name_column).where(id_column.in_(ids)))
            out[key] = {i: n for i, n in rows}
    return out
