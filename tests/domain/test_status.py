"""Tests for gwinong_desktop.domain.status: every status and the boundaries between them."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.domain.ruleset import RuleSet
from gwinong_desktop.domain.status import derive_house_status

D = date
RULES = RuleSet.defaults(2020)
COMPLETED = D(2020, 3, 1)  # management period ends 2027.2.28.


@pytest.mark.parametrize(
    ("cancelled", "completed", "active", "today", "status"),
    [
        (D(2024, 1, 1), COMPLETED, True, D(2024, 1, 1), HouseStatus.CANCELLED),
        (D(2024, 1, 1), None, False, D(2024, 6, 1), HouseStatus.CANCELLED),
        (D(2024, 1, 2), COMPLETED, True, D(2024, 1, 1), HouseStatus.OCCUPIED),  # future cancel
        (None, None, False, D(2024, 1, 1), HouseStatus.BUILDING),
        (None, D(2024, 1, 2), False, D(2024, 1, 1), HouseStatus.BUILDING),  # completes tomorrow
        (None, D(2024, 1, 1), False, D(2024, 1, 1), HouseStatus.VACANT),  # completed today
        (None, COMPLETED, True, D(2024, 1, 1), HouseStatus.OCCUPIED),
        (None, COMPLETED, False, D(2024, 1, 1), HouseStatus.VACANT),
        (None, COMPLETED, True, D(2027, 2, 28), HouseStatus.OCCUPIED),  # last day of management
        (None, COMPLETED, False, D(2027, 2, 28), HouseStatus.VACANT),
        (None, COMPLETED, True, D(2027, 3, 1), HouseStatus.ENDED),
        (None, COMPLETED, False, D(2030, 1, 1), HouseStatus.ENDED),
        (D(2030, 1, 1), COMPLETED, False, D(2030, 1, 1), HouseStatus.CANCELLED),
    ],
)
def test_derive_house_status(
    cancelled: date | None,
    completed: date | None,
    active: bool,
    today: date,
    status: HouseStatus,
) -> None:
    assert (
        derive_house_status(
            cancelled_on=cancelled,
            completed_on=completed,
            has_active_stay=active,
            today=today,
            rules=RULES,
        )
        is status
    )


def test_every_status_is_reachable() -> None:
    seen = {
        derive_house_status(
            cancelled_on=c, completed_on=done, has_active_stay=a, today=t, rules=RULES
        )
        for c in (None, D(2021, 1, 1))
        for done in (None, COMPLETED)
        for a in (False, True)
        for t in (D(2020, 6, 1), D(2028, 1, 1))
    }
    assert seen == set(HouseStatus)


def test_a_longer_management_period_keeps_the_house_running() -> None:
    ten = RuleSet.from_mapping(2020, {"management_years": 10})
    kwargs = {"cancelled_on": None, "completed_on": COMPLETED, "has_active_stay": True}
    assert derive_house_status(**kwargs, today=D(2028, 1, 1), rules=RULES) is HouseStatus.ENDED
    assert derive_house_status(**kwargs, today=D(2028, 1, 1), rules=ten) is HouseStatus.OCCUPIED
