"""The demo county for the editing services' tests: built once, copied for each test.

``Services`` over the copy act as "officer" on a fixed day (2026-11-21), so statuses and rule
years do not change with the calendar.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from server_cluster import Cluster
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import DevelopmentType
from gwinong_desktop.services import Services
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.house_edit import HouseForm
from gwinong_desktop.services.houses import HouseService
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import LOCK_FILENAME, LOCK_INFO_FILENAME
from gwinong_desktop.storage.server import SERVER_FILE, point_folder_at

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
        template,
        target,
        ignore=shutil.ignore_patterns(LOCK_FILENAME, LOCK_INFO_FILENAME, SERVER_FILE),
    )
    return target


def build_server_template(cluster: Cluster, name: str, root: Path) -> None:
    """The demo county built into the server database ``name``; its files into ``root``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", cluster.password)
        point_folder_at(root, cluster.url(name))
        build_template(root)


def copy_server_folder(cluster: Cluster, template: str, files: Path, target: Path) -> str:
    """A copy of the server template ``template`` (``CREATE DATABASE … TEMPLATE``, fast) with
    a copy of its folder's files at ``target``, pointed at the copy; the copy's name."""
    name = cluster.create(template=template)
    copy_folder(files, target)
    point_folder_at(target, cluster.url(name))
    return name


def services_for(db: Database, actor: str = "officer") -> Services:
    ctx = FixedDay(db, actor, TODAY)
    return Services(ctx=ctx, houses=HouseService(ctx))


def count_rows(svc: Services, model: type) -> int:
    """How many rows the table of ``model`` holds (archived ones too)."""
    with svc.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def good_house(svc: Services, **changes: object) -> HouseForm:
    """A new house of 2026 that breaks no rule, with ``changes``."""
    form = svc.house_edit.new_form(2026)
    values: dict[str, object] = dict(
        eupmyeon="용담면", ri="옥거리", jibun="123", development_type=DevelopmentType.REPAIR,
        structure="목조", rooms=3, build_year=1980, land_area_m2=Decimal("400"),
        floor_area_m2=Decimal("66.5"), monthly_rent=100_000, deposit=500_000,
        operator_id=svc.operators.list_operators()[0].id,
    )  # fmt: skip
    values.update(changes)
    return replace(form, **values)
