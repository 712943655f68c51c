"""List exports ("엑셀로 내보내기" of a list on screen): the one door for writing a list's rows.

Every list page hands the rows it shows (its search, filters and sort) and its columns to
:meth:`ListExportService.export`, which

1. checks the permission (``Permission.EXPORT_LIST``; ticking "개인정보 포함" needs
   ``Permission.EXPORT_PERSONAL`` too, see ``privacy.export_policy``),
2. masks the columns that hold personal data (names, phone numbers, birth dates, addresses)
   unless "개인정보 포함" was ticked — the page's own display is not trusted for that,
3. writes the workbook with ``exchange.table.write_table`` (a cancel writes nothing), and
4. writes the access record: what was exported, how many rows, the file, and whether personal
   data was in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.exchange.table import Column, TableSummary, write_table

from .context import ServiceContext
from .privacy import PersonalDataPolicy, export_policy, log_export

PERSONAL_KINDS: dict[str, Callable[[PersonalDataPolicy, Any], Any]] = {
    "name": PersonalDataPolicy.name,
    "phone": PersonalDataPolicy.phone,
    "birth": PersonalDataPolicy.birth,
    "address": PersonalDataPolicy.address,
}
"""What a personal column may hold, and how the policy shows it."""


class ListExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def export(
        self,
        path: Path | str,
        columns: Sequence[Column | str],
        rows: Sequence[Sequence[object]],
        *,
        what: str,
        entity: str,
        sheet: str = "",
        personal: Mapping[int, str] | None = None,
        include_personal: bool = False,
        state: TaskState | None = None,
    ) -> TableSummary:
        """Write ``rows`` under ``columns`` to ``path`` and record the export.

        ``what`` names the list in the access record ("귀농인의 집 목록"), ``entity`` is the
        record's kind of row ("house"); ``personal`` maps a column's index to the kind of
        personal data it holds (a key of :data:`PERSONAL_KINDS`). Raises ``NotPermitted`` for a
        role that may not, ``domain.progress.Cancelled`` (no file, no record) on a cancel.
        """
        self.ctx.require(Permission.EXPORT_LIST)
        policy = export_policy(self.ctx, include_personal)
        masks = {index: PERSONAL_KINDS[kind] for index, kind in (personal or {}).items()}
        if masks and not policy.include:
            rows = [_masked(row, masks, policy) for row in rows]
        path = Path(path)
        summary = write_table(
            path, columns, rows, sheet=sheet or what, state=state, label=f"{what} 쓰는 중"
        )
        with self.ctx.write() as session:
            log_export(session, entity, f"{what} {summary.rows:,}건 내보내기: {path.name}", policy)
        return summary


def _masked(
    row: Sequence[object],
    masks: Mapping[int, Callable[[PersonalDataPolicy, Any], Any]],
    policy: PersonalDataPolicy,
) -> list[object]:
    out = list(row)
    for index, mask in masks.items():
        if index < len(out) and out[index] is not None:
            out[index] = mask(policy, out[index])
    return out
