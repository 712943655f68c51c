"""Owners and leases (소유주 · 임대차계약 / 무상제공), renewals as history, scanned documents.

A renewal is a new ``Lease`` row whose ``renews_lease_id`` points at the lease it follows; the
old lease stays as it was, so the chain is the house's lease history. The owner's name, address
and phone are edited with the lease (one write unit), either a new owner or one chosen from
those already known. The 빈집 사용승인서 and the contract are attached as scanned files in the
same unit.

Rules at entry (with the rule values of the house's program year): the period must not end
before it starts (refused); a lease of a repaired vacant house or of a modular house's land
must run at least LEASE_MIN_YEARS — for a renewal counted from the start of the first lease of
its chain — or be a free provision (warned, ``check_lease``). Rental-type houses (임대운영) are
leased for their 2-year designation, so the 7-year rule does not apply to them.

Rules every house's leases keep (refused, the same functions for the form, the register import
and the data check): the leases of one house never overlap (periods are inclusive of both ends;
a renewal starts the day after the previous lease ends; an open end runs on) — archived leases
do not count, and restoring one that would overlap is refused (``check_overlap``); a 임대차계약
needs an owner, only a 무상제공 (the county's own or a provision given free) may have none
(``check_owner``). ``overlapping_leases`` finds houses that break the first rule anyway (data
from before it, or written around the services) for ``check``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import DevelopmentType, LeaseKind
from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.periods import (
    ONE_DAY,
    duration_parts,
    format_date_ko,
    format_period,
    inclusive_days,
    overlaps,
    period_end,
)
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import (
    NOT_FOUND,
    OVERLAP,
    REQUIRED,
    RuleResult,
    check_amounts,
    check_lease,
    check_period,
    lease_shortest_end,
    refuse,
)
from gwinong_desktop.domain.text_checks import check_phone
from gwinong_desktop.storage.models import Attachment, House, Lease, Owner

from .attachments import FileBatch, PendingFile, add_files, check_file
from .context import ServiceContext
from .privacy import list_policy, log_personal_view
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    accepted_before,
    archive,
    clean,
    gate,
    record_overrides,
    required,
    saved_record,
    unarchive,
)
from .rules import RuleBook


@dataclass
class OwnerForm:
    name: str = ""
    address: str = ""
    phone: str = ""
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The owner's revision when the form was loaded (None: a new or another owner chosen)."""


@dataclass
class LeaseForm:
    house_id: int
    kind: LeaseKind = LeaseKind.LEASE
    start_on: date | None = None
    end_on: date | None = None
    annual_rent: int | None = None
    note: str = ""
    owner: OwnerForm = field(default_factory=OwnerForm)
    renews_lease_id: int | None = None
    id: int | None = None
    revision: int | None = None
    """The lease's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class OwnerRow:
    id: int
    name: str
    address: str
    phone: str

    def label(self) -> str:
        return f"{self.name} ({self.address})" if self.address else self.name


@dataclass(frozen=True)
class LeaseRecord:
    """One lease as the house's 임대차 tab shows it."""

    id: int
    kind: LeaseKind
    start_on: date
    end_on: date | None
    annual_rent: int | None
    note: str
    owner_id: int | None
    owner_name: str
    owner_address: str
    owner_phone: str
    renews_lease_id: int | None
    renewed_by_id: int | None
    attachment_count: int
    archived: bool

    def period(self) -> str:
        return format_period(self.start_on, self.end_on)


@dataclass(frozen=True)
class LeasePeriod:
    """One lease's period, as the rules over a house's leases see it."""

    id: int | None
    kind: LeaseKind
    start_on: date
    end_on: date | None

    def label(self) -> str:
        """ "임대차계약(2024.3.1.~2031.2.28.)"."""
        return f"{self.kind.label}({format_period(self.start_on, self.end_on)})"


@dataclass(frozen=True)
class LeaseOverlap:
    """Two leases of one house whose periods share days (what ``check`` reports)."""

    house_code: str
    first: LeasePeriod
    second: LeasePeriod
    second_uid: str


class LeaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading ----------------------------------------------------------------------------

    def for_house(self, house_id: int, *, include_archived: bool = False) -> list[LeaseRecord]:
        """The house's leases, oldest first (renewals after the lease they follow)."""
        with self.ctx.read() as session:
            stmt = (
                select(Lease, Owner)
                .outerjoin(Owner, Lease.owner_id == Owner.id)
                .where(Lease.house_id == house_id)
                .order_by(Lease.start_on, Lease.id)
            )
            if not include_archived:
                stmt = stmt.where(Lease.archived_at.is_(None))
            pairs = session.execute(stmt).all()
            counts: dict[int, int] = {}
            ids = [lease.id for lease, _ in pairs]
            for (lease_id,) in session.execute(
                select(Attachment.lease_id).where(
                    Attachment.lease_id.in_(ids or [-1]), Attachment.archived_at.is_(None)
                )
            ):
                counts[lease_id] = counts.get(lease_id, 0) + 1
            renewed_by = {lease.renews_lease_id: lease.id for lease, _ in pairs}
            people = list_policy(self.ctx)  # owners are people: masked for 열람
            records = [
                LeaseRecord(
                    id=lease.id,
                    kind=lease.kind,
                    start_on=lease.start_on,
                    end_on=lease.end_on,
                    annual_rent=lease.annual_rent,
                    note=lease.note or "",
                    owner_id=owner.id if owner else None,
                    owner_name=people.name(owner.name) if owner else "",
                    owner_address=people.address(owner.address) if owner else "",
                    owner_phone=people.phone(owner.phone) if owner else "",
                    renews_lease_id=lease.renews_lease_id,
                    renewed_by_id=renewed_by.get(lease.id),
                    attachment_count=counts.get(lease.id, 0),
                    archived=lease.archived_at is not None,
                )
                for lease, owner in pairs
            ]
            shown = {owner.uid for _, owner in pairs if owner is not None}
        if people.include:
            for uid in sorted(shown):  # the owner's address and phone were shown in full
                log_personal_view(self.ctx, "owner", uid, "임대차 정보 (소유주 주소·연락처)")
        return records

    def owners(self) -> list[OwnerRow]:
        """Every owner in full (the lease form's picker): an access record of that list."""
        with self.ctx.read() as session:
            rows = session.execute(
                select(Owner.id, Owner.name, Owner.address, Owner.phone)
                .where(Owner.archived_at.is_(None))
                .order_by(Owner.name, Owner.id)
            ).all()
        log_personal_view(self.ctx, "owner", None, f"소유주 목록 {len(rows)}명")
        return [OwnerRow(i, n, a or "", p or "") for i, n, a, p in rows]

    def current(self, house_id: int) -> LeasePeriod | None:
        """The lease in force today, else the latest that has begun, else the first to come;
        None for a house without a lease (what needs a lease is not offered then)."""
        with self.ctx.read() as session:
            return current_lease(lease_periods(session, house_id), self.ctx.today())

    def new_form(self, house_id: int) -> LeaseForm:
        """A blank lease for the house, starting on its program year's 1 March, or the day after
        its last lease ends (a new lease never overlaps the ones it has)."""
        with self.ctx.read() as session:
            house = _house(session, house_id)
            start = date(house.program_year, 3, 1)
            ends = [p.end_on for p in lease_periods(session, house_id) if p.end_on is not None]
            if ends and max(ends) >= start:
                start = max(ends) + ONE_DAY
            rules = RuleBook(session).for_year(house.program_year)
            return LeaseForm(
                house_id=house_id, start_on=start, end_on=lease_shortest_end(start, rules)
            )

    def load(self, lease_id: int) -> LeaseForm:
        with self.ctx.read() as session:
            lease = _lease(session, lease_id)
            owner = lease.owner
            return LeaseForm(
                house_id=lease.house_id,
                kind=lease.kind,
                start_on=lease.start_on,
                end_on=lease.end_on,
                annual_rent=lease.annual_rent,
                note=lease.note or "",
                owner=_owner_form(owner),
                renews_lease_id=lease.renews_lease_id,
                id=lease.id,
                revision=lease.revision,
            )

    def renewal_of(self, lease_id: int) -> LeaseForm:
        """A new lease following ``lease_id``: the same owner, kind and rent, starting the day
        after it ends and running as long as it did."""
        with self.ctx.read() as session:
            lease = _lease(session, lease_id)
            if lease.end_on is None:
                start = self.ctx.today()
                end = None
            else:
                start = lease.end_on + timedelta(days=1)
                years, months, days = duration_parts(lease.start_on, lease.end_on)
                if days:
                    end = start + timedelta(days=inclusive_days(lease.start_on, lease.end_on) - 1)
                else:
                    end = period_end(start, years=years, months=months)
            return LeaseForm(
                house_id=lease.house_id,
                kind=lease.kind,
                start_on=start,
                end_on=end,
                annual_rent=lease.annual_rent,
                owner=_owner_form(lease.owner),
                renews_lease_id=lease.id,
            )

    # --- checking and saving ----------------------------------------------------------------

    def validate(self, form: LeaseForm, files: list[PendingFile] | None = None) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check(session, form, files or [])

    def save(
        self,
        form: LeaseForm,
        *,
        accepted_warnings: Mapping[str, str] | None = None,
        files: list[PendingFile] | None = None,
    ) -> SavedRecord:
        """Write the owner, the lease and the attached files in one unit."""
        self.ctx.require(Permission.EDIT)
        files = files or []
        batch = FileBatch(self.ctx.db.folder.root)
        try:
            with self.ctx.write() as session:
                results = _check(session, form, files)
                lease = _lease(session, form.id) if form.id is not None else Lease()
                refuse_if_changed(session, lease, form, "lease")
                accepted = gate(
                    results, accepted_warnings, accepted_before(session, "lease", lease.uid)
                )
                write_lease(session, lease, form)
                add_files(session, batch, files, house_id=form.house_id, lease_id=lease.id)
                count = record_overrides(session, "lease", lease.uid, accepted, accepted_warnings)
                return saved_record(session, lease, count)
        except BaseException:
            batch.discard()
            raise

    def archive(self, lease_id: int, reason: str) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            lease = _lease(session, lease_id)
            archive(lease, reason)

    def restore(self, lease_id: int) -> None:
        """Bring an archived lease back; refused when another lease now covers its days."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            lease = _lease(session, lease_id)
            refused = check_overlap(
                lease.start_on, lease.end_on, lease_periods(session, lease.house_id), lease.id
            )
            if refused:
                raise FormRefused(refused)
            unarchive(lease)


# --- the rules over one house's leases -----------------------------------------------------


def lease_periods(session: Session, house_id: int) -> list[LeasePeriod]:
    """The house's leases that count (not archived), oldest first."""
    rows = session.execute(
        select(Lease.id, Lease.kind, Lease.start_on, Lease.end_on)
        .where(Lease.house_id == house_id, Lease.archived_at.is_(None))
        .order_by(Lease.start_on, Lease.id)
    ).all()
    return [LeasePeriod(*row) for row in rows]


