"""Looking at a house's photos: the list, which album slots are still empty, the before/after
pairs, the files behind them (original and cached thumbnail), and placing, captioning and
archiving a photo.

Rows are dataclasses from selected columns. Reading needs no permission (every role sees the
houses' photos; they hold no personal data); changing a photo needs ``Permission.EDIT`` and is
written in one audited unit of work (the audit trail records slot, phase, caption and archive
changes with who and when, as for every record).

Thumbnails are cached under ``thumbs/`` in the data folder (``media.thumbs.ThumbnailCache``,
JPEG draft mode): rebuilt from the originals when missing, never backed up. Making one touches
no database, so it may run on a worker thread.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import String, and_, func, select, type_coerce
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import InspectionKind, PhotoPhase, PhotoSlot
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.periods import KST, format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.photo_slots import ALBUM_PHASES, expected_slots, has_existing_house
from gwinong_desktop.domain.rules import NOT_FOUND, RuleResult, check_photos, refuse
from gwinong_desktop.media.errors import MediaError
from gwinong_desktop.media.store import ContentStore
from gwinong_desktop.media.thumbs import DEFAULT_MAX_PX, ThumbnailCache, make_thumbnail
from gwinong_desktop.storage.models import Development, House, Inspection, Photo, Visit

from .context import ServiceContext
from .revisions import refuse_if_changed
from .rule_gate import FormRefused, SavedRecord, archive, clean, saved_record, unarchive
from .rules import RuleBook

THUMBS_FOLDER = "thumbs"
"""The thumbnail cache's folder in the data folder (a cache: not backed up, rebuilt on use)."""
CAPTION_MAX = 300


class PhotoUnavailable(Refusal):
    """A photo's file cannot be shown (missing from the data folder, damaged): ``message`` says
    which and why, in Korean."""

    def __init__(self, message: str, file_name: str | None = None) -> None:
        super().__init__(message, ExitCode.CHECK_FAILED)
        self.file_name = file_name


@contextmanager
def _unavailable() -> Iterator[None]:
    """``MediaError`` of the media layer as a ``PhotoUnavailable`` (what ``ui/`` may catch)."""
    try:
        yield
    except MediaError as exc:
        raise PhotoUnavailable(exc.message, exc.file_name) from exc


@dataclass(frozen=True)
class PhotoRow:
    """One photo as the gallery and the viewer show it."""

    id: int
    house_id: int
    slot: PhotoSlot | None
    phase: PhotoPhase
    taken_at: datetime | None
    caption: str
    original_name: str
    sha256: str
    stored_path: str  # relative to the data folder
    size_bytes: int
    width: int | None
    height: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    inspection_id: int | None
    inspection: str  # "2024.5.3. 정기 점검", or "" when the photo belongs to none
    added_at: datetime
    archived: bool = False
    archive_reason: str = ""
    visit_id: int | None = None
    visit: str = ""  # "2026.11.20. 11월 20일 현장 방문", or "" when taken on no planned visit
    revision: int | None = None
    """The photo's revision as read: a placement saved over a later one is refused."""

    @property
    def place(self) -> str:
        """ "착공 전 · 전경", "점검" (no slot)."""
        return f"{self.phase.label} · {self.slot.label}" if self.slot else self.phase.label

    @property
    def day(self) -> date | None:
        """The day it was taken, in Korean time (the day a visit is matched by)."""
        return self.taken_at.astimezone(KST).date() if self.taken_at else None


@dataclass(frozen=True)
class SlotCoverage:
    """How many photos each slot of each phase holds, and what the album still lacks."""

    house_id: int
    counts: dict[tuple[PhotoPhase, PhotoSlot], int]
    expected: dict[PhotoPhase, tuple[PhotoSlot, ...]]
    unslotted: dict[PhotoPhase, int]
    warnings: list[RuleResult] = field(default_factory=list)
    """Program rules the 착공 전 photos break (운영계획서 3-나: 빈집 사진 5장 이상)."""

    def count(self, phase: PhotoPhase, slot: PhotoSlot) -> int:
        return self.counts.get((phase, slot), 0)

    def empty(self) -> list[tuple[PhotoPhase, PhotoSlot]]:
        """The expected (phase, slot) pairs without a photo, in album order."""
        return [
            (phase, slot)
            for phase in ALBUM_PHASES
            for slot in self.expected.get(phase, ())
            if not self.count(phase, slot)
        ]

    def empty_text(self) -> str:
        """ "착공 전: 내부 · 준공 후: 원경, 주변", or "" when nothing is missing."""
        by_phase: dict[PhotoPhase, list[str]] = defaultdict(list)
        for phase, slot in self.empty():
            by_phase[phase].append(slot.label)
        return " · ".join(f"{p.label}: {', '.join(s)}" for p, s in by_phase.items())


@dataclass(frozen=True)
class BeforeAfter:
    """One slot's 착공 전 and 준공 후 photos, to be shown side by side (either may be None)."""

    slot: PhotoSlot
    before: PhotoRow | None
    after: PhotoRow | None


