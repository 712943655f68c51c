"""거주자 명부 and 임대료 수납대장 as written: opened again and checked cell by cell (title area,
merges, header, number formats, subtotal rows, print setup), and the archive's copy."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import NOTE_WRITTEN, Folder, lock_targets, officer
from openpyxl import load_workbook
from sqlalchemy import select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.storage.models import AuditEvent, Report

RESIDENT_HEADER = ["연번", "관리번호", "읍면·리", "입주자", "생년월일", "연락처", "세대원수",
                   "전거주지", "입주일", "퇴거(예정)일", "연장", "정착여부", "비고"]  # fmt: skip
LEDGER_HEADER = ["관리번호", "입주자", "대상월", "부과액", "면제", "납부일", "납부액",
                 "잔액(미납)", "비고"]  # fmt: skip


def _sheet(path: Path):
    workbook = load_workbook(path)
    return workbook, workbook.worksheets[0]


def _values(ws, row: int) -> list[object]:
    return [c.value for c in ws[row]]


def test_resident_register_cells_title_and_print_setup(folder: Folder, tmp_path: Path) -> None:
    out = tmp_path / "명부.xlsx"
    done = officer(folder.db).resident_reports.export_residents(out, year=2025)
    assert done.rows == 2 and not done.personal
    workbook, ws = _sheet(out)
    assert ws.title == "거주자 명부"
    assert ws["A1"].value == "거주자 명부 (2025년)" and ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["A2"].value.startswith("진안군 · 작성일 ") and ws["A2"].value.endswith(
        "개인정보 가림"
    )
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:M1", "A2:M2"}
    assert _values(ws, 3) == RESIDENT_HEADER and ws["A3"].font.b
    first = _values(ws, 4)
    assert first[:4] == [1, "진안-2024-01", "부귀면 거석리", "김*수"]
    assert first[4:8] == ["1978-**-**", "010-****-5678", 3, "서울특별시 마포구 월드컵북로 ***"]
    assert first[8:12] == [datetime(2024, 11, 1), datetime(2025, 10, 31), None, "정착(전입)"]
    assert first[12] == NOTE_WRITTEN and ws["M4"].data_type == "s"
    assert ws["G4"].number_format == '0"명"' and ws["I4"].number_format == "yyyy-mm-dd"
    second = _values(ws, 5)
    assert second[3] == "이*진" and second[9] == "2026-02-28 (예정)" and second[11] == "거주 중"
    # printed: A4 landscape, one page wide, the header repeated, frozen under it, page numbers
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert ws.print_options.gridLines and "&P" in ws.oddFooter.center.text
    assert ws.auto_filter.ref == "A3:M5"
    workbook.close()


def test_personal_data_in_full_when_asked(folder: Folder, tmp_path: Path) -> None:
    out = tmp_path / "명부.xlsx"
    officer(folder.db).resident_reports.export_residents(out, include_personal=True)
    workbook, ws = _sheet(out)
    assert ws["A1"].value == "거주자 명부 (전체 기간)" and ws["A2"].value.endswith("개인정보 포함")
    assert _values(ws, 4)[3:8] == ["김영수", datetime(1978, 5, 14), "010-1234-5678", 3,
                                   "서울특별시 마포구 월드컵북로 12"]  # fmt: skip
    workbook.close()


def test_rent_ledger_months_balances_subtotal_and_total(folder: Folder, tmp_path: Path) -> None:
    out = tmp_path / "수납대장.xlsx"
    done = officer(folder.db).resident_reports.export_rent_ledger(out, year=2025)
    assert done.rows == 1  # the second stay has nothing charged or paid, nothing carried
    workbook, ws = _sheet(out)
    assert ws["A1"].value == "임대료 수납대장 (2025년)" and _values(ws, 3) == LEDGER_HEADER
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
    carried = _values(ws, 4)
    assert carried[2] == "이월" and carried[7] == 50_000  # 200,000 charged − 150,000 paid in 2024
    assert _values(ws, 5) == ["진안-2024-01", "김*수", datetime(2025, 1, 1), 100_000, None,
                              datetime(2025, 1, 5), 100_000, 50_000, "계좌이체"]  # fmt: skip
    waived = _values(ws, 6)
    assert waived[3:8] == [100_000, 100_000, None, None, 50_000]
    assert waived[8] == "면제: 보일러 고장"
    split = _values(ws, 7)
    assert split[5] == "2025-03-04, 2025-03-20" and split[6] == 100_000 and split[7] == 50_000
    subtotal = _values(ws, 8)
    assert subtotal[2] == "소계" and subtotal[3:8] == [300_000, 100_000, None, 200_000, 50_000]
    assert subtotal[8] == "입주 2024.11.1.~2025.10.31."
    total = _values(ws, 9)
    assert total[:4] == ["합계", "1건", None, 300_000] and total[6:8] == [200_000, 50_000]
    assert ws.max_row == 9
    for cell in ws[8] + ws[9]:  # subtotal and total rows: bold on a fill
        if cell.value is not None:
            assert cell.font.b and cell.fill.fgColor.rgb.endswith("F2F2F2"), cell.coordinate
    assert ws["C5"].number_format == "yyyy-mm" and ws["D8"].number_format == "#,##0"
    assert ws["H4"].number_format == '#,##0;"선납 "#,##0;0'
    workbook.close()


def test_every_export_is_kept_as_written_with_its_row_and_access_record(
    folder: Folder, tmp_path: Path
) -> None:
    service = officer(folder.db).resident_reports
    one = service.export_residents(tmp_path / "a.xlsx", year=2025)
    two = service.export_rent_ledger(tmp_path / "a.xlsx", include_personal=True)  # same name
    assert one.kept.stored_path != two.kept.stored_path
    with folder.db.sessions() as s:
        reports = s.scalars(select(Report).order_by(Report.id)).all()
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert [(r.kind, r.year, r.created_by) for r in reports] == [
        (ReportKind.RESIDENT_REGISTER, 2025, "kim"),
        (ReportKind.RENT_LEDGER, date.today().year, "kim"),
    ]
    for report, done in zip(reports, (one, two), strict=True):
        kept = folder.root / report.stored_path
        assert report.stored_path.startswith(f"reports/{report.year}/")
        assert report.sha256 == hashlib.sha256(kept.read_bytes()).hexdigest()
        assert done.kept.sha256 == report.sha256
    # the second export replaced a.xlsx; its copy is byte for byte what is there now
    assert (folder.root / reports[1].stored_path).read_bytes() == (tmp_path / "a.xlsx").read_bytes()
    assert [e.summary for e in events] == [
        "거주자 명부 2명: a.xlsx (개인정보 가림)",
        "임대료 수납대장 1건 5개월: a.xlsx (개인정보 포함)",
    ]


def test_no_row_no_copy_when_the_record_cannot_be_written(
    folder: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwinong_desktop.services import report_archive

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_archive, "log_export", broken)
    with pytest.raises(RuntimeError):
        officer(folder.db).resident_reports.export_residents(tmp_path / "a.xlsx")
    assert not list((folder.root / "reports").rglob("*.xlsx"))
    with folder.db.sessions() as s:
        assert s.scalars(select(Report)).all() == []


def test_every_report_goes_through_the_one_export_step(
    folder: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resident report meets a locked target as the province's reports do: refused in words,
    the old file kept, nothing archived; a name without .xlsx is refused before writing."""
    from gwinong_desktop.services.report_archive import ExportError

    service = officer(folder.db).resident_reports
    with pytest.raises(ExportError, match="xlsx 로 끝나야"):
        service.export_residents(tmp_path / "명부.csv", year=2025)
    out = tmp_path / "명부.xlsx"
    out.write_bytes(b"last month's")
    lock_targets(monkeypatch)
    with pytest.raises(ExportError, match="다른 프로그램에서 열려"):
        service.export_rent_ledger(out, year=2025)
    assert out.read_bytes() == b"last month's"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["명부.xlsx"]
    with folder.db.sessions() as s:
        assert s.scalar(select(Report.id)) is None
    monkeypatch.undo()
    done = service.export_residents(out, year=2025)
    assert done.describe() == "거주자 명부 2명 (개인정보 가림)" and done.personal is False
    listing = officer(folder.db).province_reports.export_public_listing(tmp_path / "공개.xlsx")
    assert listing.personal is None and listing.describe().startswith("입주 현황 공개 ")
