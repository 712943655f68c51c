"""Writing the register workbook: text stays text, dates are dates, the file appears whole."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.domain.enums import DevelopmentType, SettlementOutcome
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.exchange.reader import read_register
from gwinong_desktop.exchange.register_format import (
    HOUSE_SHEET,
    PAYMENT_SHEET,
    RESIDENT_SHEET,
    RegisterData,
    RegisterHouse,
    RegisterPayment,
    RegisterResident,
)
from gwinong_desktop.exchange.writer import write_register


def _house(**values: object) -> RegisterHouse:
    base = dict(
        code="진안-2020-01", sido="전북특별자치도", sigun="진안군", eupmyeon="백운면",
        development_type=DevelopmentType.REPAIR, program_year=2020,
    )  # fmt: skip
    base.update(values)
    return RegisterHouse(**base)  # type: ignore[arg-type]


def _data() -> RegisterData:
    return RegisterData(
        houses=[
            _house(
                operator="=HYPERLINK(\"http://x\")", note="#N/A", structure="  목조 ",
                jibun="+82", national=15_000_000, province=1_234_567, county=0,
                land_area_m2=Decimal("495.00"), floor_area_m2=Decimal("62.80"),
                lease_start=date(2020, 3, 1), lease_free=True, monthly_rent=100_000,
                road_address="백운면\x01 노촌길 4",
            ),
            _house(code="=1+1", note="x" * 40_000),
        ],
        residents=[
            RegisterResident(
                code="진안-2020-01", name="박하늘", birth_date=date(1980, 1, 2),
                move_in_on=date(2021, 3, 1), planned_end_on=date(2022, 2, 28),
                household_size=2, settlement=SettlementOutcome.SETTLED, monthly_rent=100_000,
                deposit=500_000, education_hours=40,
            )
        ],
        payments=[
            RegisterPayment(code="진안-2020-01", name="박하늘", month=date(2021, 3, 1),
                            amount=100_000, paid_on=date(2021, 3, 5), note="@선납")
        ],
    )  # fmt: skip


def test_text_is_written_as_text_never_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    summary = write_register(path, _data())
    ws = load_workbook(path)[HOUSE_SHEET.name]
    headers = [c.value for c in ws[1]]
    assert headers == HOUSE_SHEET.headers
    operator = ws.cell(2, headers.index("운영자") + 1)
    assert (operator.value, operator.data_type) == ('=HYPERLINK("http://x")', "s")
    note = ws.cell(2, headers.index("비고") + 1)
    assert (note.value, note.data_type) == ("#N/A", "s")
    code = ws.cell(3, 1)
    assert (code.value, code.data_type) == ("=1+1", "s")
    assert ws.cell(2, headers.index("구조") + 1).value == "목조"
    assert ws.cell(2, headers.index("지번") + 1).value == "+82"
    assert ws.cell(2, headers.index("도로명주소") + 1).value == "백운면 노촌길 4"
    long_note = ws.cell(3, headers.index("비고") + 1).value
    assert len(long_note) == 32_767 and long_note.endswith("…")
    assert summary.cleaned_texts == 2
    assert summary.rows == {"귀농인의집": 2, "입주자": 1, "임대료수납": 1}


def test_dates_amounts_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_register(path, _data())
    wb = load_workbook(path)
    houses = wb[HOUSE_SHEET.name]
    col = {h: i + 1 for i, h in enumerate(HOUSE_SHEET.headers)}
    national = houses.cell(2, col["국비(천원)"])
    assert (national.value, national.number_format) == (15000, "#,##0")
    province = houses.cell(2, col["도비(천원)"])
    assert (province.value, province.number_format) == (1234.567, "#,##0.###")
    lease = houses.cell(2, col["임대차시작일"])
    assert lease.is_date and lease.value == datetime(2020, 3, 1)
    assert lease.number_format == "yyyy-mm-dd"
    assert houses.cell(2, col["무상제공"]).value == "예"
    assert houses.cell(2, col["조성유형"]).value == "빈집 수리·리모델링"
    assert houses.freeze_panes == "A2"
    assert houses.auto_filter.ref == "A1:AB3"
    assert houses.column_dimensions["G"].width == 40
    assert houses["A1"].font.b and houses["A1"].style == "관리대장 머리글"
    payments = wb[PAYMENT_SHEET.name]
    month = payments.cell(2, 3)
    assert month.value == datetime(2021, 3, 1) and month.number_format == "yyyy-mm"
    assert payments.cell(2, 4).number_format == "#,##0"
    assert wb[RESIDENT_SHEET.name].cell(2, 13).value == "정착"


def test_what_is_written_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    data = _data()
    data.houses[1].note = "긴 비고"
    write_register(path, data)
    again = read_register(path)
    assert again.problems == []
    assert again.houses[0].operator == data.houses[0].operator
    assert again.houses[0].province == 1_234_567
    assert again.houses[0].structure == "목조"
    assert again.residents[0].settlement is SettlementOutcome.SETTLED
    assert again.payments[0].note == "@선납"


def test_a_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    data = _data()
    data.payments = data.payments * 5000
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        write_register(path, data, state=state)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    data = _data()
    data.payments = data.payments * 4100
    write_register(tmp_path / "out.xlsx", data, state=TaskState(lambda *a: seen.append(a)))
    assert seen[0] == (2003, 4103, "'임대료수납' 시트를 쓰는 중")
    assert seen[-1] == (4103, 4103, "파일을 저장하는 중")
