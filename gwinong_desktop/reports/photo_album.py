"""사진첩: the photos of each house before the works and after them, side by side per slot
(전경, 원경, 내부, 주변), as the guideline asks ("기존 주택의 내·외부 촬영, 준공사진과 대비되도록
사진첩 관리"). One printed page per house; the photos come already made small (the service
scales them with Pillow), so a county's album stays a few MB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.exchange.form_sheet import FormSheet
from gwinong_desktop.exchange.table import new_workbook

from .progress_report import FormSummary

TITLE = "귀농인의 집 사진첩 (착공 전 · 준공 후)"
WIDTHS = (10.0, 52.0, 52.0)
PICTURE_WIDTH, PICTURE_HEIGHT = 360, 270  # pixels on the sheet
ROW_POINTS = PICTURE_HEIGHT * 0.75 + 8
MISSING = "사진 없음"


@dataclass(frozen=True)
class AlbumPhoto:
    data: bytes | None  # small JPEG; None: the file could not be read
    caption: str  # "촬영 2024.3.2." or why it is missing


@dataclass(frozen=True)
class AlbumSlot:
    label: str  # 전경, 원경, 내부, 주변
    before: AlbumPhoto | None
    after: AlbumPhoto | None


@dataclass(frozen=True)
class AlbumHouse:
    code: str
    place: str
    works: str  # "2024년 빈집 수리·리모델링 · 준공 2024.10.25."
    slots: Sequence[AlbumSlot]


def write_photo_album(
    path: Path | str,
    houses: Sequence[AlbumHouse],
    *,
    county: str,
    made_on: date,
    state: TaskState | None = None,
) -> FormSummary:
    """Write the album of ``houses`` at ``path`` (A4 portrait, a page per house)."""
    state = ensure(state)
    summary = FormSummary(Path(path), rows=len(houses))
    with new_workbook(path) as wb:
        form = FormSheet(wb, "사진첩", WIDTHS)
        form.line(TITLE, "title", height=32)
        form.line(f"{county} · 작성일 {format_date_ko(made_on)}", "subtitle", height=18)
        for number, house in enumerate(houses, 1):
            state.check()
            if number > 1:
                form.page_break()
            form.gap()
            form.line(f"{house.code}  {house.place}", "section", height=22)
            form.line(house.works, "body", height=18)
            row = form.next_row(20)
            for column, label in enumerate(("구분", "착공 전", "준공 후"), 1):
                form.put(row, column, label, "head")
            for slot in house.slots:
                row = form.next_row(ROW_POINTS)
                form.put(row, 1, slot.label, "head", down=2)
                captions = form.next_row(18)
                for column, photo in ((2, slot.before), (3, slot.after)):
                    form.put(row, column, None if photo and photo.data else MISSING)
                    form.put(captions, column, photo.caption if photo else "")
                    if photo is not None and photo.data is not None:
                        form.picture(row, column, photo.data, max_width=PICTURE_WIDTH,
                                     max_height=PICTURE_HEIGHT)  # fmt: skip
            state.report(number, len(houses), "사진첩을 쓰는 중")
        form.finish()
        summary.cleaned_texts = form.texts.cleaned
    return summary
