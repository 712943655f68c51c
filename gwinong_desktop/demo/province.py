"""A synthetic province for benchmarks: 전북특별자치도's 13 시·군 (전주시 has no 읍·면),
2,000 houses over ten program years, about 10,000 stays with their rent (100,000 payments),
inspections and 20,000 small photos.

The numbers are far above any real province (a county looks after 5–60 houses); the point is to
measure lists, searches, reports and imports at scale. The shape of the data follows the demo
county: the same stays, rent habits, inspections and albums, drawn at random.
"""

from __future__ import annotations

import random
from datetime import date

from gwinong_desktop.domain import folder_settings as fs
from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.storage.models import AnnualPlan, Operator

from . import names
from .county import latest_program_year, put_settings, write_admin
from .files import FileSink, PhotoSpec, write_photos
from .pictures import make_tiny_jpeg
from .province_life import write_people, write_visits
from .province_register import write_house
from .rows import Rows, counting

PROVINCE_SEED = 20_170
HOUSES = 2_000
YEARS = 10
PHOTOS = 20_000
FLUSH_ROWS = 50_000


def build_province(rows: Rows, files: FileSink, today: date, state: TaskState) -> None:
    rng = random.Random(PROVINCE_SEED)
    last_year = latest_program_year(today)
    first_day = date(last_year - YEARS + 1, 1, 5)
    tick = counting(state.span(0, 10), 1, "도 설정과 운영자를 만드는 중")
    put_settings(rows, {fs.PROVINCE: names.SIDO, fs.DEMO_SCALE: "province",
                        fs.DEMO_TODAY: today.isoformat()})  # fmt: skip
    write_admin(rows, first_day)
    operators = _operators(rows, rng, first_day)
    tick()
    tick = counting(state.span(10, 130), HOUSES, "귀농인의 집 2,000개소와 조성사업을 만드는 중")
    houses, plans = [], {}
    weights = [len(names.SIGUN[s][3]) for s in names.SIGUN]
    counters: dict[tuple[str, int], int] = {}
    for index in range(HOUSES):
        year = last_year - YEARS + 1 + index * YEARS // HOUSES
        sigun = rng.choices(list(names.SIGUN), weights=weights)[0]
        counters[sigun, year] = counters.get((sigun, year), 0) + 1
        code = f"{sigun[:2]}-{year}-{counters[sigun, year]:03d}"
        houses.append(
            write_house(rows, rng, today, last_year, year, sigun, code, operators[sigun], plans)
        )
        if index % 50 == 49:
            tick(50)
    for year in range(last_year - YEARS + 1, max(plans) + 1):
        n, national, province, county, own = plans.get(year, (0, 0, 0, 0, 0))
        rows.add(
            AnnualPlan,
            date(year, 1, 15),
            year=year,
            account_name="일반회계",
            workload=n,
            national=national,
            loan=0,
            local=province + county,
            own=own,
            planned_progress_pct=100,
            note="도 단위 합성 자료(성능 측정용)",
        )
    tick = counting(state.span(130, 600), len(houses), "입주자와 임대료 수납 내역을 만드는 중")
    stays_out: dict[int, list[date]] = {}
    for index, house in enumerate(houses):
        stays_out[house.id] = write_people(rows, rng, today, house)
        if rows.buffered > FLUSH_ROWS:
            rows.flush()
        if index % 20 == 19:
            tick(20)
    tick = counting(state.span(600, 690), len(houses), "점검과 지적사항을 만드는 중")
    albums: list[PhotoSpec] = []
    extra: list[PhotoSpec] = []
    for index, house in enumerate(houses):
        write_visits(rows, rng, today, house, stays_out[house.id], albums, extra)
        if rows.buffered > FLUSH_ROWS:
            rows.flush()
        if index % 50 == 49:
            tick(50)
    photos = (albums + extra)[:PHOTOS]
    rows.flush()
    tick = counting(state.span(690, 990), len(photos), f"사진 {len(photos):,}장을 만드는 중")
    write_photos(rows, files, photos, _tiny, tick, every=200)


def _tiny(spec: PhotoSpec) -> tuple[bytes, int, int]:
    data = make_tiny_jpeg(
        seed=spec.seed, taken_at=spec.taken_at, latitude=spec.latitude, longitude=spec.longitude
    )
    return data, 48, 36


def _operators(rows: Rows, rng: random.Random, on: date) -> dict[str, list[int]]:
    result: dict[str, list[int]] = {}
    for sigun, (area, _, _, eupmyeons) in names.SIGUN.items():
        ids = [
            rows.add(
                Operator,
                on,
                name=f"{sigun} 농업기술센터",
                kind=OperatorKind.COUNTY,
                representative=f"농업기술센터소장 {names.person_name(rng, 1968, female=False)}",
                phone=f"{area}-{rng.randrange(200, 900)}-{rng.randrange(1000, 9999)}",
            ),
            rows.add(
                Operator,
                on,
                name=f"{sigun}귀농귀촌협의회",
                kind=OperatorKind.COUNCIL,
                representative=names.person_name(rng, 1962, female=False),
                phone=names.mobile(rng),
            ),
        ]
        for eupmyeon in rng.sample(eupmyeons, min(4, len(eupmyeons))):
            ri = rng.choice(names.COMMON_RI)
            ids.append(
                rows.add(
                    Operator,
                    on,
                    name=f"{sigun} {eupmyeon} {ri[:-1]}마을협의회",
                    kind=OperatorKind.VILLAGE,
                    representative=names.person_name(rng, 1958, female=False),
                    phone=names.mobile(rng),
                    address=f"{names.SIDO} {sigun} {eupmyeon} {ri} 마을회관",
                )
            )
        result[sigun] = ids
    return result
