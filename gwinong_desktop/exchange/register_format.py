"""The app's register workbook: sheet names, exact Korean headers in DOMAIN.md order, column
kinds, and the rows as plain dataclasses (what the reader returns and the writer takes).

One sheet per kind, header in row 1. Amounts are integer 원 in the rows; a header that says
천원 is written and read in 천원 (``Kind.KWON``). Standard library and ``domain`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from gwinong_desktop.domain.enums import DevelopmentType, SettlementOutcome
from gwinong_desktop.domain.results import Severity


class Kind(StrEnum):
    """How a column's cells are read and written."""

    TEXT = "text"
    CODE = "code"  # text; a number cell becomes its digits (관리번호 12 → "12")
    PHONE = "phone"
    COUNT = "count"  # a whole number ≥ 0 ("3명", "40시간" are read too)
    YEAR = "year"
    AREA = "area"  # m², two decimals
    WON = "won"  # 원 (or 천원/만원 when the source header says so)
    KWON = "kwon"  # 천원 in the workbook, 원 in the rows
    DATE = "date"
    MONTH = "month"  # the first day of a month (대상월)
    BOOL = "bool"  # 예 / blank
    DEV_TYPE = "dev_type"  # 조성유형 label
    SETTLEMENT = "settlement"  # 정착여부 label
    CONTACT = "contact"  # a name, perhaps with a phone number written into it
    STRUCTURE = "structure"  # text; "방2, 주방, 화장실" also gives the rooms
    LOCATION = "location"  # an address split into 시도·시군·읍면·리·지번·도로명주소


@dataclass(frozen=True)
class Column:
    key: str  # the field of the row dataclass
    header: str  # the exact Korean header
    kind: Kind
    width: float = 12.0


HOUSE, RESIDENT, PAYMENT = "house", "resident", "payment"


@dataclass(slots=True)
class RegisterHouse:
    """One row of 귀농인의집. ``row`` is the source row number (0 for rows from the database)."""

    row: int = 0
    code: str | None = None
    sido: str | None = None
    sigun: str | None = None
    eupmyeon: str | None = None
    ri: str | None = None
    jibun: str | None = None
    road_address: str | None = None
    operator: str | None = None
    development_type: DevelopmentType | None = None
    program_year: int | None = None
    structure: str | None = None
    rooms: int | None = None
    build_year: int | None = None
    land_area_m2: Decimal | None = None
    floor_area_m2: Decimal | None = None
    national: int | None = None
    province: int | None = None
    county: int | None = None
    own: int | None = None
    started_on: date | None = None
    completed_on: date | None = None
    owner: str | None = None
    lease_start: date | None = None
    lease_end: date | None = None
    lease_free: bool | None = None
    monthly_rent: int | None = None
    deposit: int | None = None
    note: str | None = None
    operator_phone: str | None = None  # from "운영자 (010-…)"; not a column of our own sheet
    owner_phone: str | None = None  # from "소유주 (010-…)"; not a column either
    facility: str | None = None  # the kind of facility, from a county's 구분 column


@dataclass(slots=True)
class RegisterResident:
    """One row of 입주자: a resident and one stay in one house."""

    row: int = 0
    code: str | None = None
    name: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    household_size: int | None = None
    education_hours: int | None = None
    previous_address: str | None = None
    move_in_on: date | None = None
    planned_end_on: date | None = None
    moved_out_on: date | None = None
    monthly_rent: int | None = None
    deposit: int | None = None
    settlement: SettlementOutcome | None = None
    note: str | None = None


@dataclass(slots=True)
class RegisterPayment:
    """One row of 임대료수납: money received from a resident for one month."""

    row: int = 0
    code: str | None = None
    name: str | None = None
    month: date | None = None
    amount: int | None = None
    paid_on: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class SheetFormat:
    kind: str
    name: str  # the sheet's name in our workbook
    label: str  # what the officer reads ("귀농인의 집")
    columns: tuple[Column, ...]
    record: type

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


