"""Field kits, the export half: the chosen houses written as a data folder for a laptop.

A kit (the format helper H's import reads; see ``KIT_FORMAT``) is a normal data folder — the
database (``DB_FILENAME``), ``photos/`` ``attachments/`` ``backups/`` ``reports/``, and the
thumbnails of the houses' photos under ``thumbs/`` — plus ``kit/``:
``manifest.json`` (format, kit uid, county, the office folder's id, schema revision, when and by
whom, the houses' uids, the SHA-256 of ``base.sqlite3``, the photo files carried) and
``base.sqlite3``, a byte copy of the kit's database as exported: the base of the three-way merge.

What leaves the office (``_choose``): the houses; their operators; leases and the leases' owners;
developments with their 원인행위 and 자부담 payments; designations and rent support; expenses;
recruitments; stays with their residents, household members, rent charges, payments and deposits;
applicants of those houses (wanted, in their recruitments, or the residents' own applications);
every inspection of the houses but only the *open* findings; the houses' photo records (the
originals stay in the office: the thumbnails travel); the planned visit chosen, with its stops;
and the county-wide tables without personal data (rule values, annual plans, days off, settings)
and the active accounts. Each record's history (audit events, rule overrides) goes with it;
nothing of any other house is written into the file at all.

Registration numbers: the kit gets a folder id and key of its own. Numbers are re-encrypted with
it (the office's key never leaves the office); the key is carried in ``kit/<id>.key`` so the
laptop can show them, and the office keeps the same key in its key folder so the import can read
what the laptop typed. Whoever holds the kit can read them: keep it as personal data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, text, update
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import FindingStatus
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import COUNTY, SECOND_FOLDER
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState, ensure
from gwinong_desktop.storage import fieldcrypt as fc
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.backup_format import sha256_file
from gwinong_desktop.storage.datafolder import DB_FILENAME, SUBFOLDERS
from gwinong_desktop.storage.folder_settings import read_setting
from gwinong_desktop.storage.kit_copy import write_subset, write_subset_from
from gwinong_desktop.storage.models import (
    Applicant,
    AuditEvent,
    Deposit,
    Designation,
    Development,
    Expense,
    FieldKit,
    Finding,
    House,
    HouseholdMember,
    Inspection,
    Lease,
    Obligation,
    OwnFundPayment,
    Payment,
    Photo,
    Recruitment,
    RentCharge,
    RentSupport,
    Resident,
    Setting,
    Stay,
    User,
    Visit,
    VisitStop,
    new_uid,
)

from .context import ServiceContext
from .privacy import reencrypt_for_kit

KIT_FORMAT = 1
KIT_FOLDER = "kit"
MANIFEST = "manifest.json"
BASE_FILENAME = "base.sqlite3"
FIELD_COPY_KEY = "field_copy"
THUMBS_FOLDER = "thumbs"
WHOLE_TABLES = ("alembic_version", "setting", "rule_value", "annual_plan", "day_off")


class KitRefused(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass(frozen=True)
class KitExport:
    """A kit as written: where, which houses (관리번호), how many rows of each table."""

    kit_uid: str
    folder: Path
    county: str | None
    house_codes: tuple[str, ...]
    counts: dict[str, int]
    thumbnails: int
    exported_at: datetime

    def summary(self) -> str:
        people = self.counts.get("resident", 0)
        return (
            f"현장용 사본을 만들었습니다: 귀농인의 집 {len(self.house_codes)}곳, "
            f"입주자 {people}명, 사진 미리보기 {self.thumbnails}장 → {self.folder}"
        )


@dataclass(frozen=True)
class FieldCopy:
    """What a field copy says about itself (the ``field_copy`` setting of the kit)."""

    kit_uid: str
    county: str
    exported_at: datetime

    def label(self) -> str:
        """ "현장용 사본 (진안군, 2026.12.7. 내보냄)" (the date in the PC's time zone)."""
        day = self.exported_at.astimezone()
        county = f"{self.county}, " if self.county else ""
        return f"현장용 사본 ({county}{day.year}.{day.month}.{day.day}. 내보냄)"


class FieldKitService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- the laptop's side ---------------------------------------------------------------------

    def field_copy(self) -> FieldCopy | None:
        """This data folder's field-copy note, or None for an office folder."""
        with self.ctx.read() as s:
            raw = s.scalar(select(Setting.value).where(Setting.key == FIELD_COPY_KEY))
        if not raw:
            return None
        try:
            data = json.loads(raw)
            at = datetime.fromisoformat(data["exported_at"])
            return FieldCopy(str(data["kit_uid"]), str(data.get("county") or ""), at)
        except (ValueError, KeyError, TypeError):
            return FieldCopy("", "", datetime.fromtimestamp(0, UTC))

    # --- export -------------------------------------------------------------------------------

    def export(
        self,
        houses: Sequence[str] = (),
        target: Path | None = None,
        *,
        visit: int | None = None,
        state: TaskState | None = None,
    ) -> KitExport:
        """Write the kit of ``houses`` (관리번호) and/or the planned ``visit`` (its id) into
        ``target`` (a new or empty folder), and record it as a ``FieldKit`` export."""
        self.ctx.require(Permission.EXPORT_PERSONAL)
        state = ensure(state)
        if target is None:
            raise KitRefused("현장용 사본을 쓸 폴더를 지정해 주세요.")
        target = self._check_target(Path(target))
        kit_uid = new_uid()
        tmp = target.parent / f".{target.name}.{kit_uid[:8]}.part"
        office = self.ctx.db.folder.root
        with self.ctx.read() as s:  # thumbnails made before the write lock is taken
            if s.scalar(select(Setting.value).where(Setting.key == FIELD_COPY_KEY)):
                raise KitRefused(
                    "현장용 사본에서는 다시 현장용 사본을 만들 수 없습니다. 사무실 PC의 자료에서 "
                    "내보내 주세요."
                )
            first = [h.id for h in self._houses(s, houses, visit)]
            photos = _photo_hashes(s, _ids(s, select(Photo.id).where(Photo.house_id.in_(first))))
        _thumbnails(office, photos, state.span(0, 40))
        with self.ctx.write() as s:
            house_rows = self._houses(s, houses, visit)
            state.report(40, 100, "고른 자료를 찾는 중…")
            rows = _choose(s, [h.id for h in house_rows], visit)
            county = read_setting(s, COUNTY) or None
            source_id = fc.folder_id(s.connection()) or fc.new_folder_id(s.connection())
            schema = s.scalar(text("SELECT version_num FROM alembic_version"))
            now = datetime.now(UTC)
            state.check()
            try:
                counts, thumbs = self._write(
                    s, tmp, rows, kit_uid=kit_uid, county=county, at=now,
                    source_id=source_id, schema=schema, houses=house_rows, state=state,
                )  # fmt: skip
                state.check()
                _move_into_place(tmp, target)
            except OSError as exc:  # a full or read-only stick, a folder taken away
                shutil.rmtree(tmp, ignore_errors=True)
                raise KitRefused(
                    f"현장용 사본을 쓰지 못했습니다: {target}\n"
                    f"({exc.strerror or type(exc).__name__}) 남은 공간과 쓰기 권한을 확인해 주세요."
                ) from exc
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            try:
                s.add(
                    FieldKit(
                        kit_uid=kit_uid, direction="export", county=county,
                        houses=[h.uid for h in house_rows], exported_at=now,
                        exported_by=self.ctx.actor,
                        summary={"counts": counts, "thumbnails": thumbs, "visit": visit},
                    )
                )  # fmt: skip
                codes = ", ".join(h.code for h in house_rows[:10])
                more = f" 외 {len(house_rows) - 10}곳" if len(house_rows) > 10 else ""
                log_event(
                    s, "export", "field_kit",
                    f"현장용 사본 내보냄 (개인정보 포함): {codes}{more}, "
                    f"입주자 {counts.get('resident', 0)}명",
                    kit_uid,
                )  # fmt: skip
                s.flush()
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
        state.report(100, 100, "마쳤습니다")
        return KitExport(
            kit_uid, target, county, tuple(h.code for h in house_rows), counts, thumbs, now
        )

    def _check_target(self, target: Path) -> Path:
        target = target.expanduser().absolute()
        office = self.ctx.db.folder.root.resolve()
        resolved = target.resolve()
        if resolved == office or office in resolved.parents:
            raise KitRefused(
                f"현장용 사본은 사무실 데이터 폴더 밖에 만들어야 합니다: {target}\n"
                "USB 메모리나 다른 폴더를 지정해 주세요."
            )
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise KitRefused(
                f"현장용 사본을 쓸 폴더가 비어 있지 않습니다: {target}\n"
                "새 폴더 이름을 지정하거나 빈 폴더를 골라 주세요."
            )
        if not target.parent.is_dir():
            raise KitRefused(f"폴더가 없습니다: {target.parent}")
        return target

    def _houses(self, s: Session, codes: Sequence[str], visit: int | None) -> list[Any]:
        wanted = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
        ids: list[int] = []
        if visit is not None:
            found = s.scalar(select(Visit.id).where(Visit.id == visit))
            if found is None:
                raise KitRefused(f"방문 계획을 찾을 수 없습니다: {visit}")
            ids = list(
                s.scalars(
                    select(VisitStop.house_id)
                    .where(VisitStop.visit_id == visit)
                    .order_by(VisitStop.position)
                )
            )
        rows = (
            s.execute(select(House.id, House.uid, House.code).where(House.code.in_(wanted))).all()
            if wanted
            else []
        )
        missing = sorted(set(wanted) - {r.code for r in rows})
        if missing:
            raise KitRefused(f"이런 관리번호의 귀농인의 집이 없습니다: {', '.join(missing)}")
        by_id = {r.id: r for r in rows}
        if ids:
            for r in s.execute(select(House.id, House.uid, House.code).where(House.id.in_(ids))):
                by_id.setdefault(r.id, r)
        if not by_id:
            raise KitRefused("현장용 사본에 넣을 귀농인의 집이나 방문 계획을 고르세요.")
        return sorted(by_id.values(), key=lambda r: r.code)

    def _write(
        self, s: Session, tmp: Path, rows: dict[str, set[int]], *, kit_uid: str,
        county: str | None, at: datetime, source_id: str, schema: str | None,
        houses: list[Any], state: TaskState,
    ) -> tuple[dict[str, int], int]:  # fmt: skip
        office = self.ctx.db.folder.root
        tmp.mkdir()
        for name in (*SUBFOLDERS, KIT_FOLDER, THUMBS_FOLDER):
            (tmp / name).mkdir(exist_ok=True)
        kit_fid = str(uuid.uuid4())
        key = fc.load_key(fc.key_path(office, kit_fid), create=True)  # the office keeps it too
        fc.write_carried_key(tmp, kit_fid, key)
        note = {"kit_uid": kit_uid, "county": county or "", "exported_at": at.isoformat()}
        actor, user_id = self.ctx.actor, self.ctx.user_id

        def prepare(conn: Connection) -> None:
            _set(conn, fc.FOLDER_ID_KEY, kit_fid)
            _set(conn, FIELD_COPY_KEY, json.dumps(note, ensure_ascii=False))
            conn.execute(delete(Setting.__table__).where(Setting.key == SECOND_FOLDER.key))
            reencrypt_for_kit(conn, office, key, kit_fid)
            conn.execute(
                insert(AuditEvent.__table__).values(
                    uid=new_uid(), at=at, actor=actor, action="export", entity="field_kit",
                    entity_uid=kit_uid, user_id=user_id if user_id in rows["app_user"] else None,
                    summary=f"사무실 자료에서 현장용 사본으로 내보냈습니다 ({len(houses)}곳)",
                )
            )  # fmt: skip

        state.report(45, 100, "데이터베이스를 쓰는 중…")
        db = tmp / DB_FILENAME
        if self.ctx.db.server is None:  # the office file, attached read-only
            counts = write_subset(
                self.ctx.db.folder.db_path, db, rows, whole=WHOLE_TABLES, prepare=prepare
            )
        else:  # a server's database: read in this export's own transaction
            counts = write_subset_from(
                s.connection(), db, rows, whole=WHOLE_TABLES, prepare=prepare
            )
        state.check()
        photos = _photo_hashes(s, rows["photo"])
        thumbs = _thumbnails(office, photos, state.span(60, 95), kit=tmp)
        base = tmp / KIT_FOLDER / BASE_FILENAME
        shutil.copyfile(db, base)
        manifest = {
            "format": KIT_FORMAT,
            "kit_uid": kit_uid,
            "county": county,
            "source_folder_id": source_id,
            "schema_revision": schema,
            "exported_at": at.isoformat(),
            "exported_by": actor,
            "houses": [h.uid for h in houses],
            "base_sha256": sha256_file(base),
            "photos": {},  # originals carried (none at export: the thumbnails travel)
        }
        _write_durably(
            tmp / KIT_FOLDER / MANIFEST,
            json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
        )
        _fsync(base)
        return counts, thumbs


# --- what leaves the office ----------------------------------------------------------------------


def _ids(s: Session, stmt: Any) -> set[int]:
    return {i for i in s.scalars(stmt) if i is not None}


def _choose(s: Session, house_ids: list[int], visit: int | None) -> dict[str, set[int]]:
    """The ids per table that the kit holds (see the module's docstring)."""
    h = set(house_ids)
    r: dict[str, set[int]] = {"house": h}
    r["operator"] = _ids(s, select(House.operator_id).where(House.id.in_(h)))
    r["lease"] = _ids(s, select(Lease.id).where(Lease.house_id.in_(h)))
    r["owner"] = _ids(s, select(Lease.owner_id).where(Lease.id.in_(r["lease"])))
    r["development"] = _ids(s, select(Development.id).where(Development.house_id.in_(h)))
    dev = r["development"]
    r["obligation"] = _ids(s, select(Obligation.id).where(Obligation.development_id.in_(dev)))
    r["own_fund_payment"] = _ids(
        s, select(OwnFundPayment.id).where(OwnFundPayment.development_id.in_(dev))
    )
    r["designation"] = _ids(s, select(Designation.id).where(Designation.house_id.in_(h)))
    r["rent_support"] = _ids(
        s, select(RentSupport.id).where(RentSupport.designation_id.in_(r["designation"]))
    )
    r["expense"] = _ids(s, select(Expense.id).where(Expense.house_id.in_(h)))
    r["recruitment"] = _ids(s, select(Recruitment.id).where(Recruitment.house_id.in_(h)))
    r["stay"] = _ids(s, select(Stay.id).where(Stay.house_id.in_(h)))
    st = r["stay"]
    r["resident"] = _ids(s, select(Stay.resident_id).where(Stay.id.in_(st)))
    r["household_member"] = _ids(
        s, select(HouseholdMember.id).where(HouseholdMember.resident_id.in_(r["resident"]))
    )
    for model, name in ((RentCharge, "rent_charge"), (Payment, "payment"), (Deposit, "deposit")):
        r[name] = _ids(s, select(model.id).where(model.stay_id.in_(st)))
    r["applicant"] = _ids(
        s,
        select(Applicant.id).where(
            or_(
                Applicant.wanted_house_id.in_(h),
                Applicant.recruitment_id.in_(r["recruitment"]),
                Applicant.id.in_(
                    select(Resident.applicant_id).where(Resident.id.in_(r["resident"]))
                ),
            )
        ),
    )
    r["inspection"] = _ids(s, select(Inspection.id).where(Inspection.house_id.in_(h)))
    r["finding"] = _ids(
        s,
        select(Finding.id).where(
            Finding.inspection_id.in_(r["inspection"]), Finding.status == FindingStatus.OPEN
        ),
    )
    r["photo"] = _ids(s, select(Photo.id).where(Photo.house_id.in_(h)))
    r["visit"] = {visit} if visit is not None else set()
    r["visit_stop"] = _ids(
        s, select(VisitStop.id).where(VisitStop.visit_id.in_(r["visit"]), VisitStop.house_id.in_(h))
    )
    r["app_user"] = _ids(s, select(User.id).where(User.active.is_(True)))
    return r


def _photo_hashes(s: Session, photo_ids: Iterable[int]) -> list[tuple[str, str]]:
    ids = list(photo_ids)
    if not ids:
        return []
    rows = s.execute(select(Photo.sha256, Photo.stored_path).where(Photo.id.in_(ids))).all()
    return sorted({(r.sha256, r.stored_path) for r in rows})


def _thumbnails(
    office: Path, photos: list[tuple[str, str]], state: TaskState, *, kit: Path | None = None
) -> int:
    """The photos' thumbnails in the office's cache (made from the original where none is
    cached yet) and, with ``kit``, copied into the kit; how many there are."""
    from gwinong_desktop.media.errors import MediaError
    from gwinong_desktop.media.thumbs import DEFAULT_MAX_PX, ThumbnailCache

    cache = ThumbnailCache(office / THUMBS_FOLDER)
    kit_cache = ThumbnailCache((kit or office) / THUMBS_FOLDER)
    label = "사진 미리보기를 만드는 중…" if kit is None else "사진 미리보기를 옮기는 중…"
    made: set[Path] = set()
    copied = 0
    for n, (sha, stored) in enumerate(photos):
        state.check()
        state.report(n, len(photos), label)
        try:
            source = cache.get(sha, office / stored, DEFAULT_MAX_PX)
        except (MediaError, ValueError):
            continue  # the original is missing or unreadable: the laptop shows an empty tile
        copied += 1
        if kit is None:
            continue
        dest = kit_cache.path_for(sha, DEFAULT_MAX_PX)
        if dest.parent not in made:
            dest.parent.mkdir(exist_ok=True)
            made.add(dest.parent)
        shutil.copyfile(source, dest)
    return copied


# --- the kit's own rows -------------------------------------------------------------------------


def _set(conn: Connection, key: str, value: str) -> None:
    table = Setting.__table__
    done = conn.execute(update(table).where(table.c.key == key).values(value=value))
    if not done.rowcount:
        conn.execute(insert(table).values(key=key, value=value))


# --- files --------------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _move_into_place(tmp: Path, target: Path) -> None:
    """The finished kit under its name in one rename (an empty folder there is replaced)."""
    if target.exists():
        target.rmdir()
    os.replace(tmp, target)
    with contextlib.suppress(OSError):  # not every file system can fsync a folder
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
