"""0002 adds ``rule_override``: a 0001 database upgrades and takes overrides, its rows kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import House, RuleOverride

DATA = Path(__file__).parent / "data"


def test_a_0001_database_keeps_its_rows_and_takes_overrides(tmp_path: Path) -> None:
    shutil.copy(DATA / "0001.sqlite3", tmp_path / DB_FILENAME)
    with open_database(tmp_path) as db:
        ctx = ServiceContext(db, "test")
        with ctx.write() as session:
            house = session.scalars(select(House)).one()
            session.add(
                RuleOverride(entity="house", entity_uid=house.uid, rule="rooms_min", value="1",
                             limit="2", message="방이 2개보다 적습니다", reason="부부 전용",
                             actor="test")
            )  # fmt: skip
        with ctx.read() as session:
            override = session.scalars(select(RuleOverride)).one()
            assert (override.limit, override.reason) == ("2", "부부 전용")
            assert override.created_at.tzinfo is not None
