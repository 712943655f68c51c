"""A house's status, derived from its data (only 취소 is set by hand, as a date).

Standard library only.
"""

from __future__ import annotations

from datetime import date

from gwinong_desktop.domain.checks import management_period_end
from gwinong_desktop.domain.enums import HouseStatus
from gwinong_desktop.domain.ruleset import RuleSet


def derive_house_status(
    *,
    cancelled_on: date | None,
    completed_on: date | None,
    has_active_stay: bool,
    today: date,
    rules: RuleSet,
) -> HouseStatus:
    """The status on ``today``, first match wins:

    1. 취소 — cancelled on or before today (a future cancellation date does not count yet);
    2. 조성중 — no completion date, or one after today (works not finished);
    3. 관리기간 종료 — today is after the last day of the management period (``rules`` should be
       those of the house's program year);
    4. 운영중 — a resident lives there today (see ``rules.is_stay_active``);
    5. 공실 — otherwise.
    """
    if cancelled_on is not None and cancelled_on <= today:
        return HouseStatus.CANCELLED
    if completed_on is None or completed_on > today:
        return HouseStatus.BUILDING
    if today > management_period_end(completed_on, rules):
        return HouseStatus.ENDED
    if has_active_stay:
        return HouseStatus.OCCUPIED
    return HouseStatus.VACANT
