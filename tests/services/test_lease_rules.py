"""The rules over one house's leases beyond the form: the data check, the register export and
the register import keep the same rule the lease form does (no overlapping leases)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.domain.enums import LeaseKind
from gwinong_desktop.services import Services
from gwinong_desktop.services.leases import OwnerForm
from gwinong_desktop.services.register import RegisterRefused, RegisterService
from gwinong_desktop.services.safety_check import ERROR
from gwinong_desktop.storage.models import Lease


def _house_id(svc: Services, code: str) -> int:
    return next(h.id for h in svc.houses.list_houses() if h.code == code)


def _overlap_around_the_services(svc: Services, code: str) -> None:
    """A second lease written straight into the database (data from before the rule)."""
    house_id = _house_id(svc, code)
    with svc.ctx.write() as s:
        s.add(Lease(house_id=house_id, kind=LeaseKind.FREE, start_on=date(2030, 1, 1), end_on=None))


def test_check_reports_houses_whose_leases_overlap(svc: Services) -> None:
    assert not [p for p in svc.safety.check() if p.kind == "lease_overlap"]
    _overlap_around_the_services(svc, "진안-2024-01")  # its lease runs to 2031.2.28.
    found = [p for p in svc.safety.check() if p.kind == "lease_overlap"]
    assert len(found) == 1
    (problem,) = found
    assert problem.severity == ERROR and problem.house_code == "진안-2024-01"
    assert problem.table == "lease" and problem.uid
    assert "임대차계약(2024.3.1.~2031.2.28.)과 무상제공(2030.1.1.~)의 기간이 겹칩니다" in (
        problem.message
    )
    repaired = [p for p in svc.safety.check(repair=True) if p.kind == "lease_overlap"]
    assert not repaired[0].repaired and "임대차 탭" in (repaired[0].repair_note or "")


def test_the_cli_check_fails_on_overlapping_leases(svc: Services, capsys) -> None:
    from gwinong_desktop.app import main

    _overlap_around_the_services(svc, "진안-2024-01")
    root = svc.ctx.db.folder.root
    svc.ctx.db.close()
    code = main(["--data-dir", str(root), "check"])
    out = capsys.readouterr().out
    assert code != 0
    assert "[문제] 귀농인의 집 진안-2024-01: 임대차계약(2024.3.1.~2031.2.28.)과" in out


def test_the_register_shows_the_lease_in_force_not_a_later_one(svc: Services) -> None:
    house_id = _house_id(svc, "진안-2021-01")  # rental: 2021.4.1.~2027.3.31. in three leases
    renewal = svc.leases.renewal_of(svc.leases.for_house(house_id)[-1].id)
    svc.leases.save(replace(renewal, owner=OwnerForm(name="새 소유주")))  # 2027.4.1.~ to come
    houses = {h.code: h for h in RegisterService(svc.ctx).collect().houses}
    row = houses["진안-2021-01"]  # on 2026.11.21.
    assert (row.lease_start, row.lease_end) == (date(2025, 4, 1), date(2027, 3, 31))
    expired = houses["진안-2015-01"]  # its only lease ended 2022.2.28.: shown as it was
    assert (expired.lease_start, expired.lease_end) == (date(2015, 3, 1), date(2022, 2, 28))


def _exported(svc: Services, tmp_path: Path) -> Path:
    path = tmp_path / "register.xlsx"
    RegisterService(svc.ctx).export(path)
    return path


def _set(path: Path, target: Path, code: str, values: dict[str, object]) -> int:
    wb = load_workbook(path)
    ws = wb["귀농인의집"]
    headers = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)
    for header, value in values.items():
        ws.cell(row, headers.index(header) + 1).value = value
    wb.save(target)
    return row


def test_an_imported_lease_overlapping_the_houses_lease_is_refused_with_row_and_column(
    svc: Services, tmp_path: Path
) -> None:
    register = RegisterService(svc.ctx)
    source = _exported(svc, tmp_path)
    register.import_file(source, dry_run=True)  # the register read back: its leases are there
    edited = tmp_path / "edited.xlsx"
    row = _set(source, edited, "진안-2024-01", {"임대차시작일": "2026.3.1."})
    with pytest.raises(RegisterRefused) as caught:
        register.import_file(edited, dry_run=True)
    (problem,) = caught.value.plan.refusals
    assert (problem.sheet, problem.row, problem.column) == ("귀농인의집", row, "임대차시작일")
    assert "임대차계약(2024.3.1.~2031.2.28.)과 기간이 겹칩니다" in problem.message_ko
    # a lease after the house's own does not overlap: the row is still not imported, and says so
    later = tmp_path / "later.xlsx"
    _set(source, later, "진안-2024-01", {"임대차시작일": "2031.3.1.", "임대차종료일": "2038.2.28."})
    summary = register.import_file(later, dry_run=True)
    assert any("가져오지 않습니다" in str(w) and w.row == row for w in summary.warnings)


def test_an_imported_lease_needs_an_owner_unless_it_is_a_free_provision(
    svc: Services, tmp_path: Path
) -> None:
    source = _exported(svc, tmp_path)
    wb = load_workbook(source)
    ws = wb["귀농인의집"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, 1).value = "진안-2030-01"  # a new house, its lease without an owner
    ws.cell(2, headers.index("소유주") + 1).value = None
    ws.cell(2, headers.index("무상제공") + 1).value = None
    wb.save(tmp_path / "no-owner.xlsx")
    register = RegisterService(svc.ctx)
    with pytest.raises(RegisterRefused) as caught:
        register.import_file(tmp_path / "no-owner.xlsx", dry_run=True)
    problems = [(p.row, p.column) for p in caught.value.plan.refusals]
    assert (2, "소유주") in problems
    ws.cell(2, headers.index("무상제공") + 1).value = "예"
    wb.save(tmp_path / "free.xlsx")
    register.import_file(tmp_path / "free.xlsx", dry_run=True)
