"""The parts of the 점검·사진 page that stand apart: the 방문 계획 tab (planned visits, their
stops filled in on the spot, the printed visit list), the photo gallery and the hand-off of the
photos chosen in an inspection form, and the drafts a crash left behind. Mixed into
``InspectionsPage`` (``ui.inspections.page``), whose helpers (``_button``, ``_run``, ``_build``,
``open_form`` …) they use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import Refusal

from ..forms.record_dialog import ask_reason
from ..records import RecordTableModel
from ..records.view import RecordTableView

if TYPE_CHECKING:
    from gwinong_desktop.services.inspection_drafts import Draft

GALLERY = "gwinong_desktop.ui.photos.gallery:PhotoGallery"
VISITS_TAB = 2
CONTINUE, DISCARD, LATER = "continue", "discard", "later"


def sorted_table(model: RecordTableModel, name: str, parent: QWidget) -> RecordTableView:
    """The list in the service's order (overdue findings first, stops in route order) until a
    header is clicked: the indicator is cleared before sorting is turned on, which would
    otherwise sort by the first column at once."""
    view = RecordTableView(model, parent)
    view.setObjectName(name)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


class VisitsTab:
    """방문 계획."""

    services: Any
    can_edit: bool

    def _visits_tab(self) -> QWidget:
        tab = QWidget(self)
        self.new_visit_button = self._button(self.tr("새 방문 계획…"), "newVisit", self.new_visit,
                                             tab)  # fmt: skip
        self.edit_visit_button = self._button(self.tr("수정…"), "editVisit", self.edit_visit, tab)
        self.archive_visit_button = self._button(self.tr("보관…"), "archiveVisit",
                                                 self.archive_visit, tab)  # fmt: skip
        self.print_button = self._button(self.tr("방문 목록 PDF…"), "printVisitList",
                                         self.print_visit_list, tab)  # fmt: skip
        self.print_button.setToolTip(
            self.tr("집마다 주소, 운영자 연락처, 남은 지적사항, 비어 있는 사진 칸, 점검 항목을 "
                    "한 장씩 인쇄합니다")
        )  # fmt: skip
        self.record_stop_button = self._button(self.tr("이 집 점검 기록…"), "recordStop",
                                               self.record_stop, tab)  # fmt: skip
        row = QHBoxLayout()
        row.addStretch(1)
        for b in (self.new_visit_button, self.edit_visit_button, self.archive_visit_button,
                  self.print_button):  # fmt: skip
            row.addWidget(b)
        self.visit_table = sorted_table(self.visit_model, "visitTable", tab)
        self.visit_table.sig_open.connect(lambda _r: self.print_visit_list())
        self.visit_table.sig_edit.connect(lambda _r: self.edit_visit())
        self.visit_table.selectionModel().currentRowChanged.connect(lambda *_: self._load_stops())
        self.stop_table = sorted_table(self.stop_model, "stopTable", tab)
        self.stop_table.sig_open.connect(lambda _r: self.record_stop())
        self.stop_table.sig_edit.connect(lambda _r: self.record_stop())
        self.stop_table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        lower = QWidget(tab)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        stops_bar = QHBoxLayout()
        self.stops_title = QLabel(self.tr("방문 순서"), lower)
        self.stops_title.setStyleSheet("font-weight: bold;")
        stops_bar.addWidget(self.stops_title)
        stops_bar.addStretch(1)
        stops_bar.addWidget(self.record_stop_button)
        lower_layout.addLayout(stops_bar)
        lower_layout.addWidget(self.stop_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, tab)
        split.addWidget(self.visit_table)
        split.addWidget(lower)
        split.setSizes([260, 260])
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        return tab

    # --- visits ---------------------------------------------------------------------------

    def new_visit(self) -> None:
        from .dialogs import VisitDialog

        if self.services is None:
            return
        dialog = VisitDialog(self.services, parent=self)
        if self._run(dialog) and dialog.saved is not None:
            self._changed()
            self._reselect(self.visit_table, self.visit_model, dialog.saved.id)

    def edit_visit(self) -> None:
        from .dialogs import VisitDialog

        visit = self.selected_visit()
        if visit is None or self.services is None:
            return
        dialog = self._build(lambda: VisitDialog(self.services, visit_id=visit.id, parent=self))
        if dialog is not None and self._run(dialog):
            self._changed()

    def archive_visit(self) -> None:
        visit = self.selected_visit()
        if visit is None or self.services is None:
            return
        title = self.tr("방문 계획 보관")
        reason = ask_reason(self, title, self.tr("'{title}'을(를) 보관하는 사유").format(
            title=visit.title))  # fmt: skip
        if reason is None:
            return
        try:
            self.services.inspections.archive_visit(visit.id, reason)
        except Refusal as refusal:
            QMessageBox.warning(self, title, refusal.message)
            return
        self._changed()

    def print_visit_list(self) -> QDialog | None:
        """The visit list in the document dialog (미리보기·인쇄, PDF로 저장)."""
        from ..printing.documents import DocumentDialog

        visit = self.selected_visit()
        if visit is None or self.services is None:
            return None
        document = self._build(lambda: self.services.inspections.visit_list(visit.id))
        if document is None:
            return None
        dialog = DocumentDialog(self, self.services, document)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def record_stop(self) -> None:
        """The stop's inspection: filled in now, or opened when already recorded."""
        stop = self.selected_stop()
        if stop is None or self.services is None:
            return
        if stop.inspection_id is not None:
            form = self._build(lambda: self.services.inspections.load(stop.inspection_id))
        elif self.can_edit:
            form = self._build(lambda: self.services.inspections.new_for_stop(stop.id))
        else:
            return
        if form is not None and self.open_form(form):
            self.tabs.setCurrentIndex(VISITS_TAB)


