"""Scanned documents (첨부서류): stored byte-for-byte under ``attachments/``, named by SHA-256.

A file is copied into the content store first, then its ``Attachment`` row is written in the
caller's write unit; when that unit fails, a file this call added is removed again (a file that
was already there — the same scan attached twice — stays). Opening a document means handing the
UI its absolute path; the UI opens it with the system viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.periods import format_period
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import BAD_FILE, NOT_FOUND, RuleResult, refuse
from gwinong_desktop.media.errors import MediaError
from gwinong_desktop.media.store import ContentStore, StoredFile, extension_of, sha256_of_file
from gwinong_desktop.storage.models import Attachment, Development, Lease

from .context import ServiceContext
from .rule_gate import FormRefused, archive, required, unarchive

ALLOWED_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "tif", "tiff", "bmp", "gif", "hwp", "hwpx")
MAX_BYTES = 200 * 1024 * 1024
FILE_FILTER = "스캔 문서 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.hwp *.hwpx);;모든 파일 (*)"


@dataclass(frozen=True)
class PendingFile:
    """A file the officer chose to attach when the form is saved."""

    kind: AttachmentKind
    path: Path
    note: str = ""


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    kind: AttachmentKind
    original_name: str
    size_bytes: int
    added_at: datetime
    belongs_to: str  # "임대차계약 2019.3.1.~2026.2.28.", "조성사업 2019년", "귀농인의 집"
    lease_id: int | None
    development_id: int | None
    note: str
    archived: bool
    sha256: str


def check_file(path: Path, field: str = "file") -> list[RuleResult]:
    """REFUSE a path that is not a readable scan (missing, a folder, an odd type, too big)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        return [refuse(field, f"파일을 찾을 수 없습니다: {name}", code=BAD_FILE, value=name)]
    ext = path.suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        kinds = ", ".join(e.upper() for e in ALLOWED_EXTENSIONS[:5])
        return [
            refuse(
                field,
                f"'{name}'은(는) 첨부할 수 있는 문서가 아닙니다. {kinds} 등 스캔 파일을 고르세요.",
                code=BAD_FILE,
                value=name,
            )
        ]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [
            refuse(
                field,
                f"'{name}'은(는) 너무 큽니다({size / 1024 / 1024:,.0f}MB). "
                f"{MAX_BYTES // 1024 // 1024}MB 이하로 스캔하세요.",
                code=BAD_FILE,
                value=name,
            )
        ]
    return []


class FileBatch:
    """Files put into the store for one write unit; :meth:`discard` removes those it added."""

    def __init__(self, root: Path) -> None:
        self.store = ContentStore(root, "attachments")
        self._added: list[Path] = []

    def put(self, path: Path) -> StoredFile:
        path = Path(path)
        try:
            sha = sha256_of_file(path)
            final = self.store.path_of(f"attachments/{sha[:2]}/{sha}.{extension_of(path.name)}")
            existed = final.is_file()
            stored = self.store.put_file(path)
        except MediaError as exc:
            raise FormRefused([refuse("file", exc.message, code=BAD_FILE)]) from exc
        if not existed:
            self._added.append(self.store.path_of(stored.relative_path))
        return stored

    def discard(self) -> None:
        for path in self._added:
            path.unlink(missing_ok=True)
        self._added.clear()


def add_files(
    session: Session,
    batch: FileBatch,
    files: list[PendingFile],
    *,
    house_id: int | None,
    lease_id: int | None = None,
    development_id: int | None = None,
    expense_id: int | None = None,
) -> list[Attachment]:
    """Store ``files`` and write their rows in ``session`` (the caller's write unit)."""
    rows = []
    for item in files:
        stored = batch.put(item.path)
        rows.append(
            Attachment(
                kind=item.kind,
                house_id=house_id,
                lease_id=lease_id,
                development_id=development_id,
                expense_id=expense_id,
                sha256=stored.sha256,
                stored_path=stored.relative_path,
                original_name=stored.original_name[:300],
                size_bytes=stored.size_bytes,
                note=(item.note or "").strip() or None,
            )
        )
    session.add_all(rows)
    return rows


class AttachmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def root(self) -> Path:
        return self.ctx.db.folder.root

    def for_house(
        self, house_id: int, *, include_archived: bool = False, lease_id: int | None = None
    ) -> list[AttachmentRow]:
        """The house's documents and those of its leases and works (or of one lease)."""
        with self.ctx.read() as session:
            leases = {
                lid: format_period(s, e)
                for lid, s, e in session.execute(
                    select(Lease.id, Lease.start_on, Lease.end_on).where(Lease.house_id == house_id)
                )
            }
            devs = dict(
                session.execute(
                    select(Development.id, Development.year).where(Development.house_id == house_id)
                ).all()
            )
            if lease_id is not None:
                where = Attachment.lease_id == lease_id
            else:
                where = or_(
                    Attachment.house_id == house_id,
                    Attachment.lease_id.in_(list(leases) or [-1]),
                    Attachment.development_id.in_(list(devs) or [-1]),
                )
            stmt = select(Attachment).where(where).order_by(Attachment.created_at, Attachment.id)
            if not include_archived:
                stmt = stmt.where(Attachment.archived_at.is_(None))
            rows = []
            for a in session.scalars(stmt):
                if a.lease_id is not None and a.lease_id in leases:
                    belongs = f"임대차계약 {leases[a.lease_id]}"
                elif a.development_id is not None and a.development_id in devs:
                    belongs = f"조성사업 {devs[a.development_id]}년"
                else:
                    belongs = "귀농인의 집"
                rows.append(
                    AttachmentRow(
                        id=a.id,
                        kind=a.kind,
                        original_name=a.original_name,
                        size_bytes=a.size_bytes,
                        added_at=a.created_at,
                        belongs_to=belongs,
                        lease_id=a.lease_id,
                        development_id=a.development_id,
                        note=a.note or "",
                        archived=a.archived_at is not None,
                        sha256=a.sha256,
                    )
                )
            return rows

    def attach(
        self,
        item: PendingFile,
        *,
        house_id: int | None = None,
        lease_id: int | None = None,
        development_id: int | None = None,
    ) -> int:
        """Attach one file to a house, a lease or works; returns the attachment's id."""
        self.ctx.require(Permission.EDIT)
        refused = check_file(item.path)
        if refused:
            raise FormRefused(refused)
        if house_id is None and lease_id is None and development_id is None:
            raise FormRefused([required("house_id", "첨부할 대상")])
        batch = FileBatch(self.root)
        try:
            with self.ctx.write() as session:
                if house_id is None and lease_id is not None:
                    lease = session.get(Lease, lease_id)
                    house_id = lease.house_id if lease else None
                (row,) = add_files(
                    session,
                    batch,
                    [item],
                    house_id=house_id,
                    lease_id=lease_id,
                    development_id=development_id,
                )
                session.flush()
                return row.id
        except BaseException:
            batch.discard()
            raise

    def path_of(self, attachment_id: int) -> Path:
        """The absolute path of the stored file (for the system viewer)."""
        with self.ctx.read() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise FormRefused([refuse(None, "첨부서류를 찾을 수 없습니다.", code=NOT_FOUND)])
            store = ContentStore(self.root, "attachments")
            path = store.path_of(attachment.stored_path)
            if not path.is_file():
                raise FormRefused(
                    [
                        refuse(
                            None,
                            f"'{attachment.original_name}' 파일이 자료 폴더에 없습니다 "
                            f"({attachment.stored_path}). 백업에서 되살려 주세요.",
                            code=NOT_FOUND,
                        )
                    ]
                )
            return path

    def archive(self, attachment_id: int, reason: str) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise FormRefused([refuse(None, "첨부서류를 찾을 수 없습니다.", code=NOT_FOUND)])
            archive(attachment, reason)

    def restore(self, attachment_id: int) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is not None:
                unarchive(attachment)
