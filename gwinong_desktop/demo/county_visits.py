"""The demo county's site visits and documents: inspections, findings, album photos, scans.

Every house was surveyed before works (the before album), inspected at completion (the after
album), then once a year and now and then; every move-out was inspected. Three findings from
the last weeks are still open; everything older was fixed, with its 조치결과.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from gwinong_desktop.domain.enums import AttachmentKind, InspectionKind, PhotoPhase
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.storage.models import Visit, VisitStop

from . import names
from .county import MODULAR, OFFICER, RENTAL, REPAIR, BuiltHouse
from .county_life import LivedStay, PeopleResult
from .files import AttachmentSpec, PhotoSpec
from .rows import Rows
from .visits import (
    ALBUM_HOUSE,
    ALBUM_NEW,
    ALBUM_SITE,
    OPEN_DAYS,
    add_inspection,
    album,
    finding_photo,
    regular_summary,
)

K = InspectionKind
_COLLEAGUES = ("주무관 김은정", "주무관 이상훈", "건축팀 주무관 최윤석")


def _inspector(rng: random.Random, kind: InspectionKind) -> str:
    if kind is K.COMPLETION:
        return f"주무관 {OFFICER}, {_COLLEAGUES[2]}"
    return f"주무관 {OFFICER}" if rng.random() < 0.6 else rng.choice(_COLLEAGUES[:2])


def _summary(rng: random.Random, kind: InspectionKind) -> str:
    return rng.choice(names.INSPECTION_SUMMARIES[kind.value])


_AD_HOC = {
    1: "한파 대비 동파 점검",
    7: "입주자 민원(누수) 현장 확인",
    9: "태풍 이후 피해 여부 확인",
}
_OPEN = ((9, K.AD_HOC, "입주자 요청 현장 확인"), (20, K.REGULAR, ""), (33, K.AD_HOC, "수시 점검"))


class _Visits:
    """Inspections of one county, house by house, collecting the photos to make."""

    def __init__(self, rows: Rows, rng: random.Random, today: date) -> None:
        self.rows, self.rng, self.today = rows, rng, today
        self.photos: list[PhotoSpec] = []
        self.quiet_until = today - timedelta(days=OPEN_DAYS + 1)  # older findings are resolved

    def visit(self, house: BuiltHouse, kind: InspectionKind, on: date,
              findings: list[tuple[str, str]], summary: str | None = None,
              photo: bool = False, stay_id: int | None = None) -> int:  # fmt: skip
        rng = self.rng
        inspection_id = add_inspection(
            self.rows, rng, house_id=house.id, kind=kind, on=on, inspector=_inspector(rng, kind),
            summary=summary or _summary(rng, kind), findings=findings, today=self.today,
            stay_id=stay_id,
        )  # fmt: skip
        for description, _ in findings if photo else ():
            self.photos.append(finding_photo(
                rng, house_id=house.id, code=house.code, inspection_id=inspection_id, on=on,
                latitude=house.latitude, longitude=house.longitude, description=description,
            ))  # fmt: skip
        return inspection_id

    def album(self, house: BuiltHouse, phase: PhotoPhase, on: date, inspection_id: int) -> None:
        if house.plan.kind is MODULAR:
            slots = ALBUM_SITE if phase is PhotoPhase.BEFORE else ALBUM_NEW
        else:
            slots = ALBUM_HOUSE
        self.photos.extend(album(
            self.rng, house_id=house.id, code=house.code, phase=phase, on=on,
            latitude=house.latitude, longitude=house.longitude, slots=slots,
            inspection_id=inspection_id,
        ))  # fmt: skip

    def house(self, house: BuiltHouse, move_outs: list[LivedStay]) -> None:
        rng, today, plan = self.rng, self.today, house.plan
        rental = plan.kind is RENTAL
        survey = self.visit(house, K.BEFORE_WORKS, house.surveyed_on, [],
                            "지정 전 주택 현황 확인" if rental else None)  # fmt: skip
        self.album(house, PhotoPhase.BEFORE, house.surveyed_on, survey)
        if house.completed_on is None:
            if plan.state == "building" and house.started_on is not None:
                on = min(house.started_on + timedelta(days=45), today - timedelta(days=5))
                self.visit(house, K.AD_HOC, on, [], "공사 중간 점검: 지붕 골조 완료, 단열 시공 중")
            return
        done_on = min(house.completed_on + timedelta(days=rng.randrange(0, 4)), today)
        found = [rng.choice(names.COMPLETION_FINDINGS)] if rng.random() < 0.4 else []
        if rental:
            done = self.visit(house, K.AD_HOC, done_on, found, "지정 전 도배·장판 정비 확인", True)
        else:
            done = self.visit(house, K.COMPLETION, done_on, found, photo=True)
        self.album(house, PhotoPhase.AFTER, done_on, done)
        until = min(house.stop, self.quiet_until)
        for year in range(house.completed_on.year + 1, until.year + 1):
            on = date(year, rng.choice((5, 10)), rng.randrange(8, 26))
            if on <= until:
                found = [rng.choice(names.FINDINGS)] if rng.random() < 0.4 else []
                self.visit(house, K.REGULAR, on, found, regular_summary(on), rng.random() < 0.3)
            if rng.random() < 0.3:
                month = rng.choice(tuple(_AD_HOC))
                on = date(year, month, rng.randrange(5, 25))
                if on <= until:
                    found = [rng.choice(names.FINDINGS)] if rng.random() < 0.7 else []
                    self.visit(house, K.AD_HOC, on, found, _AD_HOC[month])
        for lived in move_outs:
            out = lived.plan.moved_out
            assert out is not None
            found = []
            if lived.finding and out <= self.quiet_until:
                found = [(lived.finding, "원상복구 완료(보증금에서 비용 공제)")]
            summary = f"퇴거 점검({lived.resident}): 시설 파손 여부 및 원상복구 확인"
            self.visit(house, K.MOVE_OUT, out, found, summary, stay_id=lived.stay_id)


def write_visits(rows: Rows, rng: random.Random, today: date, houses: list[BuiltHouse],
                 people: PeopleResult, tick: Callable[[], None]) -> list[PhotoSpec]:  # fmt: skip
    """Inspections and findings for every house; returns the photos to make.

    The first three occupied houses get a visit in the last weeks whose finding is still open.
    """
    visits = _Visits(rows, rng, today)
    move_outs: dict[int, list[LivedStay]] = {}
    for lived in people.stays:
        if lived.plan.moved_out is not None and lived.plan.moved_out < today:
            move_outs.setdefault(lived.house.id, []).append(lived)
    recent = list(_OPEN)
    for house in houses:
        visits.house(house, move_outs.get(house.id, []))
        if house.plan.state == "occupied" and recent:
            days, kind, summary = recent.pop(0)
            on = today - timedelta(days=days)
            finding = names.FINDINGS[len(recent) * 5 % len(names.FINDINGS)]
            visits.visit(house, kind, on, [finding], summary or regular_summary(on), photo=True)
        tick()
    return visits.photos


def write_planned_visit(rows: Rows, today: date, houses: list[BuiltHouse]) -> None:
    """Next week's visit to the houses with open findings and two others, in route order
    (written last, so it moves no other demo record)."""
    lived_in = [h for h in houses if h.plan.state == "occupied"]
    stops = lived_in[:3] + [h for h in houses if h.completed_on is not None][-2:]
    stops = list({h.id: h for h in stops}.values())
    on = today + timedelta(days=7)
    visit_id = rows.add(
        Visit, today, planned_on=on, title=f"{on.month}월 정기 점검 및 지적사항 조치 확인",
        kind=K.REGULAR, inspector=f"주무관 {OFFICER}",
        note="동절기 대비 보일러·수도 계량기 보온 확인",
    )  # fmt: skip
    for position, house in enumerate(stops, start=1):
        rows.add(VisitStop, today, visit_id=visit_id, house_id=house.id, position=position)


def attachment_specs(houses: list[BuiltHouse], people: PeopleResult) -> list[AttachmentSpec]:
    """Scans kept with the records: leases, vacant-house consents, completion reports and
    applications."""
    specs: list[AttachmentSpec] = []
    for house in houses:
        ascii_code = "JINAN-" + house.code.split("-", 1)[1]
        for number, lease_id in enumerate(house.lease_ids, start=1):
            specs.append(
                AttachmentSpec(
                    AttachmentKind.LEASE_CONTRACT,
                    date(house.year, 2, 20),
                    f"DEMO SCAN - lease contract {number} - house {ascii_code}",
                    f"{house.code}_임대차계약서_{number}.pdf",
                    house_id=house.id,
                    lease_id=lease_id,
                )
            )
        if house.plan.kind is REPAIR:
            specs.append(
                AttachmentSpec(
                    AttachmentKind.VACANT_HOUSE_CONSENT,
                    date(house.year, 2, 25),
                    f"DEMO SCAN - vacant house consent - house {ascii_code}",
                    f"{house.code}_빈집사용승인서.pdf",
                    house_id=house.id,
                    lease_id=house.lease_ids[0] if house.lease_ids else None,
                )
            )
        if house.completed_on is not None and house.plan.kind is not RENTAL:
            specs.append(
                AttachmentSpec(
                    AttachmentKind.COMPLETION_REPORT,
                    house.completed_on,
                    f"DEMO SCAN - completion report {house.completed_on} - {ascii_code}",
                    f"{house.code}_준공계.pdf",
                    house_id=house.id,
                    development_id=house.development_ids[0],
                    note=f"준공일 {format_date_ko(house.completed_on)}",
                )
            )
    for applicant_id, name, move_in in people.applicants:
        specs.append(
            AttachmentSpec(
                AttachmentKind.APPLICATION,
                move_in - timedelta(days=40),
                f"DEMO SCAN - application for residence - {move_in.isoformat()}",
                f"입주신청서_{name}.pdf",
                applicant_id=applicant_id,
            )
        )
    return specs
