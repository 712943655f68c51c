"""Demo photo and attachment files: made at the end of a build, removed again if it fails.

Photos are planned as ``PhotoSpec`` while the records are generated and only turned into files
once every other row is ready, just before the commit. If the build is cancelled or fails after
that, the files this build added to ``photos/`` and ``attachments/`` are deleted again, so no
file is left that no row refers to (files that were already there are never touched).
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from gwinong_desktop.domain.enums import AttachmentKind, PhotoPhase, PhotoSlot
from gwinong_desktop.media.store import ContentStore, StoredFile
from gwinong_desktop.storage.models import Attachment, Photo

from .rows import Rows


@dataclass
class PhotoSpec:
    house_id: int
    phase: PhotoPhase
    slot: PhotoSlot | None
    taken_at: datetime  # aware, KST
    latitude: Decimal
    longitude: Decimal
    caption: str
    seed: int
    inspection_id: int | None = None


@dataclass
class AttachmentSpec:
    kind: AttachmentKind
    entered_on: date
    title: str  # ASCII text printed in the PDF
    original_name: str
    house_id: int | None = None
    lease_id: int | None = None
    resident_id: int | None = None
    applicant_id: int | None = None
    development_id: int | None = None
    note: str | None = None
    expense_id: int | None = None


class FileSink:
    """Puts files into the data folder's stores and remembers which ones are new."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.stores = {kind: ContentStore(self.root, kind) for kind in ("photos", "attachments")}
        self._existing: dict[str, set[str]] = {}
        self.added: list[Path] = []

    def _known(self, kind: str) -> set[str]:
        if kind not in self._existing:
            folder = self.stores[kind].folder
            self._existing[kind] = (
                {p.relative_to(self.root).as_posix() for p in folder.rglob("*") if p.is_file()}
                if folder.is_dir()
                else set()
            )
        return self._existing[kind]

    def put(self, kind: str, data: bytes, name: str) -> StoredFile:
        known = self._known(kind)
        stored = self.stores[kind].put_bytes(data, name)
        if stored.relative_path not in known:
            known.add(stored.relative_path)
            self.added.append(self.stores[kind].path_of(stored.relative_path))
        return stored

    def discard(self) -> None:
        """Delete the files this build added (after a cancel or a failure)."""
        for path in self.added:
            with contextlib.suppress(OSError):
                path.unlink()
        self.added.clear()


PhotoMaker = Callable[[PhotoSpec], tuple[bytes, int, int]]


def write_photos(
    rows: Rows,
    files: FileSink,
    specs: list[PhotoSpec],
    make: PhotoMaker,
    tick: Callable[[int], None],
    every: int = 1,
) -> None:
    """Make, store and record each planned photo; ``tick(n)`` after every ``every`` photos."""
    for index, spec in enumerate(specs, start=1):
        data, width, height = make(spec)
        local = spec.taken_at
        stored = files.put("photos", data, f"IMG_{local:%Y%m%d_%H%M%S}.jpg")
        rows.add(
            Photo,
            local.date(),
            house_id=spec.house_id,
            inspection_id=spec.inspection_id,
            slot=spec.slot,
            phase=spec.phase,
            sha256=stored.sha256,
            stored_path=stored.relative_path,
            original_name=stored.original_name,
            size_bytes=stored.size_bytes,
            width=width,
            height=height,
            taken_at=local.astimezone(UTC),
            latitude=spec.latitude,
            longitude=spec.longitude,
            caption=spec.caption,
        )
        if index % every == 0 or index == len(specs):
            tick(every if index % every == 0 else index % every)


def write_attachments(rows: Rows, files: FileSink, specs: list[AttachmentSpec]) -> None:
    for spec in specs:
        stored = files.put("attachments", tiny_pdf(spec.title), spec.original_name)
        rows.add(
            Attachment,
            spec.entered_on,
            kind=spec.kind,
            house_id=spec.house_id,
            lease_id=spec.lease_id,
            resident_id=spec.resident_id,
            applicant_id=spec.applicant_id,
            development_id=spec.development_id,
            expense_id=spec.expense_id,
            sha256=stored.sha256,
            stored_path=stored.relative_path,
            original_name=stored.original_name,
            size_bytes=stored.size_bytes,
            note=spec.note,
        )


def tiny_pdf(text: str) -> bytes:
    """A valid one-page A4 PDF printing ``text`` (ASCII) — a stand-in for a scanned document."""
    safe = "".join(ch if 32 <= ord(ch) < 127 and ch not in "()\\" else " " for ch in text)
    lines = [safe[i : i + 80] for i in range(0, len(safe), 80)] or [""]
    ops = ["BT", "/F1 14 Tf", "56 780 Td", "18 TL"]
    ops += [f"({line}) Tj T*" for line in lines]
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("ascii"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
