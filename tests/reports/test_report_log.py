"""``Services.report_archive``: the kept reports listed, opened (checked, recorded), marked as
sent, and the last of a period found; who may do which."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import Folder, officer, viewer
from sqlalchemy import select

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.services.report_log import period_text
from gwinong_desktop.storage.models import AuditEvent


def _export_two(folder: Folder, tmp_path: Path) -> None:
    services = officer(folder.db)
    services.resident_reports.export_residents(tmp_path / "a.xlsx", year=2025)
    services.resident_reports.export_rent_ledger(tmp_path / "b.xlsx")


def test_list_newest_first_with_period_size_and_maker(folder: Folder, tmp_path: Path) -> None:
    _export_two(folder, tmp_path)
    kept = viewer(folder.db).report_archive.list()
    assert [(r.kind_label, r.period, r.made_by) for r in kept] == [
        ("임대료 수납대장", "전체 기간", "kim"),
        ("거주자 명부", "2025년", "kim"),
    ]
    assert kept[1].size_bytes == (tmp_path / "a.xlsx").stat().st_size
    assert kept[0].sent_on is None and not kept[0].missing
    assert abs(kept[0].made_at - datetime.now()).total_seconds() < 120
    assert [r.kind for r in viewer(folder.db).report_archive.list(ReportKind.RENT_LEDGER)] == [
        ReportKind.RENT_LEDGER
    ]


@pytest.mark.parametrize(
    ("kind", "month", "note", "text"),
    [
        (ReportKind.MONTHLY, 11, None, "2026년 11월"),
        (ReportKind.SEMIANNUAL, 12, None, "2026년 하반기"),
        (ReportKind.SEMIANNUAL, 6, None, "2026년 상반기"),
        (ReportKind.RESIDENT_REGISTER, None, None, "2026년"),
        (ReportKind.RENT_LEDGER, None, "전체 기간", "전체 기간"),
    ],
)
def test_period_text(kind: ReportKind, month: int | None, note: str | None, text: str) -> None:
    assert period_text(kind, 2026, month, note) == text


def test_mark_sent_recorded_and_checked(folder: Folder, tmp_path: Path) -> None:
    _export_two(folder, tmp_path)
    services = officer(folder.db)
    report = services.report_archive.list()[0]
    today = services.ctx.today()
    assert services.report_archive.mark_sent(report.id, today).sent_on == today
    assert services.report_archive.get(report.id).sent_on == today
    with pytest.raises(Refusal, match="오늘"):
        services.report_archive.mark_sent(report.id, today + timedelta(days=1))
    with pytest.raises(Refusal, match="만든 날"):
        services.report_archive.mark_sent(report.id, date(2020, 1, 1))
    assert services.report_archive.get(report.id).sent_on == today  # the refusal changed nothing
    with pytest.raises(NotPermitted):
        viewer(folder.db).report_archive.mark_sent(report.id, today)
    assert services.report_archive.mark_sent(report.id, None).sent_on is None


def test_open_checks_the_file_and_is_recorded(folder: Folder, tmp_path: Path) -> None:
    _export_two(folder, tmp_path)
    services = officer(folder.db)
    _ledger, register = services.report_archive.list()
    path = services.report_archive.path_of(register.id)
    assert path.read_bytes() == (tmp_path / "a.xlsx").read_bytes()
    with services.ctx.read() as s:
        summaries = s.scalars(select(AuditEvent.summary).where(AuditEvent.entity == "report"))
        assert any("보관된 보고서 열기: 거주자 명부" in (t or "") for t in summaries)
    with pytest.raises(NotPermitted):  # may hold personal data: not for 열람
        viewer(folder.db).report_archive.path_of(register.id)
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(Refusal, match="바뀌었습니다"):
        services.report_archive.path_of(register.id)
    path.unlink()
    with pytest.raises(Refusal, match="보관된 파일이 없습니다"):
        services.report_archive.path_of(register.id)
    assert services.report_archive.get(register.id).missing
    with pytest.raises(Refusal, match="찾을 수 없습니다"):
        services.report_archive.path_of(9999)


def test_last_of_a_period(folder: Folder, tmp_path: Path) -> None:
    services = officer(folder.db)
    for name in ("a", "b"):
        services.resident_reports.export_residents(tmp_path / f"{name}.xlsx", year=2025)
    newest, older = services.report_archive.list()
    archive = services.report_archive
    assert archive.last_of(ReportKind.RESIDENT_REGISTER, 2025, None).id == newest.id
    assert archive.last_of(ReportKind.RESIDENT_REGISTER, 2025, None, before=newest.id).id == (
        older.id
    )
    assert archive.last_of(ReportKind.RESIDENT_REGISTER, 2024, None) is None
    assert archive.last_of(ReportKind.MONTHLY, 2025, 11) is None


def test_a_re_export_is_compared_with_the_last_kept(folder: Folder, tmp_path: Path) -> None:
    from gwinong_desktop.storage.models import Stay

    services = officer(folder.db)
    reports = services.resident_reports
    reports.export_residents(tmp_path / "a.xlsx", year=2025, include_personal=True)
    first = services.report_archive.list()[0]
    assert services.report_archive.changes_since_previous(first.id) is None  # nothing before
    with services.ctx.write() as s:
        stay = s.scalars(select(Stay).order_by(Stay.id.desc())).first()
        stay.household_size = 4
    reports.export_residents(tmp_path / "b.xlsx", year=2025, include_personal=True)
    reports.export_residents(tmp_path / "all.xlsx")  # every year: not the same period
    second = services.report_archive.list(ReportKind.RESIDENT_REGISTER)[1]
    previous, found = services.report_archive.changes_since_previous(second.id)
    assert previous.id == first.id
    assert found.lines() == ["2번 진안-2025-01 세대원수 1 → 4"]
    assert viewer(folder.db).report_archive.changes_since_previous(second.id) is None
