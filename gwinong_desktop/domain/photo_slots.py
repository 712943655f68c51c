"""Which photo slots a house's album is expected to fill (standard library only).

The album (시행지침 Ⅲ-2: 기존 주택의 내·외부 촬영, 준공사진과 대비되도록 사진첩 관리;
운영계획서 3-나: 빈집 사진 5장 이상, 전경·원경·내부·주변) has four slots —
전경 · 원경 · 내부 · 주변 — in two phases that are compared side by side: 착공 전 and
준공 후. 점검 photos are evidence of an inspection and have no expected slots.

- 착공 전: every slot; for an 이동식 조립주택 (a new house set on bare land) there is no building
  to photograph inside yet, so 내부 is not expected.
- 준공 후: every slot, once the works are completed (a 준공일 is known).
"""

from __future__ import annotations

from datetime import date

from .enums import DevelopmentType, PhotoPhase, PhotoSlot

ALBUM_PHASES = (PhotoPhase.BEFORE, PhotoPhase.AFTER)
"""The phases compared side by side (before/after)."""


def expected_slots(
    development_type: DevelopmentType, phase: PhotoPhase, completed_on: date | None
) -> tuple[PhotoSlot, ...]:
    """The slots of ``phase`` a house's album should have a photo in (see the module text)."""
    if phase is PhotoPhase.BEFORE:
        if development_type is DevelopmentType.MODULAR:
            return tuple(s for s in PhotoSlot if s is not PhotoSlot.INTERIOR)
        return tuple(PhotoSlot)
    if phase is PhotoPhase.AFTER and completed_on is not None:
        return tuple(PhotoSlot)
    return ()


def has_existing_house(development_type: DevelopmentType) -> bool:
    """Whether the works start from an existing (vacant) house, whose photos the 5-photo rule
    of 운영계획서 3-나 asks for; an 이동식 조립주택 starts from bare land."""
    return development_type is not DevelopmentType.MODULAR
