"""The demo county: 진안군 (전북특별자치도), its houses, leases, works, funding and plans.

Thirteen houses from twelve program years, one per 읍·면 or two, with every kind of history an
officer meets: an old house whose 7-year 관리기간 has ended, a cancelled one, modular houses on
freely provided land, rental-type houses re-designated every two years (and their renewed
leases), a 1-room house (the rooms rule warns), a lease that ends within two months, and this
year's works still under way. Years are counted back from ``today`` so the demo always looks
current; the people who lived in the houses are in ``county_life``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select

from gwinong_desktop.domain import folder_settings as fs
from gwinong_desktop.domain.enums import DevelopmentType, OperatorKind
from gwinong_desktop.domain.enums import Role as UserRole
from gwinong_desktop.domain.folder_settings import FolderSetting
from gwinong_desktop.storage.models import Operator, Setting, User

from . import names
from .rows import Rows

SIGUN = "진안군"
OFFICER = "박정민"
OFFICE_PHONE = "063-430-8471"

REPAIR, MODULAR, RENTAL = DevelopmentType.REPAIR, DevelopmentType.MODULAR, DevelopmentType.RENTAL

# name, kind, representative's birth year, office address or None
_JINAN = "전북특별자치도 진안군"
OPERATORS = (
    ("노촌마을협의회", OperatorKind.VILLAGE, 1956, f"{_JINAN} 백운면 노촌리 마을회관"),
    ("진안군귀농귀촌협의회", OperatorKind.COUNCIL, 1964, f"{_JINAN} 진안읍 진무로 1057"),
    ("진안군 농업기술센터", OperatorKind.COUNTY, 1971, f"{_JINAN} 진안읍 거북바위로 8"),
    ("월포마을협의회", OperatorKind.VILLAGE, 1959, f"{_JINAN} 상전면 월포리 마을회관"),
)  # fmt: skip


@dataclass(frozen=True)
class HousePlan:
    years_back: int  # program year = the latest program year minus this
    kind: DevelopmentType
    eupmyeon: str
    ri: str
    structure: str
    rooms: int
    build_year: int | None  # None: a new modular house (built in the program year)
    land_m2: int
    floor_m2: str
    operator: int
    rent: int
    deposit: int
    lease: str  # "7y", "8y", "10y", "free", "soon" (ends within 2 months), "rental"
    state: str  # "ended", "cancelled", "occupied", "vacant", "building"
    own: int = 0  # 자부담


HOUSES = (
    HousePlan(11, REPAIR, "백운면", "노촌리", "목조", 2, 1978, 495, "62.80",
              0, 100_000, 500_000, "7y", "ended"),
    HousePlan(10, REPAIR, "마령면", "평지리", "조적조", 3, 1985, 560, "79.20",
              1, 100_000, 500_000, "7y", "cancelled"),
    HousePlan(9, MODULAR, "성수면", "좌포리", "경량철골조", 2, None, 330, "49.50",
              2, 0, 0, "free", "ended"),
    HousePlan(8, REPAIR, "용담면", "송풍리", "조적조", 2, 1982, 412, "66.10",
              1, 80_000, 300_000, "10y", "ended", 2_000_000),
    HousePlan(7, REPAIR, "안천면", "노성리", "목조", 2, 1979, 380, "58.40",
              1, 100_000, 500_000, "soon", "occupied"),
    HousePlan(6, REPAIR, "동향면", "학선리", "조적조", 3, 1988, 620, "84.60",
              1, 120_000, 1_000_000, "7y", "vacant", 3_000_000),
    HousePlan(5, RENTAL, "진안읍", "반월리", "조적조", 3, 1996, 540, "92.40",
              2, 50_000, 300_000, "rental", "occupied"),
    HousePlan(4, MODULAR, "정천면", "봉학리", "컨테이너형 조립식", 2, None, 264, "40.00",
              2, 60_000, 0, "free", "occupied", 4_000_000),
    HousePlan(3, REPAIR, "주천면", "대불리", "목조", 1, 1975, 210, "42.90",
              1, 0, 0, "free", "vacant"),
    HousePlan(2, REPAIR, "상전면", "월포리", "조적조", 2, 1990, 455, "71.30",
              3, 100_000, 500_000, "7y", "occupied"),
    HousePlan(2, REPAIR, "마령면", "강정리", "경량철골조", 2, 2001, 350, "64.70",
              1, 150_000, 1_000_000, "8y", "occupied", 1_500_000),
    HousePlan(1, RENTAL, "부귀면", "세동리", "경량철골조", 2, 2003, 300, "59.00",
              1, 30_000, 200_000, "rental", "occupied"),
    HousePlan(0, REPAIR, "백운면", "평장리", "목조", 2, 1977, 610, "68.20",
              0, 100_000, 500_000, "7y", "building"),
)  # fmt: skip


@dataclass
class BuiltHouse:
    """What the later steps need to know about a house written by ``write_register``."""

    plan: HousePlan
    id: int
    code: str
    year: int
    latitude: Decimal
    longitude: Decimal
    surveyed_on: date  # 착공 전 현장 확인
    started_on: date | None
    completed_on: date | None
    stop: date  # after this day nobody moves in (lease or management period ended)
    lease_ids: list[int] = field(default_factory=list)
    development_ids: list[int] = field(default_factory=list)
    designations: list[tuple[date, date]] = field(default_factory=list)


def latest_program_year(today: date) -> int:
    """The newest program year whose works have begun: this year from June, else last year."""
    return today.year if today >= date(today.year, 6, 1) else today.year - 1


def _on(year: int, month: int, rng: random.Random, first: int = 1, last: int = 28) -> date:
    return date(year, month, rng.randrange(first, last + 1))


DEMO_PASSWORD = "demo1234"  # the demo's administrator: admin / demo1234


def put_settings(rows: Rows, values: dict[FolderSetting, str]) -> None:
    """Set the data folder's settings, replacing any value already there (in bulk, as every
    demo row: ``storage.folder_settings`` writes one setting through the ORM)."""
    keys = [setting.key for setting in values]
    rows.session.execute(delete(Setting).where(Setting.key.in_(keys)))
    for setting, value in values.items():
        rows.add_plain(Setting, key=setting.key, value=setting.text(value))


def write_settings(rows: Rows, today: date) -> None:
    put_settings(rows, {
        fs.COUNTY: SIGUN, fs.PROVINCE: names.SIDO, fs.OFFICER_NAME: OFFICER,
        fs.DEPARTMENT: "농업기술센터 귀농귀촌팀", fs.PHONE: OFFICE_PHONE,
        fs.DEMO_SCALE: "county", fs.DEMO_TODAY: today.isoformat(),
    })  # fmt: skip


def write_admin(rows: Rows, on: date) -> None:
    """The first user, unless the folder already has one called admin: the administrator
    ``admin`` with the password ``DEMO_PASSWORD`` (written in the README)."""
    if rows.session.execute(select(User.id).where(User.username == "admin")).first():
        return
    from gwinong_desktop.services.accounts import hash_password

    rows.add(
        User,
        on,
        username="admin",
        display_name="관리자",
        role=UserRole.ADMIN,
        password_hash=hash_password(DEMO_PASSWORD),
        active=True,
        failed_logins=0,
    )


def write_operators(rows: Rows, rng: random.Random, on: date) -> list[int]:
    ids = []
    for name, kind, born, address in OPERATORS:
        if kind is OperatorKind.COUNTY:
            phone, rep = (
                OFFICE_PHONE,
                f"농업기술센터소장 {names.person_name(rng, born, female=False)}",
            )
        else:
            phone, rep = names.mobile(rng), names.person_name(rng, born, female=rng.random() < 0.2)
        ids.append(
            rows.add(
                Operator, on, name=name, kind=kind, representative=rep, phone=phone, address=address
            )
        )
    return ids
