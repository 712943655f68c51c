"""Every edit form refuses a save over a record someone saved after it was opened, with both
values, and writes nothing (issue #16, point 3): two officers on one database, A opens, B saves,
A saves. The house form has its own tests (``test_revisions.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from edit_fixtures import services_for
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.services import Services
from gwinong_desktop.services.inspection_forms import FindingForm
from gwinong_desktop.services.residents import MemberForm
from gwinong_desktop.services.revisions import ChangedMeanwhile
from gwinong_desktop.services.rule_gate import WarningsPending
from gwinong_desktop.services.works import ObligationLine
from gwinong_desktop.storage import models as m


def first(svc: Services, model: type, *where: Any) -> int:
    """The id of the first live record of ``model`` (matching ``where``)."""
    with svc.ctx.read() as s:
        live = [model.archived_at.is_(None)] if hasattr(model, "archived_at") else []
        stmt = select(model.id).where(*live, *where).order_by(model.id)
        found = s.scalar(stmt.limit(1))
    assert found is not None, f"the demo county has no {model.__name__}"
    return found


def saved(save: Callable[..., Any], form: Any) -> Any:
    """Save, giving a reason for any rule warning (the warnings are not what is tested)."""
    try:
        return save(form)
    except WarningsPending as pending:
        return save(form, accepted_warnings={w.rule: "검토함" for w in pending.results})


@dataclass(frozen=True)
class Case:
    """One form: how to find a record, load it, change one field, save it and read it back."""

    name: str
    find: Callable[[Services], int]
    load: Callable[[Services, int], Any]
    change: Callable[[Any, str], Any]
    save: Callable[[Services], Callable[..., Any]]
    shown: str  # the label the refusal names the field by
    again: bool = True  # reopened, the form saves (a deposit is returned once: not again)


def _note(form: Any, text: str) -> Any:
    return replace(form, note=text)


CASES = [
    Case("operator", lambda s: first(s, m.Operator), lambda s, i: s.operators.load(i),
         _note, lambda s: s.operators.save, "비고"),
    Case("lease", lambda s: first(s, m.Lease), lambda s, i: s.leases.load(i),
         _note, lambda s: s.leases.save, "비고"),
    Case("owner (in the lease form)", lambda s: first(s, m.Lease, m.Lease.owner_id.is_not(None)),
         lambda s, i: s.leases.load(i),
         lambda f, t: replace(f, owner=replace(f.owner, address=t)), lambda s: s.leases.save,
         "주소"),
    Case("development", lambda s: first(s, m.Development), lambda s, i: s.works.load(i),
         lambda f, t: replace(f, contractor=t), lambda s: s.works.save, "시공업체"),
    Case("development's 원인행위", lambda s: first(s, m.Development),
         lambda s, i: s.works.load(i),
         lambda f, t: replace(f, obligations=[*f.obligations, ObligationLine(
             date(2026, 11, 1), 1_000, FundingSource.COUNTY, t)]) if t == "B"
         else replace(f, contractor=t),
         lambda s: s.works.save, "원인행위"),
    Case("recruitment round", lambda s: first(s, m.Recruitment),
         lambda s, i: s.recruitment.load_round(i), _note, lambda s: s.recruitment.save_round,
         "비고"),
    Case("applicant", lambda s: first(s, m.Applicant),
         lambda s, i: s.recruitment.load_applicant(i), _note,
         lambda s: s.recruitment.save_applicant, "비고"),
    Case("decision", lambda s: first(s, m.Applicant),
         lambda s, i: s.recruitment.decision_form(i),
         lambda f, t: replace(f, reason=t), lambda s: s.recruitment.decide, "결정 사유"),
    Case("resident", lambda s: first(s, m.Resident), lambda s, i: s.residents.load(i),
         _note, lambda s: s.residents.save, "비고"),
    Case("resident's 세대원", lambda s: first(s, m.Resident), lambda s, i: s.residents.load(i),
         lambda f, t: replace(f, members=[*f.members, MemberForm("이새봄", "자녀",
                                                                  date(2015, 3, 1))])
         if t == "B" else _note(f, t),
         lambda s: s.residents.save, "세대원"),
    Case("inspection's 지적사항", lambda s: first(s, m.Inspection),
         lambda s, i: s.inspections.load(i),
         lambda f, t: replace(f, findings=[*f.findings, FindingForm("처마 물받이 파손")])
         if t == "B" else replace(f, summary=t),
         lambda s: s.inspections.save, "지적사항"),
    Case("stay terms", lambda s: first(s, m.Stay), lambda s, i: s.stays.stay_form(i),
         _note, lambda s: s.stays.save_stay, "비고"),
    Case("extension", lambda s: first(s, m.Stay, m.Stay.moved_out_on.is_(None)),
         lambda s, i: s.stays.extension_form(i), lambda f, t: replace(f, reason=t),
         lambda s: s.stays.extend, "연장 사유"),
    Case("move-out", lambda s: first(s, m.Stay, m.Stay.moved_out_on.is_(None)),
         lambda s, i: s.stays.move_out_form(i), _note, lambda s: s.stays.move_out, "비고"),
    Case("settlement", lambda s: first(s, m.Stay, m.Stay.moved_out_on.is_not(None)),
         lambda s, i: s.stays.settlement_form(i),
         lambda f, t: replace(f, settled_address=t + " 정착 주소"),
         lambda s: s.stays.save_settlement, "정착한 곳"),
    Case("deposit return", lambda s: first(s, m.Deposit, m.Deposit.returned_on.is_(None)),
         lambda s, i: s.deposits.return_form(i),
         lambda f, t: replace(f, returned_amount=f.returned_amount - (1 if t == "A" else 2),
                              deduction_reason=t),
         lambda s: s.deposits.return_deposit, "공제 사유", again=False),
    Case("annual plan", lambda s: first(s, m.AnnualPlan),
         lambda s, i: s.plans.load(_plan_year(s, i)), _note, lambda s: s.plans.save, "비고"),
    Case("payment", lambda s: first(s, m.Payment), lambda s, i: s.rent.load_payment(i),
         _note, lambda s: s.rent.save_payment, "비고"),
    Case("inspection", lambda s: first(s, m.Inspection), lambda s, i: s.inspections.load(i),
         lambda f, t: replace(f, summary=t), lambda s: s.inspections.save, "요약"),
    Case("visit", lambda s: first(s, m.Visit), lambda s, i: s.inspections.load_visit(i),
         _note, lambda s: s.inspections.save_visit, "비고"),
    Case("photo", lambda s: first(s, m.Photo), lambda s, i: _photo_form(s, i),
         lambda f, t: replace(f, caption=t), lambda s: s.photo_views.place, "설명"),
]  # fmt: skip


def _plan_year(svc: Services, plan_id: int) -> int:
    with svc.ctx.read() as s:
        return s.get(m.AnnualPlan, plan_id).year


def _photo_form(svc: Services, photo_id: int) -> Any:
    from gwinong_desktop.services.photo_views import PhotoPlacement

    with svc.ctx.read() as s:
        house_id = s.get(m.Photo, photo_id).house_id
    row = next(r for r in svc.photo_views.for_house(house_id) if r.id == photo_id)
    return PhotoPlacement(row.id, row.phase, row.slot, row.caption, row.revision)


def _events(svc: Services) -> int:
    with svc.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(m.AuditEvent))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_save_over_a_later_one_is_refused_with_both_values(svc: Services, case: Case) -> None:
    kim, lee = services_for(svc.ctx.db, "김담당"), services_for(svc.ctx.db, "이주무관")
    record = case.find(kim)
    kims, lees = case.load(kim, record), case.load(lee, record)  # both open the record
    assert kims.revision is not None
    saved(case.save(lee), case.change(lees, "B"))
    before = _events(kim)
    with pytest.raises(ChangedMeanwhile) as err:
        saved(case.save(kim), case.change(kims, "A"))
    message = err.value.message
    assert "이주무관님이" in message and "덮어쓰지 않았습니다" in message
    assert "입력한 내용은 이 창에 그대로 있습니다" in message
    assert any(case.shown in d.label for d in err.value.differences), message
    assert _events(kim) == before  # nothing written, not even a trail of the refusal
    # Opened again, the form carries the new revision and saves.
    if case.again:
        saved(case.save(kim), case.change(case.load(kim, record), "A"))


@pytest.mark.parametrize("case", CASES[:3], ids=[c.name for c in CASES[:3]])
def test_the_refusal_shows_the_saved_and_the_typed_value(svc: Services, case: Case) -> None:
    kim, lee = services_for(svc.ctx.db, "김담당"), services_for(svc.ctx.db, "이주무관")
    record = case.find(kim)
    kims, lees = case.load(kim, record), case.load(lee, record)
    saved(case.save(lee), case.change(lees, "이주무관이 적음"))
    with pytest.raises(ChangedMeanwhile) as err:
        saved(case.save(kim), case.change(kims, "김담당이 적음"))
    assert "저장된 값 이주무관이 적음 / 입력한 값 김담당이 적음" in err.value.message
