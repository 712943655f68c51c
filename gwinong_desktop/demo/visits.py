"""Inspections with their findings, and the photos planned for the before/after album.

A finding from an inspection in the last ``OPEN_DAYS`` days is still open (조치중, with a due
date); older ones were resolved a few days or weeks later with a 조치결과.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from gwinong_desktop.domain.enums import FindingStatus, InspectionKind, PhotoPhase, PhotoSlot
from gwinong_desktop.storage.models import Finding, Inspection

from .files import PhotoSpec
from .rows import KST, Rows

OPEN_DAYS = 45

F, D, IN, S = PhotoSlot.FRONT, PhotoSlot.DISTANT, PhotoSlot.INTERIOR, PhotoSlot.SURROUNDINGS
ALBUM_HOUSE = (
    (F, "전경"),
    (D, "원경"),
    (IN, "내부(안방)"),
    (IN, "내부(부엌)"),
    (S, "주변(진입로)"),
)
ALBUM_SITE = (
    (F, "부지 전경"),
    (D, "원경"),
    (S, "주변(진입로)"),
    (S, "주변(농지)"),
    (F, "설치 위치"),
)
ALBUM_NEW = ((F, "전경"), (D, "원경"), (IN, "내부(방)"), (IN, "내부(주방)"), (S, "주변"))

# how far (degrees) from the house each slot is usually taken
_SPREAD = {F: 0.0003, D: 0.0025, IN: 0.00004, S: 0.0012, None: 0.0002}


def add_inspection(
    rows: Rows,
    rng: random.Random,
    *,
    house_id: int,
    kind: InspectionKind,
    on: date,
    inspector: str,
    summary: str,
    findings: list[tuple[str, str]],
    today: date,
    stay_id: int | None = None,
) -> int:
    """One inspection and its findings (each with the action it requires, done once closed);
    returns the inspection's id."""
    inspection_id = rows.add(
        Inspection,
        on,
        house_id=house_id,
        kind=kind,
        inspected_on=on,
        inspector=inspector,
        summary=summary,
        stay_id=stay_id,
    )
    for description, action in findings:
        due = on + timedelta(days=rng.choice((14, 21, 30)))
        if (today - on).days <= OPEN_DAYS:
            status, action_taken, resolved = FindingStatus.OPEN, None, None
        else:
            status, action_taken = FindingStatus.DONE, action
            resolved = min(on + timedelta(days=rng.randrange(2, 28)), today)
        rows.add(
            Finding,
            on,
            inspection_id=inspection_id,
            description=description,
            action_required=action,
            due_on=due,
            status=status,
            action_taken=action_taken,
            resolved_on=resolved,
        )
    return inspection_id


def regular_summary(on: date) -> str:
    if on.month < 7:
        return "상반기 정기 점검: 시설 상태, 입주자 생활 불편 사항 청취"
    return "하반기 정기 점검: 동절기 대비 보일러·수도 확인"


def near(rng: random.Random, value: Decimal, spread: float) -> Decimal:
    """A coordinate within ``spread`` degrees of ``value``, six decimals (about 11 cm)."""
    moved = float(value) + rng.uniform(-spread, spread)
    return Decimal(f"{moved:.6f}")


def album(
    rng: random.Random,
    *,
    house_id: int,
    code: str,
    phase: PhotoPhase,
    on: date,
    latitude: Decimal,
    longitude: Decimal,
    slots: tuple[tuple[PhotoSlot, str], ...],
    inspection_id: int | None = None,
) -> list[PhotoSpec]:
    """A walk round the house on ``on``: one photo per slot, a few minutes apart."""
    start = datetime(on.year, on.month, on.day, rng.randrange(9, 15), rng.randrange(60), tzinfo=KST)
    specs = []
    for index, (slot, words) in enumerate(slots):
        taken = start + timedelta(minutes=3 * index + rng.randrange(3), seconds=rng.randrange(60))
        specs.append(
            PhotoSpec(
                house_id=house_id,
                phase=phase,
                slot=slot,
                taken_at=taken,
                latitude=near(rng, latitude, _SPREAD[slot]),
                longitude=near(rng, longitude, _SPREAD[slot]),
                caption=f"{code} {phase.label} {words}",
                seed=rng.getrandbits(31),
                inspection_id=inspection_id,
            )
        )
    return specs


def finding_photo(
    rng: random.Random,
    *,
    house_id: int,
    code: str,
    inspection_id: int,
    on: date,
    latitude: Decimal,
    longitude: Decimal,
    description: str,
) -> PhotoSpec:
    taken = datetime(
        on.year,
        on.month,
        on.day,
        rng.randrange(10, 17),
        rng.randrange(60),
        rng.randrange(60),
        tzinfo=KST,
    )
    return PhotoSpec(
        house_id=house_id,
        phase=PhotoPhase.INSPECTION,
        slot=None,
        taken_at=taken,
        latitude=near(rng, latitude, _SPREAD[None]),
        longitude=near(rng, longitude, _SPREAD[None]),
        caption=f"{code} 점검 — {description}",
        seed=rng.getrandbits(31),
        inspection_id=inspection_id,
    )


def slot_kind(spec: PhotoSpec) -> str:
    """The picture ``make_demo_jpeg`` should paint for a planned photo."""
    if spec.slot is not None:
        return spec.slot.value
    return "interior" if spec.seed % 3 else "front"
