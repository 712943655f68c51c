"""Residents (입주자) and their households: the people list, a person's page, editing a person.

- ``list_residents``: everyone who has lived in (or is moving into) a house, with the latest
  stay; names and phones masked for roles that may not see personal data, birth dates shown as
  the year only (a list does not need more).
- ``detail``: a person's page — the resident in full with the household members and every stay.
  Shown in full only to roles that may see personal data, and that view is an access record;
  열람 sees it masked.
- ``load``/``save``: name, birth date, phone, previous address, 귀농교육 hours, the household
  members (added, changed, removed = archived) and the note, in one write unit.
- ``store_rrn``/``masked_rrn``/``reveal_rrn``: the 주민등록번호, only where a form needs it,
  encrypted (``privacy``); revealing it is an access record.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import SettlementOutcome
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import NOT_FOUND, RuleResult, refuse
from gwinong_desktop.domain.stays import StayStatus, stay_status
from gwinong_desktop.storage.models import House, HouseholdMember, Resident, Stay, utcnow

from . import privacy
from .context import ServiceContext
from .revisions import Lines, line_revisions, refuse_if_changed, refuse_if_lines_changed
from .rule_gate import FormRefused, SavedRecord, clean, gate
from .rule_gate import required as _required
from .stay_checks import OLDEST_BIRTH, check_person
from .stay_rows import StayRow, StaysOf, stay_rows


@dataclass(frozen=True)
class ResidentRow:
    """One person in the 입주자 list."""

    id: int
    name: str
    birth_year: int | None
    phone: str
    members: int
    stays: int
    house_code: str
    """The house of the latest stay."""
    move_in_on: date | None
    status: StayStatus | None
    settlement: SettlementOutcome

    def search_text(self) -> str:
        status = self.status.label if self.status else ""
        return f"{self.name} {self.phone} {self.house_code} {status} {self.settlement.label}"


@dataclass(frozen=True)
class MemberLine:
    id: int
    name: str
    relation: str
    birth: str


@dataclass(frozen=True)
class ResidentDetail:
    """A person's page; ``full`` says whether it is shown unmasked (an access record)."""

    id: int
    name: str
    birth: str
    phone: str
    previous_address: str
    education_hours: int
    from_applicant: bool
    settlement: SettlementOutcome
    settled_on: date | None
    moved_in_registered: bool
    farm_registered: bool
    settled_address: str
    note: str
    rrn: str | None
    members: list[MemberLine]
    stays: list[StayRow]
    full: bool


@dataclass
class MemberForm:
    name: str = ""
    relation: str = ""
    birth_date: date | None = None
    id: int | None = None


@dataclass
class ResidentForm:
    id: int
    name: str = ""
    birth_date: date | None = None
    phone: str = ""
    previous_address: str = ""
    education_hours: int | None = 0
    note: str = ""
    members: list[MemberForm] = field(default_factory=list)
    revision: int | None = None
    """The person's revision when the form was loaded: a save over a later one is refused."""
    loaded_lines: dict[str, Lines] | None = None
    """The household members as loaded: a save over changed ones is refused."""


class ResidentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_residents(self) -> list[ResidentRow]:
        """Every resident (not archived) with the latest stay, latest move-in first."""
        people = privacy.list_policy(self.ctx)
        today = self.ctx.today()
        with self.ctx.read() as session:
            members = dict(
                session.execute(
                    select(HouseholdMember.resident_id, func.count(HouseholdMember.id))
                    .where(HouseholdMember.archived_at.is_(None))
                    .group_by(HouseholdMember.resident_id)
                ).all()
            )
            latest: dict[int, tuple] = {}
            counts: dict[int, int] = {}
            for rid, code, move_in, planned, extended, moved_out in session.execute(
                select(Stay.resident_id, House.code, Stay.move_in_on, Stay.planned_end_on,
                       Stay.extended_to, Stay.moved_out_on)
                .join(House, House.id == Stay.house_id)
                .where(Stay.archived_at.is_(None))
                .order_by(Stay.move_in_on, Stay.id)
            ):  # fmt: skip
                counts[rid] = counts.get(rid, 0) + 1
                status = stay_status(move_in, planned, extended, moved_out, today)
                latest[rid] = (code, move_in, status)
            rows = session.execute(
                select(Resident.id, Resident.name, Resident.birth_date, Resident.phone,
                       Resident.settlement)
                .where(Resident.archived_at.is_(None))
            ).all()  # fmt: skip
        out = []
        for rid, name, birth, phone, settlement in rows:
            code, move_in, status = latest.get(rid, ("", None, None))
            out.append(
                ResidentRow(
                    rid,
                    people.name(name),
                    birth.year if birth else None,
                    people.phone(phone),
                    members.get(rid, 0),
                    counts.get(rid, 0),
                    code,
                    move_in,
                    status,
                    settlement,
                )
            )
        out.sort(key=lambda r: (r.move_in_on or date.min, r.id), reverse=True)
        if people.include and out:
            privacy.log_personal_view(
                self.ctx, "resident", None, f"입주자 목록 {len(out):,}명 (성명·연락처)"
            )
        return out

    def detail(self, resident_id: int) -> ResidentDetail:
        """The person's page: in full to roles that may see personal data (recorded as an
        access), masked to 열람."""
        people = privacy.list_policy(self.ctx)
        with self.ctx.read() as session:
            r = _resident(session, resident_id)
            uid = r.uid
            members = [
                MemberLine(
                    m.id, people.name(m.name), m.relation or "", _birth(people, m.birth_date)
                )
                for m in _members(session, resident_id)
            ]
            stays = stay_rows(
                session, self.ctx.today(), people, StaysOf.RESIDENT, resident_id=resident_id
            )
            detail = ResidentDetail(
                r.id, people.name(r.name), _birth(people, r.birth_date), people.phone(r.phone),
                people.address(r.previous_address), r.education_hours or 0,
                r.applicant_id is not None, r.settlement, r.settled_on,
                bool(r.moved_in_registered), bool(r.farm_registered),
                people.address(r.settled_address), (r.note or "") if people.include else "",
                None, members, stays, people.include,
            )  # fmt: skip
        if people.include:
            privacy.log_personal_view(self.ctx, "resident", uid, "입주자 정보")
        detail = replace(detail, rrn=privacy.masked_rrn(self.ctx, "resident", uid))
        return detail

    def load(self, resident_id: int) -> ResidentForm:
        """The person as the edit form shows it, in full (an access record)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.read() as session:
            r = _resident(session, resident_id)
            uid = r.uid
            members = _members(session, resident_id)
            form = ResidentForm(
                r.id, r.name, r.birth_date, r.phone or "", r.previous_address or "",
                r.education_hours or 0, r.note or "",
                [MemberForm(m.name, m.relation or "", m.birth_date, m.id) for m in members],
                r.revision, {"household_member": line_revisions(members)},
            )  # fmt: skip
        privacy.log_personal_view(self.ctx, "resident", uid, "입주자 정보 수정")
        return form

    def validate(self, form: ResidentForm, *, rrn: str | None = None) -> list[RuleResult]:
        with self.ctx.read() as session:
            _resident(session, form.id)
        return _check(form, self.ctx.today(), rrn)

    def save(self, form: ResidentForm, *, rrn: str | None = None) -> SavedRecord:
        """Write the person and the household in one unit; members left out are archived.
        ``rrn``: a 주민등록번호 to keep (checked before anything is written, stored encrypted
        after); None leaves the stored one as it is."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            gate(_check(form, self.ctx.today(), rrn), None)
            r = _resident(session, form.id)
            refuse_if_changed(session, r, form, "resident")
            refuse_if_lines_changed(
                session, _members(session, form.id),
                (form.loaded_lines or {}).get("household_member"), "household_member",
                len(form.members),
            )  # fmt: skip
            r.name = form.name.strip()
            r.birth_date = form.birth_date
            r.phone = clean(form.phone)
            r.previous_address = clean(form.previous_address)
            r.education_hours = form.education_hours or 0
            r.note = clean(form.note)
            existing = {m.id: m for m in _members(session, form.id)}
            for m in form.members:
                member = existing.pop(m.id, None) if m.id is not None else None
                if member is None:
                    member = HouseholdMember(resident_id=r.id)
                    session.add(member)
                member.name = m.name.strip()
                member.relation = clean(m.relation)
                member.birth_date = m.birth_date
            for gone in existing.values():
                gone.archived_at = utcnow()
                gone.archive_reason = "입주자 정보에서 세대원 삭제"
            session.flush()
            saved = SavedRecord(r.id, r.uid)
        if rrn:
            privacy.store_rrn(self.ctx, "resident", saved.uid, rrn)
        return saved

    # --- the registration number -------------------------------------------------------------

    def store_rrn(self, resident_id: int, text: str | None) -> None:
        """Keep (or, with None, remove) the person's 주민등록번호, encrypted."""
        privacy.store_rrn(self.ctx, "resident", self._uid(resident_id), text)

    def masked_rrn(self, resident_id: int) -> str | None:
        return privacy.masked_rrn(self.ctx, "resident", self._uid(resident_id))

    def reveal_rrn(self, resident_id: int) -> str | None:
        """The full number (an access record)."""
        return privacy.reveal_rrn(self.ctx, "resident", self._uid(resident_id))

    def _uid(self, resident_id: int) -> str:
        with self.ctx.read() as session:
            return _resident(session, resident_id).uid


def _resident(session: Session, resident_id: int) -> Resident:
    r = session.get(Resident, resident_id)
    if r is None:
        raise FormRefused([refuse(None, "입주자를 찾을 수 없습니다.", code=NOT_FOUND)])
    return r


def _members(session: Session, resident_id: int) -> list[HouseholdMember]:
    return list(
        session.scalars(
            select(HouseholdMember)
            .where(
                HouseholdMember.resident_id == resident_id, HouseholdMember.archived_at.is_(None)
            )
            .order_by(HouseholdMember.id)
        )
    )


def _birth(people: privacy.PersonalDataPolicy, value: date | None) -> str:
    shown = people.birth(value)
    if isinstance(shown, date):
        return format_date_ko(shown)
    return shown or ""


def _check(form: ResidentForm, today: date, rrn: str | None = None) -> list[RuleResult]:
    results = check_person(form.name, form.birth_date, form.phone, form.education_hours, today)
    if rrn:
        try:
            privacy.normalize_rrn(rrn)
        except privacy.PrivacyError as error:
            results.append(refuse("rrn", error.message))
    for i, m in enumerate(form.members, 1):
        if not m.name.strip():
            results.append(_required(f"members.{i}.name", f"세대원 {i}번째 성명"))
        if m.birth_date is not None and not OLDEST_BIRTH <= m.birth_date <= today:
            message = f"세대원 {i}번째({m.name.strip()})의 생년월일이 있을 수 없는 날짜입니다."
            results.append(refuse(f"members.{i}.birth_date", message))
    return results
