"""The province's other forms, exported through ``Services.province_reports`` (this is the
part of :class:`~.province_reports.ProvinceReportService` that writes them):

- 입주 현황 공개 (the county website's list of houses and vacancy: no personal data),
- 착(준)공계 (별지 제6호) of one works,
- 대상지역 선정결과 (both tables, national funds only; owners and representatives masked unless
  personal data is asked for).

Each checks its permission, gathers its rows in SQL, writes through ``reports/`` (beside the
target, then in its place) and keeps the file in the archive with its row and access record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import DevelopmentType, PhotoPhase, PhotoSlot, ReportKind
from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.folder_settings import COUNTY, PROVINCE
from gwinong_desktop.domain.money import format_won
from gwinong_desktop.domain.periods import format_date_ko, format_moment
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.progress import TaskState
from gwinong_desktop.media.errors import MediaError
from gwinong_desktop.media.thumbs import make_thumbnail
from gwinong_desktop.reports.photo_album import (
    AlbumHouse,
    AlbumPhoto,
    AlbumSlot,
    write_photo_album,
)
from gwinong_desktop.reports.public_listing import (
    BUILDING,
    OCCUPIED,
    VACANT,
    ListedHouse,
    write_public_listing,
)
from gwinong_desktop.reports.selection_result import SelectedHouse, write_selection_result
from gwinong_desktop.reports.works_notice import WorksNotice, write_works_notice
from gwinong_desktop.storage.folder_settings import read_setting
from gwinong_desktop.storage.models import (
    Development,
    House,
    Lease,
    Operator,
    Owner,
    Photo,
    Stay,
)

from .context import ServiceContext
from .privacy import PersonalDataPolicy, export_policy
from .report_archive import ReportExport, export_and_keep

NO_OPERATOR = "운영자 미지정"
NO_COUNTY = "시·군 미지정"
ALBUM_PX = 480  # the longer side of a photo in the album (Pillow scales it down)


def head_of(county: str) -> str:
    """Whom a county's forms are handed to: "진안군" → "진안군수", "○○시" → "○○시장"."""
    county = county.strip()
    if county.endswith("군"):
        return f"{county}수"
    if county.endswith("시"):
        return f"{county}장"
    return ""


def county_in(session: Session) -> str:
    """The county the data folder is of (its setting), in the caller's unit of work."""
    return read_setting(session, COUNTY) or NO_COUNTY


class ProvinceReportError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


@dataclass(frozen=True)
class WorksChoice:
    """A works (조성사업) as the 보고서 page offers it for its 착(준)공계."""

    id: int
    house_code: str
    year: int
    place: str
    started_on: date | None
    completed_on: date | None

    @property
    def label(self) -> str:
        """ "진안-2025-01 부귀면 신정리 (준공 2025.6.20.)"."""
        if self.completed_on is not None:
            state = f"준공 {format_date_ko(self.completed_on)}"
        elif self.started_on is not None:
            state = f"착공 {format_date_ko(self.started_on)}"
        else:
            state = "착공 전"
        return f"{self.house_code} {self.place} ({state})".replace("  ", " ")


def check_year(year: int) -> None:
    if not 1990 <= year <= 2100:
        raise ProvinceReportError(f"연도는 1990~2100 사이로 주세요: {year}")


