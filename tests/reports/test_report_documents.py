"""The receipt and the deposit settlement letter: the data gathered, who may, what is recorded;
the HTML they print from; amounts in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import Folder, officer, viewer
from sqlalchemy import select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.money import hangul_won
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.reports.documents import (
    Deduction,
    Issuer,
    ReceiptData,
    parse_deductions,
    receipt_html,
)
from gwinong_desktop.services.resident_reports import ReportError
from gwinong_desktop.storage.models import AuditEvent, Report


@pytest.mark.parametrize(
    ("amount", "words"),
    [(0, "영원"), (7, "칠원"), (10, "일십원"), (150_000, "일십오만원"),
     (1_230_500, "일백이십삼만오백원"), (100_010_000, "일억일만원"), (30_000_000, "삼천만원")],
)  # fmt: skip
def test_amounts_in_words(amount: int, words: str) -> None:
    assert hangul_won(amount) == words


@pytest.mark.parametrize("bad", [-1, 1.5, True, 10**16])
def test_amounts_in_words_refuse_what_is_not_an_amount(bad) -> None:
    with pytest.raises(ValueError, match="금액"):
        hangul_won(bad)


def test_deductions_read_from_the_reason() -> None:
    two = "청소비 30,000원\n도배 오염: 20,000원"
    assert parse_deductions(two, 50_000) == [
        Deduction("청소비", 30_000),
        Deduction("도배 오염", 20_000),
    ]
    # amounts that do not add up: one line for the whole deduction, the reason kept
    assert parse_deductions(two, 70_000) == [
        Deduction("청소비 30,000원 / 도배 오염: 20,000원", 70_000)
    ]
    assert parse_deductions("원상복구", 10_000) == [Deduction("원상복구", 10_000)]
    assert parse_deductions(None, 10_000) == [Deduction("사유 적지 않음", 10_000)]
    assert parse_deductions("", 0) == []


def test_receipt_html_escapes_what_it_is_given() -> None:
    data = ReceiptData("2025-000001", "진안-1", "<b>주소</b>", "김&이", date(2025, 3, 1), 150_000,
                       date(2025, 3, 5), "계좌이체", "메모\x07", "u")  # fmt: skip
    html = receipt_html(data, Issuer("진안군", "", "", "", date(2025, 3, 5)))
    assert "&lt;b&gt;주소&lt;/b&gt;" in html and "김&amp;이" in html and "\x07" not in html
    assert "150,000원" in html and "일금 일십오만원정" in html and "2025년 3월분" in html


def test_receipt_names_everything_and_is_an_access_record(folder: Folder) -> None:
    document = officer(folder.db).resident_reports.receipt(folder.payment_id)
    assert document.kind == ReportKind.RECEIPT and (document.year, document.month) == (2024, 11)
    assert document.file_name == f"영수증_2024-{folder.payment_id:06d}_2024-11.pdf"
    for text in ("김영수", "진안-2024-01", "100,000원", "일금 일십만원정", "2024년 11월 5일",
                 "계좌이체", "농업기술센터 귀농귀촌팀", "(직인)", "2024년 11월분"):  # fmt: skip
        assert text in document.html, text
    with folder.db.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "view")).one()
    assert event.entity == "payment" and event.actor == "kim" and "영수증" in event.summary


def test_deposit_letter_lists_the_deductions(folder: Folder) -> None:
    document = officer(folder.db).resident_reports.deposit_letter(folder.deposit_id)
    assert document.kind == ReportKind.DEPOSIT_SETTLEMENT and document.year == 2025
    for text in ("500,000원", "청소비", "50,000원", "450,000원", "일금 사십오만원정",
                 "2025년 11월 5일", "2024.11.1.~2025.10.31."):  # fmt: skip
        assert text in document.html, text


def test_a_deposit_not_returned_has_no_letter_yet(folder: Folder) -> None:
    with pytest.raises(ReportError, match="아직 반환하지 않은 보증금"):
        officer(folder.db).resident_reports.deposit_letter(folder.held_deposit_id)


def test_unknown_records_are_refused_in_korean(folder: Folder) -> None:
    service = officer(folder.db).resident_reports
    with pytest.raises(ReportError, match="납부 기록을 찾을 수 없습니다"):
        service.receipt(99_999)
    with pytest.raises(ReportError, match="보증금 기록을 찾을 수 없습니다"):
        service.deposit_letter(99_999)


def test_viewers_get_masked_exports_and_no_documents(folder: Folder, tmp_path: Path) -> None:
    service = viewer(folder.db).resident_reports
    done = service.export_residents(tmp_path / "a.xlsx")
    assert not done.personal
    for refused in (
        lambda: service.export_residents(tmp_path / "b.xlsx", include_personal=True),
        lambda: service.export_rent_ledger(tmp_path / "c.xlsx", include_personal=True),
        lambda: service.receipt(folder.payment_id),
        lambda: service.deposit_letter(folder.deposit_id),
    ):
        with pytest.raises(NotPermitted):
            refused()
    assert not (tmp_path / "b.xlsx").exists() and not (tmp_path / "c.xlsx").exists()


def test_a_year_out_of_range_is_refused(folder: Folder, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="연도는 1990~2100"):
        officer(folder.db).resident_reports.export_rent_ledger(tmp_path / "a.xlsx", year=1900)
    assert not (tmp_path / "a.xlsx").exists()


def test_a_saved_document_is_written_and_kept(folder: Folder, tmp_path: Path) -> None:
    service = officer(folder.db).resident_reports
    document = service.receipt(folder.payment_id)
    kept = service.save_document(document, b"%PDF-1.4 test", tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes() == b"%PDF-1.4 test"
    assert (folder.root / kept.stored_path).read_bytes() == b"%PDF-1.4 test"
    assert not list(tmp_path.glob(".*part"))
    service.record_printed(document)
    with folder.db.sessions() as s:
        row = s.scalars(select(Report)).one()
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert (row.kind, row.year, row.month) == (ReportKind.RECEIPT, 2024, 11)
    assert actions[-4:] == ["view", "export", "create", "print"]  # create: the report row


def test_a_viewer_keeps_its_export_but_changes_nothing_else(folder: Folder) -> None:
    """The storage's last line of defence lets a 열람 account add the report row of its own
    export, and nothing more in the same unit."""
    from gwinong_desktop.storage.models import Resident

    services = viewer(folder.db)
    with pytest.raises(NotPermitted), services.ctx.write() as s:
        s.add(Report(kind=ReportKind.RENT_LEDGER, year=2025, stored_path="x", sha256="0" * 64))
        s.add(Resident(name="몰래"))
