"""The monthly report's figures on a server database: the same aggregates and the 사업공정 of
a past month from the audit trail (its JSON changes read the same way on PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from gwinong_desktop.domain.enums import DevelopmentType, FundingSource, Role
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.services import Services
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.models import (
    AnnualPlan,
    AuditEvent,
    Development,
    House,
    Obligation,
    OwnFundPayment,
)

pytestmark = pytest.mark.process  # the cluster is a process of its own
MILLION = 1_000_000


def test_plan_execution_and_past_progress_on_the_server(server_folder: Path) -> None:
    with open_database(server_folder) as db:
        services = Services.over(db, Actor("officer", "김담당", Role.OFFICER))
        with services.ctx.write() as s:
            a = House(code="진안-2025-01", sido="전북특별자치도", sigun="진안군",
                      eupmyeon="부귀면", program_year=2025,
                      development_type=DevelopmentType.REPAIR)  # fmt: skip
            b = House(code="진안-2025-02", sido="전북특별자치도", sigun="진안군",
                      eupmyeon="부귀면", program_year=2025,
                      development_type=DevelopmentType.REPAIR)  # fmt: skip
            s.add_all([a, b, AnnualPlan(year=2025, workload=2, national=60 * MILLION,
                                        local=60 * MILLION, own=10 * MILLION)])  # fmt: skip
            s.flush()
            done = Development(house_id=a.id, year=2025, started_on=date(2025, 3, 10),
                               completed_on=date(2025, 6, 20), progress_pct=100,
                               delay_reason="우기")  # fmt: skip
            going = Development(house_id=b.id, year=2025, started_on=date(2025, 9, 1),
                                progress_pct=40)  # fmt: skip
            s.add_all([done, going])
            s.flush()
            s.add_all([
                Obligation(development_id=done.id, obligated_on=date(2025, 3, 5),
                           amount=30 * MILLION, source=FundingSource.NATIONAL),
                Obligation(development_id=going.id, obligated_on=date(2025, 8, 20),
                           amount=9 * MILLION, source=FundingSource.PROVINCE),
                OwnFundPayment(development_id=done.id, paid_on=date(2025, 7, 15),
                               amount=5 * MILLION),
            ])  # fmt: skip
        with services.ctx.write() as s:
            s.get(Development, going.id).progress_pct = 70
        with services.ctx.write() as s:  # entered in August, 40 → 70 on 15 October
            for action, at in (("create", datetime(2025, 8, 1, tzinfo=UTC)),
                               ("update", datetime(2025, 10, 15, tzinfo=UTC))):  # fmt: skip
                s.execute(
                    update(AuditEvent)
                    .where(AuditEvent.entity_uid == going.uid, AuditEvent.action == action)
                    .values(at=at)
                )
        september = services.plans.execution(2025, date(2025, 9, 30))
        assert september.executed.national == 30 * MILLION
        assert september.executed.local == 9 * MILLION and september.executed.own == 5 * MILLION
        assert september.executed.workload == 1 and september.works == 2
        assert september.progress_pct == 70  # (100 + 40) / 2: 40 until 15 October
        assert september.delay_reasons == ["우기"]
        assert september.started_on == date(2025, 3, 10)
        assert services.plans.execution(2025, date(2025, 10, 31)).progress_pct == 85
        assert services.plans.execution(2025, date(2025, 8, 31)).progress_pct == 50
        # the dashboard's chart counts the same execution in one query over the months
        stats = services.program_stats.stats(2025)
        assert stats.plan_total == 130 * MILLION
        assert stats.executed == tuple(m * MILLION for m in (0, 0, 30, 30, 30, 30, 35, 44, 44,
                                                             44, 44, 44))  # fmt: skip
