"""운영 현황: how the program is doing in a chosen year and 읍·면, as five charts.

The figures come from ``Services.program_stats`` off the GUI thread (``tasks.BackgroundTask``):
the panel paints at once with empty charts and fills them when the numbers arrive, so the
dashboard's first paint never waits for them. Each chart can be saved as a PNG; "엑셀로
내보내기" writes every number through the list export (``Services.list_export``: the one table
writer, the permission and the access record).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import HouseStatus, SettlementOutcome
from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.tasks.background import BackgroundTask

from ..houses.table_model import STATUS_COLOURS
from .chart import Chart, ChartData, Series, as_floats, month_names

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.exchange.table import Column, TableSummary
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.list_export import ListExportService
    from gwinong_desktop.services.program_stats import ProgramStats, ProgramStatsService

    from ..pages.base import Page

WHAT = "귀농인의 집 운영 현황"

CHART_KEYS = ("occupancy", "rent", "settlement", "budget", "status")
"""The charts in the order shown (and their PNG files' names)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatsPanel", text)


@dataclass(frozen=True)
class Loaded:
    """What one background load brings: the choosers' lists (on the first load) and figures."""

    years: list[int] | None
    eupmyeons: list[str] | None
    stats: ProgramStats


def load_stats(
    state: TaskState, service: ProgramStatsService, year: int | None, eupmyeon: str | None,
    choices: bool,
) -> Loaded:  # fmt: skip
    """The figures of ``year`` (None: the newest) for ``eupmyeon``; with ``choices``, also the
    years and 읍·면 the choosers offer. Runs off the GUI thread."""
    years = service.years() if choices or year is None else None
    eupmyeons = service.eupmyeons() if choices else None
    state.check()
    chosen = year if year is not None else (years or [date.today().year])[0]
    return Loaded(years, eupmyeons, service.stats(chosen, eupmyeon))


def charts(stats: ProgramStats) -> dict[str, ChartData]:
    """The five charts of ``stats``, by key (:data:`CHART_KEYS`)."""
    months = month_names()
    k = lambda values: as_floats([None if v is None else to_thousand_won(v) for v in values])  # noqa: E731
    occupancy_notes = tuple(
        _tr("운영 {n:,}개소 중 입주 {o:,}개소").format(n=n, o=o) if n is not None else ""
        for n, o in zip(stats.operating, stats.occupied, strict=True)
    )
    collection_notes = tuple(
        _tr("수납률 {p:.1f}%").format(p=p) if p is not None else "" for p in stats.collection_pct
    )
    execution_notes = tuple(
        _tr("집행률 {p:.1f}%").format(p=p) if p is not None else "" for p in stats.execution_pct
    )
    plan_line = tuple(
        float(to_thousand_won(stats.plan_total)) if stats.plan_total and v is not None else None
        for v in stats.executed
    )
    outcomes = (SettlementOutcome.SETTLED, SettlementOutcome.LEFT, SettlementOutcome.UNKNOWN)
    statuses = tuple(HouseStatus)
    where = stats.eupmyeon or _tr("전체")
    return {
        "occupancy": ChartData(
            _tr("입주율 (월말, {where})").format(where=where), months,
            (Series(_tr("입주율"), stats.occupancy_pct, "line"),),
            "%", top=100.0, notes=occupancy_notes, decimals=1,
        ),
        "rent": ChartData(
            _tr("임대료 부과와 수납"), months,
            (Series(_tr("부과"), k(stats.rent_due), colour="#9bbfa9"),
             Series(_tr("수납"), k(stats.rent_collected))),
            _tr("천원"), notes=collection_notes,
        ),
        "settlement": ChartData(
            _tr("퇴거한 입주자의 정착 (퇴거 월)"), months,
            tuple(Series(o.label, as_floats(stats.settlement[o])) for o in outcomes),
            _tr("명"),
        ),
        "budget": ChartData(
            _tr("예산 집행 (누계, 군 전체)"), months,
            (Series(_tr("집행 누계"), k(stats.executed)),
             Series(_tr("연간 계획"), plan_line, "line", colour="#d08a2c")),
            _tr("천원"), notes=execution_notes,
        ),
        "status": ChartData(
            _tr("상태별 귀농인의 집 ({day})").format(day=format_date_ko(stats.as_of)),
            tuple(s.label for s in statuses),
            (Series(_tr("집"), tuple(float(stats.statuses[s]) for s in statuses),
                    colours=tuple(STATUS_COLOURS[s] for s in statuses)),),
            _tr("개소"),
        ),
    }  # fmt: skip


class ChartCard(QFrame):
    """A chart with its "PNG로 저장" button."""

    def __init__(self, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("chartCard")
        self.chart = Chart(self)
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("savePng")
        self.save_button.setText(_tr("PNG로 저장"))
        self.save_button.setToolTip(_tr("이 그래프를 그림 파일(PNG)로 저장합니다."))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.chart, 1)
        self.save_button.raise_()  # over the chart's title row, right (not in the PNG)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.save_button.sizeHint()
        self.save_button.setGeometry(self.width() - hint.width() - 10, 8, hint.width(),
                                     hint.height())  # fmt: skip

    def set_data(self, data: ChartData) -> None:
        self.chart.set_data(data)
        self.save_button.setEnabled(data.has_values())

    def save(self, path: Path | str | None = None) -> Path | None:
        """Ask where (unless ``path`` is given) and write the PNG; the path, or None."""
        from ..forms.files import ask_save, documents_folder

        title = _tr("그래프를 PNG로 저장")
        if path is None:
            data = self.chart.data
            name = f"{data.title if data else self.key}.png".replace("/", "_")
            path = ask_save(self, title, name, _tr("PNG 그림 (*.png)"), fallback=documents_folder())
            if path is None:
                return None
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        if not self.chart.save_png(target):
            QMessageBox.warning(
                self, title, _tr("그림 파일을 쓸 수 없습니다: {path}").format(path=target)
            )
            return None
        return target


class StatsPanel(QWidget):
    """Year and 읍·면 choosers, the five charts, and the export of their numbers."""

    sig_loaded = Signal()
    """New figures are shown."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.setObjectName("statsPanel")
        self.page = page
        self.services: Services | None = None
        self.stats: ProgramStats | None = None
        self.task = BackgroundTask(self)
        self.task.sig_finished.connect(self._on_loaded)
        self.task.sig_failed.connect(self._on_failed)
        self._pending = False  # the choosers changed while a load ran
        self._has_choices = False

        heading = QLabel(_tr("운영 현황"), self)
        heading.setObjectName("sectionHeading")
        self.year = QComboBox(self)
        self.year.setObjectName("statsYear")
        self.year.setAccessibleName(_tr("연도"))
        self.eupmyeon = QComboBox(self)
        self.eupmyeon.setObjectName("statsEupmyeon")
        self.eupmyeon.setAccessibleName(_tr("읍·면"))
        self.eupmyeon.addItem(_tr("전체 읍·면"), None)
        self.year.currentIndexChanged.connect(self._chosen)
        self.eupmyeon.currentIndexChanged.connect(self._chosen)
        self.export_button = QPushButton(_tr("엑셀로 내보내기"), self)
        self.export_button.setObjectName("statsExport")
        self.export_button.setToolTip(_tr("그래프의 숫자를 모두 엑셀 파일로 씁니다."))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export())
        self.state = QLabel(_tr("불러오는 중…"), self)
        self.state.setObjectName("pageBlurb")

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(heading)
        bar.addSpacing(12)
        bar.addWidget(QLabel(_tr("연도"), self))
        bar.addWidget(self.year)
        bar.addWidget(QLabel(_tr("읍·면"), self))
        bar.addWidget(self.eupmyeon)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.export_button)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        self.cards = {key: ChartCard(key, self) for key in CHART_KEYS}
        for index, key in enumerate(CHART_KEYS):
            grid.addWidget(self.cards[key], index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addLayout(grid)

    # --- loading -----------------------------------------------------------------------------

    def chosen_year(self) -> int | None:
        return self.year.currentData()

    def chosen_eupmyeon(self) -> str | None:
        return self.eupmyeon.currentData()

    def load(self, services: Services) -> None:
        """Load (again) the figures of the chosen year and 읍·면 in the background."""
        self.services = services
        if self.task.running:
            self._pending = True
            return
        self.state.setText(_tr("불러오는 중…"))
        self.task.start(
            load_stats, services.program_stats, self.chosen_year(), self.chosen_eupmyeon(),
            not self._has_choices,
        )  # fmt: skip

    def _chosen(self, _index: int) -> None:
        if self.services is not None and self._has_choices:
            self.load(self.services)

    def _on_loaded(self, loaded: Loaded) -> None:
        if loaded.years is not None or loaded.eupmyeons is not None:
            self._fill_choices(loaded)
        self.show_stats(loaded.stats)
        if self._pending and self.services is not None:
            self._pending = False
            self.load(self.services)

    def _fill_choices(self, loaded: Loaded) -> None:
        for combo in (self.year, self.eupmyeon):
            combo.blockSignals(True)
        if loaded.years is not None:
            self.year.clear()
            for year in loaded.years:
                self.year.addItem(_tr("{year}년").format(year=year), year)
            self.year.setCurrentIndex(max(0, self.year.findData(loaded.stats.year)))
        if loaded.eupmyeons is not None:
            self.eupmyeon.clear()
            self.eupmyeon.addItem(_tr("전체 읍·면"), None)
            for name in loaded.eupmyeons:
                self.eupmyeon.addItem(name, name)
            self.eupmyeon.setCurrentIndex(max(0, self.eupmyeon.findData(loaded.stats.eupmyeon)))
        for combo in (self.year, self.eupmyeon):
            combo.blockSignals(False)
        self._has_choices = True

    def _on_failed(self, message: str) -> None:
        self._pending = False
        self.state.setText(_tr("운영 현황을 불러오지 못했습니다: {m}").format(m=message))

    def show_stats(self, stats: ProgramStats) -> None:
        self.stats = stats
        for key, data in charts(stats).items():
            self.cards[key].set_data(data)
        self.export_button.setEnabled(True)
        self.state.setText(_tr("{day} 기준").format(day=format_date_ko(stats.as_of)))
        self.sig_loaded.emit()

    # --- the workbook ------------------------------------------------------------------------

    def export(self, path: Path | str | None = None) -> Path | None:
        """Write every number of the charts to an .xlsx (asked where unless ``path``)."""
        from gwinong_desktop.domain.progress import Cancelled
        from gwinong_desktop.exchange.table import Column
        from gwinong_desktop.services.program_stats import ROW_HEADERS

        from ..forms.files import documents_folder, xlsx_target
        from ..progress import TaskFailed, run_with_progress, write_failure

        title = _tr("운영 현황 엑셀로")
        if self.stats is None or self.services is None:
            return None
        stats = self.stats
        where = stats.eupmyeon or "전체"
        default = documents_folder() / f"운영현황_{stats.year}_{where}.xlsx"
        target = xlsx_target(self, title, default, path)
        if target is None:
            return None
        columns = [Column(h) for h in ROW_HEADERS]
        try:
            summary = run_with_progress(
                _tr("운영 현황을 엑셀로 쓰는 중…"), _write, self.services.list_export, target,
                columns, stats.rows(), f"{stats.year}년 {where}", parent=self, title=title,
            )  # fmt: skip
        except Cancelled:
            return None
        except TaskFailed as exc:
            QMessageBox.warning(self, title, write_failure(exc, target))
            return None
        return summary.path


def _write(
    state: TaskState, service: ListExportService, path: Path, columns: list[Column],
    rows: list, sheet: str,
) -> TableSummary:  # fmt: skip
    return service.export(
        path, columns, rows, what=f"{WHAT} {sheet}", entity="program_stats", sheet=sheet,
        state=state,
    )  # fmt: skip
