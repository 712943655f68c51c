"""Importing photos: plan (read every file, propose house/inspection/phase) → the officer confirms
on one screen → commit (originals byte-for-byte into ``photos/``, rows in one transaction per
batch).

``plan_import`` reads the database (houses with their positions, inspections, the hashes of
stored photos) and hands the files to ``media.import_plan.plan_photos``; it writes nothing.
``commit_import`` stores the files the officer kept, :data:`BATCH_FILES` at a time: each batch's
files are copied into the content store first (the hash is checked against the plan's while
copying), then its rows are written in one transaction. A cancel or a failure inside a batch
removes the files that batch added and writes none of its rows; earlier batches stay stored (the
``ImportCancelled`` says how many). So ``check`` finds a file for every photo row, and no file
without a row is left behind by an import. Once a batch's rows are written, the gallery's
thumbnails of its photos (made while planning, from the same decode) go into the thumbnail
cache, so the gallery opens at once after an import.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.changes import Changes, Kind
from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import Cancelled, TaskState, ensure
from gwinong_desktop.media.errors import MediaError
from gwinong_desktop.media.import_plan import (
    DUPLICATE,
    MATCH_RADIUS_M,
    NEW,
    REFUSED,
    STATUS_LABELS,
    HouseSpot,
    InspectionSpot,
    PhotoPlan,
    PlannedPhoto,
    VisitSpot,
    match_inspection,
    phase_for,
    plan_photos,
    position_proposals,
    visit_and_inspection,
)
from gwinong_desktop.media.import_store import copy_pool, remove_added, store_originals
from gwinong_desktop.media.store import ContentStore, extension_of
from gwinong_desktop.media.thumbs import DEFAULT_MAX_PX, ThumbnailCache
from gwinong_desktop.media.workers import let_go
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.models import House, Inspection, Photo, Visit, VisitStop

from .context import ServiceContext
from .photo_views import THUMBS_FOLDER

__all__ = [  # what the GUI needs of the plan, through this door (ui/ does not import media/)
    "DUPLICATE", "MATCH_RADIUS_M", "NEW", "REFUSED", "STATUS_LABELS", "Decision", "Decisions",
    "HouseSpot", "ImportCancelled", "ImportResult", "InspectionSpot", "PhotoPlan", "PhotoService",
    "PlannedPhoto", "VisitSpot", "match_inspection", "phase_for", "position_proposals",
    "proposed_decisions", "visit_and_inspection",
]  # fmt: skip

log = logging.getLogger(__name__)

BATCH_FILES = 50
"""Files stored per transaction: a cancel loses at most this much work, and keeps the rest."""


class ImportCancelled(Cancelled):
    """The officer cancelled the commit; ``stored`` photos of earlier batches stay stored."""

    def __init__(self, stored: int) -> None:
        if stored:
            text = (
                f"취소했습니다. 먼저 저장한 사진 {stored:,}장은 남아 있고, 나머지는 저장하지 "
                "않았습니다."
            )
        else:
            text = "취소했습니다. 사진을 하나도 저장하지 않았습니다."
        super().__init__(text)
        self.stored = stored


@dataclass(frozen=True)
class Decision:
    """What the officer confirmed for one planned photo (index into ``plan.photos``)."""

    house_id: int | None
    slot: PhotoSlot | None = None
    phase: PhotoPhase = PhotoPhase.INSPECTION
    inspection_id: int | None = None
    include: bool = True
    visit_id: int | None = None  # the planned visit (방문 계획) it was taken on


@dataclass(frozen=True)
class Decisions:
    """Per photo index, and the house positions the officer confirmed (house id → lat, lon)."""

    photos: Mapping[int, Decision]
    positions: Mapping[int, tuple[Decimal, Decimal]] = field(default_factory=dict)


@dataclass(frozen=True)
class FileOutcome:
    name: str
    status: str  # "stored", "duplicate", "refused", "left_out"
    reason: str = ""
    photo_id: int | None = None


@dataclass
class ImportResult:
    outcomes: list[FileOutcome] = field(default_factory=list)
    positions_set: list[str] = field(default_factory=list)  # labels of houses given a position

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def changes(self) -> Changes:
        """What the pages showing photos (and house positions) should load again."""
        kinds = [Kind.PHOTOS] if self.count("stored") else []
        return Changes.of(*kinds, *([Kind.HOUSES] if self.positions_set else []))


def proposed_decisions(plan: PhotoPlan, slot: PhotoSlot | None = None) -> Decisions:
    """The plan's proposals as decisions (the CLI's, and the dialog's starting point)."""
    return Decisions(
        {
            i: Decision(p.house_id, slot, p.phase, p.inspection_id, visit_id=p.visit_id)
            for i, p in enumerate(plan.photos)
            if p.status == NEW
        }
    )


def house_label(code: str, eupmyeon: str, ri: str | None, jibun: str | None) -> str:
    return " ".join(x for x in (code, eupmyeon, ri, jibun) if x)


class PhotoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def store(self) -> ContentStore:
        return ContentStore(self.ctx.db.folder.root, "photos")

    # --- planning -------------------------------------------------------------------------------

    def house_spots(self) -> list[HouseSpot]:
        """Every house in the register (archived ones left out), with its position."""
        with self.ctx.read() as s:
            rows = s.execute(
                select(
                    House.id, House.code, House.eupmyeon, House.ri, House.jibun,
                    House.latitude, House.longitude,
                )
                .where(House.archived_at.is_(None))
                .order_by(House.code)
            )  # fmt: skip
            return [
                HouseSpot(r.id, r.code, house_label(r.code, r.eupmyeon, r.ri, r.jibun),
                          r.latitude, r.longitude)
                for r in rows
            ]  # fmt: skip

    def inspection_spots(self) -> list[InspectionSpot]:
        with self.ctx.read() as s:
            rows = s.execute(
                select(Inspection.id, Inspection.house_id, Inspection.inspected_on,
                       Inspection.kind)
                .where(Inspection.archived_at.is_(None))
                .order_by(Inspection.inspected_on)
            )  # fmt: skip
            return [
                InspectionSpot(r.id, r.house_id, r.inspected_on, r.kind,
                               f"{r.inspected_on:%Y.%m.%d.} {r.kind.label} 점검")
                for r in rows
            ]  # fmt: skip

    def visit_spots(self) -> list[VisitSpot]:
        """Planned visits (archived ones left out), each with its stops' houses and their
        inspections, for matching photos by day and house."""
        with self.ctx.read() as s:
            stops: dict[int, dict[int, int | None]] = {}
            for visit_id, house_id, inspection_id in s.execute(
                select(VisitStop.visit_id, VisitStop.house_id, VisitStop.inspection_id)
                .join(Visit, Visit.id == VisitStop.visit_id)
                .where(Visit.archived_at.is_(None))
            ):  # fmt: skip
                stops.setdefault(visit_id, {})[house_id] = inspection_id
            rows = s.execute(
                select(Visit.id, Visit.planned_on, Visit.kind, Visit.title)
                .where(Visit.archived_at.is_(None))
                .order_by(Visit.planned_on)
            )  # fmt: skip
            return [
                VisitSpot(r.id, r.planned_on, r.kind, f"{r.planned_on:%Y.%m.%d.} {r.title}",
                          stops.get(r.id, {}))
                for r in rows
            ]  # fmt: skip

    def house_by_code(self, code: str) -> HouseSpot | None:
        """The house with this 관리번호 (spaces ignored), or None."""
        wanted = "".join(code.split())
        return next((h for h in self.house_spots() if h.code == wanted), None)

    def _known(self) -> dict[str, str]:
        with self.ctx.read() as s:
            rows = s.execute(
                select(Photo.sha256, Photo.original_name, House.code, Photo.archived_at)
                .join(House, House.id == Photo.house_id)
            )  # fmt: skip
            known = {}
            for sha, name, code, archived in rows:
                known.setdefault(
                    sha, f"{code}의 '{name or '사진'}'" + (" (보관함)" if archived else "")
                )
            return known

    def plan_import(
        self,
        paths: Iterable[Path | str],
        state: TaskState | None = None,
        *,
        house_id: int | None = None,
        inspection_id: int | None = None,
        phase: PhotoPhase | None = None,
    ) -> PhotoPlan:
        """Read every file (folders walked) and propose where each goes; writes nothing."""
        self.ctx.require(Permission.EDIT)
        known = self._known()
        return plan_photos(
            paths,
            state,
            known=known.get,
            houses=self.house_spots(),
            inspections=self.inspection_spots(),
            house_id=house_id,
            inspection_id=inspection_id,
            phase=phase,
            visits=self.visit_spots(),
        )

    # --- committing -----------------------------------------------------------------------------

    def commit_import(
        self, plan: PhotoPlan, decisions: Decisions, state: TaskState | None = None
    ) -> ImportResult:
        """Store the photos the officer kept (see the module docstring); raises
        ``ImportCancelled`` on a cancel, after removing the unfinished batch's files."""
        self.ctx.require(Permission.EDIT)
        state = ensure(state)
        result = ImportResult()
        early: dict[int, FileOutcome] = {}
        chosen: list[tuple[PlannedPhoto, Decision]] = []
        order: list[int] = []
        for index, photo in enumerate(plan.photos):
            decision = decisions.photos.get(index)
            if photo.status != NEW:
                early[index] = FileOutcome(photo.name, photo.status, photo.reason)
            elif decision is None or not decision.include:
                early[index] = FileOutcome(photo.name, "left_out", "빼고 가져옴")
            elif decision.house_id is None:
                why = "귀농인의 집을 정하지 않아 빼고 가져옴"
                early[index] = FileOutcome(photo.name, "left_out", why)
            else:
                chosen.append((photo, decision))
                order.append(index)
        positions = dict(decisions.positions)
        total = len(chosen)
        stored = 0
        state.report(0, total, "사진을 저장하는 중")
        pool = copy_pool(total)  # one for every batch: children start once
        try:
            for start in range(0, total, BATCH_FILES):
                batch = chosen[start : start + BATCH_FILES]
                try:
                    outcomes = self._commit_batch(batch, positions, result, state, start, total,
                                                  pool)  # fmt: skip
                except Cancelled:
                    raise ImportCancelled(stored) from None
                positions = {}  # set with the first batch
                stored += sum(1 for o in outcomes if o.status == "stored")
                early.update(zip(order[start : start + BATCH_FILES], outcomes, strict=True))
        finally:
            let_go(pool)
        result.outcomes = [early[i] for i in sorted(early)]
        return result

    def _commit_batch(
        self,
        batch: Sequence[tuple[PlannedPhoto, Decision]],
        positions: Mapping[int, tuple[Decimal, Decimal]],
        result: ImportResult,
        state: TaskState,
        offset: int,
        total: int,
        pool: Executor,
    ) -> list[FileOutcome]:
        """Copy the batch's originals (the database is not locked meanwhile), then write its rows
        in one transaction; on any failure or cancel the files it added are removed."""
        store = self.store
        taken = self._stored(p.sha256 for p, _ in batch)
        todo = [k for k, (p, _) in enumerate(batch) if p.sha256 not in taken]

        def progress(n: int) -> None:
            done = offset + n
            state.report(done, total, f"사진을 저장하는 중 ({done:,}/{total:,})")

        originals = store_originals(store, [batch[k][0] for k in todo], progress, pool)
        copies = dict(zip(todo, originals, strict=True))
        outcomes: list[FileOutcome] = []
        rows: dict[int, Photo] = {}
        try:
            with self.ctx.write() as s:
                taken |= self._stored((p.sha256 for p, _ in batch), s)  # another import since
                for k, (photo, decision) in enumerate(batch):
                    copy = copies.get(k)
                    if photo.sha256 in taken:
                        why = f"이미 있는 사진입니다: {taken[photo.sha256]}"
                        outcomes.append(FileOutcome(photo.name, "duplicate", why))
                        remove_added([copy] if copy else [], store)
                    elif copy is None or copy.relative_path is None:
                        why = copy.reason if copy else ""
                        outcomes.append(FileOutcome(photo.name, "refused", why))
                    else:
                        rows[k] = _photo_row(photo, decision, copy.relative_path)
                        s.add(rows[k])
                        outcomes.append(FileOutcome(photo.name, "stored"))
                for house_id, (lat, lon) in positions.items():
                    house = s.get(House, house_id)
                    if house is not None and house.latitude is None and house.longitude is None:
                        house.latitude, house.longitude = lat, lon
                        result.positions_set.append(house.code)
                state.check()
                s.flush()
                if rows:
                    log_event(s, "import", "photo", f"사진 {len(rows):,}장 가져오기")
        except BaseException:
            remove_added(list(copies.values()), store)
            raise
        self._cache_thumbnails(batch[k][0] for k in rows)
        return [replace(o, photo_id=rows[k].id) if k in rows else o for k, o in enumerate(outcomes)]

    def _cache_thumbnails(self, photos: Iterable[PlannedPhoto]) -> None:
        """Put the gallery's thumbnails of these stored photos (made while planning) into its
        cache, so the gallery opens at once after an import. Only after the batch's rows are
        written: a cancelled batch leaves none behind. A cache that cannot be written is made
        again by the gallery later, so a failure here is logged, not the import's."""
        cache = ThumbnailCache(self.ctx.db.folder.root / THUMBS_FOLDER)
        for photo in photos:
            if photo.gallery_thumbnail and photo.sha256:
                try:
                    cache.put(photo.sha256, photo.gallery_thumbnail, DEFAULT_MAX_PX,
                              name=photo.name)  # fmt: skip
                except MediaError as exc:
                    log.warning("thumbnail of %s not cached: %s", photo.name, exc.message)

    def _stored(self, shas: Iterable[str | None], s: Session | None = None) -> dict[str, str]:
        """Which of these hashes are stored photos already: hash → "관리번호의 'name'"."""
        wanted = [sha for sha in shas if sha]
        stmt = (
            select(Photo.sha256, House.code, Photo.original_name)
            .join(House, House.id == Photo.house_id)
            .where(Photo.sha256.in_(wanted))
        )
        if s is not None:
            return {sha: f"{code}의 '{name or '사진'}'" for sha, code, name in s.execute(stmt)}
        with self.ctx.read() as session:
            return self._stored(wanted, session)


def stored_path_for(sha256: str, name: str) -> str:
    """Where the content store keeps these bytes (``media.store`` layout)."""
    return f"photos/{sha256[:2]}/{sha256}.{extension_of(name)}"


def _photo_row(photo: PlannedPhoto, decision: Decision, relative: str) -> Photo:
    info = photo.info
    assert info is not None
    return Photo(
        house_id=decision.house_id,
        inspection_id=decision.inspection_id,
        visit_id=decision.visit_id,
        slot=decision.slot,
        phase=decision.phase,
        sha256=photo.sha256,
        stored_path=relative,
        original_name=photo.name[:300],
        size_bytes=photo.size_bytes,
        width=info.width,
        height=info.height,
        taken_at=info.taken_at,
        latitude=info.latitude,
        longitude=info.longitude,
    )
