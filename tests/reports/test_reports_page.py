"""The 보고서 page: make a report (kept, shown in the archive), make it again after a change (what
changed is listed), mark it sent, a report this build cannot make said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Folder, officer, viewer
from sqlalchemy import select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.storage.models import Stay
from gwinong_desktop.ui.reports import page as page_module
from gwinong_desktop.ui.reports.catalog import CATALOG, PeriodKind, ReportEntry
from gwinong_desktop.ui.reports.page import ReportsPage


@pytest.fixture
def page(qtbot, folder: Folder) -> ReportsPage:
    shown = ReportsPage.standalone(officer(folder.db))
    qtbot.addWidget(shown)
    shown.resize(1100, 680)
    return shown


def test_make_a_report_see_it_kept_and_what_changed(
    page: ReportsPage, folder: Folder, tmp_path: Path
) -> None:
    page.choose(ReportKind.RESIDENT_REGISTER)
    page.year.setValue(2025)
    assert page.make_report(tmp_path / "명부.xlsx") == tmp_path / "명부.xlsx"
    assert (tmp_path / "명부.xlsx").is_file()
    assert page.archive.model.visible_count == 1
    report = page.archive.selected()
    assert (report.kind_label, report.period) == ("거주자 명부", "2025년")
    assert "보관함에 넣었습니다 (2025년)" in page.result.toPlainText()

    with officer(folder.db).ctx.write() as s:
        s.scalars(select(Stay).order_by(Stay.id.desc())).first().household_size = 4
    page.make_report(tmp_path / "명부2.xlsx")
    shown = page.result.toPlainText()
    assert "바뀐 곳 1곳" in shown and "2번 진안-2025-01 세대원수 1 → 4" in shown
    assert page.archive.model.visible_count == 2
    assert page.archive.selected().id != report.id  # the new one selected

    page.archive.select_report(report.id)
    page.archive.compare_selected()
    assert "앞서 보관된 보고서가 없어" in page.result.toPlainText()


def test_mark_sent_from_the_archive(page: ReportsPage, tmp_path: Path) -> None:
    page.choose(ReportKind.RENT_LEDGER)
    page.whole.setChecked(True)
    page.make_report(tmp_path / "수납.xlsx")
    today = page.services.ctx.today()
    page.archive.mark_sent(today)
    assert page.archive.selected().sent_on == today  # reloaded through the announcement
    row = page.archive.model.row_of(page.archive.selected().id)
    assert page.archive.model.text(page.archive.model.row_at(row), 5) == f"{today:%Y.%m.%d.}"


def test_a_report_not_in_this_build_says_so(
    qtbot, folder: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = ReportEntry(ReportKind.SELECTION, "없는 보고서", PeriodKind.YEAR,
                          "province_reports", "export_nothing_like_this")  # fmt: skip
    monkeypatch.setattr(page_module, "CATALOG", (*CATALOG, missing))
    shown = ReportsPage.standalone(officer(folder.db))
    qtbot.addWidget(shown)
    shown.entries.setCurrentRow(len(CATALOG))
    assert not shown.unavailable.isHidden() and not shown.make_button.isEnabled()
    assert shown.make_report("/nonexistent/x.xlsx") is None  # nothing asked, nothing written


def test_a_viewer_may_not_mark_sent_nor_include_personal_data(qtbot, folder: Folder) -> None:
    shown = ReportsPage.standalone(viewer(folder.db))
    qtbot.addWidget(shown)
    assert not shown.personal.isEnabled()
    assert not shown.archive.sent_button.isEnabled()


def test_page_renders(page: ReportsPage, tmp_path: Path) -> None:
    page.choose(ReportKind.RESIDENT_REGISTER)
    page.make_report(tmp_path / "a.xlsx")
    page.show()
    image = page.grab()
    assert image.width() >= 1000
    image.save(str(tmp_path / "reports_page.png"))
    assert (tmp_path / "reports_page.png").stat().st_size > 10_000


def test_consolidate_from_the_page(page: ReportsPage, tmp_path: Path) -> None:
    from county_forms import county_form

    files = [county_form(tmp_path / f"{n}.xlsx", n) for n in ("진안군", "무주군")]
    files.append(county_form(tmp_path / "늦은.xlsx", "장수군", month=10))
    out = page.consolidate(files, tmp_path / "도.xlsx")
    assert out == tmp_path / "도.xlsx" and out.is_file()
    shown = page.result.toPlainText()
    assert "2026년 11월 월별 추진실적 보고 2개 시·군 취합" in shown
    assert "취합: 무주군, 진안군" in shown and "제외: 늦은.xlsx: 장수군의 2026년 10월" in shown
    (tmp_path / "메모.xlsx").write_text("메모", encoding="utf-8")
    page.consolidate([tmp_path / "메모.xlsx"], tmp_path / "없음.xlsx")
    assert "취합할 보고서가 없습니다" in page.result.toPlainText()
    assert not (tmp_path / "없음.xlsx").exists()


class _MonthlyTexts:
    """Stands in for ``Services.province_reports`` (another engineer's work) with the calling
    convention the catalogue names: texts offered, saved before the export, the file kept."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.saved: dict[tuple[int, int], dict[str, str]] = {}

    def monthly_texts(self, year: int, month: int) -> dict[str, str]:
        return self.saved.get(
            (year, month), {"body": "지난달 내용", "delay": "", "measures": "건의 없음"}
        )

    def save_monthly_texts(self, year: int, month: int, texts: dict[str, str]) -> None:
        self.saved[year, month] = dict(texts)

    def export_monthly(self, year, month, path, *, texts=None, state=None):
        from openpyxl import Workbook

        from gwinong_desktop.services.privacy import PersonalDataPolicy
        from gwinong_desktop.services.report_archive import keep_export

        wb = Workbook()
        ws = wb.active
        ws["A1"] = f"[ {month}월] 귀농인의 집 조성사업 추진실적 보고"
        ws.append(["4. 사업추진내용", texts["body"]])
        ws.append(["6. 대책 또는 건의사항", texts["measures"]])
        wb.save(path)
        return keep_export(
            self.ctx, path, kind=ReportKind.MONTHLY, year=year, month=month, what="월별",
            entity="house", policy=PersonalDataPolicy(),
        )  # fmt: skip


def test_monthly_texts_offered_saved_and_the_re_export_compared(
    qtbot, folder: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwinong_desktop.services import Services

    fakes: dict[int, _MonthlyTexts] = {}
    monkeypatch.setattr(
        Services, "province_reports",
        property(lambda self: fakes.setdefault(id(self.ctx.db), _MonthlyTexts(self.ctx))),
        raising=False,
    )  # fmt: skip
    shown = ReportsPage.standalone(officer(folder.db))
    qtbot.addWidget(shown)
    shown.choose(ReportKind.MONTHLY)
    assert not shown.texts_box.isHidden() and shown.make_button.isEnabled()
    shown.year.setValue(2026)
    shown.month.setCurrentIndex(10)  # 11월
    assert [e.toPlainText() for e in shown.text_edits] == ["지난달 내용", "", "건의 없음"]
    shown.text_edits[0].setPlainText("리모델링 착공")
    fake = next(iter(fakes.values()))
    shown.month.setCurrentIndex(9)  # 10월: what was typed for 11월 is kept for it, not lost
    assert fake.saved[2026, 11]["body"] == "리모델링 착공"
    assert shown.text_edits[0].toPlainText() == "지난달 내용"
    shown.month.setCurrentIndex(10)
    assert shown.text_edits[0].toPlainText() == "리모델링 착공"
    shown.make_report(tmp_path / "11월.xlsx")
    assert fake.saved[2026, 11]["body"] == "리모델링 착공"
    assert shown.archive.selected().period == "2026년 11월"
    shown.text_edits[2].setPlainText("국비 조기 교부 건의")
    shown.make_report(tmp_path / "11월-2.xlsx")
    assert "대책 또는 건의사항 건의 없음 → 국비 조기 교부 건의" in shown.result.toPlainText()


def test_consolidate_asks_for_the_files_and_where(
    page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from county_forms import county_form
    from PySide6.QtWidgets import QFileDialog

    files = [county_form(tmp_path / f"{n}.xlsx", n) for n in ("진안군", "무주군")]
    asked: list[str] = []

    def open_many(parent, title, start, filters=""):
        asked.append(title)
        return [str(f) for f in files], filters

    def save(parent, title, start, filters=""):
        asked.append(title)
        return str(tmp_path / "취합"), filters  # .xlsx added

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_many))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    assert page.consolidate() == tmp_path / "취합.xlsx"
    assert asked == ["취합할 시·군 보고서 고르기", "시·군 보고서 취합"]
    assert "취합: 무주군, 진안군" in page.result.toPlainText()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([], "")))
    assert page.consolidate() is None  # cancelled: nothing asked further, nothing written


