"""Data for the GUI tests.

- The **fixture county** (``build_fixture_county``): seven houses in 진안군 with leases, works,
  stays, photos and inspections, written with the storage models; other GUI tests rely on it
  through the ``services`` fixture.
- The **demo county** (``demo.build.build_demo``): built once per test session as of
  ``TODAY`` and copied into each test's own folder; the main window tests use it.
- ``sample_rows``: the fixture county's houses as rows, without a database (model tests).

Services are given the fixed ``TODAY``, so statuses and periods do not change with the calendar.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.enums import (
    DevelopmentType,
    HouseStatus,
    InspectionKind,
    LeaseKind,
    OperatorKind,
    PhotoPhase,
    PhotoSlot,
)
from gwinong_desktop.domain.periods import period_end
from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.house_rows import HouseRow
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.models import (
    Development,
    House,
    Inspection,
    Lease,
    Operator,
    Owner,
    Photo,
    Resident,
    Setting,
    Stay,
)

TODAY = date(2025, 6, 16)

# code, 읍면, 리, 지번, type, year, rooms, floor area, completed, operator, status
HOUSES = (
    ("진안-2016-01", "부귀면", "거석리", "412", "repair", 2016, 2, "59.40", date(2016, 11, 30),
     "부귀면 귀농귀촌협의회", HouseStatus.ENDED),
    ("진안-2019-01", "백운면", "노촌리", "88-2", "repair", 2019, 3, "72.10", date(2019, 10, 15),
     "노촌마을 협의회", HouseStatus.OCCUPIED),
    ("진안-2019-02", "주천면", "대불리", "131", "modular", 2019, 2, "49.50", date(2019, 12, 2),
     "노촌마을 협의회", HouseStatus.VACANT),
    ("진안-2021-01", "안천면", "노성리", "27", "repair", 2021, 3, "84.96", date(2021, 9, 20),
     "부귀면 귀농귀촌협의회", HouseStatus.OCCUPIED),
    ("진안-2023-01", "마령면", "강정리", "305-1", "modular", 2023, 2, "42.00", date(2023, 11, 8),
     "진안군 (직영)", HouseStatus.VACANT),
    ("진안-2024-01", "동향면", "능금리", "56", "rental", 2024, 2, "66.00", date(2024, 4, 1),
     "진안군 (직영)", HouseStatus.VACANT),
    ("진안-2025-01", "부귀면", "세동리", "201", "repair", 2025, 3, "78.30", None,
     "부귀면 귀농귀촌협의회", HouseStatus.BUILDING),
)  # fmt: skip


OPERATORS = (
    ("부귀면 귀농귀촌협의회", OperatorKind.COUNCIL, "063-433-1201"),
    ("노촌마을 협의회", OperatorKind.VILLAGE, "063-432-7788"),
    ("진안군 (직영)", OperatorKind.COUNTY, "063-430-2345"),
)
STRUCTURES = {2: "목조, 방2, 주방, 화장실, 거실", 3: "조적조, 방3, 주방, 화장실"}


def build_fixture_county(db: Database) -> None:
    """Write the seven houses of ``HOUSES`` with their people and records."""
    with ServiceContext(db, "test").write() as s:
        s.add(Setting(key="province", value="전북특별자치도"))
        s.add(Setting(key="county", value="진안군"))
        operators = {n: Operator(name=n, kind=k, phone=p) for n, k, p in OPERATORS}
        s.add_all(operators.values())
        s.flush()
        houses: dict[str, House] = {}
        for i, (code, eup, ri, jibun, kind, year, rooms, area, done, op, _) in enumerate(HOUSES):
            house = House(
                code=code, sido="전북특별자치도", sigun="진안군", eupmyeon=eup, ri=ri,
                jibun=jibun, development_type=DevelopmentType(kind), program_year=year,
                structure=STRUCTURES[rooms], rooms=rooms,
                build_year=year - 30 if kind == "repair" else year,
                land_area_m2=Decimal("330.00"), floor_area_m2=Decimal(area),
                monthly_rent=100_000, deposit=500_000, operator_id=operators[op].id,
                note="마을회관과 가까움" if i == 1 else None,
            )  # fmt: skip
            s.add(house)
            s.flush()
            houses[code] = house
            owner = Owner(name=f"소유주{i + 1}")
            s.add(owner)
            s.flush()
            s.add(
                Lease(
                    house_id=house.id, owner_id=owner.id, kind=LeaseKind.LEASE,
                    start_on=date(year, 3, 1), end_on=period_end(date(year, 3, 1), years=7),
                )
            )  # fmt: skip
            s.add(
                Development(
                    house_id=house.id, year=year, budget_national=15_000_000,
                    budget_province=4_500_000, budget_county=10_500_000, budget_own=0,
                    started_on=date(year, 2, 1), completed_on=done,
                    progress_pct=100 if done else 60,
                )
            )  # fmt: skip
            for n in range(i % 3 + 1):
                s.add(
                    Photo(
                        house_id=house.id, slot=PhotoSlot.FRONT, phase=PhotoPhase.BEFORE,
                        sha256=f"{i:02d}{n:02d}" + "0" * 60, stored_path=f"photos/{i}-{n}.jpg",
                        size_bytes=1000,
                    )
                )  # fmt: skip
            s.add(Inspection(house_id=house.id, kind=InspectionKind.REGULAR, inspected_on=TODAY))
        s.flush()
        stays = (
            ("진안-2019-01", "김하늘", date(2024, 3, 1), date(2025, 2, 28), date(2025, 2, 28), 2),
            ("진안-2019-01", "박서준", date(2025, 4, 1), date(2026, 3, 31), None, 3),
            ("진안-2021-01", "이도윤", date(2025, 1, 1), date(2025, 12, 31), None, 2),
            ("진안-2023-01", "최지우", date(2024, 5, 1), date(2025, 4, 30), date(2025, 5, 31), 2),
        )
        for code, name, move_in, planned_end, moved_out, size in stays:
            resident = Resident(name=name)
            s.add(resident)
            s.flush()
            s.add(
                Stay(
                    house_id=houses[code].id, resident_id=resident.id, move_in_on=move_in,
                    planned_end_on=planned_end, moved_out_on=moved_out, household_size=size,
                    monthly_rent=100_000, deposit_amount=500_000,
                )
            )  # fmt: skip


def open_fixture_folder(root: Path) -> Database:
    """A new data folder in ``root`` holding the fixture county, open."""
    db = open_database(root, purpose="test")
    try:
        build_fixture_county(db)
    except BaseException:
        db.close()
        raise
    return db


def sample_rows() -> list[HouseRow]:
    """The fixture county's houses as rows, without a database (ids 1–7 in ``HOUSES`` order)."""
    return [
        HouseRow(
            id=i + 1,
            uid=f"uid-{i}",
            code=code,
            eupmyeon=eup,
            ri=ri,
            address=f"{eup} {ri} {jibun}",
            development_type=DevelopmentType(kind),
            program_year=year,
            operator=operator,
            rooms=rooms,
            floor_area_m2=Decimal(area),
            status=status,
            completed_on=done,
            archived=False,
        )
        for i, (code, eup, ri, jibun, kind, year, rooms, area, done, operator, status) in (
            enumerate(HOUSES)
        )
    ]


