"""The reports archive: every exported report kept, byte for byte, in the data folder.

Whatever writes a report for the officer (a workbook, a PDF; the residents' reports now, the
province's reports later) hands the file it wrote to :func:`keep_export`, which

1. copies it, exactly as written, to ``reports/<year>/`` in the data folder under a name that
   never replaces an earlier report (the time it was kept, then the file's own name),
2. writes its ``report`` row (kind, year, month, where it is kept, SHA-256, who made it) and the
   export's access record (``privacy.log_export``: personal data included or masked) in one
   transaction; when that fails the copy is removed again, so no file is kept without its row
   and no row names a file that is not there.

The row's ``stored_path`` is relative to the data folder (``reports/2025/…``), so a data folder
moved or restored elsewhere still finds its reports.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.storage.models import Report

from .context import ServiceContext
from .privacy import PersonalDataPolicy, log_export

ARCHIVE_FOLDER = "reports"
_NAME_LIMIT = 120  # characters of the original name kept in the archived file's name


@dataclass(frozen=True)
class KeptReport:
    """A report as the archive keeps it."""

    id: int
    kind: ReportKind
    year: int
    path: Path  # the exported file the officer chose
    stored_path: str  # relative to the data folder
    sha256: str
    size_bytes: int


def _archive_name(folder: Path, written: Path, now: datetime) -> Path:
    stem = written.stem[:_NAME_LIMIT] or "report"
    base = f"{now:%Y%m%d-%H%M%S}-{stem}"
    candidate = folder / f"{base}{written.suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base}-{number}{written.suffix}"
        number += 1
    return candidate


def _copy_exclusive(source: Path, folder: Path, now: datetime) -> tuple[Path, str, int]:
    """Copy ``source`` into ``folder`` under a new name; its path, SHA-256 and size."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    while True:
        target = _archive_name(folder, source, now)
        try:
            # "x": never over a report another export kept a moment ago
            with open(target, "xb") as out, open(source, "rb") as src:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except FileExistsError:
            continue
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        break
    return target, digest.hexdigest(), size


def keep_export(
    ctx: ServiceContext,
    written: Path,
    *,
    kind: ReportKind,
    year: int,
    what: str,
    entity: str,
    policy: PersonalDataPolicy,
    month: int | None = None,
    note: str | None = None,
) -> KeptReport:
    """Keep the file ``written`` (already in the officer's place) in the archive with its row
    and the export's access record; see the module's docstring. ``what`` is the access record's
    description ("거주자 명부 12명"), ``entity`` the kind of record it is about."""
    root = ctx.db.folder.root
    now = datetime.now()
    copy, sha256, size = _copy_exclusive(Path(written), root / ARCHIVE_FOLDER / str(year), now)
    stored = copy.relative_to(root).as_posix()
    try:
        with ctx.write() as session:
            row = Report(
                kind=kind, year=year, month=month, stored_path=stored, sha256=sha256,
                created_by=ctx.actor, note=note,
            )  # fmt: skip
            session.add(row)
            log_export(session, entity, f"{what}: {Path(written).name}", policy)
            session.flush()
            report_id = row.id
    except BaseException:
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    return KeptReport(report_id, kind, year, Path(written), stored, sha256, size)


def write_and_keep(
    ctx: ServiceContext,
    data: bytes,
    path: Path,
    *,
    kind: ReportKind,
    year: int,
    what: str,
    entity: str,
    policy: PersonalDataPolicy,
    month: int | None = None,
) -> KeptReport:
    """Write ``data`` (a document made in memory, a PDF) to ``path`` — beside it first, then in
    its place, so a failed write leaves no half file — and keep it as :func:`keep_export` does."""
    path = Path(path)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.part")
    try:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return keep_export(
        ctx, path, kind=kind, year=year, what=what, entity=entity, policy=policy, month=month
    )
