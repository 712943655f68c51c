"""Pages not built yet: each says plainly what it will do, and shows no made-up widgets."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from .base import Page, PageHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("UpcomingPage", text)


@dataclass(frozen=True)
class Plan:
    """What a page will be for: one sentence and the things it will hold."""

    title: str
    summary: str
    items: tuple[str, ...]


def plans() -> dict[str, Plan]:
    """The plan of every page still to come, by page key (translated when asked)."""
    return {
        "dashboard": Plan(
            _tr("대시보드"),
            _tr("오늘 챙길 일을 한 화면에 모아 보여 줄 예정입니다."),
            (
                _tr("마감: 월별 추진실적 보고(다음 달 5일까지), 반기 추진실적(6월·12월)"),
                _tr("관리기간(준공 후 7년) 종료 예정인 집"),
                _tr("임대차계약 만료 예정인 집"),
                _tr("임대료 미납 입주자"),
                _tr("조치되지 않은 점검 지적사항"),
            ),
        ),
    }


def plan_widget(plan: Plan, parent: QWidget | None = None, *, heading: str | None = None) -> QFrame:
    """A framed note: "준비 중" and what the page will hold."""
    frame = QFrame(parent)
    frame.setObjectName("comingNote")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.setSpacing(6)
    title = QLabel(heading or _tr("준비 중입니다"), frame)
    title.setObjectName("comingTitle")
    frame.setMaximumWidth(860)
    summary = QLabel(plan.summary, frame)
    summary.setWordWrap(True)
    layout.addWidget(title)
    layout.addWidget(summary)
    layout.addSpacing(4)
    for item in plan.items:
        line = QLabel(f"•  {item}", frame)
        line.setObjectName("comingItem")
        line.setWordWrap(True)
        layout.addWidget(line)
    return frame


class UpcomingPage(Page):
    """A page still to be built: its heading and an honest note of what it will do.

    Registered like any page (``ui.pages.registry``) with ``options={"plan": key}``; it shows
    no records, so no change touches it."""

    def __init__(self, host: PageHost, parent: QWidget | None = None, *, plan: str) -> None:
        super().__init__(host, parent)
        self.key = plan
        self.plan = plans()[plan]
        heading = QLabel(self.plan.title, self)
        heading.setObjectName("pageHeading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(plan_widget(self.plan, self), 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)

    def text(self) -> str:
        """What the page says, as plain text."""
        return "\n".join([self.plan.title, self.plan.summary, *self.plan.items])
