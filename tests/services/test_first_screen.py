"""The first screen, read with sqlite3 before SQLAlchemy loads, is what the services show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from edit_fixtures import TODAY
from sqlalchemy import func, or_, select, update

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.services import Services
from gwinong_desktop.services.accounts import AccountService
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.first_screen import precheck_sign_in, read_first_screen
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.models import AuditEvent, Setting, User
from gwinong_desktop.storage.models.base import utcnow
from gwinong_desktop.storage.quick import FirstLook

pytestmark = pytest.mark.sqlite_only(
    "these look at the folder's file with sqlite3; the first look at a server folder "
    "(psycopg) is tested against the services in tests/server/test_server_database.py"
)


PASSWORD = "Gwinong#2025"


def look_at(db: Database) -> FirstLook:
    return FirstLook(db.folder.db_path)


def test_the_first_screen_is_the_service_list(svc: Services, county_db: Database) -> None:
    with look_at(county_db) as look:
        first = read_first_screen(look, county_db.folder.root, TODAY)
    rows = svc.houses.list_houses()
    assert len(rows) >= 12
    assert first.rows == rows  # every field: status, area (Decimal), dates, operator …
    assert first.county == svc.county() == "진안군"
    assert first.data_dir == county_db.folder.root


def test_the_first_screen_and_the_services_read_the_county_alike(
    svc: Services, county_db: Database
) -> None:
    """Both read the declared ``COUNTY`` setting: spaces around it dropped, no row is no county."""
    with ServiceContext(county_db, "test").write() as session:
        session.get(Setting, COUNTY.key).value = " 진안군  "
    with look_at(county_db) as look:
        assert look.county() == svc.county() == "진안군"
    with ServiceContext(county_db, "test").write() as session:
        session.delete(session.get(Setting, COUNTY.key))
    with look_at(county_db) as look:
        assert look.county() is None and svc.county() is None


def test_statuses_follow_the_day_and_the_rule_values(svc: Services, county_db: Database) -> None:
    """A stay ending, a year's rule changed: both readers see the same change."""
    later = TODAY + timedelta(days=400)
    with look_at(county_db) as look:
        now, then = (read_first_screen(look, county_db.folder.root, d) for d in (TODAY, later))
    assert [r.status for r in now.rows] != [r.status for r in then.rows]
    svc.ctx._today = later  # type: ignore[attr-defined]  (FixedDay)
    assert then.rows == svc.houses.list_houses()

    svc.rule_values.save(2010, {"management_years": 1})  # holds for every later year
    with look_at(county_db) as look:
        changed = read_first_screen(look, county_db.folder.root, later)
    assert [r.status for r in changed.rows] != [r.status for r in then.rows]
    assert changed.rows == svc.houses.list_houses()


def test_archived_houses_are_not_on_the_first_screen(svc: Services, county_db: Database) -> None:
    house = svc.houses.list_houses()[0]
    svc.house_edit.archive(house.id, "시험 보관")
    with look_at(county_db) as look:
        first = read_first_screen(look, county_db.folder.root, TODAY)
    assert house.id not in {r.id for r in first.rows}
    assert first.rows == svc.houses.list_houses()


def test_the_look_only_reads(county_db: Database) -> None:
    import sqlite3

    with look_at(county_db) as look, pytest.raises(sqlite3.OperationalError):
        look._conn.execute("DELETE FROM house")


# --- the sign-in checked ahead -------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path) as database:
        yield database


def accounts(db: Database) -> AccountService:
    return AccountService(ServiceContext(db), failure_delay=0)


def audit_count(db: Database) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count(AuditEvent.id))) or 0


def test_a_right_password_gives_the_actor_the_sign_in_gives(db: Database) -> None:
    admin = accounts(db).create_first_admin("admin", "김관리", PASSWORD)
    before = audit_count(db)
    with look_at(db) as look:
        assert look.has_accounts()
        ahead = precheck_sign_in(look, " ADMIN ", PASSWORD)
    assert audit_count(db) == before  # a look ahead records nothing; the sign-in does
    assert ahead == admin == accounts(db).authenticate("admin", PASSWORD)
    assert ahead is not None and ahead.role is Role.ADMIN


@pytest.mark.parametrize("case", ["wrong", "unknown", "inactive", "locked", "lock run out"])
def test_anything_in_the_way_means_the_full_sign_in_decides(db: Database, case: str) -> None:
    admin = accounts(db).create_first_admin("admin", "김관리", PASSWORD)
    name, password = "admin", PASSWORD
    if case == "wrong":
        password = "Gwinong#2024"
    elif case == "unknown":
        name = "nobody"
    else:
        with db.sessions.begin() as s:
            if case == "inactive":
                values = {"active": False}
            else:  # any lock, even one that has run out, leaves it to the sign-in
                minutes = 5 if case == "locked" else -5
                values = {"locked_until": utcnow() + timedelta(minutes=minutes)}
            s.execute(update(User).where(User.id == admin.user_id).values(**values))
    with look_at(db) as look:
        assert precheck_sign_in(look, name, password) is None


