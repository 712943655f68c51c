"""Site visits at entry: checklists per kind, findings to their 조치결과, the county-wide open
list (overdue first), visits and their stops, the move-out inspection, empty photo slots and
drafts of inspections being typed."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from edit_fixtures import TODAY
from sqlalchemy import select

from gwinong_desktop.domain.enums import (
    FindingStatus,
    InspectionKind,
    PhotoPhase,
    PhotoSlot,
    ReportKind,
    Role,
)
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.services import Services
from gwinong_desktop.services.inspection_forms import FindingForm, VisitForm
from gwinong_desktop.services.rule_gate import FormRefused
from gwinong_desktop.storage.models import AuditEvent, Finding, Photo, Stay

K = InspectionKind


def _house(svc: Services, code: str = "진안-2020-01"):
    return next(h for h in svc.houses.list_houses() if h.code == code)


def _record(svc: Services, **changes) -> int:
    form = svc.inspections.new_inspection(_house(svc).id, K.REGULAR)
    form.inspected_on = TODAY - timedelta(days=10)
    for key, value in changes.items():
        setattr(form, key, value)
    return svc.inspections.save(form).id


def test_a_new_inspection_answers_the_countys_checklist_and_keeps_the_texts(svc: Services):
    items = svc.inspections.checklist(K.REGULAR)
    assert any("누수" in i for i in items) and any("소화기" in i for i in items)
    form = svc.inspections.new_inspection(_house(svc).id, K.REGULAR)
    assert [a.item for a in form.checklist] == items
    assert form.inspected_on == TODAY and form.inspector == "officer"
    form.checklist[0].result = "불량"
    form.checklist[0].note = "거실 천장 얼룩"
    saved = svc.inspections.save(form)
    svc.inspections.set_checklist(K.REGULAR, ["보일러", "  ", "보일러", "지붕"])
    assert svc.inspections.checklist(K.REGULAR) == ["보일러", "지붕"]
    again = svc.inspections.load(saved.id)
    assert [a.item for a in again.checklist] == items  # answered texts are kept
    assert (again.checklist[0].result, again.checklist[0].note) == ("불량", "거실 천장 얼룩")
    assert svc.inspections.new_inspection(_house(svc).id, K.REGULAR).checklist[1].item == "지붕"
    assert svc.inspections.checklist(K.MOVE_OUT) != ["보일러", "지붕"]  # per kind
    assert svc.inspections.reset_checklist(K.REGULAR) == items


def test_an_empty_checklist_and_a_future_date_are_refused(svc: Services):
    with pytest.raises(FormRefused, match="한 개 이상"):
        svc.inspections.set_checklist(K.AD_HOC, [" ", ""])
    form = svc.inspections.new_inspection(_house(svc).id)
    form.inspected_on = TODAY + timedelta(days=1)
    with pytest.raises(FormRefused) as refused:
        svc.inspections.save(form)
    assert refused.value.results[0].field == "inspected_on"
    assert "방문 계획" in refused.value.message


def test_finding_closing_rules(svc: Services):
    on = TODAY - timedelta(days=10)
    inspection = _record(
        svc, findings=[FindingForm("보일러 배관 누수", "배관 교체", on + timedelta(5))]
    )
    finding = svc.inspections.findings(house_id=_house(svc).id, open_only=True)[0]
    assert finding.inspection_id == inspection and finding.overdue  # due 5 days ago
    assert finding.status_text() == "기한 지남"
    with pytest.raises(FormRefused, match="조치결과: 입력"):
        svc.inspections.close_finding(finding.id, " ", on)
    with pytest.raises(FormRefused, match="점검일"):
        svc.inspections.close_finding(finding.id, "교체함", on - timedelta(days=1))
    with pytest.raises(FormRefused, match="오늘 이후"):
        svc.inspections.close_finding(finding.id, "교체함", TODAY + timedelta(days=1))
    svc.inspections.close_finding(finding.id, "배관 교체 완료", on + timedelta(days=3))
    done = next(f for f in svc.inspections.findings() if f.id == finding.id)
    assert done.status is FindingStatus.DONE and not done.overdue
    assert done.action_taken == "배관 교체 완료" and done.resolved_on == on + timedelta(days=3)
    assert finding.id not in {f.id for f in svc.inspections.findings(open_only=True)}
    svc.inspections.reopen_finding(finding.id)
    assert finding.id in {f.id for f in svc.inspections.findings(open_only=True)}


def test_a_form_refuses_a_result_without_its_date_and_a_due_date_before_the_visit(svc: Services):
    on = TODAY - timedelta(days=10)
    with pytest.raises(FormRefused) as refused:
        _record(svc, findings=[
            FindingForm("창문 파손", due_on=on - timedelta(days=1)),
            FindingForm("도배", action_taken="도배함"),
            FindingForm(""),
        ])  # fmt: skip
    text = refused.value.message
    assert "지적사항 1: 조치 기한" in text and "지적사항 2: 조치결과를 적었으면" in text
    assert "지적사항 3: 지적 내용" in text
    with svc.ctx.read() as s:
        assert s.scalar(select(Finding).where(Finding.description == "창문 파손")) is None


def test_open_findings_county_wide_overdue_first(svc: Services):
    on = TODAY - timedelta(days=30)
    _record(svc, inspected_on=on, findings=[
        FindingForm("기한 없음"), FindingForm("곧 기한", due_on=TODAY + timedelta(days=3)),
        FindingForm("오래 지남", due_on=on + timedelta(days=1)),
        FindingForm("조금 지남", due_on=TODAY - timedelta(days=1)),
    ])  # fmt: skip
    rows = svc.inspections.findings(open_only=True)
    assert all(r.status is FindingStatus.OPEN for r in rows)
    overdue = [r for r in rows if r.overdue]
    assert rows[: len(overdue)] == overdue  # overdue ones first
    assert [r.due_on for r in overdue] == sorted(r.due_on for r in overdue)
    mine = [r.description for r in rows if r.description in {"기한 없음", "곧 기한", "오래 지남",
                                                              "조금 지남"}]  # fmt: skip
    assert mine == ["오래 지남", "조금 지남", "곧 기한", "기한 없음"]
    assert len({r.house_code for r in rows}) > 1  # the demo's open findings of other houses


def test_editing_an_inspection_keeps_its_findings_and_archives_those_taken_out(svc: Services):
    inspection_id = _record(svc, findings=[FindingForm("A"), FindingForm("B")])
    form = svc.inspections.load(inspection_id)
    form.findings = [form.findings[1]]
    form.findings[0].action_required = "보수"
    svc.inspections.save(form)
    again = svc.inspections.load(inspection_id)
    assert [(f.description, f.action_required) for f in again.findings] == [("B", "보수")]
    with svc.ctx.read() as s:
        gone = s.scalar(select(Finding).where(Finding.description == "A"))
        assert gone.archived_at is not None
    svc.inspections.archive(inspection_id, "잘못 입력")
    assert inspection_id not in {r.id for r in svc.inspections.list_inspections()}
    assert "B" not in {f.description for f in svc.inspections.findings()}


def test_a_visit_for_several_houses_filled_in_stop_by_stop(svc: Services):
    houses = svc.houses.list_houses()[:3]
    form = svc.inspections.new_visit(TODAY + timedelta(days=3))
    assert form.title.endswith("현장 방문")
    form.house_ids = [houses[2].id, houses[0].id, houses[1].id]
    visit_id = svc.inspections.save_visit(form).id
    visit = next(v for v in svc.inspections.list_visits() if v.id == visit_id)
    assert [s.house_id for s in visit.stops] == form.house_ids and visit.progress() == "0/3곳"
    first = visit.stops[0]
    inspection = svc.inspections.new_for_stop(first.id)
    assert inspection.house_id == houses[2].id and inspection.visit_id == visit_id
    saved = svc.inspections.save(inspection)
    visit = next(v for v in svc.inspections.list_visits() if v.id == visit_id)
    assert visit.stops[0].inspection_id == saved.id and visit.done == 1
    with pytest.raises(FormRefused, match="이미 점검"):
        svc.inspections.new_for_stop(first.id)
    again = svc.inspections.load_visit(visit_id)
    again.house_ids = [houses[1].id, houses[0].id]
    with pytest.raises(FormRefused, match="뺄 수 없습니다"):
        svc.inspections.save_visit(again)
    again.house_ids = [houses[1].id, houses[2].id]  # reorder, drop an unvisited stop
    svc.inspections.save_visit(again)
    visit = next(v for v in svc.inspections.list_visits() if v.id == visit_id)
    assert [(s.house_id, s.position) for s in visit.stops] == [(houses[1].id, 1),
                                                               (houses[2].id, 2)]  # fmt: skip
    with pytest.raises(FormRefused, match="두 번"):
        svc.inspections.save_visit(VisitForm(TODAY, "x", K.REGULAR, house_ids=[houses[0].id] * 2))


def test_the_visit_sheet_names_contacts_open_findings_and_empty_slots(svc: Services):
    house = _house(svc)
    _record(svc, findings=[FindingForm("난간 흔들림", "난간 고정", TODAY - timedelta(days=2))])
    visit_id = svc.inspections.save_visit(
        VisitForm(TODAY, "정기 방문", K.REGULAR, "주무관 박", house_ids=[house.id])
    ).id
    sheet = svc.inspections.visit_sheet(visit_id)
    stop = sheet.stops[0]
    assert stop.house_code == house.code and stop.operator and stop.address
    mine = next(f for f in stop.findings if f.description == "난간 흔들림")
    assert mine.overdue and mine.action_required == "난간 고정"
    with svc.ctx.read() as s:
        taken = set(
            s.execute(
                select(Photo.phase, Photo.slot).where(
                    Photo.house_id == house.id, Photo.archived_at.is_(None), Photo.slot.is_not(None)
                )
            )
        )
    assert set(stop.empty_slots) == {(p, sl) for p in PhotoPhase for sl in PhotoSlot} - taken
    assert svc.inspections.empty_slots(house.id) == list(stop.empty_slots)
    assert sheet.checklist == tuple(svc.inspections.checklist(K.REGULAR))
    document = svc.inspections.visit_list(visit_id)
    assert document.kind is ReportKind.VISIT_LIST and document.file_name.endswith("1곳.pdf")
    assert "난간 흔들림" in document.html and "기한 지남" in document.html
    assert house.code in document.html and "□ 조치됨" in document.html


def test_the_move_out_inspection_of_a_stay(svc: Services):
    with svc.ctx.read() as s:
        stay = s.scalars(select(Stay).where(Stay.moved_out_on.is_not(None))).first()
        other = s.scalars(select(Stay.id).where(Stay.house_id != stay.house_id)).first()
        stay_id, house_id, out = stay.id, stay.house_id, stay.moved_out_on
    recorded = svc.inspections.move_out_inspection(stay_id)  # the demo's
    assert recorded is not None
    with pytest.raises(FormRefused, match="이미 기록"):
        svc.inspections.save(svc.inspections.new_move_out(stay_id))
    svc.inspections.archive(recorded, "다시 기록")
    assert stay_id in {c.stay_id for c in svc.inspections.move_outs_to_inspect()}
    form = svc.inspections.new_move_out(stay_id)
    assert (form.kind, form.house_id, form.stay_id, form.inspected_on) == (
        K.MOVE_OUT, house_id, stay_id, out)  # fmt: skip
    assert any("원상복구" in a.item for a in form.checklist)
    saved = svc.inspections.save(form)
    assert svc.inspections.move_out_inspection(stay_id) == saved.id
    assert stay_id not in {c.stay_id for c in svc.inspections.move_outs_to_inspect()}
    row = next(r for r in svc.inspections.list_inspections(house_id=house_id) if r.id == saved.id)
    assert row.stay_id == stay_id and row.kind is K.MOVE_OUT
    form.id, form.stay_id = None, other
    with pytest.raises(FormRefused, match="이 집의 것이 아닙니다"):
        svc.inspections.save(form)


def test_a_reading_role_may_not_write_and_writes_are_audited(svc: Services):
    _record(svc, findings=[FindingForm("audited")])
    with svc.ctx.read() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.entity == "finding")) is not None
    svc.ctx.role = Role.VIEWER
    with pytest.raises(NotPermitted):
        svc.inspections.set_checklist(K.REGULAR, ["x"])
    with pytest.raises(NotPermitted):
        svc.inspections.close_finding(1, "x", TODAY)


def test_drafts_are_written_atomically_offered_and_removed(svc: Services):
    store = svc.inspections.drafts
    form = svc.inspections.new_inspection(_house(svc).id)
    form.summary = "배터리가 나가기 직전"
    form.findings = [FindingForm("현관 타일 깨짐", "교체", TODAY + timedelta(days=7))]
    key = store.new_key(form)
    path = store.write(key, form, ["/media/DCIM/IMG_0001.HEIC"], "진안-2020-01")
    assert path.parent == svc.data_dir / "drafts"
    assert not list(path.parent.glob("*.tmp"))
    (path.parent / "broken.json").write_text('{"format": 1, "form": {', encoding="utf-8")
    drafts, broken = store.pending()
    assert [d.key for d in drafts] == [key] and broken[0].startswith("broken.json")
    back = drafts[0]
    assert back.form == form and back.photos == ("/media/DCIM/IMG_0001.HEIC",)
    assert "진안-2020-01" in back.describe()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["form"]["findings"][0]["due_on"] == (TODAY + timedelta(days=7)).isoformat()
    store.discard(key)
    assert not path.exists()
    store.discard(key)  # twice is harmless
    with pytest.raises(ValueError):
        store.path("../escape")


def test_the_demo_plans_a_visit_and_links_move_out_inspections(svc: Services):
    [visit] = svc.inspections.list_visits()
    assert visit.planned_on > TODAY and len(visit.stops) >= 3 and visit.done == 0
    opens = svc.inspections.findings(open_only=True)
    assert opens and all(f.action_required for f in opens)
    assert {f.house_id for f in opens} <= {s.house_id for s in visit.stops}
    move_outs = [r for r in svc.inspections.list_inspections() if r.kind is K.MOVE_OUT]
    assert move_outs and all(r.stay_id is not None for r in move_outs)
