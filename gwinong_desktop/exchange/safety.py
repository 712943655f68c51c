"""Opening an untrusted workbook safely: what the file is, and limits checked before loading.

An officer picks any file: an old .xls, an encrypted workbook (both OLE compound files, first
bytes D0 CF 11 E0), a CSV renamed .xlsx, a Word document, a zip bomb. Each is refused here with a
Korean message before openpyxl reads anything large.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS = (
    "Excel에서 열어 '다른 이름으로 저장' → 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 골라 주세요."
)


@dataclass(frozen=True)
class Limits:
    """How big a workbook may be. A register has a few thousand rows and under 40 columns."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_unzipped_bytes: int = 400 * 1024 * 1024
    max_zip_entries: int = 5000
    max_sheets: int = 50
    max_rows: int = 200_000  # per sheet
    max_columns: int = 100
    max_cells: int = 5_000_000  # cell elements read from one workbook


class WorkbookError(Exception):
    """The file cannot be read as a workbook; ``message`` is Korean, for the officer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_file(path: Path, limits: Limits) -> None:
    """Refuse a file that is not a readable .xlsx, or is too big, before openpyxl opens it."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"파일이 없습니다: {path}")
    if not path.is_file():
        raise WorkbookError(f"파일이 아닙니다: {path}")
    size = path.stat().st_size
    if size == 0:
        raise WorkbookError(f"빈 파일입니다: {path.name}")
    if size > limits.max_file_bytes:
        raise WorkbookError(
            f"파일이 너무 큽니다: {size / 1_048_576:,.1f} MB "
            f"(읽을 수 있는 한도 {limits.max_file_bytes / 1_048_576:,.0f} MB). "
            "관리대장에 필요한 시트만 새 통합 문서에 복사해 주세요."
        )
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        _refuse_ole(path, size)
    if not head.startswith(ZIP_MAGIC):
        raise WorkbookError(_not_a_workbook(path, head))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError(
            f"파일이 손상되어 열 수 없습니다: {path.name}. Excel에서 열리는지 확인하고 다시 "
            "저장해 주세요."
        ) from None
    _check_package(path, names)
    if len(infos) > limits.max_zip_entries:
        count = len(infos)
        raise WorkbookError(f"통합 문서의 구성 파일이 너무 많습니다 ({count:,}개): {path.name}")
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.max_unzipped_bytes:
        raise WorkbookError(
            f"통합 문서의 내용이 너무 큽니다 (압축을 풀면 {unzipped / 1_048_576:,.0f} MB, 한도 "
            f"{limits.max_unzipped_bytes / 1_048_576:,.0f} MB): {path.name}"
        )


def _refuse_ole(path: Path, size: int) -> None:
    with open(path, "rb") as fh:
        data = fh.read(min(size, 8 * 1024 * 1024))
    if _ENCRYPTED_MARK in data:
        raise WorkbookError(
            f"암호가 걸린 통합 문서입니다: {path.name}. Excel에서 열어 '파일 → 정보 → 통합 문서 "
            "보호 → 암호 설정'에서 암호를 지우고 저장한 뒤 다시 골라 주세요."
        )
    raise WorkbookError(
        f"예전 Excel 형식(.xls)이거나 암호가 걸린 파일입니다: {path.name}. 암호가 있으면 "
        f"암호를 지우고, {_SAVE_AS}"
    )


def _not_a_workbook(path: Path, head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<html", b"<!doct", b"<table")):
        what = "웹 페이지(HTML) 형식의 파일입니다"
    elif start.startswith(b"<?xml"):
        what = "XML 형식의 파일입니다 (예전 'XML 스프레드시트'일 수 있습니다)"
    elif start.startswith(b"%pdf"):
        what = "PDF 파일입니다"
    elif head[:4] == b"HWP " or head.startswith(b"\x1f\x8b"):
        what = "Excel 통합 문서가 아닙니다"
    else:
        what = (
            "Excel 통합 문서(.xlsx)가 아닙니다 "
            "(텍스트·CSV 파일이거나 이름만 바꾼 파일일 수 있습니다)"
        )
    return f"{what}: {path.name}. {_SAVE_AS}"


def _check_package(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" in names or any(n.startswith("xl/workbook") for n in names):
        return
    if "word/document.xml" in names:
        what = "Word 문서입니다"
    elif any(n.startswith("ppt/") for n in names):
        what = "PowerPoint 문서입니다"
    elif "mimetype" in names and "content.xml" in names:
        what = "OpenDocument(.ods 등) 파일입니다"
    elif any(n.lower().startswith("contents/") for n in names):
        what = "한글(HWPX) 문서입니다"
    else:
        what = "Excel 통합 문서가 아닌 압축(zip) 파일입니다"
    raise WorkbookError(f"{what}: {path.name}. {_SAVE_AS}")


def sheet_too_big(rows: int | None, columns: int | None, limits: Limits) -> str | None:
    """The reason a sheet is refused for its size, or None."""
    rows, columns = rows or 0, columns or 0
    if rows <= limits.max_rows and columns <= limits.max_columns:
        return None
    return (
        f"시트가 너무 큽니다: {rows:,}행 × {columns:,}열 (읽을 수 있는 한도 "
        f"{limits.max_rows:,}행 × {limits.max_columns:,}열). 빈 행과 열을 지우거나, 자료가 있는 "
        "부분만 새 시트에 복사해 주세요."
    )
