"""The program's fixed vocabularies.

Values are stable English codes (what the database stores); ``label`` is the Korean word officers
see and the register workbook uses. Standard library only.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A StrEnum whose members carry a Korean label (``member.label``)."""

    label: str

    def __new__(cls, value: str, label: str) -> _Labelled:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, text: str) -> _Labelled:
        """The member whose Korean label (or code) is ``text``, ignoring spaces and middle dots."""
        key = _squash(text)
        for member in cls:
            if key in (_squash(member.label), member.value):
                return member
        raise ValueError(text)

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]


def _squash(text: str) -> str:
    return "".join(ch for ch in str(text) if ch not in " \t·ㆍ.,/()").lower()


class DevelopmentType(_Labelled):
    REPAIR = "repair", "빈집 수리·리모델링"
    MODULAR = "modular", "이동식 조립주택 구입"
    RENTAL = "rental", "임대운영(지정형)"


class OperatorKind(_Labelled):
    VILLAGE = "village", "마을협의회"
    COUNCIL = "council", "귀농귀촌협의회"
    COUNTY = "county", "시군 직영"


class HouseStatus(_Labelled):
    """Derived from the data (see ``domain.status``), never typed by hand except 취소."""

    BUILDING = "building", "조성중"
    OCCUPIED = "occupied", "운영중"
    VACANT = "vacant", "공실"
    ENDED = "ended", "관리기간 종료"
    CANCELLED = "cancelled", "취소"


class LeaseKind(_Labelled):
    LEASE = "lease", "임대차계약"
    FREE = "free", "무상제공"


class FundingSource(_Labelled):
    NATIONAL = "national", "국비"
    PROVINCE = "province", "도비"
    COUNTY = "county", "군비"
    OWN = "own", "자부담"


class ApplicantDecision(_Labelled):
    PENDING = "pending", "심사중"
    SELECTED = "selected", "선정"
    WAITING = "waiting", "대기"
    REJECTED = "rejected", "탈락"
    WITHDRAWN = "withdrawn", "취하"


class SettlementOutcome(_Labelled):
    UNKNOWN = "unknown", "미확인"
    SETTLED = "settled", "정착"
    LEFT = "left", "타지역 이주"


class ExpenseCategory(_Labelled):
    OPERATION = "operation", "운영"
    MAINTENANCE = "maintenance", "유지"
    REPAIR = "repair", "보수"
    COMMUNITY = "community", "화합행사"


class InspectionKind(_Labelled):
    BEFORE_WORKS = "before_works", "착공 전"
    COMPLETION = "completion", "준공"
    REGULAR = "regular", "정기"
    AD_HOC = "ad_hoc", "수시"
    MOVE_OUT = "move_out", "퇴거"


class FindingStatus(_Labelled):
    OPEN = "open", "조치중"
    DONE = "done", "조치완료"


class PhotoSlot(_Labelled):
    FRONT = "front", "전경"
    DISTANT = "distant", "원경"
    INTERIOR = "interior", "내부"
    SURROUNDINGS = "surroundings", "주변"


class PhotoPhase(_Labelled):
    BEFORE = "before", "착공 전"
    AFTER = "after", "준공 후"
    INSPECTION = "inspection", "점검"


class AttachmentKind(_Labelled):
    LEASE_CONTRACT = "lease_contract", "임대차계약서"
    VACANT_HOUSE_CONSENT = "vacant_house_consent", "빈집 사용승인서"
    APPLICATION = "application", "입주신청서"
    SETTLEMENT_PLAN = "settlement_plan", "귀농정착계획서"
    PRIVACY_CONSENT = "privacy_consent", "개인정보 수집·이용 동의서"
    EDUCATION_CERTIFICATE = "education_certificate", "교육 수료증"
    STAY_CONTRACT = "stay_contract", "입주계약서"
    COMPLETION_REPORT = "completion_report", "착(준)공계"
    RECEIPT = "receipt", "영수증"
    OTHER = "other", "기타"


class ReportKind(_Labelled):
    MONTHLY = "monthly", "월별 추진실적 보고"
    SEMIANNUAL = "semiannual", "반기 추진실적"
    SELECTION = "selection", "대상지역 선정결과"
    RESIDENT_REGISTER = "resident_register", "거주자 명부"
    RENT_LEDGER = "rent_ledger", "임대료 수납대장"
    WORKS_NOTICE = "works_notice", "착(준)공계"
    PHOTO_ALBUM = "photo_album", "사진첩"
    PUBLIC_LISTING = "public_listing", "입주 현황 공개"
    REGISTER = "register", "관리대장"
    RECEIPT = "receipt", "임대료 영수증"
    DEPOSIT_SETTLEMENT = "deposit_settlement", "보증금 정산서"
    VISIT_LIST = "visit_list", "방문 목록"


class Role(_Labelled):
    ADMIN = "admin", "관리자"
    OFFICER = "officer", "담당자"
    VIEWER = "viewer", "열람"
