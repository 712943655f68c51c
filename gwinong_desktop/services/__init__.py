"""Use cases over the storage layer. ``Services`` bundles them for the GUI and the CLI.

Importing this package costs nothing: SQLAlchemy and the models load with the first service
made (``Services.over``), so the first screen's modules (``house_rows``, ``first_screen``) can be
used before them (``app.run_gui``).

``houses`` is built once; the editing services are made on demand over the current ``ctx``
(they hold nothing but it), so a test that swaps ``ctx`` swaps them too.

``Services`` is the only door: ``ui/`` and ``cli/`` reach every use case through a property or
method here, never by building a service over ``ctx`` themselves nor by calling ``storage`` on
the database (``tests/test_layers.py`` scans for both). From ``ctx`` they may only ask what the
role may do (``ctx.allows``, ``ctx.role``) and what day it is (``ctx.today()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gwinong_desktop.domain.permissions import Actor

if TYPE_CHECKING:
    from gwinong_desktop.domain.progress import TaskState
    from gwinong_desktop.storage.database import Database

    from .accounts import AccountService
    from .attachments import AttachmentService
    from .audit_log import AuditService
    from .consolidation import Consolidation
    from .context import ServiceContext
    from .deposits import DepositService
    from .due import DueService
    from .expenses import ExpenseService
    from .field_kit import FieldKitService
    from .field_merge import FieldMergeService
    from .history import HistoryService
    from .house_edit import HouseEditService
    from .houses import HouseService
    from .info import FolderInfo
    from .inspections import InspectionService
    from .leases import LeaseService
    from .list_export import ListExportService
    from .merge_review import MergeReviewService
    from .operators import OperatorService
    from .photo_views import PhotoViewService
    from .photos import PhotoService
    from .plans import PlanService
    from .program_stats import ProgramStatsService
    from .province_reports import ProvinceReportService
    from .recruitment import RecruitmentService
    from .register import RegisterService
    from .rent import RentService
    from .rent_support import RentSupportService
    from .report_log import ReportLogService
    from .resident_reports import ResidentReportService
    from .residents import ResidentService
    from .revisions import ChangeMark
    from .safety import SafetyService
    from .settings_values import CountyProfileService, RuleValueService
    from .stays import StayService
    from .works import WorksService


@dataclass
class Services:
    ctx: ServiceContext
    houses: HouseService

    @classmethod
    def over(cls, db: Database, actor: str | Actor = "system") -> Services:
        """Services acting as ``actor``: a signed-in ``Actor`` (its role limits what they do) or a
        plain name (the program itself, or a folder without accounts: no limits)."""
        from .context import ServiceContext
        from .houses import HouseService

        if isinstance(actor, Actor):
            ctx = ServiceContext.signed_in(db, actor)
        else:
            ctx = ServiceContext(db, actor)
        return cls(ctx=ctx, houses=HouseService(ctx))

    @property
    def accounts(self) -> AccountService:
        from .accounts import AccountService

        return AccountService(self.ctx)

    @property
    def audit(self) -> AuditService:
        from .audit_log import AuditService

        return AuditService(self.ctx)

    @property
    def house_edit(self) -> HouseEditService:
        from .house_edit import HouseEditService

        return HouseEditService(self.ctx)

    @property
    def list_export(self) -> ListExportService:
        from .list_export import ListExportService

        return ListExportService(self.ctx)

    @property
    def operators(self) -> OperatorService:
        from .operators import OperatorService

        return OperatorService(self.ctx)

    @property
    def leases(self) -> LeaseService:
        from .leases import LeaseService

        return LeaseService(self.ctx)

    @property
    def attachments(self) -> AttachmentService:
        from .attachments import AttachmentService

        return AttachmentService(self.ctx)

    @property
    def photo_views(self) -> PhotoViewService:
        """A house's photos: listing, empty album slots, before/after, thumbnails, placing."""
        from .photo_views import PhotoViewService

        return PhotoViewService(self.ctx)

    @property
    def works(self) -> WorksService:
        from .works import WorksService

        return WorksService(self.ctx)

    @property
    def photos(self) -> PhotoService:
        """Photo import: plan (read, match to houses and inspections), confirm, commit."""
        from .photos import PhotoService

        return PhotoService(self.ctx)

    @property
    def plans(self) -> PlanService:
        from .plans import PlanService

        return PlanService(self.ctx)

    @property
    def program_stats(self) -> ProgramStatsService:
        """How the program is doing: occupancy, rent, settlement, budget, statuses by year."""
        from .program_stats import ProgramStatsService

        return ProgramStatsService(self.ctx)

    @property
    def recruitment(self) -> RecruitmentService:
        """Recruitment rounds, applicants, scoring, ranking, decisions and their evidence."""
        from .recruitment import RecruitmentService

        return RecruitmentService(self.ctx)

    @property
    def inspections(self) -> InspectionService:
        """Inspections and their checklists, findings to their 조치결과, planned visits, the
        visit list, drafts of inspections being typed."""
        from .inspections import InspectionService

        return InspectionService(self.ctx)

    @property
    def field_kit(self) -> FieldKitService:
        """Field kits: the chosen houses written as a data folder for a laptop; whether this
        folder is such a field copy."""
        from .field_kit import FieldKitService

        return FieldKitService(self.ctx)

    @property
    def field_merge(self) -> FieldMergeService:
        """A field kit brought back: the dry run (``plan``) and the import (``apply``)."""
        from .field_merge import FieldMergeService

        return FieldMergeService(self.ctx)

    @property
    def merge_review(self) -> MergeReviewService:
        """What a kit import left to decide: list, count, keep / take / type another."""
        from .merge_review import MergeReviewService

        return MergeReviewService(self.ctx)

    @property
    def history(self) -> HistoryService:
        from .history import HistoryService

        return HistoryService(self.ctx)

    @property
    def rule_values(self) -> RuleValueService:
        from .settings_values import RuleValueService

        return RuleValueService(self.ctx)

    @property
    def county_profile(self) -> CountyProfileService:
        from .settings_values import CountyProfileService

        return CountyProfileService(self.ctx)

    @property
    def safety(self) -> SafetyService:
        """Backups, restore, the data check and the backup settings."""
        from .safety import SafetyService

        return SafetyService(self.ctx)

    @property
    def register(self) -> RegisterService:
        """The register workbook: import (wizard and command line) and export."""
        from .register import RegisterService

        return RegisterService(self.ctx)

    @property
    def rent(self) -> RentService:
        """Rent charges, payments, balances and arrears."""
        from .rent import RentService

        return RentService(self.ctx)

    @property
    def deposits(self) -> DepositService:
        from .deposits import DepositService

        return DepositService(self.ctx)

    @property
    def due(self) -> DueService:
        """What needs the officer today: the due list, dismiss/snooze/restore, days off."""
        from .due import DueService

        return DueService(self.ctx)

    @property
    def expenses(self) -> ExpenseService:
        """What collected rent was spent on, and collected minus spent."""
        from .expenses import ExpenseService

        return ExpenseService(self.ctx)

    @property
    def rent_support(self) -> RentSupportService:
        """The county's rent support to owners of rental-type houses."""
        from .rent_support import RentSupportService

        return RentSupportService(self.ctx)

    @property
    def resident_reports(self) -> ResidentReportService:
        """거주자 명부, 임대료 수납대장, receipts and deposit letters (kept in ``reports/``)."""
        from .resident_reports import ResidentReportService

        return ResidentReportService(self.ctx)

    @property
    def residents(self) -> ResidentService:
        """Residents and their households; a person's page; the registration number."""
        from .residents import ResidentService

        return ResidentService(self.ctx)

    @property
    def stays(self) -> StayService:
        """Stays: move-in, extension, move-out, the settlement outcome and its reminder."""
        from .stays import StayService

        return StayService(self.ctx)

    @property
    def province_reports(self) -> ProvinceReportService:
        """월별 추진실적 보고 and 반기 추진실적 (별지 제5호), kept in ``reports/``."""
        from .province_reports import ProvinceReportService

        return ProvinceReportService(self.ctx)

    @property
    def report_archive(self) -> ReportLogService:
        """The kept reports: list, open, mark as sent, compare a re-export with the last one."""
        from .report_log import ReportLogService

        return ReportLogService(self.ctx)

    def consolidate(
        self, files: list[Path], output: Path, *, state: TaskState | None = None
    ) -> Consolidation:
        """The province's consolidation of the counties' 추진실적 보고 files (files only; the
        data folder's 시도 is the consolidated report's 사업주체)."""
        from .consolidation import consolidate_reports, province_of

        return consolidate_reports(
            files, output, today=self.ctx.today(), province=province_of(self.ctx), state=state
        )

    # --- about the folder itself ----------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        """The data folder the services work on."""
        return self.ctx.db.folder.root

    def county(self) -> str | None:
        """The county this data folder belongs to, if it is set (read each time: a restore or
        the county profile may change it)."""
        from .house_queries import county_name

        return county_name(self.ctx)

    def key_folder(self) -> str:
        """Where this PC keeps the folder's key for residents' registration numbers."""
        from .privacy import key_folder

        return key_folder(self.ctx)

    def change_mark(self, since: int | None = None) -> ChangeMark:
        """The newest change (audit event id, not a view or a sign-in) and whether someone else
        changed something after ``since``: lists compare it to reload when others changed data
        (another PC on a server, the CLI on the same file). Nothing personal: no permission."""
        from .revisions import change_mark

        with self.ctx.read() as session:
            return change_mark(session, since, self.ctx.actor)

    def folder_info(self) -> FolderInfo:
        """The folder, schema and record counts (``info``: nothing personal)."""
        from .info import folder_info

        return folder_info(self.ctx)
