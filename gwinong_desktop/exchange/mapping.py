"""Column mappings: which source column feeds which field, guessed from similar Korean headers.

A county's own register rarely has our columns. A ``SheetMapping`` says, for one source sheet,
which kind of rows it holds and, per source column, the field it feeds (``targets``; ``IGNORE``
drops the column, ``TO_NOTE`` keeps it in 비고 as "머리글: 값"). Mappings are JSON, keyed by a
hash of the source headers, so a layout mapped once is recognised the next time.

Composite cells are split by the domain (``domain.location.split_address`` for a 위치,
``domain.contacts.split_contact`` for an 운영자 or 소유주 with a phone) and here for a 구조
("방2, 주방, 화장실" gives the rooms); ``exchange.records`` keeps what they do not recognise.
Standard library and ``domain`` only.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import cells
from .register_format import (
    HOUSE,
    PAYMENT,
    RESIDENT,
    SHEET_BY_KIND,
    SHEETS,
    Kind,
)

IGNORE = ""
TO_NOTE = "+note"
LOCATION = "location"
FACILITY = "+facility"

KIND_LABELS = {HOUSE: "귀농인의 집", RESIDENT: "입주자", PAYMENT: "임대료 수납", "": "읽지 않음"}


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    kind: Kind | None


def targets(kind: str) -> list[Target]:
    """What a column of a ``kind`` sheet may feed, in the order shown to the officer."""
    if kind not in SHEET_BY_KIND:
        return [Target(IGNORE, "(읽지 않음)", None)]
    out = [Target(IGNORE, "(읽지 않음)", None), Target(TO_NOTE, "(비고에 덧붙임)", None)]
    out += [Target(c.key, c.header, c.kind) for c in SHEET_BY_KIND[kind].columns]
    if kind == HOUSE:
        out.append(Target(LOCATION, "위치 (주소를 읍면·리·지번·도로명주소로 나눔)", Kind.LOCATION))
        out.append(Target(FACILITY, "시설 종류 (귀농인의 집이 아닌 행은 한 묶음으로)", None))
    return out


def target_label(kind: str, key: str) -> str:
    return next((t.label for t in targets(kind) if t.key == key), key)


# Other names counties use for our fields (compared after ``normalize_header``).
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    HOUSE: {
        "code": ("관리번호", "주택번호", "고유번호"),
        "sido": ("시도", "광역시도"),
        "sigun": ("시군", "시군구", "시군명"),
        "eupmyeon": ("읍면", "읍면동", "읍면명"),
        "ri": ("리", "마을", "리마을", "행정리", "법정리"),
        "jibun": ("지번", "번지"),
        "road_address": ("도로명주소", "도로명"),
        LOCATION: ("위치", "소재지", "주소", "주소지", "소재지주소"),
        "operator": ("운영자", "운영주체", "운영단체", "사업자명운영자명", "운영자명", "사업자명"),
        "development_type": ("조성유형", "구분", "유형", "사업유형", "조성방식", "조성형태"),
        "program_year": ("조성연도", "조성년도", "사업연도", "사업년도", "선정연도", "연도"),
        "structure": ("구조", "건물구조", "주택구조"),
        "rooms": ("방수", "방개수", "방", "방의수"),
        "build_year": ("건축년도", "건축연도", "건립연도", "준공년도"),
        "land_area_m2": ("대지면적", "대지", "부지면적", "토지면적"),
        "floor_area_m2": ("건물면적", "연면적", "면적", "주택규모", "건축면적", "주택면적"),
        "national": ("국비", "국고보조", "국고"),
        "province": ("도비", "시도비"),
        "county": ("군비", "시군비", "시비"),
        "own": ("자부담", "자담", "자부담금"),
        "started_on": ("착공일", "착공", "착공일자"),
        "completed_on": ("준공일", "준공", "준공일자", "완공일"),
        "owner": ("소유주", "소유자", "집주인", "소유주성명"),
        "lease_start": ("임대차시작일", "임대시작일", "계약시작일", "임대차계약시작일"),
        "lease_end": ("임대차종료일", "임대종료일", "계약종료일", "임대차계약종료일"),
        "lease_free": ("무상제공", "무상", "무상임대"),
        "monthly_rent": ("월임대료", "임대료", "월세", "월사용료", "사용료"),
        "deposit": ("보증금", "임대보증금"),
        "note": ("비고", "메모", "참고"),
        FACILITY: ("시설구분", "시설종류", "시설유형", "시설명", "시설", "종류"),
    },
    RESIDENT: {
        "code": ("관리번호", "주택번호"),
        "name": ("성명", "이름", "입주자", "입주자명", "입주자성명", "대표자"),
        "birth_date": ("생년월일", "생일"),
        "phone": ("연락처", "전화번호", "휴대폰", "휴대전화", "전화"),
        "household_size": ("세대원수", "세대원", "가구원수", "인원", "입주인원", "가족수"),
        "education_hours": ("귀농교육시간", "교육시간", "귀농교육", "교육이수시간"),
        "previous_address": ("전거주지", "이전주소", "전주소", "종전주소", "전거주지주소"),
        "move_in_on": ("입주일", "입주일자", "입주시작일", "이용시작일"),
        "planned_end_on": ("퇴거예정일", "이용종료일", "계약종료일", "입주종료일"),
        "moved_out_on": ("퇴거일", "퇴거일자", "실제퇴거일"),
        "monthly_rent": ("월임대료", "임대료", "월세"),
        "deposit": ("보증금",),
        "settlement": ("정착여부", "정착", "정착현황"),
        "note": ("비고", "메모"),
    },
    PAYMENT: {
        "code": ("관리번호", "주택번호"),
        "name": ("성명", "이름", "납부자", "입주자"),
        "month": ("대상월", "해당월", "납부대상월", "부과월", "월"),
        "amount": ("금액", "납부액", "납부금액", "수납액", "수납금액"),
        "paid_on": ("납부일", "납부일자", "수납일", "입금일"),
        "note": ("비고", "메모"),
    },
}

# Fields that tell one kind of sheet from another (code, name, rent, note appear in several).
_DISTINCT: dict[str, set[str]] = {
    HOUSE: set(SYNONYMS[HOUSE]) - {"code", "monthly_rent", "deposit", "note"},
    RESIDENT: set(SYNONYMS[RESIDENT]) - {"code", "name", "monthly_rent", "deposit", "note"},
    PAYMENT: {"month", "amount", "paid_on"},
}
_SHEET_HINTS = (
    (PAYMENT, ("수납", "납부", "임대료")),
    (RESIDENT, ("입주", "거주자")),
    (HOUSE, ("집", "주택", "대장")),
)


def normalize_header(text: str) -> str:
    """A header as compared: bracketed units dropped ("대지면적(m2)" → "대지면적"), spaces,
    line breaks and middle dots removed."""
    text = re.sub(r"[(\[（［][^)\]）］]*[)\]）］]", "", str(text))
    return "".join(ch for ch in text if ch not in " \t\r\n·ㆍ・_-/.").strip()


def headers_signature(headers: list[str]) -> str:
    joined = "\x1f".join(h.strip() for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:40]


def _score(header: str, names: tuple[str, ...]) -> float:
    if not header:
        return 0.0
    best = 0.0
    for name in names:
        if header == name:
            return 1.0
        if len(name) >= 3 and (name in header or header in name):
            best = max(best, 0.85)
        else:
            best = max(best, difflib.SequenceMatcher(None, header, name).ratio())
    return best if best >= 0.8 else 0.0


def guess_targets(
    kind: str, headers: list[str], samples: Sequence[Sequence[object]] = ()
) -> list[str]:
    """The likeliest field per source column (each field once); unknown columns go to 비고.

    Headers propose, values decide: a column whose values name kinds of facility
    ("귀농인의집", "귀농인쉼터") is the facility kind whatever its header (구분 is also a usual
    header of 조성유형), and a column whose values mostly cannot be read as the field its
    header suggests (a year, a date, an area, 조성유형 …) goes to 비고 instead of refusing
    every row."""
    if kind not in SYNONYMS:
        return [IGNORE] * len(headers)
    normalized = [normalize_header(h) for h in headers]
    values = [_column_values(samples, index) for index in range(len(headers))]
    scored = []
    for index, header in enumerate(normalized):
        if kind == HOUSE and _names_facilities(values[index]):
            scored.append((2.0, True, -index, index, FACILITY))
        for key, names in SYNONYMS[kind].items():
            score = _score(header, names)
            if score and _values_fit(kind, key, headers[index], values[index]):
                # an exact header of our own sheet beats a synonym of another field
                scored.append((score, index == _own_index(kind, key), -index, index, key))
    scored.sort(reverse=True)
    result: list[str | None] = [None] * len(headers)
    used: set[str] = set()
    for *_rank, index, key in scored:
        if result[index] is None and key not in used:
            result[index] = key
            used.add(key)
    return [
        t if t is not None else (TO_NOTE if headers[i].strip() else IGNORE)
        for i, t in enumerate(result)
    ]


def _column_values(samples: Sequence[Sequence[object]], index: int) -> list[object]:
    return [
        row[index]
        for row in samples
        if index < len(row) and row[index] is not None and str(row[index]).strip()
    ]


_OURS = ("귀농인의집", "귀농인집")
_FACILITY_WORDS = (
    *_OURS, "쉼터", "임시거주", "임시주거", "체류형", "지원센터", "게스트하우스", "귀농인주택",
    "귀촌인의집", "귀농귀촌주택", "농촌체험", "창업지원",
)  # fmt: skip


def is_our_facility(text: str) -> bool:
    """Whether a facility kind names a 귀농인의 집 ("귀농인의집", "귀농인의 집")."""
    squashed = "".join(text.split())
    return any(word in squashed for word in _OURS)


def _names_facilities(values: list[object]) -> bool:
    texts = ["".join(str(v).split()) for v in values if isinstance(v, str)]
    hits = sum(1 for t in texts if any(w in t for w in _FACILITY_WORDS))
    return bool(texts) and hits * 2 >= len(values)


_LENIENT = (Kind.TEXT, Kind.CODE, Kind.PHONE, Kind.CONTACT, Kind.STRUCTURE, Kind.LOCATION)


def _values_fit(kind: str, key: str, header: str, values: list[object]) -> bool:
    """Whether most sample values can be read as field ``key`` (True with no samples, and
    always for our own header: a bad cell there is the officer's to fix, row by row)."""
    column = SHEET_BY_KIND[kind].column(key)
    if column is None or column.kind in _LENIENT or not values:
        return True
    if normalize_header(header) == normalize_header(column.header):
        return True
    from .records import parser_for  # records builds on this module

    parse = parser_for(column.kind, header, cells.WINDOWS_EPOCH)
    read = 0
    for value in values:
        try:
            parse(value)
        except cells.CellError:
            continue
        read += 1
    return read * 2 > len(values)


def _own_index(kind: str, key: str) -> int:
    keys = [c.key for c in SHEET_BY_KIND[kind].columns]
    return keys.index(key) if key in keys else -1


def guess_kind(sheet: str, headers: list[str]) -> str:
    """Which kind of rows a sheet holds: by our sheet names, else by the headers it has."""
    for fmt in SHEETS:
        if sheet.strip() == fmt.name:
            return fmt.kind
    normalized = [normalize_header(h) for h in headers]
    scores = {}
    for kind, keys in _DISTINCT.items():
        scores[kind] = sum(
            1 for key in keys if any(_score(h, SYNONYMS[kind][key]) >= 1.0 for h in normalized)
        )
    for kind, hints in _SHEET_HINTS:
        if any(h in sheet for h in hints):
            scores[kind] += 0.5
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 2 else ""


ORIGINS = {
    "own": "이 프로그램의 관리대장 형식",
    "guessed": "머리글과 값으로 짐작함",
    "remembered": "전에 고른 열 맞춤",
    "file": "열 맞춤 파일",
    "chosen": "직접 고름",
}
"""Where a sheet's mapping came from (``SheetMapping.origin``), as the officer reads it."""


@dataclass
class SheetMapping:
    """How one source sheet is read."""

    sheet: str
    kind: str  # HOUSE, RESIDENT, PAYMENT, or "" (not read)
    header_row: int
    headers: list[str]
    targets: list[str] = field(default_factory=list)
    samples: list[list[object]] = field(default_factory=list, repr=False, compare=False)
    origin: str = field(default="guessed", compare=False)  # see ORIGINS

    def __post_init__(self) -> None:
        if not self.targets:
            self.targets = guess_targets(self.kind, self.headers, self.samples)

    @property
    def signature(self) -> str:
        return headers_signature(self.headers)

    def mapped(self, key: str) -> bool:
        return key in self.targets

    def is_own_format(self) -> bool:
        """Whether this is exactly our sheet (the mapping then needs no remembering)."""
        fmt = SHEET_BY_KIND.get(self.kind)
        return (
            fmt is not None
            and [h.strip() for h in self.headers] == fmt.headers
            and self.targets == [c.key for c in fmt.columns]
        )

    def missing(self) -> list[str]:
        """Labels of the fields this sheet must map and does not (see ``REQUIRED_MAPPED``)."""
        needed = REQUIRED_MAPPED.get(self.kind, ())
        out = []
        for alternatives in needed:
            if not any(self.mapped(k) for k in alternatives):
                out.append(" 또는 ".join(target_label(self.kind, k) for k in alternatives))
        return out

    def to_json(self) -> str:
        return json.dumps(
            {"kind": self.kind, "headers": self.headers, "targets": self.targets},
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str, sheet: str, header_row: int, headers: list[str]) -> SheetMapping:
        """A remembered mapping applied to a sheet with the same headers (ValueError if not)."""
        data = json.loads(text)
        if [h.strip() for h in data["headers"]] != [h.strip() for h in headers]:
            raise ValueError("headers differ")
        kind = data["kind"] if data["kind"] in KIND_LABELS else ""
        valid = {t.key for t in targets(kind)}
        chosen = [t if t in valid else IGNORE for t in data["targets"]]
        if len(chosen) != len(headers):
            raise ValueError("column count differs")
        return cls(sheet, kind, header_row, list(headers), chosen, origin="remembered")


REQUIRED_MAPPED: dict[str, tuple[tuple[str, ...], ...]] = {
    HOUSE: (("eupmyeon", LOCATION), ("program_year", "completed_on", "started_on")),
    RESIDENT: (("code",), ("name",), ("move_in_on",)),
    PAYMENT: (("code",), ("name",), ("month",), ("amount",), ("paid_on",)),
}
"""Fields each kind of sheet must feed; the rest may be missing (the service fills 관리번호,
시도, 시군 and 조성유형 for a house, or leaves a field empty)."""


@dataclass
class RegisterMapping:
    sheets: list[SheetMapping]

    def for_kind(self, kind: str) -> SheetMapping | None:
        return next((s for s in self.sheets if s.kind == kind), None)

    def duplicate_kinds(self) -> list[str]:
        kinds = [s.kind for s in self.sheets if s.kind]
        return sorted({k for k in kinds if kinds.count(k) > 1})


# --- composite cells ------------------------------------------------------------------------

_ROOMS = (
    re.compile(r"방\s*(\d{1,2})\s*(?:개|칸)?"),
    re.compile(r"(\d{1,2})\s*(?:개|칸)?\s*방"),
)
_ROOM_WORDS = {"원룸": 1, "투룸": 2, "쓰리룸": 3}


def rooms_from_structure(text: str) -> int | None:
    """ "방2, 주방, 화장실, 거실" → 2; "원룸" → 1; None if the text names no room count."""
    for pattern in _ROOMS:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    squashed = "".join(text.split())
    return next((n for word, n in _ROOM_WORDS.items() if word in squashed), None)
