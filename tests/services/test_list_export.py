"""List exports go through ``Services.list_export``: permission, masking, the access record; and
every workbook the services write (lists, the access records) opens again whatever the text."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.domain.text import has_unsafe
from gwinong_desktop.services import Services
from gwinong_desktop.services.audit_log import AuditFilter
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.database import Database, open_database

DIRTY = "보일러\x07 고장\ufffe 수리\uffff 예정\ud800"
COLUMNS = ["관리번호", "입주자", "연락처", "비고"]
PERSONAL = {1: "name", 2: "phone"}


@pytest.fixture
def db(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Iterator[Database]:
    with open_database(new_folder(tmp_path / "data"), purpose="test") as database:
        yield database


def _as(db: Database, role: Role) -> Services:
    return Services.over(db, Actor(username=f"{role.value}1", display_name="김민지", role=role))


def _rows() -> list[list[object]]:
    return [["진안-2019-01", "김영수", "010-1234-5678", DIRTY], ["진안-2020-02", None, None, 3]]


def _exports(db: Database) -> list[str]:
    return [e.summary for e in _as(db, Role.ADMIN).audit.search(AuditFilter(action="export"))]


def _cells(path: Path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_an_export_masks_people_cleans_text_and_is_recorded(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "목록.xlsx"
    summary = _as(db, Role.OFFICER).list_export.export(
        path, COLUMNS, _rows(), what="입주자 목록", entity="resident", personal=PERSONAL
    )
    assert summary.rows == 2 and summary.cleaned_texts == 1
    rows = _cells(path)
    assert rows[1] == ("진안-2019-01", "김*수", "010-****-5678", "보일러 고장 수리 예정")
    assert rows[2] == ("진안-2020-02", None, None, 3)
    assert not any(has_unsafe(v) for row in rows for v in row if isinstance(v, str))
    assert _exports(db) == ["입주자 목록 2건 내보내기: 목록.xlsx (개인정보 가림)"]


def test_personal_data_only_when_ticked_and_allowed(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "full.xlsx"
    _as(db, Role.OFFICER).list_export.export(
        path, COLUMNS, _rows(), what="입주자 목록", entity="resident", personal=PERSONAL,
        include_personal=True,
    )  # fmt: skip
    assert _cells(path)[1][1:3] == ("김영수", "010-1234-5678")
    assert _exports(db) == ["입주자 목록 2건 내보내기: full.xlsx (개인정보 포함)"]
    viewer = _as(db, Role.VIEWER)
    refused = tmp_path / "viewer.xlsx"
    with pytest.raises(NotPermitted):
        viewer.list_export.export(
            refused, COLUMNS, _rows(), what="입주자 목록", entity="resident",
            personal=PERSONAL, include_personal=True,
        )  # fmt: skip
    assert not refused.exists() and len(_exports(db)) == 1
    viewer.list_export.export(
        refused, COLUMNS, _rows(), what="입주자 목록", entity="resident", personal=PERSONAL
    )
    assert _cells(refused)[1][1] == "김*수"  # 열람 exports what it sees: masked


def test_a_cancel_writes_no_file_and_no_record(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "cancelled.xlsx"
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        _as(db, Role.OFFICER).list_export.export(
            path, COLUMNS, _rows(), what="입주자 목록", entity="resident", state=state
        )
    assert not path.exists() and _exports(db) == []


def test_the_access_record_export_opens_whatever_the_records_hold(
    db: Database, tmp_path: Path
) -> None:
    with ServiceContext(db, "test").write() as session:
        log_event(
            session, "update", "house", f"비고: {DIRTY[:-1]}\x0b"
        )  # SQLite holds no surrogate
    path = tmp_path / "기록.xlsx"
    written = _as(db, Role.ADMIN).audit.export(AuditFilter(), path)
    rows = _cells(path)
    assert len(rows) - 1 == written >= 1
    assert not any(has_unsafe(v) for row in rows for v in row if isinstance(v, str))
    assert "비고: 보일러 고장 수리 예정" in [row[7] for row in rows[1:]]