@dataclass(frozen=True)
class PhotoPlacement:
    """The form of a photo's place in the album and its caption."""

    photo_id: int
    phase: PhotoPhase
    slot: PhotoSlot | None
    caption: str = ""
    revision: int | None = None
    """The photo's revision as shown (``PhotoRow.revision``): a later one refuses the save."""


def pair_before_after(rows: list[PhotoRow]) -> list[BeforeAfter]:
    """Pairs per slot in slot order: the n-th 착공 전 photo (by time taken) beside the n-th
    준공 후 one, so two interior photos before and two after make two pairs; a side without its
    n-th photo is None. Slots with neither are left out; archived rows are ignored."""
    by: dict[tuple[PhotoPhase, PhotoSlot], list[PhotoRow]] = defaultdict(list)
    for row in rows:
        if row.slot is not None and row.phase in ALBUM_PHASES and not row.archived:
            by[(row.phase, row.slot)].append(row)
    pairs = []
    for slot in PhotoSlot:
        before = _by_time(by[(PhotoPhase.BEFORE, slot)])
        after = _by_time(by[(PhotoPhase.AFTER, slot)])
        for i in range(max(len(before), len(after))):
            pairs.append(BeforeAfter(slot, _at(before, i), _at(after, i)))
    return pairs


def _when(row: PhotoRow) -> float:
    """Seconds since the epoch it was taken (undated photos last)."""
    return row.taken_at.timestamp() if row.taken_at else math.inf


def _by_time(rows: list[PhotoRow]) -> list[PhotoRow]:
    return sorted(rows, key=lambda r: (_when(r), r.id))


def _at(rows: list[PhotoRow], i: int) -> PhotoRow | None:
    return rows[i] if i < len(rows) else None


def album_order(rows: list[PhotoRow]) -> list[PhotoRow]:
    """Phase by phase (착공 전, 준공 후, 점검), slot by slot (전경 … 주변, then none), then by
    time taken: the order of the gallery and of the viewer's next/previous."""
    phases, slots = list(PhotoPhase), list(PhotoSlot)
    return sorted(
        rows,
        key=lambda r: (
            phases.index(r.phase),
            slots.index(r.slot) if r.slot is not None else len(slots),
            _when(r),
            r.id,
        ),
    )


@dataclass(frozen=True)
class Album:
    """A house's photos (album order) and what its album holds and lacks."""

    rows: list[PhotoRow]
    coverage: SlotCoverage


_PHASES = {p.value: p for p in PhotoPhase}
_SLOTS = {s.value: s for s in PhotoSlot}
_KINDS = {k.value: k for k in InspectionKind}


def _photo_rows(session: Session, house_id: int, include_archived: bool) -> list[PhotoRow]:
    """One query; the enum codes are read as text and looked up (300 rows: a few ms)."""
    p, i, v = Photo.__table__.c, Inspection.__table__.c, Visit.__table__.c
    code = String()
    stmt = (
        select(
            p.id, p.house_id, type_coerce(p.slot, code), type_coerce(p.phase, code), p.taken_at,
            p.caption, p.original_name, p.sha256, p.stored_path, p.size_bytes, p.width,
            p.height, p.latitude, p.longitude, p.inspection_id, i.inspected_on,
            type_coerce(i.kind, code), p.created_at, p.archived_at, p.archive_reason, p.visit_id,
            v.planned_on, v.title, p.revision,
        )
        .select_from(
            Photo.__table__.outerjoin(Inspection.__table__, i.id == p.inspection_id)
            .outerjoin(Visit.__table__, v.id == p.visit_id)
        )
        .where(p.house_id == house_id)
    )  # fmt: skip
    if not include_archived:
        stmt = stmt.where(p.archived_at.is_(None))
    rows = []
    for r in session.execute(stmt):
        inspection = f"{format_date_ko(r[15])} {_KINDS[r[16]].label} 점검" if r[15] else ""
        rows.append(PhotoRow(
            id=r[0], house_id=r[1], slot=_SLOTS[r[2]] if r[2] else None, phase=_PHASES[r[3]],
            taken_at=r[4], caption=r[5] or "", original_name=r[6] or "", sha256=r[7],
            stored_path=r[8], size_bytes=r[9], width=r[10], height=r[11], latitude=r[12],
            longitude=r[13], inspection_id=r[14], inspection=inspection, added_at=r[17],
            archived=r[18] is not None, archive_reason=r[19] or "", visit_id=r[20],
            visit=f"{format_date_ko(r[21])} {r[22]}" if r[21] else "", revision=r[23],
        ))  # fmt: skip
    return album_order(rows)


