"""The demo data generator: the county demo's contents, determinism, refusal, cancel, scale."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from gwinong_desktop.demo.build import DemoError, DemoSummary, build_demo
from gwinong_desktop.domain.enums import (
    DevelopmentType,
    FindingStatus,
    HouseStatus,
    PhotoPhase,
    Role,
)
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.domain.rules import RuleSet, check_stay, designation_end, has_refusal
from gwinong_desktop.media.exif import read_photo_info
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.houses import HouseService
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.models import (
    AnnualPlan,
    AuditEvent,
    Designation,
    Development,
    Finding,
    House,
    HouseholdMember,
    Inspection,
    Lease,
    Operator,
    Payment,
    Photo,
    RentCharge,
    Resident,
    Setting,
    Stay,
    User,
)

TODAY = date(2026, 11, 21)
HANGUL_NAME = re.compile(r"[가-힣]{2,4}")


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    db = open_database(tmp_path_factory.mktemp("county"))
    summary = build_demo(db, today=TODAY)
    yield db, summary
    db.close()


@pytest.fixture
def session(county: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with county[0].sessions() as s:
        yield s


def count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_summary_counts_what_was_written(county: tuple[Database, DemoSummary], session: Session):
    _, summary = county
    assert summary.houses == count(session, House)
    assert summary.stays == count(session, Stay)
    assert summary.payments == count(session, Payment)
    assert summary.photos == count(session, Photo)
    assert summary.seconds > 0
    assert summary.stays >= 30 and summary.payments >= 200 and summary.inspections >= 50


def test_about_twelve_houses_of_every_kind_across_the_county(session: Session):
    houses = session.scalars(select(House)).all()
    assert 10 <= len(houses) <= 15
    assert {h.development_type for h in houses} == set(DevelopmentType)
    assert len({h.eupmyeon for h in houses}) >= 4
    assert all(h.sido == "전북특별자치도" and h.sigun == "진안군" for h in houses)
    assert all(re.fullmatch(r"진안-20\d\d-\d\d", h.code) for h in houses)
    assert all(
        35.6 < float(h.latitude) < 36.0 and 127.2 < float(h.longitude) < 127.7 for h in houses
    )
    assert any(h.rooms == 1 for h in houses)  # the rooms rule has something to warn about
    assert sum(1 for h in houses if h.cancelled_on) == 1
    repaired = [h for h in houses if h.development_type is DevelopmentType.REPAIR]
    assert all(1975 <= h.build_year <= 2005 for h in repaired)
    assert all(200 <= h.land_area_m2 <= 660 and 40 <= h.floor_area_m2 <= 99 for h in houses)
    assert all(0 <= h.monthly_rent <= 150_000 and 0 <= h.deposit <= 1_000_000 for h in houses)


def test_statuses_show_a_county_at_work(county: tuple[Database, DemoSummary]):
    class AsOf(ServiceContext):
        def today(self) -> date:
            return TODAY

    rows = HouseService(AsOf(county[0])).list_houses()
    statuses = [r.status for r in rows]
    assert set(statuses) == set(HouseStatus)
    assert statuses.count(HouseStatus.OCCUPIED) > statuses.count(HouseStatus.VACANT) >= 2


def test_funding_follows_the_guideline(session: Session):
    for dev in session.scalars(select(Development)):
        subsidy = dev.budget_national + dev.budget_province + dev.budget_county
        assert subsidy <= 30_000_000
        assert dev.budget_national * 2 == subsidy  # 국고 50% · 지방비 50%
        if dev.completed_on is not None:
            assert dev.progress_pct == 100
            assert dev.started_on <= dev.completed_on
    building = session.scalars(select(Development).where(Development.completed_on.is_(None)))
    assert any(d.progress_pct == 60 and d.delay_reason for d in building)
    for designation in session.scalars(select(Designation)):
        assert designation.monthly_support <= 150_000
        rules = RuleSet.defaults(designation.start_on.year)
        assert designation.end_on == designation_end(designation.start_on, rules)
    plans = session.scalars(select(AnnualPlan).order_by(AnnualPlan.year)).all()
    assert [p.year for p in plans] == list(range(2015, 2027))
    assert all(1 <= p.workload <= 2 and p.national == p.local for p in plans)


def test_leases_end_soon_renew_and_provide_for_free(session: Session):
    leases = session.scalars(select(Lease)).all()
    assert any(
        lease.end_on and TODAY <= lease.end_on <= TODAY + timedelta(days=90) for lease in leases
    )
    assert any(lease.renews_lease_id for lease in leases)
    assert any(lease.end_on is None for lease in leases)  # 무상제공
    long_ones = [lease for lease in leases if lease.end_on and lease.note is None]
    assert all(lease.end_on.year - lease.start_on.year >= 7 for lease in long_ones)


def test_stays_follow_the_rules_with_extensions_and_early_move_outs(session: Session):
    stays = session.scalars(select(Stay)).all()
    assert any(s.extended_to and s.extension_reason for s in stays)
    assert any(s.moved_out_on and s.moved_out_on < s.planned_end_on for s in stays)
    current = [s for s in stays if s.moved_out_on is None]
    assert len(current) >= 5
    for stay in stays:
        results = check_stay(stay.move_in_on, stay.planned_end_on, stay.extended_to,
                             stay.moved_out_on, resident_requested=True,
                             rules=RuleSet.defaults(stay.move_in_on.year))  # fmt: skip
        assert not has_refusal(results), results
        assert stay.move_in_on <= TODAY
        assert stay.moved_out_on is None or stay.moved_out_on <= TODAY
    by_house: dict[int, list[Stay]] = {}
    for stay in sorted(stays, key=lambda s: s.move_in_on):
        by_house.setdefault(stay.house_id, []).append(stay)
    for house_stays in by_house.values():  # one household at a time
        for before, after in pairwise(house_stays):
            assert before.moved_out_on is not None and before.moved_out_on < after.move_in_on


def test_residents_look_like_real_people(session: Session):
    residents = session.scalars(select(Resident)).all()
    members = session.scalars(select(HouseholdMember)).all()
    people = [r.name for r in residents] + [m.name for m in members]
    assert all(HANGUL_NAME.fullmatch(name) for name in people)
    assert "홍길동" not in people
    assert len(set(people)) > len(people) * 0.8
    assert all(date(1955, 1, 1) <= r.birth_date <= date(1995, 12, 31) for r in residents)
    assert all(re.fullmatch(r"010-\d{4}-\d{4}", r.phone) for r in residents)
    assert all(0 <= r.education_hours <= 200 for r in residents)
    assert {m.relation for m in members} == {"배우자", "자녀"}
    past = [r for r in residents if r.settlement.value != "unknown"]
    settled = [r for r in residents if r.settlement.value == "settled"]
    assert settled and all(r.moved_in_registered and r.settled_address for r in settled)
    assert len(settled) >= len(past) // 3
    operators = session.scalars(select(Operator)).all()
    assert {"노촌마을협의회", "진안군귀농귀촌협의회", "진안군 농업기술센터"} <= {
        o.name for o in operators
    }


def test_rent_is_charged_monthly_and_two_residents_are_behind(session: Session):
    paid = and_(Payment.stay_id == RentCharge.stay_id, Payment.month == RentCharge.month)
    unpaid = session.execute(
        select(RentCharge.stay_id, func.count())
        .where(RentCharge.due_on < TODAY, RentCharge.waived_reason.is_(None),
               ~select(Payment.id).where(paid).exists())
        .group_by(RentCharge.stay_id)
    ).all()  # fmt: skip
    assert len(unpaid) == 2
    assert sorted(n for _, n in unpaid) == [2, 3]
    for stay_id, _ in unpaid:
        assert session.get(Stay, stay_id).moved_out_on is None  # current arrears
    assert all(c.due_on.day == 10 for c in session.scalars(select(RentCharge)))
    assert session.scalar(select(func.max(Payment.paid_on))) <= TODAY
    assert count(session, Payment, Payment.note == "3개월 선납") > 10
    assert count(session, Payment, Payment.note == "연체 납부") > 0


def test_findings_are_followed_to_their_result(session: Session):
    findings = session.scalars(select(Finding)).all()
    still_open = [f for f in findings if f.status is FindingStatus.OPEN]
    assert 2 <= len(still_open) <= 3
    assert all(f.resolved_on is None and f.action_taken is None for f in still_open)
    done = [f for f in findings if f.status is FindingStatus.DONE]
    assert len(done) >= 10
    assert all(f.action_taken and f.resolved_on and f.resolved_on <= TODAY for f in done)
    kinds = {i.kind.value for i in session.scalars(select(Inspection))}
    assert kinds == {"before_works", "completion", "regular", "ad_hoc", "move_out"}


def test_every_house_has_its_before_album_and_completed_ones_the_after_album(session: Session):
    for house in session.scalars(select(House)):
        phases = dict(
            session.execute(
                select(Photo.phase, func.count()).where(Photo.house_id == house.id)
                .group_by(Photo.phase)
            ).all()
        )  # fmt: skip
        assert phases.get(PhotoPhase.BEFORE, 0) >= 5, house.code
        done = session.scalar(select(func.max(Development.completed_on))
                              .where(Development.house_id == house.id))  # fmt: skip
        if done is not None:
            assert phases.get(PhotoPhase.AFTER, 0) >= 5, house.code
    assert count(session, Photo, Photo.phase == PhotoPhase.INSPECTION) >= 3


def test_photo_files_match_their_rows(county: tuple[Database, DemoSummary], session: Session):
    root = county[0].folder.root
    store = ContentStore(root, "photos")
    photos = session.scalars(select(Photo)).all()
    for photo in photos:
        path = store.path_of(photo.stored_path)
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == photo.sha256
        assert len(data) == photo.size_bytes
        info = read_photo_info(path)
        assert (info.width, info.height) == (photo.width, photo.height)
        assert info.taken_at == photo.taken_at
        assert (info.latitude, info.longitude) == (photo.latitude, photo.longitude)
        assert photo.taken_at <= datetime.combine(TODAY, time(23, 59), UTC)
    files = [p for p in (root / "photos").rglob("*") if p.is_file()]
    assert len(files) == len({p.sha256 for p in photos})


def test_settings_admin_and_one_audit_event(session: Session):
    settings = dict(session.execute(select(Setting.key, Setting.value)).all())
    assert settings["county"] == "진안군" and settings["province"] == "전북특별자치도"
    assert settings["department"] == "농업기술센터 귀농귀촌팀"
    assert settings["officer_name"] and re.fullmatch(r"063-430-\d{4}", settings["phone"])
    admin = session.scalars(select(User)).one()
    assert (admin.username, admin.display_name, admin.role) == ("admin", "관리자", Role.ADMIN)
    from argon2 import PasswordHasher

    assert admin.password_hash.startswith("$argon2id$")
    assert PasswordHasher().verify(admin.password_hash, "demo1234")  # as the README says
    events = session.scalars(select(AuditEvent)).all()
    assert len(events) == 1 and events[0].summary.startswith("예시 자료 생성")


def _snapshot(db: Database) -> dict[str, list[tuple]]:
    tables = (House, Lease, Development, Resident, Stay, Payment, Inspection, Finding, Photo)
    with db.engine.connect() as conn:
        return {
            model.__tablename__: [tuple(row) for row in conn.execute(
                select(model.__table__).order_by(model.__table__.c.uid))]
            for model in tables
        }  # fmt: skip


def test_the_same_day_gives_the_same_data(county: tuple[Database, DemoSummary], tmp_path: Path):
    with open_database(tmp_path / "again") as db:
        build_demo(db, today=TODAY)
        again = _snapshot(db)
    first = _snapshot(county[0])
    for table, rows in first.items():
        assert rows == again[table], table


def test_refuses_a_folder_that_already_has_houses(county: tuple[Database, DemoSummary]):
    db, summary = county
    with pytest.raises(DemoError, match="이미 자료가 있는 데이터 폴더"):
        build_demo(db, today=TODAY)
    with db.sessions() as s:
        assert count(s, House) == summary.houses
        assert count(s, AuditEvent) == 1


def test_unknown_scale_is_refused(tmp_path: Path):
    with open_database(tmp_path) as db, pytest.raises(DemoError, match="규모"):
        build_demo(db, scale="nation", today=TODAY)


@pytest.mark.parametrize("stop_in", ["start", "photos", "saving"])
def test_cancel_leaves_the_folder_as_it_was(tmp_path: Path, stop_in: str):
    calls: list[tuple[int, int, str]] = []

    def report(done: int, total: int, label: str) -> None:
        calls.append((done, total, label))
        photo_reports = sum(1 for _, _, seen in calls if "사진" in seen)
        if (
            (stop_in == "start" and len(calls) >= 3)
            or (stop_in == "photos" and photo_reports >= 20)
            or (stop_in == "saving" and label == "저장하는 중")  # the audit event is written
        ):
            state.cancel()  # what the officer's 취소 does, from another thread

    state = TaskState(report)
    with open_database(tmp_path) as db:
        with pytest.raises(Cancelled) as info:
            build_demo(db, today=TODAY, state=state)
        assert info.value.message == "예시 자료 만들기를 취소했습니다. 데이터 폴더는 그대로입니다."
        with db.sessions() as s:
            assert count(s, House) == 0 and count(s, Photo) == 0 and count(s, Setting) == 0
            assert count(s, AuditEvent) == 0
        assert not [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]
        assert not [p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]
        if stop_in != "start":
            assert build_demo(db, today=TODAY).houses > 0  # the folder can still take the demo
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and all(total == 1000 for _, total, _ in calls)
    stopped_in = {"start": "귀농인의 집, 임대차계약, 조성사업을 만드는 중",  # the 3rd report
                  "photos": "사진을 만드는 중", "saving": "저장하는 중"}  # fmt: skip
    assert calls[-1][2] == stopped_in[stop_in]


def test_progress_runs_through_every_phase_to_the_end(tmp_path: Path):
    calls: list[tuple[int, int, str]] = []
    with open_database(tmp_path) as db:
        build_demo(db, today=TODAY, state=TaskState(lambda *a: calls.append(a)))
    labels = list(dict.fromkeys(label for _, _, label in calls))
    assert labels == [
        "군 설정과 운영자를 만드는 중",
        "귀농인의 집, 임대차계약, 조성사업을 만드는 중",
        "입주자와 임대료 수납 내역을 만드는 중",
        "점검과 지적사항을 만드는 중",
        "사진을 만드는 중",
        "첨부서류를 만드는 중",
        "저장하는 중",
    ]
    assert calls[0][0] == 0 and calls[-1] == (1000, 1000, "저장하는 중")
    assert [d for d, _, _ in calls] == sorted(d for d, _, _ in calls)


def test_a_refusal_to_build_is_a_refusal_with_exit_code(tmp_path: Path):
    with open_database(tmp_path) as db, pytest.raises(Refusal) as info:
        build_demo(db, scale="nation", today=TODAY)
    assert info.value.exit_code == ExitCode.BAD_INPUT


@pytest.mark.slow
def test_province_scale(tmp_path: Path):
    with open_database(tmp_path) as db:
        summary = build_demo(db, scale="province", today=TODAY)
        with db.sessions() as s:
            assert count(s, House) == summary.houses == 2_000
            assert count(s, Stay) >= 10_000
            assert count(s, Payment) >= 100_000
            assert count(s, RentCharge) >= count(s, Payment)
            assert count(s, Photo) == 20_000
            assert count(s, Inspection) > 10_000 and count(s, Finding) > 1_000
            assert len({h for (h,) in s.execute(select(House.sigun).distinct())}) == 13
            assert count(s, AuditEvent) == 1
    files = [p for p in (tmp_path / "photos").rglob("*") if p.is_file()]
    assert len(files) == 20_000
    assert summary.seconds < 180
