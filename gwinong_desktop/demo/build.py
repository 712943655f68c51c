"""Demo data: a realistic county to show and try the app, or a province-scale set to measure it.

``build_demo(db, scale="county")`` fills an empty data folder with 진안군's houses over twelve
years — works, funding, leases, residents and their families, rent, inspections and a
before/after photo album. ``scale="province"`` makes a synthetic 전북특별자치도 of 2,000 houses,
10,000 stays, 100,000 payments and 20,000 small photos for benchmarks.

Everything is written in one transaction with Core bulk inserts, and one summary audit event.
The same ``today`` gives the same rows (uids and timestamps included; only the audit event
carries the real time of the build). A cancelled or failed build leaves the database as it was
and removes the photo and attachment files it had added.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState, ensure
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.database import Database
from gwinong_desktop.storage.models import Applicant, House, Operator, Owner, Resident, Stay

from .county import SIGUN, write_admin, write_operators, write_settings
from .county_life import write_expenses, write_people
from .county_register import write_register
from .county_rent import write_rent_extras
from .county_visits import attachment_specs, write_planned_visit, write_visits
from .files import FileSink, PhotoSpec, write_attachments, write_photos
from .pictures import make_demo_jpeg
from .rows import Rows, counting
from .visits import slot_kind

__all__ = ["SCALES", "DemoError", "DemoSummary", "build_demo"]

SCALES = ("county", "province")
STEPS = 1000  # the scale of the build's progress; each phase is a span of it
COUNTY_SEED = 20_151  # the county's contents
PHOTO_SIZE = (640, 480)
_EMPTY_CHECK = (House, Operator, Owner, Applicant, Resident, Stay)


class DemoError(Refusal):
    """The demo cannot be built here (a folder with records, an unknown scale)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass
class DemoSummary:
    """What a build wrote (row counts) and how long it took."""

    scale: str
    today: date
    houses: int = 0
    operators: int = 0
    owners: int = 0
    leases: int = 0
    developments: int = 0
    obligations: int = 0
    applicants: int = 0
    residents: int = 0
    household_members: int = 0
    stays: int = 0
    rent_charges: int = 0
    payments: int = 0
    deposits: int = 0
    expenses: int = 0
    inspections: int = 0
    findings: int = 0
    photos: int = 0
    attachments: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        """One Korean line for the audit log and the command line."""
        where = SIGUN if self.scale == "county" else "전북특별자치도(도 단위 합성)"
        return (
            f"예시 자료 생성({where}, 기준일 {self.today.isoformat()}): 귀농인의 집 "
            f"{self.houses:,}개소, 입주자 {self.residents:,}명, 입주 {self.stays:,}건, "
            f"임대료 납부 {self.payments:,}건, 점검 {self.inspections:,}건, 사진 {self.photos:,}장"
        )


_TABLE_OF = {
    "houses": "house",
    "operators": "operator",
    "owners": "owner",
    "leases": "lease",
    "developments": "development",
    "obligations": "obligation",
    "applicants": "applicant",
    "residents": "resident",
    "household_members": "household_member",
    "stays": "stay",
    "rent_charges": "rent_charge",
    "payments": "payment",
    "deposits": "deposit",
    "expenses": "expense",
    "inspections": "inspection",
    "findings": "finding",
    "photos": "photo",
    "attachments": "attachment",
}


def build_demo(
    db: Database,
    *,
    scale: str = "county",
    today: date | None = None,
    state: TaskState | None = None,
    actor: str = "demo",
) -> DemoSummary:
    """Fill the empty database of ``db`` with demo data as of ``today`` (default: today).

    ``state`` hears how far the build is (on a scale of 1,000); once it is cancelled the build
    stops, nothing is kept (rows nor files), and ``Cancelled`` is raised. Raises ``DemoError``
    when the data folder already holds records. ``actor`` is who the audit
    trail names (the signed-in account or OS user of ``gwinong-desktop demo``).
    """
    if scale not in SCALES:
        raise DemoError(f"예시 자료의 규모는 county(군) 또는 province(도)입니다: '{scale}'")
    today = today or date.today()
    started = time.perf_counter()
    state = ensure(state)
    files = FileSink(db.folder.root)
    summary = DemoSummary(scale=scale, today=today)
    try:
        with ServiceContext(db, actor=actor).write() as session:
            _refuse_if_not_empty(session)
            rows = Rows(session, random.Random(f"gwinong-demo-ids:{scale}"))
            if scale == "county":
                _build_county(rows, files, today, state)
            else:
                from .province import build_province

                build_province(rows, files, today, state)
            rows.flush()
            for item in fields(summary):
                if item.name in _TABLE_OF:
                    setattr(summary, item.name, rows.counts[_TABLE_OF[item.name]])
            state.check()
            log_event(session, "create", "demo", summary.describe())
            state.report(STEPS, STEPS, "저장하는 중")  # the last moment a cancel keeps nothing
    except Cancelled:
        files.discard()
        raise Cancelled("예시 자료 만들기를 취소했습니다. 데이터 폴더는 그대로입니다.") from None
    except BaseException:
        files.discard()
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _refuse_if_not_empty(session: Session) -> None:
    for model in _EMPTY_CHECK:
        if session.execute(select(func.count()).select_from(model)).scalar():
            raise DemoError(
                "이미 자료가 있는 데이터 폴더에는 예시 자료를 만들 수 없습니다. "
                "비어 있는 새 데이터 폴더를 골라 주세요."
            )


def _county_photo(spec: PhotoSpec) -> tuple[bytes, int, int]:
    width, height = PHOTO_SIZE
    data = make_demo_jpeg(
        seed=spec.seed,
        width=width,
        height=height,
        taken_at=spec.taken_at,
        latitude=spec.latitude,
        longitude=spec.longitude,
        kind=slot_kind(spec),
    )
    return data, width, height


def _build_county(rows: Rows, files: FileSink, today: date, state: TaskState) -> None:
    rng = random.Random(COUNTY_SEED)
    tick = counting(state.span(0, 60), 1, "군 설정과 운영자를 만드는 중")
    write_settings(rows, today)
    write_admin(rows, date(today.year - 11, 1, 2))
    operators = write_operators(rows, rng, date(today.year - 11, 1, 10))
    tick()
    tick = counting(state.span(60, 120), 1, "귀농인의 집, 임대차계약, 조성사업을 만드는 중")
    houses = write_register(rows, rng, today, operators)
    tick()
    tick = counting(state.span(120, 270), len(houses), "입주자와 임대료 수납 내역을 만드는 중")
    people = write_people(rows, rng, today, houses, tick)
    write_expenses(rows, rng, today, houses)
    tick = counting(state.span(270, 320), len(houses), "점검과 지적사항을 만드는 중")
    photos = write_visits(rows, rng, today, houses, people, tick)
    attachments = attachment_specs(houses, people)
    rows.flush()  # every record is ready; files only now
    tick = counting(state.span(320, 940), len(photos), "사진을 만드는 중")
    write_photos(rows, files, photos, _county_photo, tick)
    tick = counting(state.span(940, 980), 1, "첨부서류를 만드는 중")
    write_attachments(rows, files, attachments)
    write_rent_extras(rows, files, today)
    write_planned_visit(rows, today, houses)
    tick()
