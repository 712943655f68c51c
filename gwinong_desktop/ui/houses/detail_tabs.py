"""The tabs of a house's detail besides the overview: lease, works and funding, residents, rent,
inspections and photos, documents, history.

Each tab is a view: it is given service rows and shows them; its buttons are wired by the page.
Tabs whose records belong to later work (rent, inspections) show the facts the service already
has and say in one line what is coming — no widgets that do nothing.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.domain.money import format_man_won, format_won, to_thousand_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.stays import StayStatus, is_stay_active

if TYPE_CHECKING:
    from gwinong_desktop.services.attachments import AttachmentRow
    from gwinong_desktop.services.history import HistoryEntry
    from gwinong_desktop.services.houses import HouseDetail
    from gwinong_desktop.services.leases import LeaseRecord
    from gwinong_desktop.services.stay_rows import StayRow
    from gwinong_desktop.services.works import DevelopmentRecord


DASH = "—"
NO_LEASE_TEXT = QT_TRANSLATE_NOOP(
    "LeaseTab",
    "이 집에는 임대차계약이 없습니다. 빈집은 소유주와의 임대차계약이나 무상제공이 있어야 합니다"
    " (시행지침 Ⅱ-4). '새 임대차계약…'으로 등록하세요.",
)
NOTICE_STYLE = (
    "QLabel { background: #fff6ea; border: 1px solid #efc58a; border-radius: 6px;"
    " padding: 6px 10px; color: #74410a; }"
)
NO_LEASE_TIP = QT_TRANSLATE_NOOP(
    "LeaseTab", "이 집에는 임대차계약이 없습니다. 먼저 '새 임대차계약…'으로 등록하세요."
)
LIVING_THERE = frozenset({StayStatus.LIVING, StayStatus.ENDING, StayStatus.OVERDUE})
"""Stays whose household lives in the house today (counted as 지금 거주)."""


def _d(value: date | None) -> str:
    return format_date_ko(value) if value else DASH


def _k(amount: int) -> str:
    return f"{to_thousand_won(amount):,}"


def make_table(name: str, headers: tuple[str, ...], widths: tuple[int, ...] = ()) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[Any, list[str]]],
               right: frozenset[int] = frozenset()) -> None:  # fmt: skip
    """Rows of (id, cells); the id rides on the first cell (``Qt.UserRole``)."""
    table.setRowCount(len(rows))
    for r, (row_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, row_id)
            item.setToolTip(text)
            table.setItem(r, c, item)


def selected_id(table: QTableWidget) -> int | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return int(value) if value is not None else None


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


def _coming(text: str) -> QLabel:
    """The one line saying what this tab will hold later (styled like the coming pages)."""
    label = QLabel(text)
    label.setObjectName("comingLine")
    label.setWordWrap(True)
    label.setStyleSheet(
        "QLabel#comingLine { background: #fbfaf4; border: 1px solid #e6e1c8;"
        " border-radius: 6px; padding: 6px 10px; color: #5b4d1c; }"
    )
    return label


class _Tab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(10, 8, 10, 8)
        self.layout_.setSpacing(6)
        self.bar = QHBoxLayout()
        self.bar.setSpacing(6)
        self.layout_.addLayout(self.bar)

    def _finish_bar(self, note: str = "") -> None:
        if note:
            hint = QLabel(note)
            hint.setObjectName("tabHint")
            self.bar.addSpacing(8)
            self.bar.addWidget(hint)
        self.bar.addStretch(1)


class LeaseTab(_Tab):
    HEADERS = ("구분", "소유주", "기간", "연 임차료", "주소", "연락처", "서류", "비고")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = _button(self.tr("새 임대차계약…"), "newLease")
        self.edit_button = _button(self.tr("수정…"), "editLease")
        self.renew_button = _button(self.tr("재계약(갱신)…"), "renewLease")
        self.attach_button = _button(self.tr("서류 첨부…"), "attachLeaseFile")
        for b in (self.new_button, self.edit_button, self.renew_button, self.attach_button):
            self.bar.addWidget(b)
        self._finish_bar(self.tr("재계약은 새 계약으로 더하고, 이전 계약은 이력으로 남깁니다."))
        self.missing = QLabel(self.tr(NO_LEASE_TEXT))
        self.missing.setObjectName("noLease")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(NOTICE_STYLE)
        self.missing.hide()
        self.layout_.addWidget(self.missing)
        self.table = make_table("leaseTable", tuple(self.tr(h) for h in self.HEADERS),
                                (90, 80, 190, 90, 220, 110, 50))  # fmt: skip
        self.layout_.addWidget(self.table, 1)
        self.records: list[LeaseRecord] = []

    @property
    def lease_buttons(self) -> tuple[QPushButton, ...]:
        """The buttons that work on a lease the house has (off while it has none)."""
        return (self.edit_button, self.renew_button, self.attach_button)

    def show_records(self, records: list[LeaseRecord]) -> None:
        self.records = records
        by_id = {r.id: r for r in records}
        rows = []
        for r in records:
            period = r.period()
            if r.renews_lease_id in by_id:
                period += self.tr(" (갱신)")
            if r.renewed_by_id is not None:
                period += self.tr(" → 재계약됨")
            rows.append((r.id, [r.kind.label, r.owner_name or DASH, period,
                                format_won(r.annual_rent) if r.annual_rent else DASH,
                                r.owner_address or DASH, r.owner_phone or DASH,
                                f"{r.attachment_count}건", r.note]))  # fmt: skip
        fill_table(self.table, rows, frozenset({3, 6}))
        self.missing.setVisible(not records)
        if records:
            self.table.selectRow(len(records) - 1)

    def selected(self) -> int | None:
        return selected_id(self.table)


class WorksTab(_Tab):
    HEADERS = ("연도", "사업명", "국비", "도비", "군비", "자부담", "계", "집행액",
               "착공일", "준공예정일", "준공일", "공정", "부진원인")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = _button(self.tr("새 조성사업…"), "newWorks")
        self.edit_button = _button(self.tr("수정…"), "editWorks")
        self.bar.addWidget(self.new_button)
        self.bar.addWidget(self.edit_button)
        self._finish_bar(self.tr("금액 단위: 천원. 집행은 보조금 원인행위액과 자부담 실집행액."))
        self.table = make_table("worksTable", tuple(self.tr(h) for h in self.HEADERS),
                                (44, 180, 64, 64, 64, 64, 70, 70, 82, 82, 82, 44))  # fmt: skip
        self.layout_.addWidget(self.table, 1)

    def show_records(self, records: list[DevelopmentRecord]) -> None:
        rows = []
        for r in records:
            b = r.budget
            rows.append((r.id, [
                str(r.year), r.title or DASH, _k(b[FundingSource.NATIONAL]),
                _k(b[FundingSource.PROVINCE]), _k(b[FundingSource.COUNTY]),
                _k(b[FundingSource.OWN]), _k(r.budget_total), _k(r.executed_total),
                _d(r.started_on), _d(r.planned_completion_on), _d(r.completed_on),
                f"{r.progress_pct}%", r.delay_reason,
            ]))  # fmt: skip
        fill_table(self.table, rows, frozenset({2, 3, 4, 5, 6, 7, 11}))
        if records:
            self.table.selectRow(len(records) - 1)

    def selected(self) -> int | None:
        return selected_id(self.table)


class ResidentsTab(_Tab):
    """The house's stay history (newest first); the person's page of a stay is one click away
    (a double click or 입주자 이력), and the 입주자 page shows this house's stays."""

    HEADERS = ("관리번호", "입주자", "세대원", "입주일", "퇴거예정일", "연장", "퇴거일",
               "월 임대료", "상태", "정착 여부")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_button = _button(self.tr("입주자 이력…"), "personHistory")
        self.person_button.setToolTip(self.tr("고른 입주자의 정보와 모든 입주 기록"))
        self.go_button = _button(self.tr("입주자 화면에서 보기"), "goResidents")
        self.go_button.setToolTip(
            self.tr("입주자 화면에서 이 집의 입주를 봅니다 (입주 등록·연장·퇴거·정착 확인).")
        )
        self.bar.addWidget(self.person_button)
        self.bar.addWidget(self.go_button)
        self._finish_bar()
        self.summary = QLabel()
        self.summary.setObjectName("residentsSummary")
        self.table = make_table("staysTable", tuple(self.tr(h) for h in self.HEADERS),
                                (100, 70, 52, 86, 86, 86, 86, 76, 70))  # fmt: skip
        self.table.hideColumn(0)  # the house is the one shown
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.table, 1)
        self.rows: list[StayRow] = []

    def show_rows(self, rows: list[StayRow], cells: Any) -> None:
        """The house's stays; ``cells(row)`` gives a row's texts (shared with the person's
        page)."""
        self.rows = rows
        fill_table(self.table, [(r.resident_id, cells(r)) for r in rows], frozenset({2, 7}))
        current = sum(1 for r in rows if r.status in LIVING_THERE)
        self.summary.setText(
            self.tr("입주 기록 {n}건 · 지금 거주 {c}세대").format(n=len(rows), c=current)
        )
        self.person_button.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)

    def selected(self) -> int | None:
        """The resident of the selected stay."""
        return selected_id(self.table)


