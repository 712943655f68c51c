"""Fixtures of the editing services' tests: a copy of the demo county per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from edit_fixtures import build_template, copy_folder, services_for

from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import Database, open_database


@pytest.fixture(scope="session")
def demo_county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county as of 2026-11-21, built once per session."""
    return build_template(tmp_path_factory.mktemp("edit-demo") / "data")


@pytest.fixture
def county_db(tmp_path: Path, demo_county_template: Path) -> Iterator[Database]:
    db = open_database(copy_folder(demo_county_template, tmp_path / "data"), purpose="test")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def svc(county_db: Database) -> Services:
    """Services over this test's copy, acting as "officer" on 2026-11-21."""
    return services_for(county_db)
