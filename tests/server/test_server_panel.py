"""설정 › 여러 PC에서 함께 쓰기: the officer moves the folder up to a real server from the window
(#16), with refusals beside their fields, a cancel that changes nothing, and the same services
working on the server afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, text

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.storage import server, transfer
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import AuditEvent, House
from gwinong_desktop.ui.safety.server_panel import ServerPanel

pytestmark = pytest.mark.process  # the cluster is a process of its own


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Message boxes answered without a person: questions get Yes; every text is recorded."""
    seen: dict[str, list] = {"question": [], "information": [], "warning": []}

    def recorder(kind: str, answer=None):
        def box(parent, title, text, *rest):
            seen[kind].append(text)
            return answer

        return box

    monkeypatch.setattr(
        QMessageBox, "question", recorder("question", QMessageBox.StandardButton.Yes)
    )
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


@pytest.fixture
def local_db(tmp_path: Path):
    """A PC's own folder with one house, open (and locked) as the window holds it."""
    db = open_database(tmp_path / "pc", purpose="test")
    with Services.over(db, "test").ctx.write() as s:
        s.add(House(code="진안-2025-01", sido="전북", sigun="진안군", eupmyeon="주천면",
                    development_type="repair", program_year=2025))  # fmt: skip
    try:
        yield db
    finally:
        db.close()


def _server_houses(url: str, password: str) -> int | None:
    """How many houses the server database holds (None: no schema there)."""
    parsed, _ = server.parse_server_url(url)
    engine = server.make_server_engine(parsed, password)
    try:
        with engine.connect() as conn:
            if "house" not in set(conn.dialect.get_table_names(conn)):
                return None
            return conn.execute(text("SELECT count(*) FROM house")).scalar()
    finally:
        engine.dispose()


def test_the_officer_moves_the_folder_up_from_settings(
    qtbot, local_db: Database, server_url: str, pg_cluster, boxes, monkeypatch
) -> None:
    monkeypatch.delenv("PGPASSWORD")  # the password comes from the panel only
    monkeypatch.setenv("PGPASSFILE", str(Path(local_db.folder.root) / "no-pgpass"))
    services = Services.over(local_db, "test")
    panel = ServerPanel(services)
    qtbot.addWidget(panel)
    root = Path(local_db.folder.root)
    assert "이 PC의 데이터베이스 파일" in panel.where.text() and not panel.move_button.isEnabled()

    # a typo: refused under the address before anything is asked or touched
    panel.address.setText("postgresql://사용자@:5432/db")
    assert panel.move_up() is False
    assert "서버 주소가 없습니다" in panel.fields.errors["address"].text()
    assert boxes["question"] == []

    # the server wants a password and none was typed; then a wrong one: under the password
    panel.address.setText(server_url)
    assert panel.move_up() is False
    assert "비밀번호를 요구합니다" in panel.fields.errors["password"].text()
    panel.password.setText("wrong-secret-123")
    assert panel.move_up() is False
    said = panel.fields.errors["password"].text()
    assert "입력한 비밀번호를 확인하세요" in said and "wrong-secret-123" not in said
    assert panel.address.text() == server_url  # what was typed stays
    assert "이 PC의 자료는 바꾸지 않았습니다" in said

    # cancelled after every row was copied, before the commit: nothing changed anywhere
    real_copy = transfer.copy_records

    def copy_then_cancel(source, target, state=None):
        copied = real_copy(source, target, state)
        state.cancel()  # the officer pressed 취소 just now
        return copied

    monkeypatch.setattr(transfer, "copy_records", copy_then_cancel)
    panel.password.setText(pg_cluster.password)
    assert panel.move_up() is False
    assert panel.status.text() == "취소했습니다. 아무것도 바뀌지 않았습니다."
    assert _server_houses(server_url, pg_cluster.password) is None  # not even the schema
    assert (root / DB_FILENAME).is_file() and not (root / server.SERVER_FILE).exists()
    assert len(services.houses.list_houses()) == 1  # the window works on its file as before
    monkeypatch.setattr(transfer, "copy_records", real_copy)

    # the move itself: confirmed, done, and the same services now work on the server
    assert panel.move_up() is True
    assert server_url.split("@")[1] in boxes["question"][-1]
    assert "원래와 같음을 확인했습니다" in boxes["information"][-1]
    assert boxes["warning"] == []
    assert services.safety.server == server_url
    assert local_db.server is not None and local_db.lock is None  # a server folder: no lock
    assert not (root / DB_FILENAME).exists() and list(root.glob(f"{DB_FILENAME}.moved-*"))
    stored = json.loads((root / server.SERVER_FILE).read_text(encoding="utf-8"))
    assert pg_cluster.password not in json.dumps(stored)  # never stored
    assert [h.code for h in services.houses.list_houses()] == ["진안-2025-01"]
    with local_db.sessions() as s:
        assert (
            "서버로 옮김" in s.scalars(select(AuditEvent.summary).order_by(AuditEvent.id)).all()[-1]
        )
    assert panel.form_box.isHidden() and "서버의 데이터베이스를 씁니다" in panel.where.text()
    assert panel.password.text() == ""


def test_a_server_that_already_holds_records_is_refused_under_the_form(
    qtbot, tmp_path: Path, local_db: Database, server_url: str, boxes
) -> None:
    first = open_database(tmp_path / "first", purpose="test")
    with first:
        Services.over(first, "test").safety.move_to_server(server_url)
    panel = ServerPanel(Services.over(local_db, "test"))
    qtbot.addWidget(panel)
    panel.address.setText(server_url)
    assert panel.move_up() is False
    assert "비어 있지 않아" in panel.error.text()
    assert (Path(local_db.folder.root) / DB_FILENAME).is_file()


def test_only_an_account_that_may_restore_is_offered_the_move(qtbot, local_db: Database) -> None:
    from gwinong_desktop.ui.pages.base import PageHost
    from gwinong_desktop.ui.pages.settings import SettingsPage

    def settings_for(services: Services) -> SettingsPage:
        page = SettingsPage(PageHost())
        qtbot.addWidget(page)
        page.attach(services)
        page.build()
        return page

    assert settings_for(Services.over(local_db, "test")).server_panel is not None
    officer = Services.over(local_db, Actor("kim", "김담당", Role.OFFICER, 1))
    assert settings_for(officer).server_panel is None
    with pytest.raises(Refusal) as err:  # the use case refuses too, not only the page
        officer.safety.move_to_server("postgresql://u@127.0.0.1:1/x")
    assert err.value.exit_code == ExitCode.ACCESS_DENIED
    assert (Path(local_db.folder.root) / DB_FILENAME).is_file()