class RentTab(_Tab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finish_bar()
        self.facts = QLabel()
        self.facts.setObjectName("rentFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.layout_.addWidget(self.facts)
        self.layout_.addWidget(_coming(self.tr(
            "월별 임대료 부과·수납·미납, 보증금 반환과 임대료 사용 내역은 '임대료' 화면에서 "
            "다룰 예정입니다."
        )))  # fmt: skip
        self.layout_.addStretch(1)

    def show_detail(self, detail: HouseDetail, today: date) -> None:
        lines = [
            self.tr("기준 월 임대료: <b>{rent}</b>").format(
                rent=format_man_won(detail.monthly_rent) if detail.monthly_rent else DASH),
            self.tr("기준 보증금: <b>{deposit}</b>").format(
                deposit=format_won(detail.deposit) if detail.deposit else DASH),
        ]  # fmt: skip
        for s in detail.stays:
            if is_stay_active(s.move_in_on, s.moved_out_on, today):
                lines.append(
                    self.tr("지금 입주자 {name}: 월 {rent}").format(
                        name=html.escape(s.resident),
                        rent=format_man_won(s.monthly_rent) if s.monthly_rent else self.tr("없음"),
                    )
                )
        self.facts.setText("<p style='line-height: 150%'>" + "<br>".join(lines) + "</p>")


class VisitsTab(_Tab):
    """The house's photo album (the gallery, with the slots still empty) under one line of
    counts; the gallery is built by the page when the tab is first shown (``set_gallery``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = QLabel()
        self.facts.setObjectName("visitFacts")
        self.bar.addWidget(self.facts)
        self.bar.addStretch(1)
        coming = _coming(self.tr("점검 기록과 지적사항·조치결과는 '점검·사진' 화면에서 다룹니다."))
        coming.setWordWrap(False)
        self.bar.addWidget(coming)
        self.gallery: QWidget | None = None

    def set_gallery(self, gallery: QWidget) -> None:
        """Put the photo gallery under the counts (once)."""
        self.gallery = gallery
        self.layout_.addWidget(gallery, 1)

    def show_detail(self, detail: HouseDetail, today: date) -> None:
        self.facts.setText(
            self.tr("사진 {photos}장 · 점검 {inspections}회").format(
                photos=detail.photo_count, inspections=detail.inspection_count
            )
        )


class DocumentsTab(_Tab):
    HEADERS = ("종류", "파일 이름", "대상", "추가일", "크기", "비고")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_button = _button(self.tr("열기"), "openDocument")
        self.attach_button = _button(self.tr("파일 첨부…"), "attachHouseFile")
        self.archive_button = _button(self.tr("보관…"), "archiveDocument")
        for b in (self.open_button, self.attach_button, self.archive_button):
            self.bar.addWidget(b)
        self._finish_bar(self.tr("두 번 누르면 PDF·사진을 기본 프로그램으로 엽니다."))
        self.table = make_table("documentsTable", tuple(self.tr(h) for h in self.HEADERS),
                                (120, 260, 200, 90, 64))  # fmt: skip
        self.layout_.addWidget(self.table, 1)

    def show_rows(self, rows: list[AttachmentRow], size_text: Any) -> None:
        fill_table(self.table, [
            (a.id, [a.kind.label, a.original_name, a.belongs_to,
                    format_date_ko(a.added_at.astimezone().date()), size_text(a.size_bytes),
                    a.note])
            for a in rows
        ], frozenset({4}))  # fmt: skip

    def selected(self) -> int | None:
        return selected_id(self.table)


class HistoryTab(_Tab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finish_bar(self.tr("이 집과 임대차·조성사업·첨부서류의 모든 변경 (최근 것부터)."))
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyTree")
        self.tree.setHeaderLabels([self.tr("일시"), self.tr("입력한 사람"), self.tr("내용")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().resizeSection(0, 150)
        self.tree.header().resizeSection(1, 100)
        self.empty = QLabel()
        self.empty.setObjectName("historyEmpty")
        self.empty.setWordWrap(True)
        self.layout_.addWidget(self.empty)
        self.layout_.addWidget(self.tree, 1)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.tree.clear()
        for e in entries:
            top = QTreeWidgetItem([
                e.when(), e.actor,
                f"{e.action_label} · {e.entity_label}" + (f": {e.summary}" if e.summary else ""),
            ])  # fmt: skip
            for line in e.change_lines():
                QTreeWidgetItem(top, ["", "", line])
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.empty.setText(
            self.tr("기록된 변경이 없습니다. 예시 자료나 관리대장 가져오기로 만든 기록은 한 "
                    "번의 일괄 기록으로만 남아 있습니다.") if not entries else ""
        )  # fmt: skip
        self.empty.setVisible(not entries)
        self.tree.setVisible(bool(entries))

    def lines(self) -> list[str]:
        """Every line shown, parents then their children (for tests and copying)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append(" | ".join(top.text(c) for c in range(3)))
            out += [top.child(j).text(2) for j in range(top.childCount())]
        return out
