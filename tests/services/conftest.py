"""Fixtures of the editing services' tests: a copy of the demo county per test, on SQLite and on
PostgreSQL (``db_kind``, tests/server_cluster.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from edit_fixtures import (
    build_server_template,
    build_template,
    copy_folder,
    copy_server_folder,
    services_for,
)
from server_cluster import SQLITE, Cluster

from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import Database, open_database


@pytest.fixture(scope="session")
def demo_county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county as of 2026-11-21, built once per session (SQLite)."""
    return build_template(tmp_path_factory.mktemp("edit-demo") / "data")


@pytest.fixture(scope="session")
def demo_county_server_template(
    pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The demo county built once per session into a template database on the server: its
    name and the folder of its files."""
    root = tmp_path_factory.mktemp("edit-demo-server") / "data"
    name = pg_cluster.template("demo-county", lambda n: build_server_template(pg_cluster, n, root))
    return name, root


@pytest.fixture
def county_folder(db_kind: str, request: pytest.FixtureRequest) -> Callable[[Path], Path]:
    """``county_folder(target)``: a data folder at ``target`` holding a copy of the demo county
    in this test's kind of database (a copy of the file, or of the server template)."""
    if db_kind == SQLITE:
        template = request.getfixturevalue("demo_county_template")
        return lambda target: copy_folder(template, target)
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    request.getfixturevalue("pg_password")
    name, files = request.getfixturevalue("demo_county_server_template")
    made: list[str] = []

    def copy(target: Path) -> Path:
        made.append(copy_server_folder(cluster, name, files, target))
        return target

    def drop_all() -> None:
        for copied in made:
            cluster.drop(copied)

    request.addfinalizer(drop_all)
    return copy


@pytest.fixture
def county_db(tmp_path: Path, county_folder: Callable[[Path], Path]) -> Iterator[Database]:
    db = open_database(county_folder(tmp_path / "data"), purpose="test")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def svc(county_db: Database) -> Services:
    """Services over this test's copy, acting as "officer" on 2026-11-21."""
    return services_for(county_db)
