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
