"""착(준)공계 (별지 제6호 서식): the notice an operator hands in when works on a house start, and
again when they are completed (guideline Ⅲ-2: "귀농인의 집 수리 착공계(별지 제6호 서식) 제출").

The sheet follows the form: its title (착 공 계, or 준 공 계), 1 사업명, 2 시설장소, 3 사업기간
(착공일, 준공(예정)일), 4 사업내용, 5 기타사항(예상문제점, 특이사항 등), the sentence of
submission, the date, the operator's representative's place to sign (left blank: the form is
signed by hand) and to whom it is handed in ("진안군수 귀하").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.exchange.form_sheet import FormSheet
from gwinong_desktop.exchange.table import new_workbook

from .progress_report import FormSummary

WIDTHS = (3.0, 22.0, 16.0, 16.0, 16.0, 16.0)


@dataclass(frozen=True)
class WorksNotice:
    completion: bool  # 준공계; else 착공계
    project: str  # 1. 사업명
    place: str  # 2. 시설장소
    started_on: date | None
    completion_on: date | None  # 준공일, else 준공예정일
    completed: bool  # completion_on is the day the works were completed
    content: str  # 4. 사업내용, lines
    other: str  # 5. 기타사항
    operator: str
    made_on: date
    addressee: str = ""  # the head of the county it is handed to: "진안군수"

    @property
    def word(self) -> str:
        return "준공" if self.completion else "착공"


def _day(value: date | None) -> str:
    return format_date_ko(value) if value else ""


def write_works_notice(path: Path | str, notice: WorksNotice) -> FormSummary:
    """Write ``notice`` as the form's workbook at ``path`` (complete, or nothing)."""
    summary = FormSummary(Path(path), rows=1)
    with new_workbook(path) as wb:
        form = FormSheet(wb, f"{notice.word}계", WIDTHS)
        form.next_row(20)
        form.line(" ".join(f"{notice.word}계"), "title", height=40)
        form.next_row(20)

        def item(label: str, value: str, lines: int = 1, kind: str = "label") -> None:
            row = form.next_row(24)
            form.put(row, 2, label, kind)
            form.put(row, 3, value, "body", across=4)
            form.fit_height(row, value, sum(WIDTHS[2:]), lines)

        item("1. 사업명", notice.project)
        item("2. 시설장소", notice.place)
        item("3. 사업기간", "")
        item("○ 착공일", _day(notice.started_on), kind="sublabel")
        ends = "○ 준공일" if notice.completed else "○ 준공(예정)일"
        item(ends, _day(notice.completion_on), kind="sublabel")
        item("4. 사업내용", notice.content, 3)
        row = form.next_row(24)
        form.put(row, 2, "5. 기타사항(예상문제점, 특이사항 등)", "label", across=5)
        row = form.next_row()
        form.put(row, 3, notice.other, "body", across=4)
        form.fit_height(row, notice.other, sum(WIDTHS[2:]), 3)
        form.next_row(30)
        row = form.next_row(40)
        form.put(
            row, 2,
            f"위와 같이 {notice.word}되었기에 관계서류를 첨부하여 {notice.word}계를 제출합니다.",
            "body", across=5,
        )  # fmt: skip
        form.next_row(30)
        made = notice.made_on
        form.line(f"{made.year}년   {made.month}월   {made.day}일", "centre", height=24)
        form.next_row(30)
        row = form.next_row(24)
        form.put(row, 2, notice.operator, "signature", across=5)
        row = form.next_row(24)
        form.put(row, 2, "마을협의회·귀농귀촌협의회 대표                 (서명 또는 인)",
                 "signature", across=5)  # fmt: skip
        form.next_row(30)
        row = form.next_row(28)
        form.put(row, 2, f"{notice.addressee or '시장·군수'}  귀하", "section", across=5)
        form.finish()
        summary.cleaned_texts = form.texts.cleaned
    return summary
