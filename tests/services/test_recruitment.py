"""Recruitment at entry: rounds, applicants with documents, scoring, decisions and evidence."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import ApplicantDecision as D
from gwinong_desktop.domain.enums import AttachmentKind, Role
from gwinong_desktop.domain.permissions import NotPermitted
from gwinong_desktop.domain.rules import RuleKey
from gwinong_desktop.services import Services
from gwinong_desktop.services.attachments import PendingFile
from gwinong_desktop.services.recruitment_forms import ApplicantForm, DecisionForm, RoundForm
from gwinong_desktop.services.revisions import ChangedMeanwhile
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.storage.models import (
    Applicant,
    Attachment,
    AuditEvent,
    Recruitment,
    RuleOverride,
)


def _count(svc: Services, model) -> int:
    with svc.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _house(svc: Services):
    return next(h for h in svc.houses.list_houses() if h.code == "진안-2020-01")


def _new_round(svc: Services, **changes) -> int:
    form = svc.recruitment.new_round(_house(svc).id)
    form.notice_from, form.notice_to = date(2026, 11, 1), date(2026, 11, 15)
    for key, value in changes.items():
        setattr(form, key, value)
    return svc.recruitment.save_round(form).id


def _apply(svc: Services, round_id: int, name: str, hours: int, family: bool, day: int, **kw):
    form = ApplicantForm(
        recruitment_id=round_id,
        name=name,
        birth_date=date(1980, 5, 14),
        phone="010-1234-5678",
        address="서울특별시 마포구 월드컵로 1",
        household_size=3 if family else 1,
        education_hours=hours,
        with_family=family,
        applied_on=date(2026, 11, day),
    )
    return svc.recruitment.save_applicant(form, **kw).id


def _decide(svc, applicant_id, decision, reason="", **kw):
    form = DecisionForm(applicant_id, decision, date(2026, 11, 20), reason)
    return svc.recruitment.decide(form, **kw)


# --- rounds -----------------------------------------------------------------------------------


def test_a_new_round_takes_the_house_standard_rent_and_deposit(svc):
    form = svc.recruitment.new_round(_house(svc).id)
    assert (form.monthly_rent, form.deposit) == (120_000, 1_000_000)
    assert form.notice_from == date(2026, 11, 21) and form.notice_to == date(2026, 12, 5)
    assert "진안-2020-01" in form.title


def test_a_notice_ending_before_it_starts_is_refused_and_nothing_written(svc):
    before = _count(svc, Recruitment)
    form = RoundForm(
        house_id=_house(svc).id,
        title="입주자 모집",
        notice_from=date(2026, 11, 15),
        notice_to=date(2026, 11, 1),
    )
    with pytest.raises(FormRefused) as err:
        svc.recruitment.save_round(form)
    (result,) = err.value.results
    assert result.field == "notice_to"
    assert "공고 마감일(2026.11.1.)이 공고 시작일(2026.11.15.)보다 빠릅니다" in result.message
    assert _count(svc, Recruitment) == before


def test_a_round_without_title_or_house_is_refused(svc):
    with pytest.raises(FormRefused) as err:
        svc.recruitment.save_round(RoundForm(notice_from=date(2026, 1, 1)))
    fields = {r.field for r in err.value.results}
    assert {"house_id", "title", "notice_to"} <= fields


def test_a_rent_over_the_year_limit_warns_and_keeps_the_reason(svc):
    svc.rule_values.save(2026, {RuleKey.RENT_MAX.value: 100_000})
    before = _count(svc, Recruitment)
    with pytest.raises(WarningsPending) as err:
        _new_round(svc)
    assert err.value.rules() == [RuleKey.RENT_MAX.value]
    assert "120,000원" in err.value.message and "100,000원" in err.value.message
    assert _count(svc, Recruitment) == before
    form = svc.recruitment.new_round(_house(svc).id)
    saved = svc.recruitment.save_round(
        form, accepted_warnings={RuleKey.RENT_MAX.value: "난방비 포함 임대료(군 협의)"}
    )
    assert saved.overrides == 1
    with svc.ctx.read() as s:
        reason = s.scalars(
            select(RuleOverride.reason).where(RuleOverride.entity_uid == saved.uid)
        ).one()
    assert reason == "난방비 포함 임대료(군 협의)"


def test_round_archive_needs_a_reason_and_restores(svc):
    round_id = _new_round(svc)
    with pytest.raises(FormRefused):
        svc.recruitment.archive_round(round_id, " ")
    svc.recruitment.archive_round(round_id, "공고 취소(집 보수)")
    assert round_id not in {r.id for r in svc.recruitment.rounds()}
    assert round_id in {r.id for r in svc.recruitment.rounds(include_archived=True)}
    svc.recruitment.restore_round(round_id)
    assert round_id in {r.id for r in svc.recruitment.rounds()}


# --- applicants -------------------------------------------------------------------------------


def test_an_applicant_is_kept_with_the_documents_received(svc, tmp_path):
    round_id = _new_round(svc)
    scans = []
    for kind, name in (
        (AttachmentKind.APPLICATION, "입주신청서.pdf"),
        (AttachmentKind.SETTLEMENT_PLAN, "귀농정착계획서.pdf"),
    ):
        path = tmp_path / name
        path.write_bytes(f"%PDF-1.4 {name}".encode())
        scans.append(PendingFile(kind, path))
    applicant_id = _apply(svc, round_id, "김영수", 120, True, 3, files=scans)
    docs = svc.recruitment.documents(applicant_id)
    assert [d.kind for d in docs] == [AttachmentKind.APPLICATION, AttachmentKind.SETTLEMENT_PLAN]
    with svc.ctx.read() as s:
        assert s.scalar(select(func.count()).where(Attachment.applicant_id == applicant_id)) == 2
    (row,) = svc.recruitment.applicants(round_id)
    assert (row.name, row.household_size, row.education_hours, row.with_family) == (
        "김영수", 3, 120, True,
    )  # fmt: skip
    assert row.documents == (AttachmentKind.APPLICATION, AttachmentKind.SETTLEMENT_PLAN)
    form = svc.recruitment.load_applicant(applicant_id)
    assert (form.address, form.phone) == ("서울특별시 마포구 월드컵로 1", "010-1234-5678")
    with svc.ctx.read() as s:
        views = s.scalars(
            select(AuditEvent.summary).where(
                AuditEvent.action == "view", AuditEvent.entity.in_(["applicant", "recruitment"])
            )
        ).all()
    assert any("입주신청자 목록 1명" in v for v in views)
    assert any("입주신청서" in v for v in views)


def test_impossible_applications_are_refused_beside_their_fields(svc):
    round_id = _new_round(svc)
    before = _count(svc, Applicant)
    form = ApplicantForm(
        recruitment_id=round_id,
        name=" ",
        phone="010-12ab",
        birth_date=date(2030, 1, 1),
        household_size=1,
        education_hours=-3,
        with_family=True,
        applied_on=date(2026, 12, 24),
    )
    with pytest.raises(FormRefused) as err:
        svc.recruitment.save_applicant(form)
    fields = {r.field for r in err.value.results}
    assert fields == {"name", "phone", "birth_date", "household_size", "education_hours",
                      "applied_on"}  # fmt: skip
    family = next(r for r in err.value.results if r.field == "household_size")
    assert "2명 이상" in family.message
    assert _count(svc, Applicant) == before


def test_an_application_outside_the_notice_period_warns(svc):
    round_id = _new_round(svc)
    with pytest.raises(WarningsPending) as err:
        _apply(svc, round_id, "박민수", 0, False, 18)
    assert "공고기간 2026.11.1.~2026.11.15. 밖" in err.value.message
    reasons = {"applied_outside_notice": "우편 접수(소인 11.14.)"}
    saved = _apply(svc, round_id, "박민수", 0, False, 18, accepted_warnings=reasons)
    assert saved in {r.id for r in svc.recruitment.applicants(round_id)}


# --- scoring, ranking, decisions --------------------------------------------------------------


def _three(svc):
    round_id = _new_round(svc)
    first = _apply(svc, round_id, "김영수", 120, True, 3)  # 20
    second = _apply(svc, round_id, "이수진", 50, False, 2)  # 10, earlier
    third = _apply(svc, round_id, "박민수", 0, False, 4)  # 0
    return round_id, first, second, third


def test_scoring_keeps_the_points_per_criterion_and_ranks(svc):
    round_id, first, second, third = _three(svc)
    outcome = svc.recruitment.score_round(round_id)
    assert (outcome.scored, outcome.kept, outcome.year, outcome.ranked) == (3, 0, 2026, 3)
    rows = {r.id: r for r in svc.recruitment.applicants(round_id)}
    assert rows[first].score_detail == {"education": 10, "family": 10}
    assert [rows[i].rank for i in (first, second, third)] == [1, 2, 3]
    assert rows[third].score == 0


def test_a_decided_score_stays_when_the_weights_change(svc):
    round_id, first, *_ = _three(svc)
    svc.recruitment.score_round(round_id)
    _decide(svc, first, D.SELECTED)
    svc.rule_values.save(2026, {RuleKey.SCORE_FAMILY.value: 50})
    outcome = svc.recruitment.score_round(round_id)
    assert (outcome.scored, outcome.kept) == (2, 1)
    rows = {r.id: r for r in svc.recruitment.applicants(round_id)}
    assert rows[first].score == 20 and rows[first].score_detail == {"education": 10, "family": 10}
    evidence = svc.recruitment.evidence(round_id)
    line = next(x for x in evidence.lines if x.total == 20)
    assert line.stale
    assert [c.weight for c in evidence.criteria] == [10, 50]


def test_rejecting_needs_a_reason(svc):
    round_id, first, *_ = _three(svc)
    svc.recruitment.score_round(round_id)
    with pytest.raises(FormRefused) as err:
        _decide(svc, first, D.REJECTED)
    assert err.value.results[0].field == "reason"
    _decide(svc, first, D.REJECTED, "서류 미비(귀농정착계획서 미제출)")
    (row,) = [r for r in svc.recruitment.applicants(round_id) if r.id == first]
    assert (row.decision, row.decision_reason) == (D.REJECTED, "서류 미비(귀농정착계획서 미제출)")


def test_selecting_below_a_higher_rank_needs_a_reason(svc):
    round_id, _, second, _ = _three(svc)
    svc.recruitment.score_round(round_id)
    with pytest.raises(FormRefused) as err:
        _decide(svc, second, D.SELECTED)
    assert "김영수(1순위, 심사중)" in err.value.results[0].message
    _decide(svc, second, D.SELECTED, "1순위 신청자 면접 불참")
    with svc.ctx.read() as s:
        assert s.get(Recruitment, round_id).decided_on == date(2026, 11, 20)


def test_a_decision_needs_a_rank_and_a_date_after_the_application(svc):
    round_id, first, *_ = _three(svc)
    with pytest.raises(FormRefused, match="점수 계산·순위"):
        _decide(svc, first, D.SELECTED)
    svc.recruitment.score_round(round_id)
    with pytest.raises(FormRefused, match=r"신청일 2026\.11\.3\.보다 빠릅니다"):
        svc.recruitment.decide(DecisionForm(first, D.WAITING, date(2026, 11, 1)))


def test_a_second_selection_warns_and_the_reason_is_kept(svc):
    round_id, first, second, _ = _three(svc)
    svc.recruitment.score_round(round_id)
    _decide(svc, first, D.SELECTED)
    with pytest.raises(WarningsPending) as err:
        _decide(svc, second, D.SELECTED)
    assert "선정이 2명" in err.value.message
    reasons = {"selection_count": "두 채 동시 모집(군 방침)"}
    _decide(svc, second, D.SELECTED, accepted_warnings=reasons)
    evidence = svc.recruitment.evidence(round_id)
    assert any(o.reason == "두 채 동시 모집(군 방침)" for o in evidence.overrides)
    assert any("선정이 2명" in p for p in evidence.problems)


def test_a_decided_applicant_keeps_what_the_score_counted(svc):
    round_id, first, *_ = _three(svc)
    svc.recruitment.score_round(round_id)
    _decide(svc, first, D.WAITING)
    form = svc.recruitment.load_applicant(first)
    form.education_hours = 0
    with pytest.raises(FormRefused, match="심사중"):
        svc.recruitment.save_applicant(form)
    _decide(svc, first, D.PENDING)
    with pytest.raises(ChangedMeanwhile):  # the decision changed the record since it was read
        svc.recruitment.save_applicant(form)
    form = svc.recruitment.load_applicant(first)
    form.education_hours = 0
    svc.recruitment.save_applicant(form)
    (row,) = [r for r in svc.recruitment.applicants(round_id) if r.id == first]
    assert row.score is None and row.rank is None  # to be scored again


def test_the_evidence_says_who_decided_when_and_why(svc, tmp_path):
    round_id, first, second, third = _three(svc)
    svc.recruitment.score_round(round_id)
    _decide(svc, first, D.SELECTED)
    _decide(svc, second, D.WAITING, "예비 입주자 1순위")
    _decide(svc, third, D.REJECTED, "귀농교육 미이수")
    evidence = svc.recruitment.evidence(round_id)
    assert evidence.year == 2026 and evidence.notice() == "2026.11.1.~2026.11.15."
    assert [(c.label, c.weight) for c in evidence.criteria] == [
        ("귀농교육 이수", 10), ("가족 동반 입주", 10),
    ]  # fmt: skip
    assert [(x.name, x.rank, x.total, x.decision) for x in evidence.lines] == [
        ("김영수", 1, 20, D.SELECTED),
        ("이수진", 2, 10, D.WAITING),
        ("박민수", 3, 0, D.REJECTED),
    ]
    assert all(x.decided_by == "officer" and x.recorded_at is not None for x in evidence.lines)
    assert evidence.lines[2].reason == "귀농교육 미이수"
    assert evidence.problems == []
    with svc.ctx.read() as s:
        viewed = s.scalars(
            select(AuditEvent.summary).where(
                AuditEvent.action == "view", AuditEvent.entity == "recruitment"
            )
        ).all()
    assert any(v.startswith("선정 증빙 열람") for v in viewed)
    target = tmp_path / "증빙.xlsx"
    summary = svc.recruitment.export_evidence(round_id, target)
    assert summary.rows == 3
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["순위", "성명"] and "귀농교육 이수(10점)" in header
    assert sheet["B2"].value == "김*수"  # masked unless "개인정보 포함"
    assert sheet.cell(4, header.index("사유") + 1).value == "귀농교육 미이수"


def test_a_viewer_sees_applicants_masked_and_decides_nothing(svc):
    round_id, first, *_ = _three(svc)
    svc.ctx.role = Role.VIEWER
    rows = svc.recruitment.applicants(round_id)
    assert {r.name for r in rows} == {"김*수", "이*진", "박*수"}
    assert all("*" in r.phone for r in rows)
    with pytest.raises(NotPermitted):
        svc.recruitment.score_round(round_id)
    with pytest.raises(NotPermitted):
        _decide(svc, first, D.WITHDRAWN)
    with pytest.raises(NotPermitted):
        svc.recruitment.load_applicant(first)


def test_the_demo_rounds_are_scored_with_their_evidence(svc):
    rounds = svc.recruitment.rounds()
    assert len(rounds) > 5
    assert len([r for r in rounds if r.decided_on is None]) == 2  # the two empty houses
    for r in rounds:
        rows = svc.recruitment.applicants(r.id)
        assert rows and all(a.score_detail is not None for a in rows)
        assert all(a.score == sum(a.score_detail.values()) for a in rows)
        chosen = [a for a in rows if a.decision is D.SELECTED]
        assert len(chosen) == (0 if r.decided_on is None else 1)
        assert all(a.decision_reason for a in rows if a.decision is D.REJECTED)
        assert svc.recruitment.evidence(r.id).problems == []
        waiting = [a.rank for a in rows if a.decision is D.WAITING]
        below = [a.rank for a in rows if a.decision is D.REJECTED and a.rank and chosen
                 and a.rank > chosen[0].rank]  # fmt: skip
        assert all(w < b for w in waiting for b in below)  # the next in rank waits


def test_the_others_wait_in_rank_order_after_the_selection(svc):
    round_id, first, second, third = _three(svc)
    svc.recruitment.score_round(round_id)
    with pytest.raises(FormRefused, match="먼저 입주자를 선정하세요"):
        svc.recruitment.wait_in_rank_order(round_id)
    _decide(svc, first, D.SELECTED)
    assert svc.recruitment.wait_in_rank_order(round_id) == 2
    rows = {r.id: r for r in svc.recruitment.applicants(round_id)}
    assert [(rows[i].decision, rows[i].decision_reason) for i in (second, third)] == [
        (D.WAITING, "예비 입주자 1번 (2순위)"),
        (D.WAITING, "예비 입주자 2번 (3순위)"),
    ]
    assert rows[second].decided_on == date(2026, 11, 20)
    assert svc.recruitment.evidence(round_id).problems == []
    assert svc.recruitment.wait_in_rank_order(round_id) == 0
