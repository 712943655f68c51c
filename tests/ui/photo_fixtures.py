"""Helpers of the photo gallery and viewer tests (demo county)."""

from __future__ import annotations

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.services import Services
from gwinong_desktop.services.house_rows import HouseRow


def repair_house(services: Services) -> HouseRow:
    """A completed 빈집 수리 house of the demo: a full before/after album."""
    return next(h for h in services.houses.list_houses()
                if h.development_type is DevelopmentType.REPAIR and h.completed_on)  # fmt: skip


def shown(qtbot, widget, width: int = 1000, height: int = 760):  # type: ignore[no-untyped-def]
    """``widget`` registered with qtbot, sized and shown."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget
