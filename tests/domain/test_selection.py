"""Selection criteria, scores, ranking and the decision checks (domain.selection)."""

from __future__ import annotations

from datetime import date

import pytest

from gwinong_desktop.domain.enums import ApplicantDecision as D
from gwinong_desktop.domain.rules import RuleKey, RuleSet
from gwinong_desktop.domain.selection import (
    EDUCATION,
    FAMILY,
    Candidate,
    Standing,
    criteria_in_use,
    criterion_label,
    passed_over,
    rank,
    score_applicant,
    selection_problems,
)


def test_the_guideline_defaults_give_ten_points_each():
    rules = RuleSet.defaults(2026)
    assert score_applicant(40, True, rules).detail == {EDUCATION: 10, FAMILY: 10}
    assert score_applicant(0, False, rules).detail == {EDUCATION: 0, FAMILY: 0}
    assert score_applicant(1, False, rules).total == 10  # 1 hour is the default threshold


def test_each_year_has_its_own_weights_and_threshold():
    y2025 = RuleSet.defaults(2025)
    y2026 = RuleSet(
        2026,
        {RuleKey.SCORE_EDUCATION: 30, RuleKey.EDUCATION_HOURS_MIN: 100, RuleKey.SCORE_FAMILY: 5},
    )
    assert score_applicant(99, True, y2025).detail == {EDUCATION: 10, FAMILY: 10}
    assert score_applicant(99, True, y2026).detail == {EDUCATION: 0, FAMILY: 5}
    assert score_applicant(100, True, y2026).detail == {EDUCATION: 30, FAMILY: 5}
    assert score_applicant(100, True, y2026).total == 35


def test_a_weight_of_zero_leaves_the_criterion_out():
    rules = RuleSet(2026, {RuleKey.SCORE_FAMILY: 0})
    assert [c.code for c in criteria_in_use(rules)] == [EDUCATION]
    assert score_applicant(10, True, rules).detail == {EDUCATION: 10}
    assert criterion_label(FAMILY) == "가족 동반 입주"
    assert criterion_label("old_rule") == "old_rule"


def test_negative_hours_are_refused():
    with pytest.raises(ValueError, match="음수"):
        score_applicant(-1, False, RuleSet.defaults(2026))


def _c(i, total, applied, hours=0, decision=D.PENDING):
    return Candidate(i, total, applied, hours, decision)


def test_ties_go_to_the_earlier_application_then_more_hours_then_registration():
    day = date(2026, 3, 10)
    ranks = rank(
        [
            _c(1, 10, day, 40),
            _c(2, 20, date(2026, 3, 12)),
            _c(3, 10, date(2026, 3, 9), 0),
            _c(4, 10, day, 80),
            _c(5, 10, day, 80),
        ]
    )
    assert ranks == {2: 1, 3: 2, 4: 3, 5: 4, 1: 5}


def test_withdrawn_and_unscored_applicants_are_not_ranked():
    day = date(2026, 3, 10)
    ranks = rank([_c(1, 20, day, decision=D.WITHDRAWN), _c(2, None, day), _c(3, 0, day)])
    assert ranks == {1: None, 2: None, 3: 1}


def test_selecting_below_an_open_higher_rank_passes_over_it():
    first, second = Standing(1, "김영수", 1, D.PENDING), Standing(2, "이수진", 2, D.SELECTED)
    assert passed_over(second, [first, second]) == [first]
    rejected = Standing(1, "김영수", 1, D.REJECTED)
    assert passed_over(second, [rejected, second]) == []
    assert passed_over(Standing(3, "박", None, D.SELECTED), [first]) == []


def test_two_selected_in_one_round_is_a_problem():
    standings = [Standing(1, "김영수", 1, D.SELECTED), Standing(2, "이수진", 2, D.SELECTED)]
    problems = selection_problems(standings)
    assert any("선정이 2명" in p and "1명까지" in p for p in problems)
    assert selection_problems([Standing(1, "김영수", 1, D.SELECTED)]) == []


def test_waiting_below_an_applicant_still_pending_is_a_problem():
    standings = [
        Standing(1, "김영수", 1, D.SELECTED),
        Standing(2, "이수진", 2, D.PENDING),
        Standing(3, "박민수", 3, D.WAITING),
    ]
    (problem,) = selection_problems(standings)
    assert "대기 순서가 순위와 다릅니다" in problem and "이수진(2순위)" in problem
    standings[1] = Standing(2, "이수진", 2, D.WAITING)
    assert selection_problems(standings) == []