def test_works_notice_chosen_by_year_and_house(
    page: ReportsPage, folder: Folder, tmp_path: Path
) -> None:
    """착(준)공계 on the page: the year's works by house, 준공계 only for a completed one; made,
    kept and listed like the others."""
    from datetime import date

    from openpyxl import load_workbook

    from gwinong_desktop.storage.models import Development, House

    with officer(folder.db).ctx.write() as s:
        houses = {h.code: h.id for h in s.scalars(select(House))}
        s.add_all([
            Development(house_id=houses["진안-2025-01"], year=2025, budget_national=30_000_000,
                        started_on=date(2025, 3, 10), completed_on=date(2025, 6, 20),
                        progress_pct=100),
            Development(house_id=houses["진안-2024-01"], year=2025, started_on=date(2025, 9, 1)),
        ])  # fmt: skip
    page.choose(ReportKind.WORKS_NOTICE)
    page.year.setValue(2024)
    assert page.works.count() == 0 and page.make_report(tmp_path / "x.xlsx") is None
    assert "2024년 조성사업이 없습니다" in page.result.toPlainText()
    page.year.setValue(2025)
    labels = [page.works.itemText(i) for i in range(page.works.count())]
    assert labels[0].startswith("진안-2024-01") and labels[0].endswith("(착공 2025.9.1.)")
    assert labels[1].endswith("(준공 2025.6.20.)")
    assert not page.notice.model().item(1).isEnabled()  # not completed: 착공계 only
    page.works.setCurrentIndex(1)
    page.notice.setCurrentIndex(1)
    assert page.period().completion and page.period().works_code == "진안-2025-01"
    assert page.entry().file_name(page.period()) == "착(준)공계_진안-2025-01_준공.xlsx"
    out = page.make_report(tmp_path / "준공계.xlsx")
    assert out == tmp_path / "준공계.xlsx"
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "준공계" and sheet["A2"].value == "준 공 계"
    report = page.archive.selected()
    assert (report.kind_label, report.period) == ("착(준)공계", "2025년 진안-2025-01 준공계")
    page.works.setCurrentIndex(0)
    assert page.notice.currentIndex() == 0  # back to 착공계 for a works not completed
    page.make_report(tmp_path / "착공계.xlsx")  # another works of the year: nothing to compare
    assert "보관본과 비교" not in page.result.toPlainText()
    page.works.setCurrentIndex(1)
    page.notice.setCurrentIndex(1)
    page.make_report(tmp_path / "준공계2.xlsx")  # the same works' 준공계 again
    assert "바뀐 곳이 없습니다" in page.result.toPlainText()