def build_demo_template(root: Path) -> Path:
    """Build the demo county in ``root`` (once per session) and close it."""
    from gwinong_desktop.demo.build import build_demo

    with open_database(root, purpose="test") as db:
        build_demo(db, scale="county", today=TODAY)
    return root


def copy_data_folder(template: Path, target: Path) -> Path:
    shutil.copytree(
        template, target, ignore=shutil.ignore_patterns(LOCK_FILENAME, LOCK_INFO_FILENAME)
    )
    return target


class FixedDayContext(ServiceContext):
    """A service context whose ``today`` is fixed, so derived statuses are stable."""

    def __init__(self, db: Database, actor: str, today: date) -> None:
        super().__init__(db, actor)
        self._today = today

    def today(self) -> date:
        return self._today


def services_over(db: Database, today: date = TODAY) -> Services:
    services = Services.over(db, actor="test")
    ctx = FixedDayContext(db, "test", today)
    services.ctx = ctx
    services.houses.ctx = ctx
    return services


def held_rows(model) -> list:
    """Every row a record table model holds, by id (nothing may be narrowed: then the visible
    rows are all of them)."""
    assert not model.is_narrowed()
    return sorted(model.visible_rows(), key=lambda row: row.id)


def by_id(rows: list) -> list:
    return sorted(rows, key=lambda row: row.id)


def fact(pane, key: str) -> str:
    """The text the house detail pane shows for one fact (``detail_pane.*_FIELDS`` keys)."""
    from PySide6.QtWidgets import QLabel

    (label,) = [w for w in pane.findChildren(QLabel) if w.property("fact") == key]
    return label.text()


# --- the rule values panel, typed into as the officer would -------------------------------


def rule_row(panel: Any, key: str) -> int:
    return next(i for i, row in enumerate(panel.rows) if row.key.value == key)


def value_text(panel: Any, key: str) -> str:
    """The value shown in the row of rule ``key``."""
    return panel.table.item(rule_row(panel, key), panel.VALUE).text()


def type_value(panel: Any, key: str, text: str, note: str | None = None) -> None:
    """Type a value (and a note) into the row of rule ``key``, as the officer would."""
    panel.table.item(rule_row(panel, key), panel.VALUE).setText(text)
    if note is not None:
        panel.table.item(rule_row(panel, key), panel.NOTE).setText(note)