class PhotosAndDrafts:
    """The gallery, the chosen photos' hand-off, and drafts left behind."""

    services: Any
    can_edit: bool
    drafts_offered: bool

    # --- photos ---------------------------------------------------------------------------

    def _make_gallery(self, gallery_class: type, holder: QWidget) -> QWidget | None:
        """The gallery of the 사진 tab (``LazyTab``), once the services are there."""
        if self.services is None:
            return None
        self.gallery = gallery_class(self.services, holder)
        return self.gallery

    def _show_gallery_house(self) -> None:
        """The gallery shows the house of the inspection chosen on 점검 (else the first)."""
        if self.gallery is None or self.services is None:
            return
        inspection = self.selected_inspection()
        house_id = inspection.house_id if inspection is not None else None
        if house_id is None:
            houses = self.services.houses.list_houses()
            house_id = houses[0].id if houses else None
        if house_id is not None:
            self.gallery.show_house(house_id)  # type: ignore[attr-defined]

    def _import_photos(self, house_id: int, inspection_id: int, paths: list[str]) -> None:
        """Hand the photos chosen in the inspection form to the photo import (its one screen
        of confirmation), placed as 점검 photos of this inspection."""
        if not paths or self.services is None:
            return
        from ..photos.import_dialog import start_photo_import

        dialog = start_photo_import(
            self, self.services, paths, house_id=house_id, inspection_id=inspection_id
        )
        if dialog is not None:
            dialog.sig_imported.connect(lambda result: self.announce(result.changes))

    # --- drafts ---------------------------------------------------------------------------

    def offer_drafts(self) -> None:
        """Offer each draft left behind (a crash, a dead battery): continue it or throw it
        away; "나중에" keeps it for the next start."""
        if self.services is None or self.drafts_offered:
            return
        self.drafts_offered = True
        store = self.services.inspections.drafts
        drafts, broken = store.pending()
        if broken:
            QMessageBox.warning(
                self,
                self.tr("임시 저장본"),
                self.tr(
                    "읽을 수 없는 임시 저장본이 있습니다 (데이터 폴더의 drafts 폴더):\n{files}"
                ).format(files="\n".join(broken)),
            )
        for draft in drafts:
            answer = self.ask_draft(draft)
            if answer == CONTINUE:
                self.open_form(draft.form, draft_key=draft.key, photos=draft.photos)
            elif answer == DISCARD:
                store.discard(draft.key)

    def ask_draft(self, draft: Draft) -> str:
        """이어서 쓰기 / 버리기 / 나중에 for one draft."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("저장하지 못한 점검 기록"))
        box.setText(self.tr("저장하기 전에 프로그램이 닫힌 점검 기록이 있습니다.\n{what}").format(
            what=draft.describe()))  # fmt: skip
        box.setInformativeText(self.tr("이어서 쓰면 입력했던 내용과 고른 사진이 그대로 열립니다."))
        go_on = box.addButton(self.tr("이어서 쓰기"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(self.tr("버리기"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("나중에"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go_on)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is go_on:
            return CONTINUE
        return DISCARD if clicked is drop else LATER
