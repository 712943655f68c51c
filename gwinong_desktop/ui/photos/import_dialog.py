"""사진 가져오기: the one screen where the officer confirms an import before anything is stored.

The files are read in the background (``Services.photos.plan_import`` through
``tasks.BackgroundTask``, with progress and 취소); then one table shows every file — thumbnail,
name, when it was taken, the proposed house (changeable), slot, phase, inspection, the planned
visit of that day and house (follows the house), and its status or the reason it cannot be
stored. Houses without a position that geotagged photos were assigned to can take the photos'
position (a tick per house). 저장 stores the ticked photos in the
background too (cancellable; a cancel keeps the batches already stored and says so).

The entry point for pages is :func:`start_photo_import` (with paths: files and folders); the
paths come from ``ui.photos.drop`` (``choose_photo_files``, ``choose_photo_folder``,
``PhotoDropTarget`` for files and folders dropped on a widget).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.tasks import BackgroundTask

if TYPE_CHECKING:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.photos import (
        Decisions,
        ImportResult,
        PhotoPlan,
        PhotoService,
        PlannedPhoto,
    )


THUMB, NAME, TAKEN, HOUSE, SLOT, PHASE, INSPECTION, VISIT, STATUS = range(9)
HEADERS = ["사진", "파일", "찍은 때", "귀농인의 집", "자리", "단계", "점검", "방문 계획", "상태"]
VALUE = Qt.ItemDataRole.UserRole
NO_CHOICE = "(정하지 않음)"
FILL_TURN_S = 0.010
"""The table is filled in turns of about this long, the event loop running between."""
GREY = QColor("#8a8f87")
REFUSED_RED = QColor("#b3261e")
_KST = timezone(timedelta(hours=9), "KST")  # taken-at times are shown in Korean time


@dataclass
class RowChoice:
    """What the officer chose for one new photo (the table's editable cells)."""

    include: bool
    house_id: int | None
    slot: PhotoSlot | None
    phase: PhotoPhase
    inspection_id: int | None
    visit_id: int | None = None  # the planned visit of the photo's day and house (not chosen)


def _plan(
    state: TaskState,
    service: PhotoService,
    paths: Sequence[Path],
    house_id: int | None,
    inspection_id: int | None,
) -> PhotoPlan:
    return service.plan_import(paths, state, house_id=house_id, inspection_id=inspection_id)


def _commit(
    state: TaskState, service: PhotoService, plan: PhotoPlan, decisions: Decisions
) -> ImportResult:
    return service.commit_import(plan, decisions, state)


class _ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor whose choices come from ``choices(row)``: [(label, value)]."""

    def __init__(self, choices: Callable[[int], list[tuple[str, Any]]], parent: QObject) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices(index.row()):
            combo.addItem(label, value)
        combo.activated.connect(lambda _=0, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(VALUE))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), VALUE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class PhotoImportDialog(QDialog):
    """Reads ``paths``, shows the plan, stores what the officer confirms."""

    sig_imported = Signal(object)
    """Photos were stored; carries the ``ImportResult`` (its ``changes`` to announce)."""

    def __init__(
        self,
        services: Services,
        paths: Sequence[Path | str],
        *,
        house_id: int | None = None,
        inspection_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoImportDialog")
        self.setWindowTitle(self.tr("사진 가져오기"))
        self.resize(1340, 640)
        self.services = services
        self.paths = [Path(p) for p in paths]
        self.plan: PhotoPlan | None = None
        self.result: ImportResult | None = None
        self.choices: dict[int, RowChoice] = {}
        self._house_id = house_id
        self._inspection_id = inspection_id
        self._filling = False
        self.ready = False  # the plan is in the table and can be confirmed

        self.summary = QLabel(self.tr("사진 파일을 읽는 중입니다…"))
        self.summary.setObjectName("photoImportSummary")
        # one fact per line (no word wrap: a wrapped label in a layout may get one line's height)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(76)
        self.table.setIconSize(QPixmap(72, 72).size())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.table.horizontalHeader()
        for column, width in ((THUMB, 84), (NAME, 200), (TAKEN, 120), (HOUSE, 220), (SLOT, 118),
                              (PHASE, 92), (INSPECTION, 150), (VISIT, 170)):  # fmt: skip
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(HOUSE, _ChoiceDelegate(self._house_choices, self))
        self.table.setItemDelegateForColumn(SLOT, _ChoiceDelegate(self._slot_choices, self))
        self.table.setItemDelegateForColumn(PHASE, _ChoiceDelegate(self._phase_choices, self))
        self.table.setItemDelegateForColumn(
            INSPECTION, _ChoiceDelegate(self._inspection_choices, self)
        )
        self.table.itemChanged.connect(self._on_item_changed)

        # "선택한 사진에 한꺼번에": the same house/slot/phase for many rows at once
        self.bulk_house = QComboBox()
        self.bulk_slot = QComboBox()
        self.bulk_phase = QComboBox()
        self.bulk_apply = QPushButton(self.tr("선택한 사진에 적용"))
        self.bulk_apply.clicked.connect(self._apply_to_selected)
        bulk = QHBoxLayout()
        bulk.addWidget(QLabel(self.tr("선택한 사진을 한꺼번에:")))
        for label, combo in ((self.tr("집"), self.bulk_house), (self.tr("자리"), self.bulk_slot),
                             (self.tr("단계"), self.bulk_phase)):  # fmt: skip
            bulk.addWidget(QLabel(label))
            bulk.addWidget(combo)
        bulk.addWidget(self.bulk_apply)
        bulk.addStretch(1)

        self.positions_box = QVBoxLayout()
        self.position_ticks: dict[int, QCheckBox] = {}

        self.save_button = QPushButton(self.tr("저장"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(self.tr("취소"))
        self.cancel_button.clicked.connect(self._cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bulk)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.positions_box)
        layout.addLayout(buttons)

        self.task = BackgroundTask(self)
        self.task.sig_progress.connect(self._on_progress)
        self.task.sig_failed.connect(self._on_failed)
        self.task.sig_cancelled.connect(self._on_cancelled)
        self.task.sig_finished.connect(self._on_finished)
        self._stage = "plan"
        self.task.start(_plan, services.photos, self.paths, house_id, inspection_id)

    # --- background work --------------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setFormat(label or "%p%")

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        QMessageBox.warning(self, self.windowTitle(), message)
        if self._stage == "plan":
            self.reject()
        else:
            self._set_busy(False)

    def _on_cancelled(self) -> None:
        if self._stage == "plan":
            self.reject()
            return
        message = getattr(self.task.error, "message", "") or self.tr("취소했습니다.")
        stored = getattr(self.task.error, "stored", 0)
        QMessageBox.information(self, self.windowTitle(), message)
        if stored:
            self.sig_imported.emit(None)
        self.reject()

    def _on_finished(self, value: object) -> None:
        if self._stage == "plan":
            self.plan = value  # type: ignore[assignment]
            self._show_plan()
            return
        self.result = value  # type: ignore[assignment]
        assert self.result is not None
        self.sig_imported.emit(self.result)
        stored = self.result.count("stored")
        lines = [self.tr("사진 %n장을 저장했습니다.", "", stored)]
        troubles = [o for o in self.result.outcomes if o.status == "refused"]
        if troubles:
            lines.append(self.tr("저장하지 못한 파일:"))
            lines += [f"· {o.reason}" for o in troubles[:10]]
        if self.result.positions_set:
            lines.append(self.tr("위치를 정한 집: ") + ", ".join(self.result.positions_set))
        QMessageBox.information(self, self.windowTitle(), "\n".join(lines))
        self.accept()

    def _cancel(self) -> None:
        if self.task.running:
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("취소하는 중…"))
            self.task.cancel()
        else:
            self.reject()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.table.setEnabled(not busy)
        self.bulk_apply.setEnabled(not busy)
        self.save_button.setEnabled(not busy and self._count_included() > 0)
        self.cancel_button.setEnabled(True)

    # --- the plan in the table --------------------------------------------------------------------

    def _show_plan(self, start: int = 0) -> None:
        """Fill the table for about :data:`FILL_TURN_S` at a time, the event loop running between
        (200 rows with thumbnails at once blocked the window for 0.3 s; 16 rows a turn still took
        up to 40 ms on a busy PC)."""
        from gwinong_desktop.services.photos import NEW

        plan = self.plan
        assert plan is not None
        if start == 0:
            self.table.setRowCount(len(plan.photos))
        self._filling = True
        turn_ends = time.perf_counter() + FILL_TURN_S
        end = start
        while end < len(plan.photos) and (end == start or time.perf_counter() < turn_ends):
            photo = plan.photos[end]
            self._fill_row(end, photo)
            if photo.status == NEW:
                self.choices[end] = RowChoice(True, photo.house_id, None, photo.phase,
                                              photo.inspection_id, photo.visit_id)  # fmt: skip
                self._show_choice(end)
            end += 1
        self._filling = False
        if end < len(plan.photos):
            self.progress.setRange(0, len(plan.photos))
            self.progress.setValue(end)
            self.progress.setFormat(self.tr("표에 싣는 중"))
            QTimer.singleShot(0, lambda: self._show_plan(end))
            return
        self._fill_bulk()
        self._update_positions()
        self._update_summary()
        self._set_busy(False)
        self.ready = True

    def _fill_row(self, row: int, photo: PlannedPhoto) -> None:
        from gwinong_desktop.services.photos import MATCH_RADIUS_M, NEW, STATUS_LABELS

        new = photo.status == NEW
        thumb = QTableWidgetItem()
        if photo.thumbnail:
            pixmap = QPixmap()
            pixmap.loadFromData(photo.thumbnail)
            thumb.setData(Qt.ItemDataRole.DecorationRole, pixmap)
        name = QTableWidgetItem(photo.name)
        name.setToolTip(str(photo.path))
        if new:
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
        taken = photo.info.taken_at if photo.info else None
        when = QTableWidgetItem(
            taken.astimezone(_KST).strftime("%Y.%m.%d. %H:%M") if taken else self.tr("알 수 없음")
        )
        status_text = STATUS_LABELS[photo.status]
        details = [photo.reason] if photo.reason else []
        details += list(photo.warnings) if new else []
        if photo.distance_m is not None and new and photo.distance_m <= MATCH_RADIUS_M:
            # (farther away, a warning already says how far: "10,667 km 떨어져 있습니다")
            details.insert(0, self.tr("집에서 %1 m").replace("%1", f"{photo.distance_m:,.0f}"))
        status = QTableWidgetItem(" · ".join([status_text, *details]))
        status.setToolTip("\n".join(details))
        if photo.status != NEW:
            status.setForeground(REFUSED_RED if photo.status == "refused" else GREY)
        for column, item in ((THUMB, thumb), (NAME, name), (TAKEN, when), (STATUS, status)):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        for column in (HOUSE, SLOT, PHASE, INSPECTION, VISIT):
            cell = QTableWidgetItem("" if new else "—")
            if not new or column == VISIT:  # the visit follows the house: shown, not chosen
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if not new:
                cell.setForeground(GREY)
            self.table.setItem(row, column, cell)

    def _show_choice(self, row: int) -> None:
        choice = self.choices[row]
        texts = {
            HOUSE: (self._house_label(choice.house_id), choice.house_id),
            SLOT: (
                choice.slot.label if choice.slot else NO_CHOICE,
                choice.slot and choice.slot.value,
            ),
            PHASE: (choice.phase.label, choice.phase.value),
            INSPECTION: (self._inspection_label(choice.inspection_id), choice.inspection_id),
        }
        was = self._filling
        self._filling = True
        for column, (text, value) in texts.items():
            item = self.table.item(row, column)
            item.setText(text + "  ▾")
            item.setData(VALUE, value)
            if column == HOUSE and choice.house_id is None:
                item.setForeground(REFUSED_RED)
            elif column == HOUSE:
                item.setForeground(QColor("#1f2a22"))
        visit = self.table.item(row, VISIT)
        visit.setText(self._visit_label(choice.visit_id))
        visit.setData(VALUE, choice.visit_id)
        self._filling = was

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.row() not in self.choices:
            return
        row, column = item.row(), item.column()
        choice = self.choices[row]
        value = item.data(VALUE)
        if column == NAME:
            choice.include = item.checkState() == Qt.CheckState.Checked
        elif column == HOUSE:
            self._set_house(row, value)
        elif column == SLOT:  # Qt hands enum members back as their plain code
            choice.slot = PhotoSlot(value) if value else None
        elif column == PHASE and value:
            choice.phase = PhotoPhase(value)
        elif column == INSPECTION:
            choice.inspection_id = value
            spot = self._inspection(value)
            if spot is not None:
                from gwinong_desktop.services.photos import phase_for

                choice.phase = phase_for(spot.kind)
        if column in (HOUSE, SLOT, PHASE, INSPECTION):
            self._show_choice(row)
        self._update_positions()
        self._update_summary()
        self.save_button.setEnabled(self._count_included() > 0)

    def _set_house(self, row: int, house_id: int | None) -> None:
        from gwinong_desktop.services.photos import phase_for, visit_and_inspection

        assert self.plan is not None
        choice = self.choices[row]
        if choice.house_id == house_id:
            return
        choice.house_id = house_id
        visit, match = visit_and_inspection(house_id, self.plan.photos[row].taken_on,
                                            self.plan.inspections, self.plan.visits)  # fmt: skip
        choice.inspection_id = match.id if match else None
        choice.visit_id = visit.id if visit else None
        choice.phase = phase_for(match.kind if match else visit.kind if visit else None)

    # --- choices ------------------------------------------------------------------------------

    def _house_choices(self, row: int) -> list[tuple[str, Any]]:
        assert self.plan is not None
        return [(NO_CHOICE, None), *((h.label, h.id) for h in self.plan.houses)]

    def _slot_choices(self, row: int) -> list[tuple[str, Any]]:
        return [(NO_CHOICE, None), *((s.label, s.value) for s in PhotoSlot)]

    def _phase_choices(self, row: int) -> list[tuple[str, Any]]:
        return [(p.label, p.value) for p in PhotoPhase]

    def _inspection_choices(self, row: int) -> list[tuple[str, Any]]:
        assert self.plan is not None
        house = self.choices[row].house_id if row in self.choices else None
        own = [i for i in self.plan.inspections if i.house_id == house]
        return [(NO_CHOICE, None), *((i.label, i.id) for i in reversed(own))]

    def _house_label(self, house_id: int | None) -> str:
        assert self.plan is not None
        house = next((h for h in self.plan.houses if h.id == house_id), None)
        return house.label if house else self.tr("(집을 골라 주세요)")

    def _inspection(self, inspection_id: int | None):  # -> InspectionSpot | None
        assert self.plan is not None
        return next((i for i in self.plan.inspections if i.id == inspection_id), None)

    def _visit_label(self, visit_id: int | None) -> str:
        assert self.plan is not None
        visit = next((v for v in self.plan.visits if v.id == visit_id), None)
        return visit.label if visit else "—"

    def _inspection_label(self, inspection_id: int | None) -> str:
        spot = self._inspection(inspection_id)
        return spot.label if spot else NO_CHOICE

    def _fill_bulk(self) -> None:
        for combo, items in (
            (self.bulk_house, self._house_choices(-1)),
            (self.bulk_slot, self._slot_choices(-1)),
            (self.bulk_phase, self._phase_choices(-1)),
        ):
            combo.clear()
            combo.addItem(self.tr("(그대로)"), "keep")
            for label, value in items:
                combo.addItem(label, value)
        self.bulk_house.setMaximumWidth(260)

    def _apply_to_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} & set(self.choices))
        house, slot, phase = (c.currentData() for c in
                              (self.bulk_house, self.bulk_slot, self.bulk_phase))  # fmt: skip
        for row in rows:
            choice = self.choices[row]
            if house != "keep":
                self._set_house(row, house)
            if slot != "keep":
                choice.slot = PhotoSlot(slot) if slot else None
            if phase != "keep" and phase:
                choice.phase = PhotoPhase(phase)
            self._show_choice(row)
        self._update_positions()
        self._update_summary()

    # --- positions and the summary --------------------------------------------------------------

    def _update_positions(self) -> None:
        from gwinong_desktop.services.photos import position_proposals

        assert self.plan is not None
        assigned = {row: c.house_id for row, c in self.choices.items() if c.include}
        proposals = position_proposals(self.plan.photos, self.plan.houses, assigned)
        for house_id in list(self.position_ticks):
            if house_id not in proposals:
                self.position_ticks.pop(house_id).deleteLater()
        for house_id, (lat, lon, count) in proposals.items():
            tick = self.position_ticks.get(house_id)
            if tick is None:
                tick = QCheckBox()
                tick.setChecked(True)
                self.position_ticks[house_id] = tick
                self.positions_box.addWidget(tick)
            tick.setProperty("position", (lat, lon))
            tick.setText(
                self.tr(
                    "%1에는 위치가 없습니다. 사진 %2장의 위치(%3, %4)를 이 집의 위치로 정합니다"
                )
                .replace("%1", self._house_label(house_id))
                .replace("%2", str(count))
                .replace("%3", str(lat))
                .replace("%4", str(lon))
            )

    def _count_included(self) -> int:
        return sum(1 for c in self.choices.values() if c.include and c.house_id is not None)

    def _update_summary(self) -> None:
        from gwinong_desktop.services.photos import DUPLICATE, NEW, REFUSED

        assert self.plan is not None
        counts = self.plan.counts
        text = self.tr("파일 %1개: 새 사진 %2장 · 이미 있는 사진 %3장 · 넣을 수 없는 파일 %4개")
        for key, value in (
            ("%1", len(self.plan.photos)),
            ("%2", counts.get(NEW, 0)),
            ("%3", counts.get(DUPLICATE, 0)),
            ("%4", counts.get(REFUSED, 0)),
        ):
            text = text.replace(key, f"{value:,}")
        houseless = sum(1 for c in self.choices.values() if c.include and c.house_id is None)
        if houseless:
            text += "\n" + self.tr(
                "집을 정하지 않은 사진 %1장은 저장하지 않습니다 (빨간 칸에서 집을 고르세요)."
            ).replace("%1", f"{houseless:,}")
        if self.plan.skipped:
            text += "\n" + self.tr("사진이 아니어서 읽지 않은 파일 %1개").replace(
                "%1", f"{len(self.plan.skipped):,}"
            )
        self.summary.setText(text)
        self.save_button.setText(
            self.tr("사진 %1장 저장").replace("%1", f"{self._count_included():,}")
        )

    # --- saving -----------------------------------------------------------------------------------

    def decisions(self) -> Decisions:
        """What the officer confirmed, as the service takes it."""
        from gwinong_desktop.services.photos import Decision, Decisions

        photos = {
            row: Decision(c.house_id, c.slot, c.phase, c.inspection_id, c.include, c.visit_id)
            for row, c in self.choices.items()
        }
        positions: dict[int, tuple[Decimal, Decimal]] = {
            house_id: tick.property("position")
            for house_id, tick in self.position_ticks.items()
            if tick.isChecked()
        }
        return Decisions(photos, positions)

    def _save(self) -> None:
        assert self.plan is not None
        self._stage = "commit"
        self._set_busy(True)
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.task.start(_commit, self.services.photos, self.plan, self.decisions())


# --- the entry point -------------------------------------------------------------------------


def start_photo_import(
    parent: QWidget | None,
    services: Services,
    paths: Sequence[Path | str],
    house_id: int | None = None,
    inspection_id: int | None = None,
) -> PhotoImportDialog | None:
    """Open the confirmation screen for ``paths`` (files and folders); None when there is nothing
    to read. The dialog is window-modal and deletes itself when closed; connect to its
    ``sig_imported`` to refresh (announce ``result.changes``)."""
    if not paths:
        return None
    dialog = PhotoImportDialog(
        services, paths, house_id=house_id, inspection_id=inspection_id, parent=parent
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
