"""The 임대료 page over the demo county, as an officer uses it: the list and its filters, a stay's
months, entering a payment (and a wrong one refused beside its field), the printing guard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.rent import ChargeState
from gwinong_desktop.ui.rent import page as rent_page
from gwinong_desktop.ui.rent.dialogs import PaymentDialog, parse_month_text
from gwinong_desktop.ui.rent.page import RentPage


@pytest.fixture
def page(qtbot, demo_services):
    widget = RentPage.standalone(demo_services)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def _in_arrears(page):
    rows = [r for r in page.rows if r.in_arrears]
    assert rows, "the demo county has stays in arrears"
    return rows[0]


def test_list_shows_every_stay_with_county_totals_and_filters_in_the_model(page, demo_services):
    totals = demo_services.rent.totals()
    assert page.model.total_count == totals.stays
    assert f"미납 {totals.arrears:,}원" in page.totals.text()
    page.arrears_only.setChecked(True)
    assert page.model.visible_count == totals.stays_in_arrears
    assert all(r.in_arrears for r in page.model.visible_rows())
    page.arrears_only.setChecked(False)
    eupmyeon = page.eupmyeon.itemData(1)
    page.eupmyeon.setCurrentIndex(1)
    assert {r.eupmyeon for r in page.model.visible_rows()} == {eupmyeon}
    page.eupmyeon.setCurrentIndex(0)
    code = page.rows[0].house_code
    page.search.setText(code)
    assert {r.house_code for r in page.model.visible_rows()} == {code}
    assert page.table.model() is page.model  # no proxy model in between


def test_enter_opens_the_stays_months_and_f2_enters_a_payment(page, qtbot, monkeypatch):
    target = _in_arrears(page)
    row = page.model.row_of(target.id)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.charge_view.hasFocus() or page.tabs.currentIndex() == 0
    states = {c.state for c in page.charges.visible_rows()}
    assert ChargeState.UNPAID in states or ChargeState.PARTIAL in states
    assert target.house_code in page.stay_heading.text()
    opened = []
    monkeypatch.setattr(PaymentDialog, "exec", lambda self: opened.append(self.month.text()) or 0)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    first_unpaid = next(c for c in page.charges.visible_rows() if c.outstanding)
    assert opened == [f"{first_unpaid.month.year}.{first_unpaid.month.month}"]


def test_officer_enters_a_payment_and_the_arrears_go_down(page, qtbot, demo_services):
    target = _in_arrears(page)
    page.select_stay(target.id)
    dialog = PaymentDialog(demo_services, target.id, parent=page)
    qtbot.addWidget(dialog)
    assert dialog.amount.placeholderText().startswith("예:")
    dialog.amount.setText(f"{target.arrears:,}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.summary.text()
    page.refresh(rent_page.Changes.of(rent_page.Kind.RENT))
    after = next(r for r in page.rows if r.id == target.id)
    assert after.arrears == 0 and after.paid == target.paid + target.arrears


def test_a_month_outside_the_stay_is_refused_beside_the_field_and_kept(page, qtbot, demo_services):
    target = page.rows[0]
    page.select_stay(target.id)
    dialog = PaymentDialog(demo_services, target.id, parent=page)
    qtbot.addWidget(dialog)
    outside = f"{target.move_in_on.year - 1}.{target.move_in_on.month}"
    dialog.month.setText(outside)
    dialog.amount.setText("100,000")
    dialog.paid_on.setText("2025.6.1.")
    assert not dialog.try_save()
    assert "입주 기간" in dialog.error_text("month")
    assert dialog.month.text() == outside and dialog.amount.text() == "100,000"
    assert dialog.saved is None
    dialog.month.setText("삼월")
    assert not dialog.try_save()
    assert "2025.3" in dialog.error_text("month")


def test_receipt_without_the_printing_module_says_so(page, monkeypatch):
    target = next(r for r in page.rows if r.paid)
    page.select_stay(target.id)
    monkeypatch.setattr(rent_page, "PRINTING", "gwinong_desktop.ui.printing.not_there")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    assert page.receipt_button.isEnabled()
    page.receipt_button.click()
    assert shown and "인쇄 기능" in shown[0]


def test_month_text_is_read_as_officers_write_it():
    assert parse_month_text("2025.3") == date(2025, 3, 1)
    assert parse_month_text("2025년 3월") == date(2025, 3, 1)
    assert parse_month_text("2025-03-17") == date(2025, 3, 1)
    assert parse_month_text("") is None


def test_officer_adds_an_expense_with_its_receipt(page, qtbot, demo_services, tmp_path):
    from gwinong_desktop.domain.enums import ExpenseCategory
    from gwinong_desktop.ui.rent.expenses import ExpenseDialog, ExpensesDialog

    listing = ExpensesDialog(demo_services, None, page)
    qtbot.addWidget(listing)
    before = listing.expenses.total_count
    house = demo_services.houses.list_houses()[0]
    dialog = ExpenseDialog(demo_services, house.id, listing)
    qtbot.addWidget(dialog)
    dialog.amount.setText("85,000")
    assert not dialog.try_save()  # no kind, no description
    assert dialog.error_text("category") and dialog.error_text("description")
    assert dialog.amount.text() == "85,000"
    dialog.category.setCurrentIndex(dialog.category.findData(ExpenseCategory.REPAIR))
    dialog.description.setText("보일러 순환펌프 교체")
    scan = tmp_path / "영수증.pdf"
    scan.write_bytes(b"%PDF-1.4 receipt")
    dialog.files.add_pending(AttachmentKind.RECEIPT, scan)
    assert dialog.try_save(), dialog.summary.text()
    listing.reload()
    assert listing.expenses.total_count == before + 1
    saved = next(r for r in listing.lines if r.id == dialog.saved.id)
    assert (saved.house_id, saved.amount, saved.receipts) == (house.id, 85_000, 1)


def test_deposit_returned_more_than_held_is_refused_beside_the_amount(page, qtbot, demo_services):
    from gwinong_desktop.ui.rent.dialogs import DepositReturnDialog

    held = next(
        (d for r in page.rows for d in demo_services.deposits.for_stay(r.id)
         if d.returned_on is None),
        None,
    )  # fmt: skip
    assert held is not None, "the demo county holds deposits of current stays"
    dialog = DepositReturnDialog(demo_services, held.id, held.amount, page)
    qtbot.addWidget(dialog)
    dialog.returned_amount.setText(f"{held.amount + 10_000:,}")
    assert not dialog.try_save()
    assert "보관 중인 보증금" in dialog.error_text("returned_amount")
    dialog.returned_amount.setText(f"{held.amount - 100_000:,}")
    assert not dialog.try_save()
    assert "사유" in dialog.error_text("deduction_reason")
    dialog.reason.setPlainText("미납 임대료 1개월 100,000원")
    assert dialog.try_save(), dialog.summary.text()
    (after,) = [d for d in demo_services.deposits.for_stay(held.stay_id) if d.id == held.id]
    assert after.deducted == 100_000


def test_receipt_and_letter_buttons_call_the_printing_functions(page, monkeypatch, demo_services):
    from gwinong_desktop.ui.printing import documents

    called = []
    monkeypatch.setattr(documents, "show_receipt", lambda *a: called.append(("receipt", a[2])))
    monkeypatch.setattr(
        documents, "show_deposit_letter", lambda *a: called.append(("letter", a[2]))
    )
    target = next(
        r for r in page.rows
        if any(d.returned_on for d in demo_services.deposits.for_stay(r.id)) and r.paid
    )  # fmt: skip
    page.select_stay(target.id)
    page.receipt_button.click()
    page.letter_button.click()
    newest_payment = page.payments.row_at(0).id
    returned = [d.id for d in page.deposit_rows if d.returned_on]
    assert called == [("receipt", newest_payment), ("letter", returned[-1])]


def test_the_rent_ledger_is_made_from_this_page(page, demo_services, tmp_path, monkeypatch):
    """임대료 수납대장 엑셀… → a year: the same report as the 보고서 page's, kept in the archive."""
    from gwinong_desktop.domain.enums import ReportKind
    from gwinong_desktop.ui.reports.making import Period

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    year = demo_services.ctx.today().year
    outcome = page.ledger_button.make(Period(year), tmp_path / "수납대장")
    assert outcome.target == tmp_path / "수납대장.xlsx" and outcome.target.is_file()
    kept = demo_services.report_archive.list(ReportKind.RENT_LEDGER)
    assert [k.id for k in kept] == [outcome.report_id] and kept[0].year == year
    assert told and f"보관함에 넣었습니다 ({year}년)" in told[0]


