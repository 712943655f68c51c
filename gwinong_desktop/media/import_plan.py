"""Planning a photo import: what each file is, and where it probably belongs (no Qt, no database).

:func:`plan_photos` reads every file once — its bytes are hashed, its header read (EXIF) and a
small thumbnail made from the same bytes — and classifies it:

- ``NEW``: a photo to store;
- ``DUPLICATE``: the same bytes as a stored photo (``known``) or as an earlier file of the batch;
- ``REFUSED``: not an image, damaged or cut short, too large (a possible decompression bomb), a
  folder, or a file that vanished — each with a Korean reason. One bad file never stops the rest.

EXIF values that are impossible (a date that is no date, a clock far in the past or the future,
GPS out of range) are kept as unknown with a warning; the photo is still stored.

It then proposes a house — the nearest house with a position within :data:`MATCH_RADIUS_M` of the
photo's GPS, else the house the import was started from — a planned visit of that day with a stop
at that house, and an inspection of that house on the day the photo was taken (Korean time; else
the one recorded for the visit's stop), from which the phase follows. The officer confirms or
changes all of it on one screen before anything is stored.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from gwinong_desktop.domain.enums import InspectionKind, PhotoPhase
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.progress import TaskState, ensure

from ._pil import open_image
from .errors import MediaError
from .exif import KST, PhotoInfo, info_of
from .thumbs import DEFAULT_MAX_PX, thumbnails_of
from .workers import map_in_order

MATCH_RADIUS_M = 300.0
"""A photo is proposed for the nearest house within this distance of where it was taken. A phone's
GPS is off by 5–50 m outdoors and more beside walls; a 원경 (distant view) is taken from across
the road or the field, often 100–200 m away; two 귀농인의 집 of one county are rarely closer than
a few hundred metres. 300 m keeps the distant views and rarely reaches the neighbour."""

log = logging.getLogger(__name__)

READ_WORKERS = min(4, os.cpu_count() or 1)
"""Files read at once while planning: on two cores planning takes about half the time of
reading one file after another."""

THUMB_PX = 96
"""The longer side of the thumbnails shown on the confirmation screen. The gallery's (cached,
:data:`~.thumbs.DEFAULT_MAX_PX`) is made from the same decode and kept with the photo."""

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", ".hif")
"""Files taken from a folder (a phone's DCIM holds videos and sidecar files too). Files chosen one
by one are all read, whatever their name, so that each gets an answer."""

EARLIEST_TAKEN = datetime(1990, 1, 1, tzinfo=KST)
"""Taken-at times before this are a camera clock never set (2000-01-01, 1970) — kept unknown."""

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)

NEW, DUPLICATE, REFUSED = "new", "duplicate", "refused"
STATUS_LABELS = {NEW: "새 사진", DUPLICATE: "이미 있음", REFUSED: "넣을 수 없음"}


@dataclass(frozen=True)
class HouseSpot:
    """A house the photos may belong to: its id, 관리번호, a label, and its position if known."""

    id: int
    code: str
    label: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass(frozen=True)
class InspectionSpot:
    """An inspection a photo may belong to (matched by house and day)."""

    id: int
    house_id: int
    on: date
    kind: InspectionKind
    label: str


@dataclass(frozen=True)
class VisitSpot:
    """A planned visit (방문 계획) a photo may belong to: taken on its day at one of its stops'
    houses. ``stops`` maps each stop's house to the inspection recorded for it (None: not yet)."""

    id: int
    on: date
    kind: InspectionKind
    label: str
    stops: Mapping[int, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedPhoto:
    """One file of the import and what the plan proposes for it."""

    path: Path
    name: str
    status: str  # NEW, DUPLICATE or REFUSED
    reason: str = ""  # Korean: why refused, or what it duplicates
    warnings: tuple[str, ...] = ()
    sha256: str | None = None
    size_bytes: int = 0
    info: PhotoInfo | None = None
    thumbnail: bytes | None = None
    gallery_thumbnail: bytes | None = None  # for the gallery's cache once the photo is stored
    house_id: int | None = None
    distance_m: float | None = None  # to the proposed house, when both positions are known
    inspection_id: int | None = None
    phase: PhotoPhase = PhotoPhase.INSPECTION
    visit_id: int | None = None

    @property
    def taken_on(self) -> date | None:
        """The day taken, in Korean time."""
        taken = self.info.taken_at if self.info else None
        return taken.astimezone(KST).date() if taken else None

    @property
    def position(self) -> tuple[Decimal, Decimal] | None:
        if self.info is None or self.info.latitude is None or self.info.longitude is None:
            return None
        return self.info.latitude, self.info.longitude


@dataclass(frozen=True)
class PhotoPlan:
    """The whole import as proposed; nothing is stored yet."""

    photos: tuple[PlannedPhoto, ...]
    houses: tuple[HouseSpot, ...] = ()
    inspections: tuple[InspectionSpot, ...] = ()
    skipped: tuple[str, ...] = ()  # files of a folder left out (not photos by their name)
    counts: dict[str, int] = field(default_factory=dict)
    visits: tuple[VisitSpot, ...] = ()

    def of(self, status: str) -> list[PlannedPhoto]:
        return [p for p in self.photos if p.status == status]


# --- finding the files ---------------------------------------------------------------------------


def expand_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """The files to read: files as given, folders walked (photos by their name, sorted); and the
    names of folder files left out. Hidden files and folders (``.thumbnails``) are left out."""
    files: list[Path] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            files.append(path)
            continue
        for top, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                if name.lower().endswith(IMAGE_SUFFIXES):
                    files.append(Path(top) / name)
                else:
                    skipped.append(name)
    return files, skipped


# --- reading one file ----------------------------------------------------------------------------


def read_one(path: Path, *, now: datetime | None = None) -> PlannedPhoto:
    """Read ``path`` once: hash, header facts and thumbnail, or the Korean reason it is refused."""
    name = path.name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return PlannedPhoto(path, name, REFUSED, f"파일이 없어졌습니다 (옮겨지거나 지워짐): {name}")
    except IsADirectoryError:
        return PlannedPhoto(path, name, REFUSED, f"파일이 아니라 폴더입니다: {name}")
    except OSError as exc:
        why = "권한 없음" if isinstance(exc, PermissionError) else exc.strerror or "입출력 오류"
        return PlannedPhoto(path, name, REFUSED, f"파일을 읽을 수 없습니다: {name} ({why})")
    sha = hashlib.sha256(data).hexdigest()
    if not data:
        return PlannedPhoto(path, name, REFUSED, f"빈 파일입니다 (0바이트): {name}", sha256=sha)
    try:
        with open_image(data, name) as image:
            info, warned = info_of(image)
            # decodes: a file cut short fails here
            gallery, thumb = thumbnails_of(image, (DEFAULT_MAX_PX, THUMB_PX))
    except MediaError as exc:
        return PlannedPhoto(path, name, REFUSED, exc.message, sha256=sha, size_bytes=len(data))
    except Exception as exc:  # a decoder bug must not stop the batch: this file is refused
        log.error("reading photo %s failed", name, exc_info=exc)
        why = f"사진을 읽는 중 예기치 못한 오류가 났습니다: {name} ({type(exc).__name__})"
        return PlannedPhoto(path, name, REFUSED, why, sha256=sha, size_bytes=len(data))
    info, more = _plausible(info, now or datetime.now(KST))
    return PlannedPhoto(
        path,
        name,
        NEW,
        warnings=warned + more,
        sha256=sha,
        size_bytes=len(data),
        info=info,
        thumbnail=thumb,
        gallery_thumbnail=gallery,
    )


def _read_all(files: Sequence[Path], now: datetime | None) -> Iterator[PlannedPhoto]:
    """``read_one`` of each file, in order, :data:`READ_WORKERS` at a time — a large batch in
    child processes, off the window's interpreter lock (``workers.map_in_order``)."""
    return map_in_order(partial(read_one, now=now), files, workers=READ_WORKERS,
                        name="photo-read")  # fmt: skip


def _plausible(info: PhotoInfo, now: datetime) -> tuple[PhotoInfo, tuple[str, ...]]:
    taken = info.taken_at
    if taken is None or EARLIEST_TAKEN <= taken <= now + timedelta(days=1):
        return info, ()
    shown = taken.astimezone(KST).strftime("%Y-%m-%d %H:%M")
    return replace(info, taken_at=None), (
        f"촬영 시각 {shown}은(는) 카메라 시계가 맞지 않은 것 같아 '알 수 없음'으로 둡니다",
    )


# --- matching ------------------------------------------------------------------------------------


def distance_m(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """The great-circle distance in metres (haversine on the mean Earth radius)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def nearest_house(
    position: tuple[Decimal, Decimal], houses: Sequence[HouseSpot]
) -> tuple[HouseSpot | None, float | None]:
    """The nearest house with a position and its distance (None, None when none has one)."""
    best: tuple[HouseSpot | None, float | None] = (None, None)
    for house in houses:
        if house.latitude is None or house.longitude is None:
            continue
        d = distance_m(position[0], position[1], house.latitude, house.longitude)
        if best[1] is None or d < best[1]:
            best = (house, d)
    return best


def phase_for(kind: InspectionKind | None) -> PhotoPhase:
    """The album phase of photos taken at an inspection of this kind."""
    if kind is InspectionKind.BEFORE_WORKS:
        return PhotoPhase.BEFORE
    if kind is InspectionKind.COMPLETION:
        return PhotoPhase.AFTER
    return PhotoPhase.INSPECTION


def propose(
    photo: PlannedPhoto,
    houses: Sequence[HouseSpot],
    inspections: Sequence[InspectionSpot],
    *,
    house_id: int | None = None,
    inspection_id: int | None = None,
    phase: PhotoPhase | None = None,
    visits: Sequence[VisitSpot] = (),
) -> PlannedPhoto:
    """``photo`` with a proposed house, inspection, visit and phase (see the module docstring).

    ``house_id``/``inspection_id``/``phase`` are what the import was started with (a house page,
    an inspection): an inspection given wins; GPS within :data:`MATCH_RADIUS_M` of a house wins
    over the house given, with a warning when they differ."""
    if photo.status != NEW:
        return photo
    by_id = {h.id: h for h in houses}
    warned = list(photo.warnings)
    chosen, distance = house_id, None
    position = photo.position
    given = next((i for i in inspections if i.id == inspection_id), None)
    if given is not None:
        chosen = given.house_id
    if position is not None:
        near, d = nearest_house(position, houses)
        if near is not None and d is not None and d <= MATCH_RADIUS_M:
            if chosen is not None and chosen != near.id:
                other = by_id.get(chosen)
                warned.append(
                    f"찍은 곳이 {near.label}에서 {d:,.0f} m입니다"
                    + (f" ({josa(other.label, '이')} 아니라)" if other else "")
                )
                if given is None:
                    chosen = near.id
            elif chosen is None:
                chosen = near.id
        if chosen is not None and chosen in by_id:
            house = by_id[chosen]
            if house.latitude is not None and house.longitude is not None:
                distance = distance_m(position[0], position[1], house.latitude, house.longitude)
                if distance > MATCH_RADIUS_M:
                    warned.append(f"찍은 곳이 {house.label}에서 {_km(distance)} 떨어져 있습니다")
    visit, match = visit_and_inspection(chosen, photo.taken_on, inspections, visits)
    match = given or match
    kind = match.kind if match else visit.kind if visit else None
    return replace(
        photo,
        house_id=chosen,
        distance_m=distance,
        inspection_id=match.id if match else None,
        visit_id=visit.id if visit else None,
        phase=phase or phase_for(kind),
        warnings=tuple(warned),
    )


def match_inspection(
    house_id: int | None, day: date | None, inspections: Sequence[InspectionSpot]
) -> InspectionSpot | None:
    """The inspection of ``house_id`` on ``day`` (the latest recorded if several), else None."""
    if house_id is None or day is None:
        return None
    same = [i for i in inspections if i.house_id == house_id and i.on == day]
    return max(same, key=lambda i: i.id) if same else None


def match_visit(
    house_id: int | None, day: date | None, visits: Sequence[VisitSpot]
) -> VisitSpot | None:
    """The visit planned on ``day`` with a stop at ``house_id`` (the latest if several)."""
    if house_id is None or day is None:
        return None
    same = [v for v in visits if v.on == day and house_id in v.stops]
    return max(same, key=lambda v: v.id) if same else None


def visit_and_inspection(
    house_id: int | None,
    day: date | None,
    inspections: Sequence[InspectionSpot],
    visits: Sequence[VisitSpot],
) -> tuple[VisitSpot | None, InspectionSpot | None]:
    """The planned visit of a photo of ``house_id`` taken on ``day``, and its inspection: the
    one recorded on that day, else the one recorded for the visit's stop at the house."""
    visit = match_visit(house_id, day, visits)
    match = match_inspection(house_id, day, inspections)
    if match is None and visit is not None and house_id is not None:
        stop_inspection = visit.stops.get(house_id)
        match = next((i for i in inspections if i.id == stop_inspection), None)
    return visit, match


def position_proposals(
    photos: Iterable[PlannedPhoto], houses: Sequence[HouseSpot], assigned: Mapping[int, int | None]
) -> dict[int, tuple[Decimal, Decimal, int]]:
    """For each house without a position that geotagged new photos are assigned to
    (``assigned``: photo index → house id), the median of their positions and how many there
    are — what the officer may confirm as the house's position."""
    without = {h.id for h in houses if h.latitude is None or h.longitude is None}
    found: dict[int, list[tuple[Decimal, Decimal]]] = {}
    for index, photo in enumerate(photos):
        house = assigned.get(index)
        if photo.status == NEW and house in without and photo.position is not None:
            found.setdefault(house, []).append(photo.position)
    out = {}
    for house, spots in found.items():
        lats = sorted(s[0] for s in spots)
        lons = sorted(s[1] for s in spots)
        out[house] = (lats[len(lats) // 2], lons[len(lons) // 2], len(spots))
    return out


def _km(metres: float) -> str:
    if metres >= 10_000:
        return f"{metres / 1000:,.0f} km"
    return f"{metres / 1000:,.1f} km" if metres >= 1000 else f"{metres:,.0f} m"


# --- the plan ------------------------------------------------------------------------------------


def plan_photos(
    paths: Iterable[Path | str],
    state: TaskState | None = None,
    *,
    known: Callable[[str], str | None] = lambda sha: None,
    houses: Sequence[HouseSpot] = (),
    inspections: Sequence[InspectionSpot] = (),
    house_id: int | None = None,
    inspection_id: int | None = None,
    phase: PhotoPhase | None = None,
    now: datetime | None = None,
    visits: Sequence[VisitSpot] = (),
) -> PhotoPlan:
    """Read and classify every file of ``paths`` (folders walked) and propose where each goes.

    ``known(sha256)`` says where the same bytes are already stored (a Korean label), or None.
    Reports progress per file and stops on a cancel (``Cancelled``); nothing is written.
    """
    state = ensure(state)
    files, skipped = expand_paths(paths)
    total = len(files)
    state.report(0, total, "사진을 읽는 중")
    seen: dict[str, str] = {}
    photos = []
    for done, photo in enumerate(_read_all(files, now), 1):
        if photo.status == NEW and photo.sha256 is not None:
            where = known(photo.sha256)
            if where is None and photo.sha256 in seen:
                where = f"이번에 고른 '{seen[photo.sha256]}'와(과) 같은 파일"
            if where is not None:
                photo = replace(photo, status=DUPLICATE, reason=f"이미 있는 사진입니다: {where}")
            else:
                seen[photo.sha256] = photo.name
        photo = propose(
            photo, houses, inspections, house_id=house_id, inspection_id=inspection_id,
            phase=phase, visits=visits,
        )  # fmt: skip
        photos.append(photo)
        state.report(done, total, f"사진을 읽는 중 ({done:,}/{total:,})")
    counts = {s: sum(1 for p in photos if p.status == s) for s in (NEW, DUPLICATE, REFUSED)}
    return PhotoPlan(tuple(photos), tuple(houses), tuple(inspections), tuple(skipped), counts,
                     tuple(visits))  # fmt: skip
