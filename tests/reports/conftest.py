"""A small data folder for the residents' reports: two houses, two stays, a year of rent with a
carried balance, a waived month, a partial and a split payment, and a returned deposit."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from gwinong_desktop.domain.enums import DevelopmentType, Role, SettlementOutcome
from gwinong_desktop.domain.folder_settings import COUNTY, DEPARTMENT, OFFICER_NAME
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.folder_settings import write_setting
from gwinong_desktop.storage.models import (
    Deposit,
    House,
    Payment,
    RentCharge,
    Resident,
    Stay,
)

NOTE = "=SUM(A1:A3)\x07 조기 퇴거\uffff"  # a formula, a control character, a non-character
NOTE_WRITTEN = "=SUM(A1:A3) 조기 퇴거"  # as a workbook holds it: text, cleaned


@dataclass
class Folder:
    db: Database
    root: Path
    payment_id: int  # the first payment of the first stay (2024-11)
    deposit_id: int  # returned, 50,000원 kept for cleaning
    held_deposit_id: int  # not returned yet


def officer(db: Database) -> Services:
    return Services.over(db, Actor("kim", "김담당", Role.OFFICER))


def viewer(db: Database) -> Services:
    return Services.over(db, Actor("lee", "이열람", Role.VIEWER))


def _month(year: int, month: int) -> date:
    return date(year, month, 1)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, int, int]]:
    """The folder built once; each test works on a copy (``folder``)."""
    root = tmp_path_factory.mktemp("reports") / "data"
    with open_database(root, purpose="test") as db, Services.over(db).ctx.write() as s:
        write_setting(s, COUNTY, "진안군")
        write_setting(s, DEPARTMENT, "농업기술센터 귀농귀촌팀")
        write_setting(s, OFFICER_NAME, "박정민")
        a = House(
            code="진안-2024-01",
            sido="전북특별자치도",
            sigun="진안군",
            eupmyeon="부귀면",
            ri="거석리",
            jibun="123",
            development_type=DevelopmentType.REPAIR,
            program_year=2024,
        )
        b = House(
            code="진안-2025-01",
            sido="전북특별자치도",
            sigun="진안군",
            eupmyeon="주천면",
            ri="대불리",
            development_type=DevelopmentType.REPAIR,
            program_year=2025,
        )
        kim = Resident(
            name="김영수",
            birth_date=date(1978, 5, 14),
            phone="010-1234-5678",
            previous_address="서울특별시 마포구 월드컵북로 12",
            settlement=SettlementOutcome.SETTLED,
            moved_in_registered=True,
        )
        lee = Resident(name="이수진", birth_date=date(1990, 1, 2), phone="010-9876-5432")
        s.add_all([a, b, kim, lee])
        s.flush()
        first = Stay(
            house_id=a.id,
            resident_id=kim.id,
            move_in_on=date(2024, 11, 1),
            planned_end_on=date(2025, 10, 31),
            moved_out_on=date(2025, 10, 31),
            household_size=3,
            monthly_rent=100_000,
            note=NOTE,
        )
        second = Stay(
            house_id=b.id,
            resident_id=lee.id,
            move_in_on=date(2025, 3, 1),
            planned_end_on=date(2026, 2, 28),
            household_size=1,
            monthly_rent=80_000,
        )
        s.add_all([first, second])
        s.flush()
        for y, m in ((2024, 11), (2024, 12), (2025, 1), (2025, 2), (2025, 3)):
            s.add(
                RentCharge(
                    stay_id=first.id,
                    month=_month(y, m),
                    amount=100_000,
                    due_on=date(y, m, 10),
                    waived_reason="보일러 고장" if (y, m) == (2025, 2) else None,
                )
            )
        paid = [
            ((2024, 11), 100_000, date(2024, 11, 5), "계좌이체"),
            ((2024, 12), 50_000, date(2024, 12, 10), "현금"),
            ((2025, 1), 100_000, date(2025, 1, 5), "계좌이체"),
            ((2025, 3), 60_000, date(2025, 3, 4), "계좌이체"),
            ((2025, 3), 40_000, date(2025, 3, 20), "계좌이체"),
        ]
        payments = [
            Payment(stay_id=first.id, month=_month(*ym), amount=amount, paid_on=on, method=method)
            for ym, amount, on, method in paid
        ]
        s.add_all(payments)
        returned = Deposit(
            stay_id=first.id,
            amount=500_000,
            received_on=date(2024, 11, 1),
            returned_on=date(2025, 11, 5),
            returned_amount=450_000,
            deduction_reason="청소비 50,000원",
        )
        held = Deposit(stay_id=second.id, amount=300_000, received_on=date(2025, 3, 1))
        s.add_all([returned, held])
        s.flush()
        ids = payments[0].id, returned.id, held.id
    return root, ids


@pytest.fixture
def folder(tmp_path: Path, template: tuple[Path, tuple[int, int, int]]) -> Iterator[Folder]:
    source, ids = template
    root = shutil.copytree(
        source, tmp_path / "data", ignore=shutil.ignore_patterns(LOCK_FILENAME, LOCK_INFO_FILENAME)
    )
    with open_database(root, purpose="test") as db:
        yield Folder(db, root, *ids)


@pytest.fixture
def closed_folder(tmp_path: Path, template: tuple[Path, tuple[int, int, int]]) -> Path:
    """A copy of the folder, not opened (for commands, which open it themselves)."""
    return shutil.copytree(template[0], tmp_path / "data")


def lock_targets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workbook's last step (moving the finished file in place) meets a target that is
    open in Excel."""

    def locked(source, target) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gwinong_desktop.exchange.table.os.replace", locked)
