"""Building workbooks for the exchange tests with openpyxl (good ones and bad ones)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from gwinong_desktop.exchange.register_format import HOUSE_SHEET, PAYMENT_SHEET, RESIDENT_SHEET

HOUSE_ROW = [
    "진안-2020-01", "전북특별자치도", "진안군", "백운면", "노촌리", "123", None, "노촌마을협의회",
    "빈집 수리·리모델링", 2020, "목조", 2, 1978, 495, 62.8, 15000, 4500, 10500, 0,
    "2020-05-01", "2020-10-30", "김소유", "2020-03-01", "2027-02-28", None, 100000, 500000, None,
]  # fmt: skip
RESIDENT_ROW = [
    "진안-2020-01", "박하늘", "1980-01-02", "010-1234-5678", 2, 40, "서울특별시 마포구",
    "2021-03-01", "2022-02-28", "2022-02-28", 100000, 500000, "정착", None,
]  # fmt: skip
PAYMENT_ROW = ["진안-2020-01", "박하늘", "2021-03", 100000, "2021-03-05", None]


def register_book(
    path: Path,
    houses: list[list] | None = None,
    residents: list[list] | None = None,
    payments: list[list] | None = None,
) -> Path:
    """Our own format with the given data rows (default: one of each)."""
    wb = Workbook()
    wb.remove(wb.active)
    for fmt, rows, default in (
        (HOUSE_SHEET, houses, HOUSE_ROW),
        (RESIDENT_SHEET, residents, RESIDENT_ROW),
        (PAYMENT_SHEET, payments, PAYMENT_ROW),
    ):
        ws = wb.create_sheet(fmt.name)
        ws.append(fmt.headers)
        for row in rows if rows is not None else [default]:
            ws.append(row)
    wb.save(path)
    return path


def with_cell(row: list, header: str, value: object, fmt=HOUSE_SHEET) -> list:
    out = list(row)
    out[fmt.headers.index(header)] = value
    return out


COUNTY_LIST_HEADERS = ["구분", "조성연도", "위치", "운영자", "면적(㎡)", "구조"]
COUNTY_LIST_ROWS = [
    ["귀농인의집", 2016, "백운면 노촌길 4", "노촌마을협의회 (010-1234-5678)", 62.8,
     "방2, 주방, 화장실, 거실"],
    ["귀농인의집", 2016, "마령면 원평지길7", "원평지마을회(432-7788)", 59.5, "방2, 주방, 화장실"],
    ["귀농인의 집", "2017", "주천면 대불리 131", "대불마을회 / 063-432-1111", "66",
     "방 3개, 주방, 화장실"],
    ["귀농인의집", 2017, "부귀면 봉암리 산 45-2 외 1필지", "봉암마을회 T.433-2222", 49.5,
     "방2, 거실"],
    ["귀농인의집", 2018, "진안읍 중앙로12번길 3, 2층 (군상리)",
     "진안군귀농귀촌협의회 ☎063-430-2345", "84.2㎡", "방3, 주방, 화장실 2"],
    ["귀농인쉼터", 2018, "동향면 능금길 56-2", "능금마을회 HP 010-2222-3333", 33, "원룸"],
    ["귀농인의집", 2019, "백운면 노촌리 노촌길 12", "노촌마을협의회 (010-1234-5678)", 70.1,
     "방2, 주방, 화장실, 거실"],
    ["귀농인의집", 2019, "용담면 옥거리 312-1 행복빌라 101호", "옥거마을회(T.063-432-5555)", 45,
     "방2, 주방"],
    ["귀농인쉼터", 2019, "정천면 봉학리 산12", "봉학마을회", 28.5, "원룸, 화장실"],
    ["귀농인의집", 2020, "상전면 용평리 215 (구 마을회관)", "용평마을회 H.P 010-3333-4444", 60,
     "방2, 주방, 화장실"],
    ["귀농인의집", 2020, "안천면 안천길12-3", "안천면귀농귀촌협의회 010 4444 5555", 72.7, "방3"],
    ["귀농인의집", 2021, "성수면 좌포리 450번지", "좌포마을회 (☎ 432-6666)", 58,
     "방2, 주방, 화장실, 거실"],
    ["귀농인의집", 2021, "백운면 덕현리 산 7-1", "진안군 (직영)", 62, "방 2, 주방"],
    ["귀농인쉼터", 2021, "마령면 계서리 220", "계서마을회/432-7777", 30, "원룸"],
    ["귀농인의집", 2022, "부귀면 세동길 45 (세동리)", "세동마을회 Tel:063-432-8888", 66.1,
     "방2, 주방, 화장실"],
    ["귀농인의집", 2022, "주천면 운봉리 88 외 2필지", "운봉마을회 (HP 010-5555-6666)", 80,
     "방3, 주방, 화장실, 거실"],
    ["귀농인의집", 2023, "진안읍 반월리 512-3", "반월마을회(이장 김반월, 010-6666-7777)", 55.5,
     "방2"],
    ["귀농인의집", 2023, "동향면 학선리 1012", "학선마을회", 64, "방2, 주방, 화장실"],
    ["귀농인의집", 2024, "상전면 수동길 8, 1층", "수동마을회 T. 433-9999", 61.2,
     "방2, 주방, 화장실"],
    ["귀농인쉼터", 2024, "용담면 송풍리 33", "송풍마을회", 26.4, "원룸"],
    ["귀농인의집", 2024, "정천면 갈용리 산 101", "갈용마을회 063-433-1212", 68,
     "방 2개, 주방, 화장실"],
    ["귀농인의집", 2025, "백운면 평장길23", "평장마을회 (063-433-3434)", 59,
     "방2, 주방, 화장실, 거실"],
]  # fmt: skip
"""A county's public list of its houses (the shape of DOMAIN.md's "register workbook"): road
and lot addresses in every real shape, phones in the operators' names, and a second kind of
facility (귀농인쉼터) in the same 구분 column."""
COUNTY_LIST_OTHER_ROWS = [r for r, row in enumerate(COUNTY_LIST_ROWS, 3) if row[0] == "귀농인쉼터"]
"""Source rows (title in row 1, header in row 2) of the other kind of facility."""


def county_list_book(path: Path, rows: list[list] | None = None) -> Path:
    """The county's list as it is published: a title row, then the header, then the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "귀농인의 집 현황"
    ws.append(["진안군 귀농인의 집 조성 현황 (2025. 6. 30. 기준)"])
    ws.append(COUNTY_LIST_HEADERS)
    for row in rows if rows is not None else COUNTY_LIST_ROWS:
        ws.append(row)
    wb.save(path)
    return path