def current_lease(periods: Iterable[LeasePeriod], today: date) -> LeasePeriod | None:
    """Of one house's leases: the one in force ``today``, else the latest begun, else the
    first to come."""
    ordered = sorted(periods, key=lambda p: (p.start_on, p.id or 0))
    begun = [p for p in ordered if p.start_on <= today]
    in_force = [p for p in begun if p.end_on is None or today <= p.end_on]
    if in_force:
        return in_force[-1]
    return begun[-1] if begun else (ordered[0] if ordered else None)


def check_overlap(
    start: date, end: date | None, others: Iterable[LeasePeriod], exclude_id: int | None = None
) -> list[RuleResult]:
    """REFUSE a period ``start``~``end`` that shares a day with another lease of the house.

    The refusal names the other lease and its period and says what would fit: after a lease
    that began first, start the day after it ends (a renewal); before a later one, end the day
    before it starts."""
    out = []
    for other in others:
        if other.id is not None and other.id == exclude_id:
            continue
        if not overlaps(start, end, other.start_on, other.end_on):
            continue
        head = f"이 집의 다른 {josa(other.label(), '과')} 기간이 겹칩니다. "
        if other.start_on <= start:
            field_name = "start_on"
            if other.end_on is None:
                hint = "그 계약은 종료일이 없어 계속됩니다. 그 계약의 종료일을 먼저 적어 주세요."
            else:
                hint = f"시작일은 {format_date_ko(other.end_on + ONE_DAY)} 이후여야 합니다."
        else:
            field_name = "end_on"
            hint = f"종료일은 {format_date_ko(other.start_on - ONE_DAY)} 이전이어야 합니다."
        value = format_period(start, end)
        out.append(refuse(field_name, head + hint, code=OVERLAP, value=value, limit=other.label()))
    return out


def check_owner(kind: LeaseKind, has_owner: bool) -> list[RuleResult]:
    """REFUSE a 임대차계약 without an owner; a 무상제공 may have none (the county's own)."""
    if has_owner or kind is LeaseKind.FREE:
        return []
    message = (
        "소유주: 임대차계약에는 소유주가 있어야 합니다. 소유주를 적거나, 군이 소유주 없이 "
        "제공하는 집이면 구분을 '무상제공'으로 고르세요."
    )
    return [refuse("owner_name", message, code=REQUIRED)]


def overlapping_leases(session: Session) -> list[LeaseOverlap]:
    """Every pair of one house's leases (not archived) whose periods share a day."""
    rows = session.execute(
        select(House.code, Lease.id, Lease.kind, Lease.start_on, Lease.end_on, Lease.uid)
        .join(House, House.id == Lease.house_id)
        .where(Lease.archived_at.is_(None))
        .order_by(House.code, Lease.start_on, Lease.id)
    ).all()
    by_house: dict[str, list[tuple[LeasePeriod, str]]] = {}
    for code, lease_id, kind, start, end, uid in rows:
        by_house.setdefault(code, []).append((LeasePeriod(lease_id, kind, start, end), uid))
    out = []
    for code, leases in by_house.items():
        for i, (first, _) in enumerate(leases):
            for second, uid in leases[i + 1 :]:
                if overlaps(first.start_on, first.end_on, second.start_on, second.end_on):
                    out.append(LeaseOverlap(code, first, second, uid))
    return out


