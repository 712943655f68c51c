"""The register workbook: export everything to it, import it (all or nothing, idempotent).

``RegisterService(ctx)`` is used by the CLI and the import wizard alike. Long work takes plain
``progress(done, total, label)`` and ``cancelled()`` callables (no Qt). An import reads the
whole workbook, checks every row (``plan``), and only then writes, in one transaction with Core
bulk inserts and one summary audit event; a refusal or a cancel leaves the database as it was.
Column mappings chosen in the wizard are remembered in the ``setting`` table under
``register_mapping:<hash of the source headers>``. Importing (and remembering a mapping) needs
``Permission.IMPORT``, exporting ``Permission.EXPORT_REGISTER``; reading a workbook and checking
it (the preview) need neither.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.exchange.mapping import RegisterMapping, SheetMapping
from gwinong_desktop.exchange.reader import WorkbookLayout, open_book, read_mapped
from gwinong_desktop.exchange.register_format import Problem, RegisterData
from gwinong_desktop.exchange.safety import Cancelled, Limits, WorkbookError
from gwinong_desktop.exchange.writer import write_register
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.models import Setting

from ..context import ServiceContext
from .collect import collect
from .plan import Counts, ImportPlan, plan_import
from .store import total_rows, write_plan

__all__ = [
    "Counts",
    "ExportSummary",
    "ImportPlan",
    "ImportSummary",
    "Problem",
    "RegisterCancelled",
    "RegisterError",
    "RegisterRefused",
    "RegisterService",
]

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]
MAPPING_KEY = "register_mapping:"
STEPS = 1000  # overall progress is reported in thousandths


class RegisterError(Exception):
    """The workbook cannot be read at all; ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegisterRefused(RegisterError):
    """The import found problems and wrote nothing; ``plan`` lists every one."""

    def __init__(self, plan: ImportPlan) -> None:
        count = len(plan.refusals)
        super().__init__(f"관리대장에 고칠 곳이 {count:,}군데 있어 아무것도 가져오지 않았습니다.")
        self.plan = plan


class RegisterCancelled(RegisterError):
    """The officer cancelled; nothing was written."""

    def __init__(self, message: str = "취소했습니다. 데이터는 그대로입니다.") -> None:
        super().__init__(message)


@dataclass
class ImportSummary:
    source: str
    counts: Counts
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    def describe(self) -> str:
        return f"관리대장 가져오기({self.source}): {self.counts.describe()}"


@dataclass
class ExportSummary:
    path: Path
    houses: int
    residents: int
    payments: int
    cleaned_texts: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        return (
            f"관리대장 내보내기({self.path.name}): 귀농인의 집 {self.houses:,}개소, "
            f"입주 {self.residents:,}건, 납부 {self.payments:,}건"
        )


class _Phase:
    """Maps a phase's own (done, total) onto a share of the overall progress."""

    def __init__(self, progress: Progress | None, cancelled: IsCancelled | None) -> None:
        self.progress = progress
        self.cancelled = cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled

    def span(self, start: int, end: int) -> Progress:
        def report(done: int, total: int, label: str) -> None:
            self.check()
            if self.progress is not None:
                share = done / total if total else 0
                self.progress(start + int((end - start) * min(share, 1)), STEPS, label)

        return report


class RegisterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- export -----------------------------------------------------------------------------

    def collect(self) -> RegisterData:
        """The database as register rows (what the export writes)."""
        with self.ctx.read() as session:
            return collect(session)

    def export(
        self,
        path: Path | str,
        *,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> ExportSummary:
        """Write the whole register to ``path``; a cancel leaves no file and no event."""
        self.ctx.require(Permission.EXPORT_REGISTER)
        started = time.perf_counter()
        path = Path(path)
        phases = _Phase(progress, cancelled)
        try:
            reading = phases.span(0, 150)
            with self.ctx.read() as session:
                steps = iter(range(1, 4))
                data = collect(session, lambda label: reading(next(steps), 3, label))
            phases.check()
            result = write_register(
                path, data, progress=phases.span(150, STEPS), cancelled=cancelled
            )
        except Cancelled:
            raise RegisterCancelled("내보내기를 취소했습니다. 파일을 만들지 않았습니다.") from None
        summary = ExportSummary(
            path, len(data.houses), len(data.residents), len(data.payments),
            result.cleaned_texts, time.perf_counter() - started,
        )  # fmt: skip
        with self.ctx.write() as session:
            log_event(session, "export", "register", summary.describe())
        return summary

    # --- mappings ---------------------------------------------------------------------------

    def inspect(self, path: Path | str, limits: Limits | None = None) -> WorkbookLayout:
        """The workbook's sheets and headers (only the first rows are read)."""
        try:
            with open_book(path, limits) as book:
                return book.layout()
        except WorkbookError as exc:
            raise RegisterError(exc.message) from None

    def mapping_for(self, layout: WorkbookLayout) -> RegisterMapping:
        """The remembered mapping of each sheet's headers, else a guess."""
        guessed = layout.guess_mapping()
        with self.ctx.read() as session:
            keys = [MAPPING_KEY + s.signature for s in guessed.sheets]
            saved = dict(
                session.execute(
                    select(Setting.key, Setting.value).where(Setting.key.in_(keys))
                ).all()
            )
        sheets = []
        for sheet in guessed.sheets:
            text = saved.get(MAPPING_KEY + sheet.signature)
            if text:
                # a stale or damaged entry leaves the guess standing
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    sheet = SheetMapping.from_json(
                        text, sheet.sheet, sheet.header_row, sheet.headers
                    )
            sheets.append(sheet)
        return RegisterMapping(sheets)

    def remember_mapping(self, mapping: RegisterMapping) -> None:
        """Keep the officer's choices for sheets with these headers (not for our own format)."""
        self.ctx.require(Permission.IMPORT)
        with self.ctx.write() as session:
            for sheet in mapping.sheets:
                if not sheet.headers or sheet.is_own_format():
                    continue
                key = MAPPING_KEY + sheet.signature
                setting = session.get(Setting, key)
                if setting is None:
                    session.add(Setting(key=key, value=sheet.to_json()))
                elif setting.value != sheet.to_json():
                    setting.value = sheet.to_json()

    # --- import -----------------------------------------------------------------------------

    def read(
        self,
        path: Path | str,
        mapping: RegisterMapping | None = None,
        *,
        limits: Limits | None = None,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> RegisterData:
        """Every row of the workbook with the reader's problems (no database involved but for
        the remembered mapping when ``mapping`` is None)."""
        try:
            with open_book(path, limits) as book:
                layout = book.layout()
                mapping = mapping or self.mapping_for(layout)
                return read_mapped(book, layout, mapping, progress=progress, cancelled=cancelled)
        except WorkbookError as exc:
            raise RegisterError(exc.message) from None
        except Cancelled:
            raise RegisterCancelled() from None

    def defaults(self) -> dict[str, str]:
        """시도·시군 for rows that lack them: the county settings."""
        with self.ctx.read() as session:
            rows = dict(
                session.execute(
                    select(Setting.key, Setting.value).where(
                        Setting.key.in_(("province", "county"))
                    )
                ).all()
            )
        return {"sido": rows.get("province", ""), "sigun": rows.get("county", "")}

    def plan(self, data: RegisterData, source: str = "") -> ImportPlan:
        """What importing ``data`` would do, and every problem; nothing is written."""
        defaults = self.defaults()
        with self.ctx.read() as session:
            return plan_import(session, data, defaults, source)

    def apply(
        self,
        data: RegisterData,
        source: str = "",
        *,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> ImportSummary:
        """Check ``data`` again inside one transaction and write it all, or nothing.

        Raises ``RegisterRefused`` (nothing written) if any row is refused and
        ``RegisterCancelled`` (rolled back) when ``cancelled()`` turns True.
        """
        self.ctx.require(Permission.IMPORT)
        started = time.perf_counter()
        phases = _Phase(progress, cancelled)
        defaults = self.defaults()
        try:
            with self.ctx.write() as session:
                phases.span(0, 50)(0, 1, "확인하는 중")
                plan = plan_import(session, data, defaults, source)
                if plan.refused:
                    raise RegisterRefused(plan)
                total = max(total_rows(plan), 1)
                writing = phases.span(50, 990)
                write_plan(session, plan, lambda done, label: writing(done, total, label))
                summary = ImportSummary(source, plan.counts, plan.warnings)
                log_event(session, "import", "register", summary.describe())
                phases.check()
                phases.span(990, STEPS)(1, 1, "저장하는 중")
        except Cancelled:
            raise RegisterCancelled() from None
        summary.seconds = time.perf_counter() - started
        return summary

    def import_file(
        self,
        path: Path | str,
        *,
        mapping: RegisterMapping | None = None,
        dry_run: bool = False,
        limits: Limits | None = None,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> ImportSummary:
        """Read, check and (unless ``dry_run``) write a register workbook.

        Raises ``RegisterError`` for a file that is no workbook, ``RegisterRefused`` with every
        problem when a row is refused (also in a dry run), ``RegisterCancelled`` on a cancel.
        """
        self.ctx.require(Permission.IMPORT)
        started = time.perf_counter()
        phases = _Phase(progress, cancelled)
        source = Path(path).name
        data = self.read(
            path, mapping, limits=limits, progress=phases.span(0, 600), cancelled=cancelled
        )
        if dry_run:
            plan = self.plan(data, source)
            if plan.refused:
                raise RegisterRefused(plan)
            summary = ImportSummary(source, plan.counts, plan.warnings, dry_run=True)
        else:
            summary = self.apply(
                data, source, progress=phases.span(600, STEPS), cancelled=cancelled
            )
        summary.seconds = time.perf_counter() - started
        return summary
