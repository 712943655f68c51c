"""A column mapping kept in a file (``열 맞춤 파일``, JSON) to hand to a headless import.

The import wizard saves the mapping it used; ``import-register FILE --mapping MAP.json`` reads
it back. Each entry names a sheet, what it holds and, per source column, the field it feeds;
an entry applies to a sheet of the workbook with the same headers (the same sheet name first).
A field may be written as its key (``program_year``) or as what the wizard shows ("조성연도"),
so a file can be edited by hand. Sheets no entry fits are not read; a file that fits no sheet,
or names a field that does not exist, is refused with a Korean message that says where.
Standard library and ``domain`` only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gwinong_desktop.domain.errors import ExitCode, Refusal

from .mapping import KIND_LABELS, RegisterMapping, SheetMapping, target_label, targets

if TYPE_CHECKING:
    from .reader import WorkbookLayout

FORMAT = "gwinong-register-mapping"
VERSION = 1
_KINDS_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}


class MappingFileError(Refusal):
    """A mapping file that cannot be used; nothing was read with it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


def mapping_document(mapping: RegisterMapping) -> dict[str, Any]:
    """The mapping as the file holds it."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "sheets": [
            {
                "sheet": sheet.sheet,
                "kind": sheet.kind,
                "header_row": sheet.header_row,
                "columns": [
                    {"header": header, "field": key, "label": target_label(sheet.kind, key)}
                    for header, key in zip(sheet.headers, sheet.targets, strict=True)
                ],
            }
            for sheet in mapping.sheets
            if sheet.headers
        ],
    }


def write_mapping_file(path: Path | str, mapping: RegisterMapping) -> Path:
    path = Path(path)
    text = json.dumps(mapping_document(mapping), ensure_ascii=False, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise MappingFileError(
            f"열 맞춤 파일을 저장할 수 없습니다: {path} ({exc.strerror or exc})"
        ) from None
    return path


def read_mapping_file(path: Path | str, layout: WorkbookLayout) -> RegisterMapping:
    """The mapping in ``path`` applied to the sheets of ``layout``."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise MappingFileError(
            f"열 맞춤 파일을 읽을 수 없습니다: {path} ({exc.strerror or exc})"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MappingFileError(
            f"열 맞춤 파일이 JSON 형식이 아닙니다: {path.name} ({exc.__class__.__name__})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise MappingFileError(
            f"관리대장 열 맞춤 파일이 아닙니다: {path.name} (가져오기 창에서 저장한 파일을 "
            "고르세요)"
        )
    if document.get("version", VERSION) > VERSION:
        raise MappingFileError(
            f"더 새로운 판에서 저장한 열 맞춤 파일이어서 읽을 수 없습니다: {path.name}"
        )
    entries = [_entry(path.name, n, e) for n, e in enumerate(document.get("sheets") or [], 1)]
    sheets: list[SheetMapping] = []
    used: set[int] = set()
    for sheet in layout.sheets:
        headers = [h.strip() for h in sheet.headers]
        fits = [i for i, e in enumerate(entries) if e["headers"] == headers and i not in used]
        fits.sort(key=lambda i: entries[i]["sheet"] != sheet.name)
        if not sheet.headers or not fits:
            sheets.append(SheetMapping(sheet.name, "", sheet.header_row, sheet.headers,
                                       [""] * len(sheet.headers), origin="file"))  # fmt: skip
            continue
        entry = entries[fits[0]]
        used.add(fits[0])
        sheets.append(
            SheetMapping(sheet.name, entry["kind"], sheet.header_row, list(sheet.headers),
                         entry["targets"], samples=sheet.samples, origin="file")
        )  # fmt: skip
    if not used:
        wanted = "; ".join(f"'{e['sheet']}': {', '.join(e['headers'])}" for e in entries)
        raise MappingFileError(
            f"열 맞춤 파일 {path.name}의 머리글이 이 통합 문서의 어느 시트와도 맞지 않습니다. "
            f"파일에 적힌 머리글: {wanted or '(없음)'}"
        )
    return RegisterMapping(sheets)


def _entry(name: str, number: int, entry: object) -> dict[str, Any]:
    where = f"열 맞춤 파일 {name}의 {number}번째 시트"
    if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list):
        raise MappingFileError(f"{where}에 열 목록(columns)이 없습니다")
    kind = entry.get("kind", "")
    kind = _KINDS_BY_LABEL.get(kind, kind)
    if kind not in KIND_LABELS:
        kinds = ", ".join(f"'{k}'" for k in KIND_LABELS if k)
        raise MappingFileError(f"{where}: 자료 종류 '{kind}'을(를) 알 수 없습니다 ({kinds})")
    known = {t.key: t.key for t in targets(kind)}
    known |= {t.label: t.key for t in targets(kind)}
    known |= {t.label.split(" (")[0]: t.key for t in targets(kind) if t.key}
    headers, chosen = [], []
    for column in entry["columns"]:
        if not isinstance(column, dict):
            raise MappingFileError(f"{where}: 열 항목은 머리글(header)과 항목(field)입니다")
        header = str(column.get("header", "")).strip()
        field = str(column.get("field", "") or "")
        if field not in known:
            raise MappingFileError(
                f"{where}의 열 '{header}': 가져올 항목 '{field}'을(를) 알 수 없습니다"
            )
        headers.append(header)
        chosen.append(known[field])
    return {"sheet": str(entry.get("sheet", "")), "kind": kind, "headers": headers,
            "targets": chosen}  # fmt: skip