def write_lease(session: Session, lease: Lease, form: LeaseForm) -> Lease:
    """Put ``form`` (checked already) into ``lease`` with its owner, new or chosen, and flush:
    the lease has its id after this. The one writer for the lease form and the new-house form."""
    owner = _save_owner(session, form.owner)
    lease.house_id = form.house_id
    lease.owner_id = owner.id if owner is not None else None
    lease.kind = form.kind
    lease.start_on = form.start_on  # type: ignore[assignment]
    lease.end_on = form.end_on
    lease.annual_rent = form.annual_rent
    lease.note = clean(form.note)
    lease.renews_lease_id = form.renews_lease_id
    if lease.id is None:
        session.add(lease)
    session.flush()
    return lease


def _owner_form(owner: Owner | None) -> OwnerForm:
    if owner is None:
        return OwnerForm()
    return OwnerForm(
        owner.name, owner.address or "", owner.phone or "", owner.note or "", owner.id,
        owner.revision,
    )  # fmt: skip


def _save_owner(session: Session, form: OwnerForm) -> Owner | None:
    name = (form.name or "").strip()
    if not name and form.id is None:
        return None
    owner = session.get(Owner, form.id) if form.id is not None else None
    if owner is None:
        owner = Owner()
        session.add(owner)
    else:
        refuse_if_changed(session, owner, form, "owner")
    owner.name = name or owner.name
    owner.address = clean(form.address)
    owner.phone = clean(form.phone)
    owner.note = clean(form.note)
    session.flush()
    return owner


def _house(session: Session, house_id: int) -> House:
    house = session.get(House, house_id)
    if house is None:
        raise FormRefused([refuse(None, "귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND)])
    return house


def _lease(session: Session, lease_id: int | None) -> Lease:
    lease = session.get(Lease, lease_id) if lease_id is not None else None
    if lease is None:
        raise FormRefused([refuse(None, "임대차계약을 찾을 수 없습니다.", code=NOT_FOUND)])
    return lease


def _chain_start(session: Session, form: LeaseForm) -> date | None:
    """The start of the first lease of the renewal chain ``form`` continues."""
    start = form.start_on
    seen: set[int] = set()
    previous = form.renews_lease_id
    while previous is not None and previous not in seen:
        seen.add(previous)
        row = session.execute(
            select(Lease.start_on, Lease.renews_lease_id).where(Lease.id == previous)
        ).first()
        if row is None:
            break
        start, previous = row
    return start


def _check(session: Session, form: LeaseForm, files: list[PendingFile]) -> list[RuleResult]:
    house = _house(session, form.house_id)
    return check_lease_form(
        session, form, files, program_year=house.program_year,
        development_type=house.development_type,
        others=lease_periods(session, form.house_id),
    )  # fmt: skip


def check_lease_form(
    session: Session,
    form: LeaseForm,
    files: list[PendingFile],
    *,
    program_year: int,
    development_type: DevelopmentType | None,
    others: list[LeasePeriod],
) -> list[RuleResult]:
    """Every refusal and warning for ``form`` as a lease of a house of ``program_year`` and
    ``development_type`` whose other leases are ``others`` (a house not yet saved has none)."""
    results: list[RuleResult] = []
    if form.start_on is None:
        results.append(required("start_on", "시작일"))
    if form.owner.id is not None and session.get(Owner, form.owner.id) is None:
        results.append(refuse("owner", "고른 소유주를 찾을 수 없습니다.", code=NOT_FOUND))
    if form.owner.id is not None and not (form.owner.name or "").strip():
        results.append(required("owner_name", "소유주 이름"))
    has_owner = form.owner.id is not None or bool((form.owner.name or "").strip())
    results += check_owner(form.kind, has_owner)
    results += check_phone("owner_phone", "소유주 연락처", form.owner.phone)
    results += check_amounts(annual_rent=form.annual_rent)
    for item in files:
        results += check_file(item.path)
    if form.start_on is None:
        return results
    label = f"{form.kind.label} 기간"
    rules = RuleBook(session).for_year(min(max(program_year, 1900), 9999))
    if development_type is DevelopmentType.RENTAL:
        results += check_period(form.start_on, form.end_on, label=label)
    else:
        refused = check_period(form.start_on, form.end_on, label=label)
        if refused:
            results += refused
        else:
            start = _chain_start(session, form) or form.start_on
            results += check_lease(form.kind, start, form.end_on, rules)
    if form.renews_lease_id is not None and session.get(Lease, form.renews_lease_id) is None:
        results.append(refuse(None, "갱신할 이전 계약을 찾을 수 없습니다.", code=NOT_FOUND))
    if not check_period(form.start_on, form.end_on):
        results += check_overlap(form.start_on, form.end_on, others, form.id)
    return results
