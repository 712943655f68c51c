"""The facts of one house, under the list: what an officer looks up on the phone with a resident.

A view only: it is given a ``HouseDetail`` (from ``HouseService.detail``) and shows it; it loads
nothing itself. Values can be selected with the mouse and copied (addresses, phone numbers).

The house's code, status and place stand above a row of tabs: 개요 (the facts below), 임대차,
조성사업·사업비, 입주자, 임대료, 점검·사진, 첨부서류, 변경 이력 (``detail_tabs``). The tabs that
need more than ``HouseDetail`` are filled by the page when they are shown (``sig_tab_shown``).
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.domain.money import format_man_won, format_won
from gwinong_desktop.domain.periods import format_date_ko, format_period
from gwinong_desktop.domain.stays import is_stay_active

from .detail_tabs import (
    DocumentsTab,
    HistoryTab,
    LeaseTab,
    RentTab,
    ResidentsTab,
    VisitsTab,
    WorksTab,
)
from .table_model import STATUS_COLOURS, format_area

if TYPE_CHECKING:
    from gwinong_desktop.services.houses import HouseDetail, StayLine


# (key, tab label) in the order shown
TABS = (
    ("overview", "개요"),
    ("lease", "임대차"),
    ("works", "조성사업·사업비"),
    ("residents", "입주자"),
    ("rent", "임대료"),
    ("visits", "점검·사진"),
    ("documents", "첨부서류"),
    ("history", "변경 이력"),
)
TAB_KEYS = tuple(key for key, _ in TABS)

# (key, Korean label) of the facts in each section, in the order shown
BASIC_FIELDS = (
    ("address", "주소"),
    ("type", "조성유형"),
    ("year", "조성연도"),
    ("structure", "구조"),
    ("rooms", "방수"),
    ("build_year", "건축년도"),
    ("land_area", "대지면적"),
    ("floor_area", "건물면적"),
)
OPERATION_FIELDS = (
    ("operator", "운영자"),
    ("phone", "연락처"),
    ("rent", "월 임대료"),
    ("deposit", "보증금"),
)
WORKS_FIELDS = (
    ("budget", "사업비 합계"),
    ("started", "착공일"),
    ("completed", "준공일"),
    ("progress", "공정"),
    ("management_end", "관리기간 종료일"),
    ("records", "사진·점검"),
)
DASH = "—"
NO_LEASE_COLOUR = STATUS_COLOURS[HouseStatus.VACANT]  # the orange of "needs looking at"
OVERVIEW_STAYS = 4  # the newest stays on the overview; the 입주자 tab lists them all


def _date(d: date | None) -> str:
    return format_date_ko(d) if d else DASH


def _area(value: Decimal | None) -> str:
    return f"{format_area(value)} m²" if value is not None else DASH


def stay_text(stay: StayLine, today: date) -> str:
    """One stay as officers write it: "김하늘 (3명) 2024.3.1.~2025.2.28. · 월 10만원"."""
    active = is_stay_active(stay.move_in_on, stay.moved_out_on, today)
    if stay.moved_out_on is not None:
        period = format_period(stay.move_in_on, stay.moved_out_on)
    else:
        period = format_period(stay.move_in_on, stay.extended_to or stay.planned_end_on)
    parts = [f"{stay.resident} ({stay.household_size}명)", period]
    if stay.extended_to is not None:
        parts.append("연장")
    if stay.monthly_rent:
        parts.append(f"월 {format_man_won(stay.monthly_rent)}")
    text = " ".join(parts[:2]) + "".join(f" · {p}" for p in parts[2:])
    if active:
        return f"거주 중: {text}"
    if stay.move_in_on > today:
        return f"입주 예정: {text}"
    return text


def _value_label() -> QLabel:
    label = QLabel(DASH)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setObjectName("detailValue")
    return label


class HouseDetailPane(QWidget):
    """Shows one house's detail on tabs; an explanation when nothing is selected."""

    sig_tab_shown = Signal(str)
    """A tab became visible for the house shown (its key, ``TAB_KEYS``): fill it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("houseDetail")
        self._values: dict[str, QLabel] = {}
        self.house_id: int | None = None
        self._pages = QStackedWidget(self)
        self._empty = QLabel(
            self.tr("목록에서 귀농인의 집을 고르면 자세한 내용이 여기에 보입니다."), self
        )
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setObjectName("detailEmpty")
        self._pages.addWidget(self._empty)
        self._pages.addWidget(self._build_detail())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._pages)
        self.show_detail(None)

    def _build_detail(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("detailPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(page)
        header.setObjectName("detailBody")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(16, 8, 16, 4)
        body = header

        self.title = QLabel(body)
        self.title.setObjectName("detailTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_chip = QLabel(body)
        self.status_chip.setObjectName("statusChip")
        self.subtitle = QLabel(body)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(self.title)
        title_row.addWidget(self.status_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignVCenter)
        header_layout.addLayout(title_row)
        outer.addWidget(header)

        self.tabs = QTabWidget(page)
        self.tabs.setObjectName("houseTabs")
        self.tabs.setDocumentMode(True)
        self.lease_tab = LeaseTab()
        self.works_tab = WorksTab()
        self.residents_tab = ResidentsTab()
        self.rent_tab = RentTab()
        self.visits_tab = VisitsTab()
        self.documents_tab = DocumentsTab()
        self.history_tab = HistoryTab()
        widgets = {
            "overview": self._build_overview(), "lease": self.lease_tab,
            "works": self.works_tab, "residents": self.residents_tab, "rent": self.rent_tab,
            "visits": self.visits_tab, "documents": self.documents_tab,
            "history": self.history_tab,
        }  # fmt: skip
        for key, label in TABS:
            widgets[key].setObjectName(widgets[key].objectName() or f"{key}Tab")
            self.tabs.addTab(widgets[key], self.tr(label))
        self.tabs.currentChanged.connect(self._tab_changed)
        outer.addWidget(self.tabs, 1)
        return page

    def _build_overview(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body.setObjectName("detailBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 6, 18, 14)
        layout.setSpacing(2)

        # three columns side by side: the pane sits under the list and has the width
        columns = QHBoxLayout()
        columns.setSpacing(28)
        first, second, third = (self._column(body) for _ in range(3))
        first.addWidget(self._section(body, self.tr("기본 정보"), BASIC_FIELDS))
        second.addWidget(self._section(body, self.tr("운영"), OPERATION_FIELDS))
        second.addWidget(self._section(body, self.tr("조성사업·관리"), WORKS_FIELDS))
        self.stays = self._list_section(body, third, self.tr("입주 이력"))
        self.stays.setTextFormat(Qt.TextFormat.RichText)
        self.leases = self._list_section(body, third, self.tr("임대차계약"))
        self.note = self._list_section(body, third, self.tr("비고"))
        self.overrides = self._list_section(body, third, self.tr("규칙 예외 (사유)"))
        self.overrides.setObjectName("overridesText")
        for column in (first, second, third):
            column.addStretch(1)
            columns.addLayout(column, 1)
        layout.addLayout(columns, 1)
        scroll.setWidget(body)
        return scroll

    def _column(self, parent: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        column.setContentsMargins(0, 0, 0, 0)
        return column

    def _heading(self, parent: QWidget, text: str) -> QLabel:
        heading = QLabel(text, parent)
        heading.setObjectName("detailSection")
        return heading

    def _section(self, parent: QWidget, title: str, fields: tuple[tuple[str, str], ...]) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._heading(box, title))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(3)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in fields:
            value = _value_label()
            value.setProperty("fact", key)  # which fact it shows (the ``*_FIELDS`` keys)
            self._values[key] = value
            name = QLabel(self.tr(label), box)
            name.setObjectName("detailLabel")
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            name.setMinimumWidth(88)
            form.addRow(name, value)
        layout.addLayout(form)
        return box

    def _list_section(self, parent: QWidget, layout: QVBoxLayout, title: str) -> QLabel:
        box = QWidget(parent)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 10, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(self._heading(box, title))
        value = _value_label()
        inner.addWidget(value)
        layout.addWidget(box)
        return value

    # --- showing ----------------------------------------------------------------------------

    def set_empty_text(self, text: str) -> None:
        """What the pane says when no house is selected."""
        self._empty.setText(text)

    def current_tab(self) -> str:
        return TAB_KEYS[max(self.tabs.currentIndex(), 0)]

    def set_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def _tab_changed(self, index: int) -> None:
        if self.house_id is not None and 0 <= index < len(TAB_KEYS):
            self.sig_tab_shown.emit(TAB_KEYS[index])

    def show_overrides(self, lines: list[tuple[str, str]]) -> None:
        """The warnings gone past for the house: (rule name, reason) pairs."""
        text = "\n".join(f"{name}: {reason}" for name, reason in lines)
        self.overrides.setText(text or DASH)
        self.overrides.parentWidget().setVisible(bool(lines))

    def text(self) -> str:
        """Everything the pane shows, as plain text (for tests and copying)."""
        if self._pages.currentWidget() is self._empty:
            return self._empty.text()
        lines = [self.title.text(), self.subtitle.text(), self.status_chip.text()]
        lines += [f"{key}: {label.text()}" for key, label in self._values.items()]
        lines += [self.leases.text(), self.stays.text(), self.note.text()]
        return "\n".join(lines)

    def show_detail(self, detail: HouseDetail | None, today: date | None = None) -> None:
        if detail is None:
            self.house_id = None
            self._pages.setCurrentWidget(self._empty)
            return
        today = today or date.today()
        row = detail.row
        self.house_id = row.id
        v = self._values
        self.title.setText(row.code)
        place = " ".join(p for p in (detail.sido, detail.sigun, row.eupmyeon, row.ri) if p)
        self.subtitle.setText(place)
        colour = STATUS_COLOURS[row.status]
        self.status_chip.setText(row.status.label)
        self.status_chip.setStyleSheet(
            f"color: {colour}; border: 1px solid {colour}; border-radius: 9px;"
            " padding: 1px 10px; background: transparent;"
        )
        address = detail.road_address or row.address
        if detail.jibun and detail.road_address:
            address += f"\n(지번: {row.eupmyeon} {row.ri} {detail.jibun})".replace("  ", " ")
        v["address"].setText(address or DASH)
        v["type"].setText(row.development_type.label)
        v["year"].setText(f"{row.program_year}년")
        v["structure"].setText(detail.structure or DASH)
        v["rooms"].setText(f"{row.rooms}개" if row.rooms is not None else DASH)
        v["build_year"].setText(f"{detail.build_year}년" if detail.build_year else DASH)
        v["land_area"].setText(_area(detail.land_area_m2))
        v["floor_area"].setText(_area(row.floor_area_m2))

        v["operator"].setText(row.operator or DASH)
        v["phone"].setText(detail.operator_phone or DASH)
        v["rent"].setText(format_man_won(detail.monthly_rent) if detail.monthly_rent else DASH)
        v["deposit"].setText(format_won(detail.deposit) if detail.deposit else DASH)
        v["completed"].setText(_date(row.completed_on))
        v["management_end"].setText(_date(detail.management_ends_on))

        v["budget"].setText(format_won(detail.budget_total) if detail.budget_total else DASH)
        v["started"].setText(_date(detail.started_on))
        v["progress"].setText(
            f"{detail.progress_pct}%" if detail.progress_pct is not None else DASH
        )
        v["records"].setText(
            self.tr("사진 {photos}장 · 점검 {inspections}회").format(
                photos=detail.photo_count, inspections=detail.inspection_count
            )
        )

        lease_lines = [
            f"{lease.kind.label} · {self.tr('소유주')} {lease.owner or DASH} · "
            f"{format_period(lease.start_on, lease.end_on)}"
            for lease in detail.leases
        ]
        missing = self.tr("임대차계약이 없습니다 (시행지침 Ⅱ-4: 소유주와 계약 또는 무상제공).")
        self.leases.setText("\n".join(lease_lines) or missing)
        self.leases.setStyleSheet("" if lease_lines else f"color: {NO_LEASE_COLOUR};")
        lines = []
        for stay in detail.stays[:OVERVIEW_STAYS]:
            text = html.escape(stay_text(stay, today))
            current = is_stay_active(stay.move_in_on, stay.moved_out_on, today)
            lines.append(f"<b>{text}</b>" if current else text)
        more = len(detail.stays) - OVERVIEW_STAYS
        if more > 0:
            lines.append(self.tr("… 이전 {n}건은 '입주자' 탭에").format(n=more))
        self.stays.setText("<br>".join(lines) or self.tr("입주 기록이 없습니다."))
        self.note.setText(detail.note or DASH)
        self.overrides.setText(DASH)
        self.overrides.parentWidget().setVisible(False)
        self.rent_tab.show_detail(detail, today)
        self.visits_tab.show_detail(detail, today)
        if row.archived:
            self.status_chip.setText(f"{row.status.label} · {self.tr('보관됨')}")
        self._pages.setCurrentIndex(1)
