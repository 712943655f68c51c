"""The reports archive: every exported report kept, byte for byte, in the data folder.

Every report the officer exports (a workbook, a PDF) goes through one step,
:func:`export_and_keep`: the target's name is checked, the file is written by the report's own
writer (beside the target, then in its place), a locked or unwritable target is refused in words
the officer reads, and the file is handed to :func:`keep_export`, which

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.errors import ExitCode, Refusal
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


class ExportError(Refusal):
    """A report that cannot be written where the officer asked (the message says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


class Written(Protocol):
    """What a report's writer says it wrote (``exchange.table.TableSummary``,
    ``reports.progress_report.FormSummary``...)."""

    rows: int
    cleaned_texts: int


@dataclass(frozen=True)
class ReportExport:
    """What an export wrote: the file, its rows, the archive's copy.

    ``title`` is what the access record says it was ("거주자 명부 12명"); ``personal`` whether
    names and the like are in it in full, None for a form that holds no personal data at all."""

    path: Path
    rows: int
    kept: KeptReport
    title: str
    personal: bool | None = None
    cleaned_texts: int = 0

    def describe(self) -> str:
        if self.personal is None:
            return self.title
        return PersonalDataPolicy(include=self.personal).describe(self.title)


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


def _written(path: Path, suffix: str, write: Callable[[], Written]) -> Written:
    """``write()`` of the file ``path``, its failures as the officer reads them."""
    if path.suffix.lower() != suffix:
        raise ExportError(f"파일 이름은 {suffix} 로 끝나야 합니다: {path.name}")
    try:
        return write()
    except PermissionError:
        raise ExportError(
            f"'{path.name}' 파일을 저장할 수 없습니다. 파일이 Excel 등 다른 프로그램에서 열려 "
            "있거나 그 폴더에 쓸 권한이 없습니다. 파일을 닫거나 다른 폴더를 고르세요."
        ) from None
    except FileNotFoundError:
        raise ExportError(f"저장할 폴더가 없습니다: {path.parent}") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise ExportError(f"'{path.name}' 파일을 저장할 수 없습니다: {reason}") from None


def export_and_keep(
    ctx: ServiceContext,
    path: Path | str,
    write: Callable[[], Written],
    *,
    kind: ReportKind,
    year: int,
    what: str,
    entity: str,
    policy: PersonalDataPolicy | None = None,
    month: int | None = None,
    note: str | None = None,
    rows: int | None = None,
    suffix: str = ".xlsx",
) -> ReportExport:
    """The one export step of every report: ``write()`` the file ``path`` (the report's writer
    writes beside it and moves it in place), then keep it in the archive with its row and the
    access record (:func:`keep_export`). ``policy`` None: the form holds no personal data.
    ``rows``: what the officer is told was exported (else the writer's count). Nothing is kept
    when the write fails; a locked or unwritable target is an :class:`ExportError`."""
    path = Path(path)
    summary = _written(path, suffix, write)
    kept = keep_export(
        ctx, path, kind=kind, year=year, month=month, what=what, entity=entity,
        policy=policy or PersonalDataPolicy(include=False), note=note,
    )  # fmt: skip
    return ReportExport(
        path, summary.rows if rows is None else rows, kept, what,
        None if policy is None else policy.include, summary.cleaned_texts,
    )  # fmt: skip


@dataclass(frozen=True)
class WrittenBytes:
    rows: int = 1
    cleaned_texts: int = 0


def write_bytes(data: bytes, path: Path) -> WrittenBytes:
    """``data`` (a document made in memory, a PDF) written to ``path``: beside it first, then in
    its place, so a failed write leaves no half file. The writer :func:`export_and_keep` calls
    for such a document."""
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
    return WrittenBytes()