K = Kind
HOUSE_SHEET = SheetFormat(
    HOUSE,
    "귀농인의집",
    "귀농인의 집",
    (
        Column("code", "관리번호", K.CODE, 14),
        Column("sido", "시도", K.TEXT, 14),
        Column("sigun", "시군", K.TEXT, 10),
        Column("eupmyeon", "읍면", K.TEXT, 10),
        Column("ri", "리", K.TEXT, 10),
        Column("jibun", "지번", K.CODE, 10),
        Column("road_address", "도로명주소", K.TEXT, 40),
        Column("operator", "운영자", K.CONTACT, 22),
        Column("development_type", "조성유형", K.DEV_TYPE, 20),
        Column("program_year", "조성연도", K.YEAR, 10),
        Column("structure", "구조", K.STRUCTURE, 16),
        Column("rooms", "방수", K.COUNT, 7),
        Column("build_year", "건축년도", K.YEAR, 10),
        Column("land_area_m2", "대지면적(m2)", K.AREA, 13),
        Column("floor_area_m2", "건물면적(m2)", K.AREA, 13),
        Column("national", "국비(천원)", K.KWON, 12),
        Column("province", "도비(천원)", K.KWON, 12),
        Column("county", "군비(천원)", K.KWON, 12),
        Column("own", "자부담(천원)", K.KWON, 12),
        Column("started_on", "착공일", K.DATE, 12),
        Column("completed_on", "준공일", K.DATE, 12),
        Column("owner", "소유주", K.CONTACT, 10),
        Column("lease_start", "임대차시작일", K.DATE, 13),
        Column("lease_end", "임대차종료일", K.DATE, 13),
        Column("lease_free", "무상제공", K.BOOL, 9),
        Column("monthly_rent", "월임대료", K.WON, 11),
        Column("deposit", "보증금", K.WON, 12),
        Column("note", "비고", K.TEXT, 40),
    ),
    RegisterHouse,
)
RESIDENT_SHEET = SheetFormat(
    RESIDENT,
    "입주자",
    "입주자",
    (
        Column("code", "관리번호", K.CODE, 14),
        Column("name", "성명", K.TEXT, 10),
        Column("birth_date", "생년월일", K.DATE, 12),
        Column("phone", "연락처", K.PHONE, 15),
        Column("household_size", "세대원수", K.COUNT, 9),
        Column("education_hours", "귀농교육시간", K.COUNT, 12),
        Column("previous_address", "전거주지", K.TEXT, 36),
        Column("move_in_on", "입주일", K.DATE, 12),
        Column("planned_end_on", "퇴거예정일", K.DATE, 12),
        Column("moved_out_on", "퇴거일", K.DATE, 12),
        Column("monthly_rent", "월임대료", K.WON, 11),
        Column("deposit", "보증금", K.WON, 12),
        Column("settlement", "정착여부", K.SETTLEMENT, 12),
        Column("note", "비고", K.TEXT, 30),
    ),
    RegisterResident,
)
PAYMENT_SHEET = SheetFormat(
    PAYMENT,
    "임대료수납",
    "임대료 수납",
    (
        Column("code", "관리번호", K.CODE, 14),
        Column("name", "성명", K.TEXT, 10),
        Column("month", "대상월", K.MONTH, 10),
        Column("amount", "금액", K.WON, 12),
        Column("paid_on", "납부일", K.DATE, 12),
        Column("note", "비고", K.TEXT, 30),
    ),
    RegisterPayment,
)
SHEETS: tuple[SheetFormat, ...] = (HOUSE_SHEET, RESIDENT_SHEET, PAYMENT_SHEET)
SHEET_BY_KIND = {s.kind: s for s in SHEETS}

REQUIRED: dict[str, tuple[str, ...]] = {
    HOUSE: ("code", "sido", "sigun", "eupmyeon", "development_type", "program_year"),
    RESIDENT: ("code", "name", "move_in_on"),
    PAYMENT: ("code", "name", "month", "amount", "paid_on"),
}
"""Fields a row of our own sheet must have. A mapped sheet from another county may leave some
out (the service fills 관리번호, 시도, 시군 and 조성유형, see ``services.register``)."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in the workbook, where it is, and why (Korean)."""

    sheet: str
    row: int | None
    column: str | None
    message_ko: str
    severity: Severity = Severity.REFUSE
    topic: str = ""  # a decision for the whole file (``services.register.decisions``), or ""

    @property
    def is_refusal(self) -> bool:
        return self.severity is Severity.REFUSE

    def place(self) -> str:
        """``시트 '입주자' 12행 '입주일' 열`` (the parts that are known)."""
        parts = [f"시트 '{self.sheet}'"] if self.sheet else ["파일"]
        if self.row:
            parts.append(f"{self.row}행")
        if self.column:
            parts.append(f"'{self.column}' 열")
        return " ".join(parts)

    def __str__(self) -> str:
        return f"{self.place()}: {self.message_ko}"


@dataclass
class RegisterData:
    """The register as rows, with the problems found while reading it."""

    houses: list[RegisterHouse] = field(default_factory=list)
    residents: list[RegisterResident] = field(default_factory=list)
    payments: list[RegisterPayment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet_names: dict[str, str] = field(default_factory=dict)  # kind → source sheet name
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # kind → field → header
    own_columns: dict[str, set[str]] = field(default_factory=dict)  # kind → fields with a column

    @property
    def refusals(self) -> list[Problem]:
        return [p for p in self.problems if p.is_refusal]

    def sheet_of(self, kind: str) -> str:
        return self.sheet_names.get(kind, SHEET_BY_KIND[kind].name)

    def header_of(self, kind: str, key: str) -> str | None:
        """The source header of field ``key`` (our own header when the source has none)."""
        header = self.headers.get(kind, {}).get(key)
        if header is not None:
            return header
        column = SHEET_BY_KIND[kind].column(key)
        return column.header if column is not None else None

    def has_column(self, kind: str, key: str) -> bool:
        return key in self.headers.get(kind, {}) or kind not in self.headers

    def has_own_column(self, kind: str, key: str) -> bool:
        """Whether field ``key`` has a column of its own (not a part of a 위치 or 구조 cell)."""
        if kind not in self.headers:
            return True
        return key in self.own_columns.get(kind, self.headers[kind])
