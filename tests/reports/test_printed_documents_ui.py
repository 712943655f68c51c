"""The receipt and letter as PDF (``ui.printing``): valid files in the shipped font with the
Korean text in them, and the dialog's 'PDF로 저장' writing the file and its archived copy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Folder, officer
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from gwinong_desktop.storage.models import Report
from gwinong_desktop.ui.printing import documents
from gwinong_desktop.ui.printing.render import FONT_FILE, document_font_family, pdf_bytes
from gwinong_desktop.ui.resources import resource_path


def _text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text as pdftotext reads it, runs of spaces made one."""
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def test_the_shipped_font_is_loaded_with_its_licence(qapp) -> None:
    assert document_font_family() == "NanumBarunGothic"
    licence = resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "NAVER" in licence
    assert resource_path(*FONT_FILE).stat().st_size > 1_000_000


@pytest.mark.process  # pdftotext
@pytest.mark.parametrize("which", ["receipt", "letter"])
def test_documents_as_pdf(qapp, folder: Folder, tmp_path: Path, which: str) -> None:
    service = officer(folder.db).resident_reports
    if which == "receipt":
        document = service.receipt(folder.payment_id)
        expected = ["김영수", "100,000원 (일금 일십만원정)", "2024년 11월분", "(직인)"]
    else:
        document = service.deposit_letter(folder.deposit_id)
        expected = ["보증금 정산서", "김영수", "청소비", "450,000원 (일금 사십오만원정)"]
    pdf = pdf_bytes(document.html, document.title)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert 10_000 < len(pdf) < 500_000  # the font's glyphs embedded, not the whole font
    assert b"/FontFile2" in pdf and b"NanumBarunGothic" in pdf
    assert re.search(rb"/MediaBox \[0 0 595(\.0+)? 842(\.0+)?\]", pdf)  # A4 in points
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = _text(pdf, tmp_path)
    assert "\x01" not in text  # spaces are spaces (NanumGothic's subset made them U+0001)
    for part in expected:
        assert part in text, part


def test_the_dialog_saves_the_pdf_and_keeps_it(qtbot, folder: Folder, tmp_path: Path) -> None:
    from gwinong_desktop.domain.changes import Kind
    from gwinong_desktop.ui.pages.base import Page, PageHost

    services = officer(folder.db)
    page = Page(PageHost())
    qtbot.addWidget(page)
    announced: list = []
    page.sig_changed.connect(announced.append)
    dialog = documents.show_receipt(page, services, folder.payment_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and "김영수" in dialog.view.toPlainText()
    assert (
        dialog.print_button.text() == "미리보기·인쇄…"
        and dialog.save_button.text() == "PDF로 저장…"
    )
    saved = dialog.save_pdf(tmp_path / "영수증")  # ".pdf" added
    assert saved == tmp_path / "영수증.pdf" and saved.read_bytes().startswith(b"%PDF-")
    with folder.db.sessions() as s:
        report = s.scalars(select(Report)).one()
    assert (folder.root / report.stored_path).read_bytes() == saved.read_bytes()
    assert str(saved) in dialog.status.text() and report.stored_path in dialog.status.text()
    assert len(announced) == 1 and announced[0].touches(Kind.REPORTS)  # the archive changed


def test_a_letter_that_cannot_be_made_is_explained(
    qtbot, folder: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert documents.show_deposit_letter(None, officer(folder.db), folder.held_deposit_id) is None
    assert told and "아직 반환하지 않은 보증금" in told[0]
    dialog = documents.show_deposit_letter(None, officer(folder.db), folder.deposit_id)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert "보증금 정산서" in dialog.windowTitle()


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, x_min, y_min, x_max, y_max) in points, as ``pdftotext -bbox`` reads them."""
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line
        )
        if found:
            x0, y0, x1, y1 = (float(v) for v in found.groups()[:4])
            words.append((page, found.group(5), x0, y0, x1, y1))
    return words


@pytest.mark.process  # pdftotext
def test_the_page_is_laid_out_once_at_full_size(qapp, folder: Folder, tmp_path: Path) -> None:
    """Laid out on the writer itself (not cloned for it): the text keeps its point sizes, sits
    2 cm from the paper's edges, a one-page receipt has no page number, a long document is
    paginated with each page's number."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    document = officer(folder.db).resident_reports.receipt(folder.payment_id)
    words = _words(pdf_bytes(document.html, document.title), tmp_path)
    assert {w[0] for w in words} == {1}
    title = next(w for w in words if w[1] == "영")  # "영 수 증", 24 pt
    assert 18 < title[5] - title[3] < 36, title
    assert 56 < min(w[2] for w in words) < 66  # 2 cm = 56.7 pt, then the table's cell padding
    assert not [w for w in words if w[1] == "1"]  # no page number on a one-page document

    html = "".join(f"<p>{n}번째 줄입니다.</p>" for n in range(1, 121))
    words = _words(pdf_bytes(html), tmp_path)
    pages = max(w[0] for w in words)
    assert abs(min(w[2] for w in words) - 56.7) < 2
    assert pages >= 2
    for page in range(1, pages + 1):
        number = [w for w in words if w[0] == page and w[1] == str(page)]
        assert number and number[0][3] > 842 - 57 and number[0][4] > 595 - 57 - 10, number
    assert sum(1 for w in words if w[1] == "120번째") == 1  # every line once, none cut off
