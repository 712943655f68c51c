"""Annual plans and execution against them, the house history, and the 설정 values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from edit_fixtures import TODAY
from sqlalchemy import func, select

from gwinong_desktop.domain.enums import FundingSource
from gwinong_desktop.domain.money import to_thousand_won
from gwinong_desktop.services.plans import AnnualPlanForm
from gwinong_desktop.services.rule_gate import FormRefused, WarningsPending
from gwinong_desktop.services.rules import RuleBook
from gwinong_desktop.services.settings_values import CountyProfile
from gwinong_desktop.services.works import ObligationLine
from gwinong_desktop.storage.models import Development, Obligation, OwnFundPayment, RuleValue

# --- execution against the plan -------------------------------------------------------------


def test_execution_equals_the_demo_plans_once_works_are_done(svc):
    executions = {e.year: e for e in svc.plans.executions(TODAY)}
    assert sorted(executions) == list(range(2015, 2027))
    done = executions[2024]  # two repaired houses, one with 1,500,000원 of own funds
    assert done.plan.workload == done.executed.workload == 2
    assert (done.executed.national, done.executed.local) == (29_000_000, 29_000_000)
    assert done.executed.own == done.plan.own == 1_500_000
    assert done.executed.loan == 0
    assert done.actual_progress_pct == 100
    assert to_thousand_won(done.executed.total) == 59_500


def test_this_years_works_are_obligated_but_not_completed(svc):
    now = svc.plans.execution(2026, TODAY)
    assert now.plan.workload == 1 and now.executed.workload == 0
    assert now.executed.national == now.plan.national == 15_000_000
    assert now.progress_pct == 60
    assert now.planned_completion_on == date(2026, 11, 30)
    assert now.delay_reasons and "자재" in now.delay_reasons[0]
    before_contract = svc.plans.execution(2026, date(2026, 4, 30))
    assert before_contract.executed.total == 0
    assert before_contract.actual_progress_pct == 0


def test_execution_counts_obligations_for_subsidies_and_payments_for_own_funds(svc):
    """작성요령 1, checked against the rows themselves for every year."""
    as_of = date(2022, 12, 31)
    with svc.ctx.read() as s:
        for execution in svc.plans.executions(as_of):
            devs = select(Development.id).where(Development.year == execution.year)
            national = s.scalar(
                select(func.coalesce(func.sum(Obligation.amount), 0)).where(
                    Obligation.development_id.in_(devs),
                    Obligation.source == FundingSource.NATIONAL,
                    Obligation.obligated_on <= as_of,
                )
            )
            own = s.scalar(
                select(func.coalesce(func.sum(OwnFundPayment.amount), 0)).where(
                    OwnFundPayment.development_id.in_(devs), OwnFundPayment.paid_on <= as_of
                )
            )
            assert execution.executed.national == national, execution.year
            assert execution.executed.own == own, execution.year


def test_a_new_obligation_moves_execution(svc):
    house = svc.houses.list_houses()[-1]  # this year's works
    dev = svc.works.for_house(house.id)[0]
    form = svc.works.load(dev.id)
    form.obligations.append(ObligationLine(date(2026, 11, 1), 500_000, FundingSource.COUNTY))
    svc.works.save(form, accepted_warnings={"over_budget": "설계변경 증액분, 2차 추경 예정"})
    assert svc.plans.execution(2026, TODAY).executed.local == 15_500_000
    assert svc.plans.execution(2026, date(2026, 10, 31)).executed.local == 15_000_000


def test_plans_are_checked_and_saved(svc):
    with pytest.raises(FormRefused) as err:
        svc.plans.save(AnnualPlanForm(year=2026, workload=1))
    assert "이미 있습니다" in err.value.message
    form = AnnualPlanForm(year=2027, workload=2, national=30_000_000, local=20_000_000)
    with pytest.raises(WarningsPending) as warned:
        svc.plans.save(form)
    assert warned.value.rules() == ["national_share_pct"]
    saved = svc.plans.save(replace(form, local=30_000_000))
    assert svc.plans.load(2027).id == saved.id
    assert svc.plans.execution(2027, TODAY).plan.total == 60_000_000
    with pytest.raises(FormRefused):
        svc.plans.save(replace(svc.plans.load(2027), loan=-1))


# --- history --------------------------------------------------------------------------------


def test_history_lists_the_edits_of_the_house_and_its_records_newest_first(svc):
    house = svc.houses.list_houses()[3]
    assert svc.history.for_house(house.id) == []  # the demo is one bulk event
    form = svc.house_edit.load(house.id)
    svc.house_edit.save(replace(form, rooms=3, note="지붕 보수 필요"))
    lease = svc.leases.for_house(house.id)[0]
    svc.leases.save(replace(svc.leases.load(lease.id), note="소유주 연락처 변경"))
    entries = svc.history.for_house(house.id)
    assert [e.entity_label for e in entries] == ["임대차계약", "귀농인의 집"]
    house_edit = entries[1]
    assert house_edit.action_label == "수정" and house_edit.actor == "officer"
    changes = {c.label: (c.old, c.new) for c in house_edit.changes}
    assert changes["방수"] == ("2개", "3개")
    assert changes["비고"] == ("", "지붕 보수 필요")
    assert "방수: 2개 → 3개" in house_edit.text()
    assert entries[0].at >= entries[1].at


def test_history_shows_labels_not_codes(svc):
    house = svc.houses.list_houses()[0]
    form = svc.house_edit.load(house.id)
    other = next(o for o in svc.operators.list_operators() if o.id != form.operator_id)
    svc.house_edit.save(replace(form, operator_id=other.id))
    (entry,) = svc.history.for_house(house.id)
    change = entry.changes[0]
    assert change.label == "운영자" and change.new == other.name


# --- 설정: rule values and the county profile ------------------------------------------------


def test_rule_values_per_year_hold_until_changed(svc):
    table = {r.key.value: r for r in svc.rule_values.table(2026)}
    assert table["support_per_house_max"].value == 30_000_000
    assert table["support_per_house_max"].set_in is None
    assert svc.rule_values.save(2024, {"support_per_house_max": "40,000,000"},
                                {"support_per_house_max": "군 공고 제2024-12호"}) == 1  # fmt: skip
    later = {r.key.value: r for r in svc.rule_values.table(2026)}
    assert later["support_per_house_max"].value == 40_000_000
    assert later["support_per_house_max"].set_in == 2024
    assert later["support_per_house_max"].source == ""  # the note belongs to 2024
    with svc.ctx.read() as s:
        assert RuleBook(s).for_year(2025).value("support_per_house_max") == 40_000_000
        assert RuleBook(s).for_year(2023).value("support_per_house_max") == 30_000_000
    # the same value as inherited writes nothing
    assert svc.rule_values.save(2026, {"support_per_house_max": "40000000"}) == 0


def test_a_bad_rule_value_is_refused_and_nothing_written(svc):
    with pytest.raises(FormRefused) as err:
        svc.rule_values.save(2026, {"rooms_min": "3", "national_share_pct": "150"})
    assert err.value.results[0].field == "national_share_pct"
    assert "국고보조 비율" in err.value.message and "100% 이하" in err.value.message
    with pytest.raises(FormRefused) as err:
        svc.rule_values.save(2026, {"rooms_min": "두 개"})
    assert "정수" in err.value.message
    with svc.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(RuleValue)) == 0


def test_county_profile(svc):
    profile = svc.county_profile.load()
    assert profile.county == "진안군" and profile.officer_name == "박정민"
    svc.county_profile.save(replace(profile, officer_name="김담당", province="전북"))
    again = svc.county_profile.load()
    assert again.officer_name == "김담당" and again.province == "전북특별자치도"
    with pytest.raises(FormRefused) as err:
        svc.county_profile.save(CountyProfile("진안", "어딘가도", "", "", "전화 없음"))
    assert {r.field for r in err.value.results} == {"county", "province", "phone"}
    assert svc.county_profile.load() == again


def _kst(year: int, month: int, day: int, hour: int, minute: int = 0):
    from datetime import datetime

    from gwinong_desktop.domain.periods import KST

    return datetime(year, month, day, hour, minute, tzinfo=KST)


def test_progress_of_a_past_month_is_the_one_it_had_then(svc):
    """사업공정 at a month's end comes from the audit trail's [old, new] pairs: the old value of
    the first change after that month (Korean time), today's value when none came later; not
    started by then is 0."""
    from sqlalchemy import update

    from gwinong_desktop.storage.models import AuditEvent

    with svc.ctx.write() as s:
        works = s.scalars(select(Development).where(Development.year == 2026)).one()
        works.started_on, works.completed_on = date(2026, 3, 2), None
        works.progress_pct = 60
    with svc.ctx.write() as s:
        s.get(Development, works.id).progress_pct = 30
    with svc.ctx.write() as s:
        s.get(Development, works.id).progress_pct = 80
    with svc.ctx.write() as s:
        events = s.scalars(
            select(AuditEvent.id)
            .where(AuditEvent.entity_uid == works.uid, AuditEvent.action == "update")
            .order_by(AuditEvent.id.desc())
            .limit(2)
        ).all()
        # 60 → 30 late on 30 June in Korea (still June), 30 → 80 in August
        for event, at in zip(
            events, (_kst(2026, 8, 10, 9), _kst(2026, 6, 30, 23, 30)), strict=True
        ):
            s.execute(update(AuditEvent).where(AuditEvent.id == event).values(at=at))

    def then(as_of: date) -> int | None:
        return svc.plans.execution(2026, as_of).progress_pct

    assert then(date(2026, 2, 28)) == 0  # not started
    assert then(date(2026, 5, 31)) == 60
    assert then(date(2026, 6, 30)) == 30
    assert then(date(2026, 7, 31)) == 30
    assert then(date(2026, 8, 31)) == 80 == then(TODAY)
    with svc.ctx.write() as s:
        s.get(Development, works.id).completed_on = date(2026, 7, 20)
    assert then(date(2026, 7, 31)) == 100  # completed (준공) by then
