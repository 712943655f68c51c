"""What a support call needs first: where the data is, which schema, how many records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.storage import models as m
from gwinong_desktop.storage.folder_settings import read_setting

from .context import ServiceContext

COUNTED = (
    ("귀농인의 집", m.House),
    ("운영자", m.Operator),
    ("소유주", m.Owner),
    ("임대차계약", m.Lease),
    ("조성사업", m.Development),
    ("원인행위", m.Obligation),
    ("연간계획", m.AnnualPlan),
    ("입주신청자", m.Applicant),
    ("입주자", m.Resident),
    ("세대원", m.HouseholdMember),
    ("입주(이용기간)", m.Stay),
    ("임대료 부과", m.RentCharge),
    ("임대료 납부", m.Payment),
    ("보증금", m.Deposit),
    ("지출", m.Expense),
    ("점검", m.Inspection),
    ("지적사항", m.Finding),
    ("사진", m.Photo),
    ("첨부서류", m.Attachment),
    ("보고서", m.Report),
    ("사용자", m.User),
    ("변경 기록", m.AuditEvent),
)


@dataclass(frozen=True)
class FolderInfo:
    data_dir: str
    schema_revision: str | None
    schema_head: str
    schema_state: str
    counts: list[tuple[str, int]]
    county: str | None
    server: str | None = None
    """The PostgreSQL server holding the database (no password), or None for the SQLite file."""


def folder_info(ctx: ServiceContext) -> FolderInfo:
    with ctx.read() as session:
        counts = [
            (label, session.scalar(select(func.count()).select_from(model)) or 0)
            for label, model in COUNTED
        ]
        county = read_setting(session, COUNTY) or None
    schema = ctx.db.schema_before
    return FolderInfo(
        data_dir=str(ctx.db.folder.root),
        schema_revision=schema.revision,
        schema_head=schema.head,
        schema_state=schema.state.value,
        counts=counts,
        county=county,
        server=str(ctx.db.server) if ctx.db.server is not None else None,
    )
