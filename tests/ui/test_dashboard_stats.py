"""The dashboard's 운영 현황: the chart widget (drawing, hover numbers, PNG) and the panel on the
demo county (loaded in the background, choosers, PNG and Excel export)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from gwinong_desktop.ui.dashboard.chart import Chart, ChartData, Series, nice_step
from gwinong_desktop.ui.dashboard.stats_panel import CHART_KEYS

DATA = ChartData(
    "임대료", ("1월", "2월", "3월"),
    (Series("부과", (1000.0, 2000.0, 1234.0), colour="#ff0000"),
     Series("수납", (900.0, None, 1300.0), "line", colour="#0000ff")),
    "천원", notes=("", "", "수납률 105.3%"),
)  # fmt: skip


def test_ticks_are_round_numbers():
    assert nice_step(1000) == 200
    assert nice_step(95) == 20
    assert nice_step(7) == 2
    assert nice_step(12_000) == 2500
    assert nice_step(0) == 1


def test_chart_shows_the_numbers_of_the_hovered_month(qtbot):
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_data(DATA)
    chart.show()
    qtbot.waitExposed(chart)
    plot = chart._plot(QRectF(chart.rect()))
    third = QPoint(int(plot.left() + plot.width() * 5 / 6), int(plot.center().y()))
    QTest.mouseMove(chart, third)
    assert chart.hovered == 2
    assert chart.toolTip() == "3월\n부과: 1,234천원\n수납: 1,300천원\n수납률 105.3%"
    assert chart.tooltip_for(1) == "2월\n부과: 2,000천원\n수납: -"
    QTest.mouseMove(chart, QPoint(2, 2))  # over the title: no numbers
    assert chart.hovered is None and chart.toolTip() == ""


def test_chart_saves_a_png_with_its_bars_and_line(qtbot, tmp_path):
    chart = Chart()
    qtbot.addWidget(chart)
    chart.set_data(DATA)
    assert chart.save_png(tmp_path / "c.png")  # never shown: the export size
    image = QImage(str(tmp_path / "c.png"))
    assert (image.width(), image.height()) == (1920, 960)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1920, 4) for y in range(0, 960, 4)}
    assert "#ff0000" in colours  # the bars
    assert any(QColor(c).blue() > 200 and QColor(c).red() < 80 for c in colours)  # the line
    chart.set_data(ChartData("빈 그래프", ("1월",), (Series("부과", (None,)),), "천원"))
    assert not chart.data.has_values()
    assert chart.save_png(tmp_path / "empty.png")
    assert not chart.save_png(tmp_path / "no-such-folder" / "x.png")


def test_dashboard_loads_the_charts_after_it_is_shown(make_window, demo_services, qtbot, tmp_path):
    window = make_window()
    page = window.page("dashboard")
    panel = page.stats_panel
    assert panel.stats is None  # nothing read while the page was built
    window.show()
    window.set_page("dashboard")
    qtbot.waitUntil(lambda: panel.stats is not None, timeout=10_000)
    year = demo_services.ctx.today().year
    assert panel.chosen_year() == year
    assert panel.stats == demo_services.program_stats.stats(year)
    assert panel.year.count() == len(demo_services.program_stats.years())
    assert all(panel.cards[key].chart.data.has_values() for key in CHART_KEYS)
    assert panel.cards["status"].chart.data.series[0].values == tuple(
        float(panel.stats.statuses[s]) for s in panel.stats.statuses
    )
    assert "준비 중" not in "".join(w.text() for w in page.findChildren(type(panel.state)))

    eupmyeon = demo_services.program_stats.eupmyeons()[0]
    panel.eupmyeon.setCurrentIndex(panel.eupmyeon.findData(eupmyeon))
    qtbot.waitUntil(lambda: panel.stats.eupmyeon == eupmyeon, timeout=10_000)
    assert panel.stats == demo_services.program_stats.stats(year, eupmyeon)
    assert eupmyeon in panel.cards["occupancy"].chart.data.title

    saved = panel.cards["rent"].save(tmp_path / "rent")
    assert saved == tmp_path / "rent.png" and QImage(str(saved)).width() > 0


def test_dashboard_exports_every_number_to_a_workbook(make_window, demo_services, qtbot, tmp_path):
    from openpyxl import load_workbook

    window = make_window()
    window.show()
    window.set_page("dashboard")
    panel = window.page("dashboard").stats_panel
    qtbot.waitUntil(lambda: panel.stats is not None, timeout=10_000)
    written = panel.export(tmp_path / "현황")
    assert written == tmp_path / "현황.xlsx"
    sheet = load_workbook(written).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][:3] == ["구분", "단위", "1월"] and cells[0][-1] == "연간"
    assert cells[1:] == panel.stats.rows()


def test_a_change_loads_the_charts_again_with_the_last_choice(make_window, qtbot):
    from gwinong_desktop.domain.changes import Changes, Kind

    window = make_window()
    window.show()
    window.set_page("dashboard")
    page = window.page("dashboard")
    panel = page.stats_panel
    qtbot.waitUntil(lambda: panel.stats is not None, timeout=10_000)
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        page.on_changes(Changes.of(Kind.RENT))
    # two choices while a load runs: the figures end as the last one asks
    panel.load(panel.services)
    last_year = panel.year.itemData(1)
    panel.eupmyeon.setCurrentIndex(1)
    panel.year.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: not panel.task.running and panel.stats.year == last_year
        and panel.stats.eupmyeon == panel.eupmyeon.itemData(1), timeout=20_000,
    )  # fmt: skip


def test_an_empty_county_shows_zeros_and_no_plan(qtbot, tmp_path):
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.ui.pages.dashboard import DashboardPage

    with open_database(tmp_path / "empty", purpose="test") as db:
        services = Services.over(db, "test")
        page = DashboardPage.standalone(services)
        qtbot.addWidget(page)
        panel = page.stats_panel
        assert panel.stats is None  # built, not shown: nothing read
        page.show()
        qtbot.waitUntil(lambda: panel.stats is not None, timeout=10_000)
        assert panel.year.count() == 1 and panel.eupmyeon.count() == 1  # this year; 전체
        assert sum(panel.stats.statuses.values()) == 0
        assert panel.cards["status"].chart.data.series[0].values == (0.0,) * 5  # zero is a figure
        assert panel.cards["budget"].chart.data.series[1].values == (None,) * 12  # no plan
        assert panel.export_button.isEnabled()


def test_a_failed_load_says_so(make_window, qtbot, monkeypatch):
    from gwinong_desktop.services.program_stats import ProgramStatsService

    def broken(self, year, eupmyeon=None):
        raise OSError("디스크를 읽을 수 없습니다")

    monkeypatch.setattr(ProgramStatsService, "stats", broken)
    window = make_window()
    window.show()
    window.set_page("dashboard")
    panel = window.page("dashboard").stats_panel
    qtbot.waitUntil(lambda: "불러오지 못했습니다" in panel.state.text(), timeout=10_000)
    assert "디스크를 읽을 수 없습니다" in panel.state.text()
    assert not panel.export_button.isEnabled()
