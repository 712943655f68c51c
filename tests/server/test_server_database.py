"""A data folder on a real PostgreSQL server: the same migrations, the same audit chain, refusals
in Korean (issue #16)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage.audit import verify_chain
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME, StorageError
from gwinong_desktop.storage.models import Base, Operator
from gwinong_desktop.storage.schema import SCHEMA_HEAD, SchemaState

pytestmark = pytest.mark.process  # the cluster is a process of its own


def test_an_empty_server_database_gets_exactly_the_models_schema(server_folder: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open_database(server_folder) as db:
        assert db.server is not None
        assert db.schema_before.state is SchemaState.NEW
        assert db.engine.dialect.name == "postgresql"
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                SCHEMA_HEAD
            )
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    assert not (server_folder / DB_FILENAME).exists()  # no SQLite file beside the server
    with open_database(server_folder) as db:  # the second time: current, nothing to do
        assert db.schema_before.state is SchemaState.CURRENT


def test_a_change_is_audited_and_chained_on_the_server(server_folder: Path) -> None:
    with open_database(server_folder) as db, db.sessions() as s:
        s.info["actor"] = "김담당"
        s.add(Operator(name="노촌마을협의회", kind="village"))
        s.commit()
    with open_database(server_folder) as db, db.sessions() as s:
        assert s.scalar(select(Operator.name)) == "노촌마을협의회"
        assert verify_chain(s) == []


def test_two_pcs_writing_at_once_keep_one_unbroken_chain(server_folder: Path) -> None:
    """Writers on two connections (two PCs) at the same time: every event hashed onto the one
    before it, none forked — the advisory lock orders them."""
    open_database(server_folder).close()  # the schema first (Alembic runs in one thread)
    errors: list[BaseException] = []

    def officer(name: str) -> None:
        try:
            with open_database(server_folder) as db:
                for i in range(15):
                    with db.sessions() as s:
                        s.info["actor"] = name
                        s.add(Operator(name=f"{name} {i}", kind="village"))
                        s.commit()
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)

    workers = [threading.Thread(target=officer, args=(n,)) for n in ("김담당", "이주무관")]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with open_database(server_folder) as db, db.sessions() as s:
        assert len(s.scalars(select(Operator.id)).all()) == 30
        assert verify_chain(s) == []


def test_a_record_saved_meanwhile_by_another_pc_is_not_overwritten(server_folder: Path) -> None:
    """The revision decides: the second of two edits from the same reading is refused."""
    with open_database(server_folder) as db:
        with db.sessions() as s:
            s.info["actor"] = "김담당"
            s.add(Operator(name="노촌마을협의회", kind="village", phone="063-111-1111"))
            s.commit()
        first, second = db.sessions(), db.sessions()
        first.info["actor"], second.info["actor"] = "김담당", "이주무관"
        a = first.scalars(select(Operator)).one()
        b = second.scalars(select(Operator)).one()
        a.phone = "063-222-2222"
        first.commit()
        b.phone = "063-333-3333"
        with pytest.raises(StaleDataError):
            second.commit()
        second.close()
        first.close()
        with db.sessions() as s:
            row = s.scalars(select(Operator)).one()
            assert (row.phone, row.revision) == ("063-222-2222", 2)


def test_another_programs_database_is_refused_untouched(
    server_folder: Path, pg_cluster, pg_database: str
) -> None:
    with pg_cluster.connect(pg_database) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(StorageError) as err:
        open_database(server_folder)
    assert err.value.exit_code == ExitCode.NOT_A_DATABASE
    assert "귀농인의 집 관리 프로그램의 것이 아닙니다" in err.value.message
    with pg_cluster.connect(pg_database) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]  # fmt: skip
    assert tables == ["invoices"]


def test_a_newer_schema_on_the_server_is_refused(server_folder: Path, pg_cluster, pg_database):
    open_database(server_folder).close()
    with pg_cluster.connect(pg_database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError) as err:
        open_database(server_folder)
    assert err.value.exit_code == ExitCode.NEWER_SCHEMA
    assert "더 새로운 버전" in err.value.message


def test_an_old_schema_is_upgraded_only_when_no_other_pc_is_connected(
    server_folder: Path, pg_cluster, pg_database: str
) -> None:
    from gwinong_desktop.storage import server
    from gwinong_desktop.storage.migrate import run_upgrade

    url = server.remembered_url(server_folder)
    engine = server.make_server_engine(url)
    run_upgrade(engine, "0004")
    engine.dispose()
    other = pg_cluster.connect(pg_database)
    other.execute("SET application_name = 'gwinong-desktop'")
    try:
        with pytest.raises(StorageError) as err:
            open_database(server_folder)
        assert err.value.exit_code == ExitCode.IN_USE
        assert "다른 PC의 프로그램을 모두 닫아야" in err.value.message
    finally:
        other.close()
    with open_database(server_folder) as db:
        assert db.schema_before.revision == "0004"
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                SCHEMA_HEAD
            )


def test_a_wrong_password_says_so_in_korean_and_never_shows_it(
    server_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "wrong-secret-123")
    with pytest.raises(StorageError) as err:
        open_database(server_folder)
    assert err.value.exit_code == ExitCode.SERVER_UNREACHABLE
    assert "비밀번호가 맞지 않습니다" in err.value.message
    assert "wrong-secret-123" not in err.value.message


def test_an_unreachable_server_and_a_missing_database_are_named(
    tmp_path: Path, pg_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gwinong_desktop.storage.server import point_folder_at

    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)

    closed = tmp_path / "closed"
    point_folder_at(closed, f"postgresql://{pg_cluster.user}@127.0.0.1:1/gwinong")
    with pytest.raises(StorageError) as err:
        open_database(closed)
    assert err.value.exit_code == ExitCode.SERVER_UNREACHABLE
    assert "127.0.0.1:1에 연결할 수 없습니다" in err.value.message
    missing = tmp_path / "missing"
    point_folder_at(missing, f"postgresql://{pg_cluster.user}@{pg_cluster.host}:"
                             f"{pg_cluster.port}/no_such_db")  # fmt: skip
    with pytest.raises(StorageError) as err:
        open_database(missing)
    assert "데이터베이스 'no_such_db'가 없습니다" in err.value.message


def test_a_connection_lost_in_the_middle_of_a_save_says_so_and_writes_nothing(
    server_folder: Path, pg_cluster, pg_database: str
) -> None:
    """The server drops the connection mid-save (a restart, a cable out): a Korean message with
    exit code 11 that says nothing was saved, nothing half-written, and the next save works."""
    from gwinong_desktop.services.context import ServiceContext

    with open_database(server_folder) as db:
        ctx = ServiceContext(db, "김담당")
        with pytest.raises(StorageError) as err, ctx.write() as s:
            s.add(Operator(name="노촌마을협의회", kind="village"))
            s.flush()
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
            with pg_cluster.connect(pg_database) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            s.add(Operator(name="두번째 협의회", kind="village"))
            s.flush()
        assert err.value.exit_code == ExitCode.SERVER_UNREACHABLE
        assert "연결이 끊겼습니다" in err.value.message
        assert "아무것도 저장하지 않았습니다" in err.value.message
        with ctx.read() as s:  # a fresh connection from the pool: the first save left nothing
            assert s.scalars(select(Operator.name)).all() == []
        with ctx.write() as s:
            s.add(Operator(name="노촌마을협의회", kind="village"))
        with ctx.read() as s:
            assert s.scalars(select(Operator.name)).all() == ["노촌마을협의회"]
            assert verify_chain(s) == []


def test_a_form_and_a_list_see_what_another_pc_saved(server_folder: Path) -> None:
    """Two PCs on one server: the list's change mark moves with the other PC's save (and says it
    was someone else), and a form opened before that save is refused with both values."""
    from dataclasses import replace

    from gwinong_desktop.domain.enums import OperatorKind
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.operators import OperatorForm
    from gwinong_desktop.services.revisions import ChangedMeanwhile

    with open_database(server_folder) as one, open_database(server_folder) as two:
        kim, lee = Services.over(one, "김담당"), Services.over(two, "이주무관")
        saved = kim.operators.save(OperatorForm(name="노촌마을협의회", kind=OperatorKind.VILLAGE))
        mark = kim.change_mark().newest
        assert kim.change_mark(mark).by_others is False
        kims, lees = kim.operators.load(saved.id), lee.operators.load(saved.id)
        lee.operators.save(replace(lees, phone="063-222-2222"))
        moved = kim.change_mark(mark)
        assert moved.newest > mark and moved.by_others
        with pytest.raises(ChangedMeanwhile) as err:
            kim.operators.save(replace(kims, phone="063-333-3333"))
        assert "저장된 값 063-222-2222 / 입력한 값 063-333-3333" in err.value.message
        assert kim.operators.load(saved.id).phone == "063-222-2222"


def test_the_first_look_reads_a_server_folder_as_the_services_do(
    server_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI's first look (``storage.quick.first_look``: psycopg alone, before SQLAlchemy
    loads) shows the same houses and accounts as the services; it is skipped — the full path
    then decides — when libpq has no password or the schema is not this program's."""
    from datetime import date

    from gwinong_desktop.demo.build import build_demo
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.first_screen import read_first_screen
    from gwinong_desktop.storage.database import open_claimed
    from gwinong_desktop.storage.quick import claim_folder, first_look

    with open_database(server_folder) as db:
        build_demo(db, today=date(2026, 11, 21))
    claim = claim_folder(server_folder, "test")
    look = first_look(claim)
    assert look is not None
    with look:
        first = read_first_screen(look, server_folder, date.today())
        assert look.has_accounts() and look.account("ADMIN").role == "admin"
    with open_claimed(claim) as db:
        assert db.server is not None and db.lock is None
        assert first.rows == Services.over(db).houses.list_houses()
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    assert first.rows and first.county
    for cause in ("old schema", "no password"):
        if cause == "no password":
            monkeypatch.delenv("PGPASSWORD")
        claim = claim_folder(server_folder, "test")
        try:
            assert first_look(claim) is None, cause
        finally:
            claim.release()