def test_a_folder_without_accounts_has_none_to_check(db: Database) -> None:
    with look_at(db) as look:
        assert not look.has_accounts()
        assert precheck_sign_in(look, "admin", PASSWORD) is None


def test_the_list_sql_means_what_the_orm_query_meant(county_db: Database) -> None:
    """``storage.house_list`` replaced an ORM select; this keeps that select as the reference,
    so the SQL cannot drift from it (archived rows, NULLs, the stay on ``today``)."""
    from sqlalchemy import Date, bindparam, text

    from gwinong_desktop.services.house_rows import house_rows
    from gwinong_desktop.services.rules import RuleBook
    from gwinong_desktop.storage.house_list import HOUSE_LIST_ACTIVE, HOUSE_LIST_ALL
    from gwinong_desktop.storage.models import Development, House, Operator, Stay

    def reference(today, include_archived):
        completed = (
            select(Development.house_id, func.max(Development.completed_on).label("done"))
            .where(Development.archived_at.is_(None))
            .group_by(Development.house_id)
            .subquery()
        )
        active = (
            select(Stay.house_id)
            .where(
                Stay.archived_at.is_(None),
                Stay.move_in_on <= today,
                or_(Stay.moved_out_on.is_(None), Stay.moved_out_on >= today),
            )
            .distinct()
            .subquery()
        )
        stmt = (
            select(
                House.id, House.uid, House.code, House.eupmyeon, House.ri, House.jibun,
                House.road_address, House.development_type, House.program_year,
                Operator.name, House.rooms, House.floor_area_m2, House.cancelled_on,
                completed.c.done, active.c.house_id, House.archived_at,
            )
            .outerjoin(Operator, House.operator_id == Operator.id)
            .outerjoin(completed, completed.c.house_id == House.id)
            .outerjoin(active, active.c.house_id == House.id)
            .order_by(House.code)
        )  # fmt: skip
        if not include_archived:
            stmt = stmt.where(House.archived_at.is_(None))
        return stmt

    with county_db.sessions() as s:  # the edges: archived records, a stay ending on the day
        s.info["actor"] = "test"
        s.execute(update(House).where(House.id == 2).values(archived_at=utcnow()))
        s.execute(update(Stay).where(Stay.id == 1).values(archived_at=utcnow()))
        current = s.execute(  # stays under way on TODAY
            select(Stay.id, Stay.house_id).where(
                Stay.id != 1,
                Stay.house_id != 2,
                Stay.archived_at.is_(None),
                Stay.move_in_on < TODAY,
                or_(Stay.moved_out_on.is_(None), Stay.moved_out_on >= TODAY),
            )
        ).all()
        houses = [h for _, h in current]
        only = next(i for i, h in current if houses.count(h) == 1)
        s.execute(update(Stay).where(Stay.id == only).values(moved_out_on=TODAY))
        house = s.scalar(select(Development.house_id).where(Development.completed_on.is_not(None)))
        s.execute(
            update(Development)
            .where(Development.house_id == house)
            .values(archived_at=utcnow())  # its 준공일 no longer counts
        )
        s.commit()
    for day in (TODAY, TODAY - timedelta(days=900), TODAY + timedelta(days=400)):
        for include, sql in ((False, HOUSE_LIST_ACTIVE), (True, HOUSE_LIST_ALL)):
            with county_db.sessions() as s:
                ours = s.execute(
                    text(sql).bindparams(bindparam("today", type_=Date)), {"today": day}
                ).all()
                theirs = s.execute(reference(day, include)).all()
                rules = RuleBook(s)
            mine, reference_rows = house_rows(ours, day, rules), house_rows(theirs, day, rules)
            assert mine == reference_rows and len(mine) > 0
            assert [repr(r) for r in mine] == [repr(r) for r in reference_rows]  # Decimal scale
        assert len(reference_rows) > len(house_rows(ours_active(county_db, day), day, rules))


def ours_active(db: Database, day):
    from sqlalchemy import Date, bindparam, text

    from gwinong_desktop.storage.house_list import HOUSE_LIST_ACTIVE

    with db.sessions() as s:
        return s.execute(
            text(HOUSE_LIST_ACTIVE).bindparams(bindparam("today", type_=Date)), {"today": day}
        ).all()
