"""The one attachment list of the forms (``ui.forms.files.AttachmentList``): stored and chosen
files, each kind's button, 열기, 빼기 and the error line that clears when the files change; and
the four forms that use it (applicant, lease, expense, inspection photos)."""

from __future__ import annotations

from pathlib import Path

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.ui.forms import files
from gwinong_desktop.ui.forms.fields import FieldSet
from gwinong_desktop.ui.forms.files import AttachmentList


class _Doc:
    id = 7
    kind = AttachmentKind.LEASE_CONTRACT
    original_name = "계약서.pdf"
    size_bytes = 2048


def test_the_list_holds_stored_and_chosen_files(qtbot, monkeypatch, tmp_path: Path) -> None:
    widget = AttachmentList(None, "docs")
    qtbot.addWidget(widget)
    fields = FieldSet(widget)
    widget.add_button("계약서 첨부…", "attachContract", AttachmentKind.LEASE_CONTRACT)
    widget.add_open_button()
    remove = widget.add_remove_button("빼기")
    widget.attach_to(fields, "file", "첨부서류")
    widget.show_stored([_Doc()])
    assert widget.list.item(0).text() == "임대차계약서 · 계약서.pdf (2KB)"
    scan = tmp_path / "승인서.pdf"
    scan.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(files, "choose_scan", lambda *_a: scan)
    seen: list[int] = []
    widget.changed.connect(lambda: seen.append(1))
    widget.findChild(type(remove), "attachContract").click()
    assert widget.pending() == [PendingFile(AttachmentKind.LEASE_CONTRACT, scan)]
    assert "(저장하면 첨부)" in widget.list.item(1).text() and seen == [1]
    opened: list[Path] = []
    monkeypatch.setattr(files, "open_path", lambda p: opened.append(p) or True)
    widget.open_item(widget.list.item(1))
    assert opened == [scan]
    widget.list.setCurrentRow(0)
    remove.click()  # a stored document is not taken away here
    assert widget.list.count() == 2
    widget.list.setCurrentRow(1)
    remove.click()
    assert widget.list.count() == 1 and widget.pending() == [] and seen == [1, 1]


def test_paths_are_listed_once(qtbot) -> None:
    widget = AttachmentList(None, "photos")
    qtbot.addWidget(widget)
    widget.add_paths(["/a/1.jpg", "/a/2.jpg"])
    widget.add_paths([Path("/a/2.jpg"), "/a/3.jpg"])
    assert widget.paths() == ["/a/1.jpg", "/a/2.jpg", "/a/3.jpg"]
    assert widget.pending() == []  # files without a kind are not attachments


def test_the_applicant_file_error_clears_when_the_files_change(qtbot, demo_services, tmp_path):
    """A refused file shows under the documents; adding another or taking it away clears the
    message as every other field's does (it stayed before), and the form then saves."""
    from gwinong_desktop.ui.residents.recruitment_dialogs import ApplicantDialog

    dialog = ApplicantDialog(demo_services, demo_services.recruitment.rounds()[0].id)
    qtbot.addWidget(dialog)
    dialog.name.setText("한지민")
    dialog.birth_date.setText("1986.7.2.")
    dialog.household_size.setText("2")
    bad = tmp_path / "메모.exe"
    bad.write_bytes(b"MZ")
    dialog.documents.add_pending(AttachmentKind.APPLICATION, bad)
    assert not dialog.try_save()
    assert "메모.exe" in dialog.error_text("file")
    good = tmp_path / "입주신청서.pdf"
    good.write_bytes(b"%PDF-1.4 application")
    dialog.documents.add_pending(AttachmentKind.APPLICATION, good)
    assert dialog.error_text("file") == ""
    assert not dialog.try_save()  # the bad file is still there
    dialog.documents.list.setCurrentRow(0)
    dialog.documents.remove_current()
    assert dialog.error_text("file") == ""
    assert dialog.try_save(), dialog.summary.text()
    assert [p.path for p in dialog.pending] == [good]


def test_the_expense_receipt_is_refused_beside_the_receipts(qtbot, demo_services, tmp_path):
    from gwinong_desktop.domain.enums import ExpenseCategory
    from gwinong_desktop.ui.rent.expenses import ExpenseDialog

    dialog = ExpenseDialog(demo_services)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData(ExpenseCategory.REPAIR))
    dialog.description.setText("보일러 순환펌프 교체")
    dialog.amount.setText("85,000")
    dialog.files.add_pending(AttachmentKind.RECEIPT, tmp_path / "없는 영수증.pdf")
    assert not dialog.try_save()
    assert "없는 영수증.pdf" in dialog.error_text("files")
    assert dialog.amount.text() == "85,000"


def test_an_example_reads_as_one_example(qtbot) -> None:
    """ "예: 예: 85,000" was shown where a form wrote its own "예: " before the line's."""
    from gwinong_desktop.ui.forms.fields import line

    assert line("85,000").placeholderText() == "예: 85,000"
    assert line("예: 85,000").placeholderText() == "예: 85,000"
    assert line().placeholderText() == ""
