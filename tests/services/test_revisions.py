"""A form saved over a record someone else saved after it was opened is refused with both
values, and nothing is written (issue #16, point 3; the same on a file or a server)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from edit_fixtures import good_house, services_for

from gwinong_desktop.services import Services
from gwinong_desktop.services.revisions import ChangedMeanwhile


def test_the_second_of_two_edits_from_the_same_reading_is_refused(svc: Services) -> None:
    kim, lee = services_for(svc.ctx.db, "김담당"), services_for(svc.ctx.db, "이주무관")
    house_id = kim.house_edit.save(good_house(kim)).id
    kims = kim.house_edit.load(house_id)
    lees = lee.house_edit.load(house_id)  # both opened the same house
    kim.house_edit.save(replace(kims, monthly_rent=120_000))
    with pytest.raises(ChangedMeanwhile) as err:
        lee.house_edit.save(replace(lees, monthly_rent=150_000, note="이주무관 메모"))
    message = err.value.message
    assert "김담당님이" in message and "덮어쓰지 않았습니다" in message
    assert "저장된 값 120,000원 / 입력한 값 150,000원" in message
    assert "입력한 값 이주무관 메모" in message
    saved = kim.house_edit.load(house_id)
    assert (saved.monthly_rent, saved.note) == (120_000, "")
    # Reopened, the form carries the new revision and saves.
    lee.house_edit.save(replace(lee.house_edit.load(house_id), note="다시 열어 고침"))
    assert kim.house_edit.load(house_id).note == "다시 열어 고침"


def test_a_save_from_an_unchanged_reading_is_not_refused(svc: Services) -> None:
    house_id = svc.house_edit.save(good_house(svc)).id
    form = svc.house_edit.load(house_id)
    svc.house_edit.save(replace(form, note="첫 수정"))
    again = svc.house_edit.load(house_id)
    assert again.revision == form.revision + 1
    svc.house_edit.save(replace(again, note="두 번째 수정"))
