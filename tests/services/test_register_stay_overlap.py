"""The register import refuses two stays of one house whose periods share a day, naming the
sheet, the rows and both people — within the file and against the stays already stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.register import RegisterRefused, RegisterService
from gwinong_desktop.storage.database import Database, open_database

TODAY = date(2025, 6, 16)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from gwinong_desktop.demo.build import build_demo

    base = tmp_path_factory.mktemp("overlap")
    with open_database(base / "data", purpose="test") as db:
        build_demo(db, scale="county", today=TODAY)
        RegisterService(ServiceContext(db, "test")).export(base / "register.xlsx")
    return base / "register.xlsx"


@pytest.fixture
def db(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Iterator[Database]:
    with open_database(new_folder(tmp_path / "empty"), purpose="test") as database:
        yield database


def _with_extra_stay(source: Path, target: Path, name: str) -> tuple[Path, int, str, str]:
    """A copy whose 입주자 sheet has one more row: ``name`` moving into the house of row 2 the
    day after row 2's move-in. Returns the copy, the new row, the house and row 2's name."""
    wb = load_workbook(source)
    ws = wb["입주자"]
    headers = [c.value for c in ws[1]]
    first = [c.value for c in ws[2]]
    extra = list(first)
    extra[headers.index("성명")] = name
    move_in = headers.index("입주일")
    value = first[move_in]
    day = value.date() if hasattr(value, "date") else date.fromisoformat(str(value)[:10])
    extra[move_in] = day.replace(day=min(day.day + 1, 28))
    ws.append(extra)
    wb.save(target)
    return target, ws.max_row, first[headers.index("관리번호")], first[headers.index("성명")]


def test_two_overlapping_stays_in_the_file_are_refused_naming_both(
    workbook: Path, db: Database, tmp_path: Path
) -> None:
    path, row, code, other = _with_extra_stay(workbook, tmp_path / "x.xlsx", "홍길동")
    with pytest.raises(RegisterRefused) as caught:
        RegisterService(ServiceContext(db, "test")).import_file(path)
    overlaps = [p for p in caught.value.plan.refusals if "겹칩니다" in p.message_ko]
    assert {p.row for p in overlaps} == {2, row}
    text = overlaps[0].message_ko
    assert code in text and "2행 " + other in text and f"{row}행 홍길동" in text
    assert all(p.sheet == "입주자" and p.column == "입주일" for p in overlaps)


def test_a_file_stay_overlapping_a_stored_one_is_refused(
    workbook: Path, db: Database, tmp_path: Path
) -> None:
    service = RegisterService(ServiceContext(db, "test"))
    service.import_file(workbook)
    path, row, _code, other = _with_extra_stay(workbook, tmp_path / "y.xlsx", "홍길동")
    with pytest.raises(RegisterRefused) as caught:
        service.import_file(path)
    [problem] = [p for p in caught.value.plan.refusals if "겹칩니다" in p.message_ko]
    assert problem.row == row
    assert f"이미 있는 입주 {other}" in problem.message_ko and "홍길동" in problem.message_ko
