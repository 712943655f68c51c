"""The province's consolidation: the counties' 추진실적 보고 files read and written as one
workbook in the same form (``reports.consolidation``): a line per county and the totals, and in
June and December every county's houses (section 7).

It works on files alone (no data folder, nothing recorded): the province officer chooses the
files the counties sent. Every file is read as the form is read (``exchange.province_report``);
what cannot be merged is named with the reason and left out, never half-merged:

- a file that is not such a report (another workbook, a form changed by hand so that its
  table cannot be told apart — merged cells moved —, a value that is not a number, a 계 that
  is not the sum of its parts) or cannot be opened (locked by another program);
- a county that appears in two files: neither is merged (which one is right is the officer's
  call);
- a report of another kind or period than the one most files are (the first file's when
  tied): "2026년 10월의 보고서입니다".

When nothing is left, nothing is written; the workbook is written beside the target and moved
in place, so a failure leaves no half-written file. ``Consolidation.refused`` lists (file,
reason).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import PROVINCE
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.exchange.province_report import CountyReport, NotAReport, read_county_report
from gwinong_desktop.reports.consolidation import write_consolidation
from gwinong_desktop.storage.folder_settings import read_setting

from .context import ServiceContext


class ConsolidationError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass
class Consolidation:
    path: Path | None = None  # the workbook written (None: nothing to merge)
    merged: list[CountyReport] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)

    def describe(self) -> str:
        if not self.merged:
            return "취합할 보고서가 없습니다."
        first = self.merged[0]
        found = f"{first.period} {first.kind_label} {len(self.merged)}개 시·군 취합"
        if first.semiannual:
            found += f" (추진실적 {sum(len(r.houses) for r in self.merged):,}곳)"
        return found

    def lines(self) -> list[str]:
        """What happened, for the officer: the merged counties, then each refusal."""
        found = [self.describe()]
        if self.merged:
            found.append("취합: " + ", ".join(r.county for r in self.merged))
        found += [f"제외: {reason}" for _path, reason in self.refused]
        return found


def province_of(ctx: ServiceContext) -> str | None:
    """The data folder's 시도 (설정 → 시·군 정보), None when not set."""
    with ctx.read() as s:
        return read_setting(s, PROVINCE) or None


def _same_period(report: CountyReport, reference: CountyReport) -> bool:
    if (report.semiannual, report.month) != (reference.semiannual, reference.month):
        return False
    return report.year is None or reference.year is None or report.year == reference.year


def consolidate_reports(
    files: list[Path | str],
    output: Path | str,
    *,
    today: date,
    province: str | None = None,
    state: TaskState | None = None,
) -> Consolidation:
    """Read ``files`` and write the province's workbook to ``output`` (see the module);
    ``province``: its name as 사업주체 (None: "시·도")."""
    state = ensure(state)
    output = Path(output)
    if output.suffix.lower() != ".xlsx":
        raise ConsolidationError(f"만들 파일의 이름은 .xlsx 로 끝나야 합니다: {output.name}")
    result = Consolidation()
    read: list[CountyReport] = []
    seen: set[Path] = set()
    for done, name in enumerate(files):
        path = Path(name)
        state.report(900 * done // max(1, len(files)), 1000, f"{path.name} 읽는 중")
        if path.resolve() in seen:
            continue  # the same file chosen twice is one file
        seen.add(path.resolve())
        if path.resolve() == output.resolve():
            result.refused.append((path, f"{path.name}: 만들 파일과 같은 파일입니다."))
            continue
        try:
            read.append(read_county_report(path))
        except NotAReport as exc:
            result.refused.append((path, exc.message))
    if read:
        periods = Counter((r.semiannual, r.month, r.year) for r in read)
        top = max(periods.values())
        reference = next(r for r in read if periods[(r.semiannual, r.month, r.year)] == top)
        by_county: dict[str, list[CountyReport]] = {}
        for report in read:
            if not _same_period(report, reference):
                result.refused.append((report.path, (
                    f"{report.path.name}: {report.county}의 {report.period} {report.kind_label}"
                    f"입니다 (취합하는 것은 {reference.period} {reference.kind_label})."
                )))  # fmt: skip
                continue
            by_county.setdefault(report.county, []).append(report)
        for county, reports in by_county.items():
            if len(reports) > 1:
                names = ", ".join(r.path.name for r in reports)
                for report in reports:
                    result.refused.append((report.path, (
                        f"{report.path.name}: {county} 보고서가 여러 개입니다 ({names}). 어느 것이 "
                        "맞는지 확인해 하나만 넣어 주세요."
                    )))  # fmt: skip
            else:
                result.merged.append(reports[0])
        result.merged.sort(key=lambda r: r.county)
    if not result.merged:
        reasons = "\n".join(reason for _path, reason in result.refused)
        raise ConsolidationError(f"취합할 보고서가 없습니다. 파일을 만들지 않았습니다.\n{reasons}")
    state.check()
    write_consolidation(
        output, result.merged, made_on=today, province=province, state=state.span(900, 1000)
    )
    result.path = output
    return result