class ProvinceFormExports:
    ctx: ServiceContext

    def _county(self) -> str:
        with self.ctx.read() as s:
            return county_in(s)

    # --- 입주 현황 공개 ------------------------------------------------------------------------

    def _listed(self, today: date) -> list[ListedHouse]:
        with self.ctx.read() as s:
            houses = s.execute(
                select(
                    House.id,
                    House.eupmyeon,
                    House.ri,
                    Operator.name,
                    House.development_type,
                    House.rooms,
                    House.floor_area_m2,
                    House.monthly_rent,
                    House.deposit,
                )
                .outerjoin(Operator, Operator.id == House.operator_id)
                .where(
                    House.archived_at.is_(None),
                    or_(House.cancelled_on.is_(None), House.cancelled_on > today),
                )
                .order_by(House.eupmyeon, House.ri, House.code, House.id)
            ).all()
            lived_in = set(
                s.scalars(
                    select(Stay.house_id).where(
                        Stay.archived_at.is_(None),
                        Stay.move_in_on <= today,
                        or_(Stay.moved_out_on.is_(None), Stay.moved_out_on >= today),
                    )
                )
            )
            building = set(
                s.scalars(
                    select(Development.house_id).where(
                        Development.archived_at.is_(None),
                        or_(Development.completed_on.is_(None), Development.completed_on > today),
                    )
                )
            )
        listed = []
        for r in houses:
            status = VACANT
            if r.id in lived_in:
                status = OCCUPIED
            elif r.id in building:
                status = BUILDING
            listed.append(
                ListedHouse(
                    eupmyeon=r.eupmyeon,
                    ri=r.ri or "",
                    operator=r.name or NO_OPERATOR,
                    development_type=r.development_type.label,
                    rooms=r.rooms,
                    floor_area_m2=r.floor_area_m2,
                    monthly_rent=r.monthly_rent,
                    deposit=r.deposit,
                    status=status,
                )
            )
        return listed

    def export_public_listing(
        self, path: Path | str, *, state: TaskState | None = None
    ) -> ReportExport:
        """Write the website's 입주 현황 (today's) to ``path`` and keep it: no personal data."""
        self.ctx.require(Permission.EXPORT_LIST)
        today = self.ctx.today()
        houses = self._listed(today)
        county = self._county()
        return export_and_keep(
            self.ctx, path,
            lambda: write_public_listing(path, houses, county=county, as_of=today, state=state),
            kind=ReportKind.PUBLIC_LISTING, year=today.year, month=today.month,
            what=f"입주 현황 공개 {len(houses):,}개소", entity="house",
        )  # fmt: skip

    # --- 착(준)공계 ---------------------------------------------------------------------------

    def works_choices(self, year: int) -> list[WorksChoice]:
        """The works (조성사업) of budget ``year`` a 착(준)공계 can be made for, by house code."""
        check_year(year)
        with self.ctx.read() as s:
            found = s.execute(
                select(
                    Development.id,
                    House.code,
                    House.eupmyeon,
                    House.ri,
                    Development.year,
                    Development.started_on,
                    Development.completed_on,
                )
                .join(House, House.id == Development.house_id)
                .where(
                    Development.year == year,
                    Development.archived_at.is_(None),
                    House.archived_at.is_(None),
                )
                .order_by(House.code, Development.id)
            ).all()
        return [
            WorksChoice(r.id, r.code, r.year, " ".join(p for p in (r.eupmyeon, r.ri) if p),
                        r.started_on, r.completed_on)
            for r in found
        ]  # fmt: skip

    def development_of(self, house_code: str, year: int | None = None) -> int:
        """The works (조성사업) on the house ``house_code``: of budget ``year``, else the latest."""
        query = (
            select(Development.id)
            .join(House, House.id == Development.house_id)
            .where(House.code == house_code.strip(), Development.archived_at.is_(None))
            .order_by(Development.year.desc(), Development.id.desc())
        )
        if year is not None:
            query = query.where(Development.year == year)
        with self.ctx.read() as s:
            found = s.scalar(query.limit(1))
        if found is None:
            when = f"{year}년 " if year is not None else ""
            raise ProvinceReportError(
                f"관리번호 '{house_code}'인 집의 {when}조성사업을 찾을 수 없습니다."
            )
        return found

    def _notice(self, development_id: int, completion: bool) -> tuple[WorksNotice, int, str]:
        with self.ctx.read() as s:
            r = s.execute(
                select(
                    Development.year,
                    Development.title,
                    Development.budget_national,
                    Development.budget_province,
                    Development.budget_county,
                    Development.budget_own,
                    Development.contractor,
                    Development.started_on,
                    Development.planned_completion_on,
                    Development.completed_on,
                    Development.delay_reason,
                    House.code,
                    House.sido,
                    House.sigun,
                    House.eupmyeon,
                    House.ri,
                    House.jibun,
                    House.road_address,
                    House.development_type,
                    House.floor_area_m2,
                    Operator.name,
                )
                .join(House, House.id == Development.house_id)
                .outerjoin(Operator, Operator.id == House.operator_id)
                .where(Development.id == development_id, Development.archived_at.is_(None))
            ).first()
        if r is None:
            raise ProvinceReportError(
                "그 조성사업을 찾을 수 없습니다. 목록을 새로 고친 뒤 다시 고르세요."
            )
        if completion and r.completed_on is None:
            raise ProvinceReportError(
                f"{r.code}: 준공일이 적혀 있지 않습니다. 준공일을 적은 뒤 준공계를 만드세요."
            )
        lot = " ".join(p for p in (r.sido, r.sigun, r.eupmyeon, r.ri, r.jibun) if p)
        place = f"{r.road_address} ({lot})" if r.road_address else lot
        money = [(label, amount) for label, amount in (
            ("국비", r.budget_national), ("도비", r.budget_province), ("군비", r.budget_county),
            ("자부담", r.budget_own)) if amount]  # fmt: skip
        total = sum(a for _, a in money)
        content = [f"○ 조성유형: {r.development_type.label}"]
        if r.floor_area_m2 is not None:
            content.append(f"○ 건물 면적: {r.floor_area_m2:,.2f}m²")
        if money:
            parts = ", ".join(f"{label} {format_won(a)}" for label, a in money)
            content.append(f"○ 사업비: {format_won(total)} ({parts})")
        if r.contractor:
            content.append(f"○ 시공업체: {r.contractor}")
        notice = WorksNotice(
            completion=completion,
            project=r.title or f"{r.year}년 귀농인의 집 조성사업 ({r.code})",
            place=place,
            started_on=r.started_on,
            completion_on=r.completed_on or r.planned_completion_on,
            completed=r.completed_on is not None,
            content="\n".join(content),
            other=r.delay_reason or "",
            operator=r.name or "",
            made_on=self.ctx.today(),
            addressee=head_of(r.sigun or self._county()),
        )
        return notice, r.year, r.code

    def export_works_notice(
        self,
        development_id: int,
        path: Path | str,
        *,
        completion: bool = False,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 착공계 (or, with ``completion``, the 준공계) of the works
        ``development_id`` to ``path`` and keep it."""
        self.ctx.require(Permission.EXPORT_LIST)
        notice, year, code = self._notice(development_id, completion)
        done = export_and_keep(
            self.ctx, path, lambda: write_works_notice(path, notice), kind=ReportKind.WORKS_NOTICE,
            year=year, what=f"{notice.word}계: {notice.project}", entity="development",
            # which works and which notice: a re-export is compared with the same one's
            note=f"{code} {notice.word}계",
        )  # fmt: skip
        if state is not None:
            state.report(1, 1, "")
        return done

    # --- 대상지역 선정결과 ---------------------------------------------------------------------

    def _selected(self, year: int, policy: PersonalDataPolicy) -> list[SelectedHouse]:
        latest_lease = (
            select(Lease.owner_id)
            .where(Lease.house_id == House.id, Lease.archived_at.is_(None))
            .order_by(Lease.start_on.desc(), Lease.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        with self.ctx.read() as s:
            found = s.execute(
                select(
                    House.sido,
                    House.sigun,
                    House.eupmyeon,
                    House.ri,
                    House.jibun,
                    House.road_address,
                    House.development_type,
                    House.land_area_m2,
                    House.floor_area_m2,
                    House.structure,
                    House.rooms,
                    House.build_year,
                    Operator.representative,
                    Owner.name,
                    Owner.address,
                    Development.budget_national,
                )
                .join(House, House.id == Development.house_id)
                .outerjoin(Operator, Operator.id == House.operator_id)
                .outerjoin(Owner, Owner.id == latest_lease)
                .where(
                    Development.year == year,
                    Development.archived_at.is_(None),
                    House.archived_at.is_(None),
                )
                .order_by(House.sigun, House.code, Development.id)
            ).all()
        county = self._county()
        return [
            SelectedHouse(
                sigun=r.sigun or county,
                representative=policy.name(r.representative) if r.representative else "",
                address=r.road_address
                or " ".join(p for p in (r.sigun, r.eupmyeon, r.ri, r.jibun) if p),
                repair=r.development_type != DevelopmentType.MODULAR,
                land_m2=r.land_area_m2,
                floor_m2=r.floor_area_m2,
                structure=r.structure or "",
                rooms=r.rooms,
                build_year=r.build_year,
                owner_address=policy.address(r.address) if r.address else "",
                owner_name=policy.name(r.name) if r.name else "",
                national=r.budget_national or 0,
            )
            for r in found
        ]

    def export_selection(
        self,
        year: int,
        path: Path | str,
        *,
        include_personal: bool = False,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the 대상지역 선정결과 of budget ``year`` (its works) to ``path`` and keep it.
        Owners' and representatives' names and addresses are masked unless
        ``include_personal`` (which needs ``EXPORT_PERSONAL``)."""
        self.ctx.require(Permission.EXPORT_LIST)
        check_year(year)
        policy = export_policy(self.ctx, include_personal)
        houses = self._selected(year, policy)
        with self.ctx.read() as s:
            province = read_setting(s, PROVINCE)
        county, today = self._county(), self.ctx.today()
        done = export_and_keep(
            self.ctx, path,
            lambda: write_selection_result(
                path, houses, year=year, province=province, county=county, made_on=today,
                privacy=policy.label,
            ),
            kind=ReportKind.SELECTION, year=year,
            what=f"{year}년 대상지역 선정결과 {len(houses):,}개소", entity="development",
            policy=policy,
        )  # fmt: skip
        if state is not None:
            state.report(1, 1, "")
        return done

    # --- 사진첩 -----------------------------------------------------------------------------

    def _album(self, codes: Sequence[str] | None, state: TaskState | None) -> list[AlbumHouse]:
        query = (
            select(
                House.id,
                House.code,
                House.eupmyeon,
                House.ri,
                Photo.slot,
                Photo.phase,
                Photo.stored_path,
                Photo.taken_at,
                Photo.created_at,
            )
            .join(House, House.id == Photo.house_id)
            .where(
                Photo.archived_at.is_(None),
                House.archived_at.is_(None),
                Photo.slot.is_not(None),
                Photo.phase.in_([PhotoPhase.BEFORE, PhotoPhase.AFTER]),
            )
            .order_by(House.code, Photo.taken_at, Photo.id)
        )
        if codes:
            query = query.where(House.code.in_([c.strip() for c in codes]))
        with self.ctx.read() as s:
            photos = s.execute(query).all()
            works = {
                r.house_id: r
                for r in s.execute(
                    select(
                        Development.house_id,
                        Development.year,
                        Development.completed_on,
                        House.development_type,
                    )
                    .join(House, House.id == Development.house_id)
                    .where(Development.archived_at.is_(None))
                    .order_by(Development.year, Development.id)
                )
            }
        if codes:
            missing = sorted(set(c.strip() for c in codes) - {p.code for p in photos})
            if missing:
                raise ProvinceReportError(
                    f"착공 전·준공 후 사진이 없는 집입니다: {', '.join(missing)}"
                )
        chosen: dict[int, dict[tuple[PhotoSlot, PhotoPhase], object]] = {}
        heads: dict[int, object] = {}
        for p in photos:
            slots = chosen.setdefault(p.id, {})
            heads.setdefault(p.id, p)
            key = (p.slot, p.phase)
            if p.phase == PhotoPhase.AFTER or key not in slots:  # the first before, the last after
                slots[key] = p
        root = self.ctx.db.folder.root
        houses = []
        for number, (house_id, slots) in enumerate(chosen.items(), 1):
            if state is not None:
                state.check()
                state.report(number, len(chosen) * 2, "사진을 줄이는 중")
            head = heads[house_id]
            work = works.get(house_id)
            described = ""
            if work is not None:
                described = f"{work.year}년 {work.development_type.label}"
                if work.completed_on:
                    described += f" · 준공 {format_date_ko(work.completed_on)}"
            houses.append(
                AlbumHouse(
                    code=head.code,
                    place=" ".join(x for x in (head.eupmyeon, head.ri) if x),
                    works=described,
                    slots=[
                        AlbumSlot(
                            slot.label,
                            _album_photo(root, slots.get((slot, PhotoPhase.BEFORE))),
                            _album_photo(root, slots.get((slot, PhotoPhase.AFTER))),
                        )
                        for slot in PhotoSlot
                        if (slot, PhotoPhase.BEFORE) in slots or (slot, PhotoPhase.AFTER) in slots
                    ],
                )
            )
        return houses

    def export_photo_album(
        self,
        path: Path | str,
        *,
        house_codes: Sequence[str] | None = None,
        state: TaskState | None = None,
    ) -> ReportExport:
        """Write the before/after album of the houses ``house_codes`` (else every house with
        such photos) to ``path`` and keep it."""
        self.ctx.require(Permission.EXPORT_LIST)
        houses = self._album(house_codes, state)
        if not houses:
            raise ProvinceReportError("착공 전·준공 후 사진이 있는 집이 없습니다.")
        county, today = self._county(), self.ctx.today()
        return export_and_keep(
            self.ctx, path,
            lambda: write_photo_album(path, houses, county=county, made_on=today, state=state),
            kind=ReportKind.PHOTO_ALBUM, year=today.year, month=today.month,
            what=f"사진첩 {len(houses):,}개소", entity="photo",
        )  # fmt: skip


def _album_photo(root: Path, photo) -> AlbumPhoto | None:
    """The photo made small for the album, or why it cannot be shown."""
    if photo is None:
        return None
    taken = photo.taken_at or photo.created_at
    caption = f"촬영 {format_moment(taken)}" if photo.taken_at else f"등록 {format_moment(taken)}"
    try:
        return AlbumPhoto(make_thumbnail(root / photo.stored_path, ALBUM_PX), caption)
    except (MediaError, OSError):
        return AlbumPhoto(None, "사진 파일을 읽을 수 없습니다")