def _views(page):
    return (page.table, page.charge_view, page.payment_view, page.deposit_view)


@pytest.fixture
def large_font(qapp):
    """The application's font two points larger (a PC's larger text), as before afterwards."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() + 2)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def test_every_column_holds_its_header_and_its_widest_text_in_a_larger_font(
    qtbot, demo_services, large_font
):
    """The 상태 column showed "퇴거 2026.11.30" without its last "." in a wider font: each
    column is at least as wide as its header and its widest text, in the font of the PC."""
    from PySide6.QtWidgets import QStyle

    from gwinong_desktop.ui.rent.tables import WIDEST_DAY, day, moved_out_text

    page = RentPage.standalone(demo_services)
    qtbot.addWidget(page)

    wide_day = day(WIDEST_DAY)
    widest = {"state": moved_out_text(WIDEST_DAY), "move_in_on": wide_day, "end_on": wide_day}
    for view in _views(page):
        header, model = view.horizontalHeader(), view.model()
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        for i, column in enumerate(model.columns):
            width = header.sectionSize(i)
            assert width >= header.sectionSizeFromContents(i).width(), (view, column.key)
            text = widest.get(column.key) if view is page.table else None
            if text is None and column.key in ("due_on", "paid_on", "received_on", "returned_on"):
                text = wide_day
            if text is not None:
                need = view.fontMetrics().horizontalAdvance(text) + 2 * margin
                assert width >= need, (column.key, width, need)


def test_no_header_runs_into_the_next(page):
    """A right-aligned header (an amount) next to a left-aligned one read as one word (부과액납기):
    between the texts of two neighbouring headers there is at least a syllable's width."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    for view in _views(page):
        header, model = view.horizontalHeader(), view.model()
        metrics = header.fontMetrics()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        edges = []
        for i in range(model.columnCount()):
            left, width = header.sectionPosition(i), header.sectionSize(i)
            text = metrics.horizontalAdvance(str(model.headerData(i, Qt.Orientation.Horizontal)))
            align = model.columns[i].align.value
            if align & Qt.AlignmentFlag.AlignRight:
                start = left + width - margin - text
            elif align & Qt.AlignmentFlag.AlignHCenter:
                start = left + (width - text) / 2
            else:
                start = left + margin
            edges.append((start, start + text))
        for i in range(len(edges) - 1):
            gap = edges[i + 1][0] - edges[i][1]
            assert gap >= metrics.horizontalAdvance("가"), (model.columns[i].key, gap)
