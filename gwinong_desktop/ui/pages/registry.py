"""Every page of the main window, in navigation order (as ``cli/`` knows its commands).

Adding a page is one :class:`PageSpec` here and a :class:`~.base.Page` subclass in its own
module; the window builds the navigation, the 이동 menu (Ctrl+1 …), the menu commands and the
page itself from this tuple, and imports the module only when the page is first opened.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from gwinong_desktop.domain.changes import Kind

from .base import PageCommand, PageSpec

PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", QT_TRANSLATE_NOOP("MainWindow", "대시보드"),
             "gwinong_desktop.ui.pages.dashboard:DashboardPage"),
    PageSpec("houses", QT_TRANSLATE_NOOP("MainWindow", "귀농인의 집"),
             "gwinong_desktop.ui.houses.list_page:HousesPage",
             commands=(
                 PageCommand("new_house", QT_TRANSLATE_NOOP("MainWindow", "새 귀농인의 집(&N)…"),
                             "New", separator_before=True),
                 PageCommand("open_operators",
                             QT_TRANSLATE_NOOP("MainWindow", "운영자 관리(&O)…")),
                 PageCommand("open_annual_plans", QT_TRANSLATE_NOOP("MainWindow", "연간계획(&P)…")),
             )),
    PageSpec("residents", QT_TRANSLATE_NOOP("MainWindow", "입주자"),
             "gwinong_desktop.ui.residents.page:ResidentsPage"),
    PageSpec("rent", QT_TRANSLATE_NOOP("MainWindow", "임대료"),
             "gwinong_desktop.ui.rent.page:RentPage"),
    PageSpec("inspections", QT_TRANSLATE_NOOP("MainWindow", "점검·사진"),
             "gwinong_desktop.ui.inspections.page:InspectionsPage"),
    PageSpec("field_review", QT_TRANSLATE_NOOP("MainWindow", "현장 자료 검토"),
             "gwinong_desktop.ui.field_kits.review_page:FieldReviewPage",
             commands=(
                 PageCommand("import_kit",
                             QT_TRANSLATE_NOOP("MainWindow", "현장 자료 가져오기(&K)…"),
                             separator_before=True),
             ),
             badge="merge_review.count_open", badge_kind=Kind.FIELD_KITS),
    PageSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "보고서"),
             "gwinong_desktop.ui.reports.page:ReportsPage"),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "설정"),
             "gwinong_desktop.ui.pages.settings:SettingsPage"),
)  # fmt: skip
PAGE_KEYS = tuple(spec.key for spec in PAGES)


def page_spec(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)