def _coverage(session: Session, house_id: int, rows: list[PhotoRow]) -> SlotCoverage:
    """The coverage of ``rows`` (the house's photos in use)."""
    house = session.execute(
        select(House.development_type, House.program_year).where(House.id == house_id)
    ).first()
    if house is None:
        raise FormRefused([refuse(None, "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)])
    kind, year = house
    completed_on = session.scalar(
        select(func.max(Development.completed_on)).where(
            and_(Development.house_id == house_id, Development.archived_at.is_(None))
        )
    )
    counts: dict[tuple[PhotoPhase, PhotoSlot], int] = defaultdict(int)
    unslotted: dict[PhotoPhase, int] = defaultdict(int)
    for row in rows:
        if row.slot is None:
            unslotted[row.phase] += 1
        else:
            counts[(row.phase, row.slot)] += 1
    expected = {ph: expected_slots(kind, ph, completed_on) for ph in PhotoPhase}
    warnings = []
    if has_existing_house(kind):
        present = [s for s in PhotoSlot if counts.get((PhotoPhase.BEFORE, s))]
        total = sum(1 for r in rows if r.phase is PhotoPhase.BEFORE)
        warnings = check_photos(present, total, RuleBook(session).for_year(year))
    return SlotCoverage(house_id, dict(counts), expected, dict(unslotted), warnings)


class PhotoViewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def root(self) -> Path:
        return self.ctx.db.folder.root

    # --- reading ----------------------------------------------------------------------------

    def album(self, house_id: int, *, include_archived: bool = False) -> Album:
        """The house's photos and its slot coverage, read together (what the gallery shows)."""
        with self.ctx.read() as session:
            rows = _photo_rows(session, house_id, include_archived)
            coverage = _coverage(session, house_id, [r for r in rows if not r.archived])
        return Album(rows, coverage)

    def for_house(self, house_id: int, *, include_archived: bool = False) -> list[PhotoRow]:
        """The house's photos in album order (see :func:`album_order`)."""
        with self.ctx.read() as session:
            return _photo_rows(session, house_id, include_archived)

    def coverage(self, house_id: int) -> SlotCoverage:
        """Photos per (phase, slot) of the house's photos in use, the slots its album expects
        (``domain.photo_slots``) and the 5-photo rule's warnings for a house that existed."""
        with self.ctx.read() as session:
            return _coverage(session, house_id, _photo_rows(session, house_id, False))

    def before_after(self, house_id: int) -> list[BeforeAfter]:
        """The house's before/after pairs, slot by slot (:func:`pair_before_after`)."""
        return pair_before_after(self.for_house(house_id))

    # --- files ------------------------------------------------------------------------------

    def original_path(self, row: PhotoRow) -> Path:
        """Where the photo's original bytes are in the data folder (they may be missing: the
        caller reads them and says so)."""
        return ContentStore(self.root, "photos").path_of(row.stored_path)

    def thumbnail(self, row: PhotoRow, max_px: int = DEFAULT_MAX_PX) -> Path:
        """The cached thumbnail's path, made from the original first if needed
        (``PhotoUnavailable`` when the original is missing or unreadable). Thread-safe: no
        database, and the cache writes each file atomically."""
        cache = ThumbnailCache(self.root / THUMBS_FOLDER)
        with _unavailable():
            return cache.get(row.sha256, self.original_path(row), max_px)

    def rendered(self, row: PhotoRow, max_px: int) -> bytes:
        """The photo upright as JPEG bytes, longer side at most ``max_px`` (for formats the
        screen cannot decode itself; ``PhotoUnavailable`` when unreadable)."""
        with _unavailable():
            return make_thumbnail(self.original_path(row), max_px, name=row.original_name or None)

    # --- changing ---------------------------------------------------------------------------

    def check_placement(self, form: PhotoPlacement) -> list[RuleResult]:
        """Refusals of a placement form (nothing written)."""
        results = []
        if len((form.caption or "").strip()) > CAPTION_MAX:
            results.append(refuse("caption", f"사진 설명은 {CAPTION_MAX}자까지 적을 수 있습니다 "
                                  f"(지금 {len(form.caption.strip())}자).",
                                  value=len(form.caption.strip()), limit=CAPTION_MAX))  # fmt: skip
        if not isinstance(form.phase, PhotoPhase):
            results.append(refuse("phase", "사진의 시기(착공 전·준공 후·점검)를 고르세요."))
        if form.slot is not None and not isinstance(form.slot, PhotoSlot):
            results.append(refuse("slot", "사진 구분(전경·원경·내부·주변)을 고르세요."))
        return results

    def place(self, form: PhotoPlacement) -> SavedRecord:
        """Put a photo in a (phase, slot) of the album and set its caption."""
        self.ctx.require(Permission.EDIT)
        refused = self.check_placement(form)
        if refused:
            raise FormRefused(refused)
        with self.ctx.write() as session:
            photo = self._photo(session, form.photo_id)
            refuse_if_changed(session, photo, form, "photo")
            photo.phase = form.phase
            photo.slot = form.slot
            photo.caption = clean(form.caption)
            return saved_record(session, photo)

    def archive(self, photo_id: int, reason: str) -> None:
        """Take a photo out of the album (kept, with the officer's reason; never deleted)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            archive(self._photo(session, photo_id), reason)

    def restore(self, photo_id: int) -> None:
        """Bring an archived photo back into the album."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            unarchive(self._photo(session, photo_id))

    @staticmethod
    def _photo(session, photo_id: int) -> Photo:  # type: ignore[no-untyped-def]
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise FormRefused([refuse(None, "사진을 찾을 수 없습니다.", code=NOT_FOUND)])
        return photo
