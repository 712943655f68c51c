"""The register workbook: export everything to it, import it (all or nothing, idempotent).

``RegisterService(ctx)`` is used by the CLI and the import wizard alike. Long work takes a
``domain.progress.TaskState`` (no Qt) and stops with its ``Cancelled``. An import reads the
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
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import COUNTY, PROVINCE
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import Cancelled, TaskState, ensure
from gwinong_desktop.exchange.mapping import (
    KIND_LABELS,
    ORIGINS,
    RegisterMapping,
    SheetMapping,
    target_label,
)
from gwinong_desktop.exchange.mapping_file import (
    MappingFileError,
    read_mapping_file,
    write_mapping_file,
)
from gwinong_desktop.exchange.reader import (
    WorkbookLayout,
    inspect_workbook,
    open_book,
    read_mapped,
)
from gwinong_desktop.exchange.register_format import Problem, RegisterData
from gwinong_desktop.exchange.safety import Limits, WorkbookError
from gwinong_desktop.exchange.writer import write_register
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.folder_settings import read_setting
from gwinong_desktop.storage.models import Setting

from ..context import ServiceContext
from .collect import collect
from .decisions import KEEP, OTHER_KINDS_CHOICES, SKIP, ImportChoices
from .plan import Counts, ImportPlan, plan_import
from .store import write_plan

__all__ = [
    "KEEP",
    "KIND_LABELS",
    "ORIGINS",
    "OTHER_KINDS_CHOICES",
    "SKIP",
    "Counts",
    "ExportSummary",
    "ImportChoices",
    "ImportPlan",
    "ImportSummary",
    "MappingFileError",
    "Problem",
    "RegisterError",
    "RegisterMapping",
    "RegisterRefused",
    "RegisterService",
    "target_label",
]

MAPPING_KEY = "register_mapping:"
STEPS = 1000  # overall progress is reported in thousandths


class RegisterError(Refusal):
    """The workbook cannot be read at all; ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


class RegisterRefused(RegisterError):
    """The import found problems and wrote nothing; ``plan`` lists every one."""

    def __init__(self, plan: ImportPlan) -> None:
        count = len(plan.refusals)
        super().__init__(f"관리대장에 고칠 곳이 {count:,}군데 있어 아무것도 가져오지 않았습니다.")
        self.plan = plan


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


class RegisterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- export -----------------------------------------------------------------------------

    def collect(self) -> RegisterData:
        """The database as register rows (what the export writes)."""
        with self.ctx.read() as session:
            return collect(session, today=self.ctx.today())

    def export(
        self,
        path: Path | str,
        *,
        state: TaskState | None = None,
    ) -> ExportSummary:
        """Write the whole register to ``path``; a cancel leaves no file and no event."""
        self.ctx.require(Permission.EXPORT_REGISTER)
        state = ensure(state)
        started = time.perf_counter()
        path = Path(path)
        try:
            with self.ctx.read() as session:
                data = collect(session, state.span(0, 150, STEPS), today=self.ctx.today())
            state.check()
            result = write_register(path, data, state=state.span(150, STEPS, STEPS))
        except Cancelled:
            raise Cancelled("내보내기를 취소했습니다. 파일을 만들지 않았습니다.") from None
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
            return inspect_workbook(path, limits)
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

    def load_mapping(self, path: Path | str, layout: WorkbookLayout) -> RegisterMapping:
        """The mapping kept in a mapping file (``exchange.mapping_file``), applied to ``layout``;
        ``MappingFileError`` (a Refusal) when it cannot be used."""
        return read_mapping_file(path, layout)

    def save_mapping(self, path: Path | str, mapping: RegisterMapping) -> Path:
        """Write ``mapping`` to a mapping file for a headless import (``--mapping``)."""
        return write_mapping_file(path, mapping)

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
        state: TaskState | None = None,
    ) -> RegisterData:
        """Every row of the workbook with the reader's problems (no database involved but for
        the remembered mapping when ``mapping`` is None)."""
        try:
            with open_book(path, limits) as book:
                layout = book.layout()
                mapping = mapping or self.mapping_for(layout)
                return read_mapped(book, layout, mapping, state=state)
        except WorkbookError as exc:
            raise RegisterError(exc.message) from None

    def defaults(self) -> dict[str, str]:
        """시도·시군 for rows that lack them: the county settings."""
        with self.ctx.read() as session:
            return {"sido": read_setting(session, PROVINCE), "sigun": read_setting(session, COUNTY)}

    def plan(
        self, data: RegisterData, source: str = "", choices: ImportChoices | None = None
    ) -> ImportPlan:
        """What importing ``data`` would do, and every problem; nothing is written."""
        defaults = self.defaults()
        with self.ctx.read() as session:
            return plan_import(session, data, defaults, source, choices)

    def apply(
        self,
        data: RegisterData,
        source: str = "",
        *,
        choices: ImportChoices | None = None,
        state: TaskState | None = None,
    ) -> ImportSummary:
        """Check ``data`` again inside one transaction and write it all, or nothing.

        Raises ``RegisterRefused`` (nothing written) if any row is refused and
        ``domain.progress.Cancelled`` (rolled back) when ``state`` is cancelled.
        """
        self.ctx.require(Permission.IMPORT)
        state = ensure(state)
        started = time.perf_counter()
        defaults = self.defaults()
        with self.ctx.write() as session:
            state.span(0, 50, STEPS).report(0, 1, "확인하는 중")
            plan = plan_import(session, data, defaults, source, choices)
            if plan.refused:
                raise RegisterRefused(plan)
            write_plan(session, plan, state.span(50, 990, STEPS))
            summary = ImportSummary(source, plan.counts, plan.warnings)
            log_event(session, "import", "register", summary.describe())
            state.span(990, STEPS, STEPS).report(1, 1, "저장하는 중")
        summary.seconds = time.perf_counter() - started
        return summary

    def import_file(
        self,
        path: Path | str,
        *,
        mapping: RegisterMapping | None = None,
        choices: ImportChoices | None = None,
        dry_run: bool = False,
        limits: Limits | None = None,
        state: TaskState | None = None,
    ) -> ImportSummary:
        """Read, check and (unless ``dry_run``) write a register workbook.

        Raises ``RegisterError`` for a file that is no workbook, ``RegisterRefused`` with every
        problem when a row is refused (also in a dry run), ``domain.progress.Cancelled`` on a
        cancel.
        """
        self.ctx.require(Permission.IMPORT)
        state = ensure(state)
        started = time.perf_counter()
        source = Path(path).name
        data = self.read(path, mapping, limits=limits, state=state.span(0, 600, STEPS))
        if dry_run:
            plan = self.plan(data, source, choices)
            if plan.refused:
                raise RegisterRefused(plan)
            summary = ImportSummary(source, plan.counts, plan.warnings, dry_run=True)
        else:
            summary = self.apply(data, source, choices=choices, state=state.span(600, STEPS, STEPS))
        summary.seconds = time.perf_counter() - started
        return summary
