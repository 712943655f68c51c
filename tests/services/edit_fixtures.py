"""The demo county for the editing services' tests: built once, copied for each test.

``Services`` over the copy act as "officer" on a fixed day (2026-11-21), so statuses and rule
years do not change with the calendar.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.houses import HouseService
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME

TODAY = date(2026, 11, 21)


class FixedDay(ServiceContext):
    def __init__(self, db: Database, actor: str, today: date) -> None:
        super().__init__(db, actor)
        self._today = today

    def today(self) -> date:
        return self._today


def build_template(root: Path) -> Path:
    from gwinong_desktop.demo.build import build_demo

    with open_database(root, purpose="test") as db:
        build_demo(db, today=TODAY)
    return root


def copy_folder(template: Path, target: Path) -> Path:
    shutil.copytree(
        template, target, ignore=shutil.ignore_patterns(LOCK_FILENAME, LOCK_INFO_FILENAME)
    )
    return target


def services_for(db: Database, actor: str = "officer") -> Services:
    ctx = FixedDay(db, actor, TODAY)
    return Services(ctx=ctx, houses=HouseService(ctx))
