import threading

import pytest

from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.progress import Cancelled, TaskState, ensure


def test_reports_reach_the_callback_and_a_cancel_stops_the_next_report():
    seen = []
    state = TaskState(lambda *a: seen.append(a))
    state.report(1, 4, "읽기")
    state.cancel()
    with pytest.raises(Cancelled):
        state.report(2, 4, "읽기")
    assert seen == [(1, 4, "읽기"), (2, 4, "읽기")]
    assert state.cancelled


def test_a_span_maps_its_share_and_cancels_with_its_parent():
    seen = []
    state = TaskState(lambda *a: seen.append(a))
    phase = state.span(200, 600)
    phase.report(1, 4, "쓰기")
    phase.report(9, 4, "쓰기")  # past its total: stays inside its share
    phase.report(3, 0, "")  # unknown total: the start of the share
    assert seen == [(300, 1000, "쓰기"), (600, 1000, "쓰기"), (200, 1000, "")]
    state.cancel()
    with pytest.raises(Cancelled):
        phase.check()


def test_cancelled_is_a_refusal_with_a_korean_message():
    error = Cancelled()
    assert isinstance(error, Refusal)
    assert "취소" in error.message


def test_no_state_means_quiet_and_never_cancelled():
    state = ensure(None)
    state.report(5, 10, "x")
    state.check()
    given = TaskState()
    assert ensure(given) is given


def test_another_thread_cancels():
    state = TaskState()
    thread = threading.Thread(target=state.cancel)
    thread.start()
    thread.join()
    with pytest.raises(Cancelled):
        state.check()
