"""현장 자료 검토: bringing a field kit back, and deciding what its import could not.

파일 → 현장 자료 가져오기… (``import_kit``) asks for the kit folder, reads the plan in the
background and shows it (``PlanDialog``); 가져오기 runs the import in the background. The page
lists the open ``MergeItem``s (conflicts, possible duplicates, archived-and-edited records) with
the base, the office value (who, when) and the laptop value (who, when); below the list the
officer keeps the office value, takes the laptop's, or types another (a conflict), always with a
note. The navigation shows how many wait (``PageSpec.badge``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.tasks import BackgroundTask

from ..pages.base import Page, PageHost
from ..records.columns import Column
from ..records.model import RecordTableModel
from ..records.view import RecordTableView

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.merge_review import OpenItem

CONTEXT = "FieldReviewPage"

COLUMNS: tuple[Column[OpenItem], ...] = (
    Column("kind", QT_TRANSLATE_NOOP(CONTEXT, "종류"), lambda r: r.kind_label, width=80),
    Column("record", QT_TRANSLATE_NOOP(CONTEXT, "자료"), lambda r: r.record, width=170),
    Column("field", QT_TRANSLATE_NOOP(CONTEXT, "항목"), lambda r: r.field_label, width=100),
    Column("base", QT_TRANSLATE_NOOP(CONTEXT, "내보낼 때"), lambda r: r.base, width=110),
    Column("office", QT_TRANSLATE_NOOP(CONTEXT, "사무실 값"), lambda r: r.office, width=130),
    Column("office_by", QT_TRANSLATE_NOOP(CONTEXT, "사무실: 누가·언제"), lambda r: r.office_by,
           width=175),
    Column("laptop", QT_TRANSLATE_NOOP(CONTEXT, "현장 값"), lambda r: r.laptop, width=130),
    Column("laptop_by", QT_TRANSLATE_NOOP(CONTEXT, "현장: 누가·언제"), lambda r: r.laptop_by,
           width=175),
)  # fmt: skip


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class FieldReviewPage(Page):
    shows = frozenset({Kind.FIELD_KITS})

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self._task = BackgroundTask(self)
        self._kit: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        top = QHBoxLayout()
        heading = QLabel(self.tr("현장 자료 검토"), self)
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addStretch(1)
        self.import_button = QPushButton(self.tr("현장 자료 가져오기…"), self)
        self.import_button.clicked.connect(self.import_kit)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        busy = QHBoxLayout()
        self.progress = QLabel("", self)
        self.progress.setObjectName("kitProgress")
        busy.addWidget(self.progress, 1)
        self.cancel_button = QPushButton(self.tr("취소"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(lambda: self._task.cancel())
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.model: RecordTableModel[OpenItem] = RecordTableModel(COLUMNS, context=CONTEXT)
        self.table = RecordTableView(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("검토할 항목이 없습니다."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        layout.addWidget(self._decision_box())
        self._chosen()

    def _decision_box(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 4, 0, 0)
        self.detail = self._value_label(box)
        self.base_value = self._value_label(box)
        self.office_value = self._value_label(box)
        self.laptop_value = self._value_label(box)
        form.addRow(self.tr("고른 항목"), self.detail)
        form.addRow(self.tr("내보낼 때"), self.base_value)
        form.addRow(self.tr("사무실"), self.office_value)
        form.addRow(self.tr("현장"), self.laptop_value)
        choices = QHBoxLayout()
        self.keep = QRadioButton(self.tr("사무실 값 유지"), box)
        self.take = QRadioButton(self.tr("현장 값 반영"), box)
        self.other = QRadioButton(self.tr("다른 값 입력"), box)
        self.group = QButtonGroup(box)
        for button in (self.keep, self.take, self.other):
            self.group.addButton(button)
            choices.addWidget(button)
            button.toggled.connect(lambda _=False: self._update_typed())
        self.typed = QLineEdit(box)
        self.typed.setPlaceholderText(self.tr("입력할 값"))
        choices.addWidget(self.typed, 1)
        form.addRow(self.tr("정하기"), choices)
        self.note = QLineEdit(box)
        self.note.setPlaceholderText(self.tr("무엇을 왜 골랐는지 (꼭 적어 주세요)"))
        form.addRow(self.tr("메모"), self.note)
        bottom = QHBoxLayout()
        self.error = QLabel("", box)
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        bottom.addWidget(self.error, 1)
        self.decide_button = QPushButton(self.tr("정하기"), box)
        self.decide_button.clicked.connect(self.decide)
        bottom.addWidget(self.decide_button)
        form.addRow(bottom)
        return box

    @staticmethod
    def _value_label(parent: QWidget) -> QLabel:
        label = QLabel("", parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- the page contract -------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        super().attach(services)
        can = services.ctx.allows(Permission.IMPORT)
        self.import_button.setEnabled(can)
        self.load()

    def refresh(self, changes: Changes) -> None:
        self.load()

    def status_text(self) -> str:
        return self.tr("검토할 항목 {n}개").format(n=self.model.total_count)

    def load(self) -> None:
        if self.services is None:
            return
        current = self.table.current_row()
        self.model.set_rows(self.services.merge_review.open_items())
        count = self.model.total_count
        self.empty.setVisible(count == 0)
        self.table.setVisible(count > 0)
        if count:
            self.table.selectRow(min(current or 0, count - 1))
        self._chosen()
        self.sig_status.emit(self.status_text())

    # --- deciding -----------------------------------------------------------------------------

    def _item(self) -> OpenItem | None:
        row = self.table.current_row()
        return self.model.row_at(row) if row is not None and self.model.visible_count else None

    def _chosen(self) -> None:
        item = self._item()
        enabled = item is not None and self.services is not None
        enabled = enabled and self.services.ctx.allows(Permission.EDIT)
        for widget in (self.keep, self.take, self.note, self.decide_button):
            widget.setEnabled(enabled)
        self.other.setEnabled(bool(enabled and item.can_type))
        self.error.clear()
        values = (self.detail, self.base_value, self.office_value, self.laptop_value)
        if item is None:
            for label in values:
                label.setText("")
            return
        self.detail.setText(
            self.tr("{kind} · {record} {field} (현장 자료: {kit} 내보냄)").format(
                kind=item.kind_label, record=item.record, field=item.field_label, kit=item.kit
            )
        )
        self.base_value.setText(item.base)
        self.office_value.setText(f"{item.office}  ({item.office_by})")
        self.laptop_value.setText(f"{item.laptop}  ({item.laptop_by})")
        if item.kind == "duplicate":
            self.keep.setText(self.tr("사무실 기록으로 합치기"))
            self.take.setText(self.tr("따로 추가"))
        else:
            self.keep.setText(self.tr("사무실 값 유지"))
            self.take.setText(self.tr("현장 값 반영"))
        if self.other.isChecked() and not item.can_type:
            self.keep.setChecked(True)
        self._update_typed()

    def _update_typed(self) -> None:
        self.typed.setEnabled(self.other.isChecked() and self.other.isEnabled())

    def decide(self) -> None:
        item = self._item()
        if item is None or self.services is None:
            return
        choice = next(
            (c for c, b in (("keep", self.keep), ("take", self.take), ("other", self.other))
             if b.isChecked()),
            None,
        )  # fmt: skip
        if choice is None:
            self.error.setText(
                self.tr("사무실 값 유지, 현장 값 반영, 다른 값 입력 중 하나를 고르세요.")
            )
            return
        try:
            tables = self.services.merge_review.resolve(
                item.id, choice, self.note.text(), self.typed.text()
            )
        except Refusal as exc:
            self.error.setText(exc.message)  # what was typed stays
            return
        self.note.clear()
        self.typed.clear()
        self.group.setExclusive(False)
        for button in (self.keep, self.take, self.other):
            button.setChecked(False)
        self.group.setExclusive(True)
        self.load()
        self.announce(Changes.of_tables(tables))

    # --- importing a kit ----------------------------------------------------------------------

    def import_kit(self) -> None:
        """파일 → 현장 자료 가져오기…: choose the folder, see the plan, then import."""
        if self.services is None or self._task.running:
            return
        from ..forms.files import ask_folder

        folder = ask_folder(self, self.tr("현장 자료 폴더 고르기"))
        if folder is not None:
            self.start_plan(Path(folder))

    def start_plan(self, kit: Path) -> None:
        assert self.services is not None
        self._kit = kit
        self._run(self.tr("현장 자료를 확인하는 중…"), self._show_plan,
                  self.services.field_merge.plan, kit)  # fmt: skip

    def _show_plan(self, plan) -> None:
        from .plan_dialog import PlanDialog

        dialog = PlanDialog(plan, self)
        self.plan_dialog = dialog
        try:
            go = dialog.exec() == PlanDialog.DialogCode.Accepted and dialog.apply_button
        finally:
            self.plan_dialog = None
            dialog.deleteLater()
        if go and self.services is not None and self._kit is not None:
            self._run(self.tr("현장 자료를 가져오는 중…"), self._imported,
                      self.services.field_merge.apply, self._kit)  # fmt: skip

    def _imported(self, result) -> None:
        self.load()
        self.announce(Changes.of_tables(result.plan.touched_tables()))
        waiting = self.model.total_count
        QMessageBox.information(
            self, self.tr("현장 자료 가져오기"),
            self.tr("가져왔습니다. 사진·첨부 {files}개를 복사했습니다.\n검토를 기다리는 항목: "
                    "{n}개\n백업: {backup}").format(
                files=result.photos_copied, n=waiting, backup=result.backup),
        )  # fmt: skip

    def _run(self, label: str, done, fn, *args) -> None:
        self.progress.setText(label)
        self.import_button.setEnabled(False)
        self.cancel_button.setVisible(True)

        def finished(result) -> None:
            self._stop()
            done(result)

        def failed(message: str) -> None:
            self._stop()
            QMessageBox.warning(self, self.tr("현장 자료 가져오기"), message)

        self._task = BackgroundTask(self)  # one task object a run: its signals are this run's
        self._task.sig_progress.connect(
            lambda done_, total, step: self.progress.setText(
                f"{label} {step} {done_:,}/{total:,}" if total else f"{label} {step}"
            )
        )
        self._task.sig_cancelled.connect(self._stop)
        self._task.sig_finished.connect(finished)
        self._task.sig_failed.connect(failed)
        self._task.start(lambda state, *a: fn(*a, state=state), *args)

    def _stop(self) -> None:
        self.progress.setText("")
        self.cancel_button.setVisible(False)
        self.import_button.setEnabled(
            self.services is not None and self.services.ctx.allows(Permission.IMPORT)
        )
