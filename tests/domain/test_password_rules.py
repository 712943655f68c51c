"""The password rule: the kinds and lengths county audits check, and what a guesser tries first."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.password_rules import (
    has_repeat,
    has_sequence,
    is_common,
    password_problem,
)

GOOD = ("Gwinong#2025", "gwinongdesk2025", "Officer#2025", "진안-귀농의집#7", "Tide&Pine9x",
        "ab12ab12ab")  # fmt: skip


@pytest.mark.parametrize("password", GOOD)
def test_good_passwords_pass(password: str) -> None:
    assert password_problem(password) is None


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("demo1234", "세 가지를 섞어 8자 이상"),  # two kinds, 8 characters
        ("short#1", "세 가지를 섞어 8자 이상"),
        ("aaaaaaaaa1", "같은 글자를 4번 이상"),  # the example
        ("Tide1111#x", "같은 글자를 4번 이상"),
        ("XxxX#2025y", "같은 글자를 4번 이상"),  # case does not hide it
        ("Tide#abcd7", "이어지는 글자"),
        ("Tide#12345", "이어지는 글자"),
        ("Tide#4321x", "이어지는 글자"),
        ("Zyxw#2025t", "이어지는 글자"),  # down the alphabet
        ("qwer#2025t", "이어지는 글자"),  # a keyboard row
        ("Tide#poiu8", "이어지는 글자"),  # a keyboard row backwards
        ("asdf!2025x", "이어지는 글자"),
        ("qwer1234", "세 가지를 섞어"),  # too short anyway
        ("qwer1234!", "흔한 비밀번호"),
        ("1q2w3e4r5t", "흔한 비밀번호"),
        ("1q2w3e4r!", "흔한 비밀번호"),
        ("password1!", "흔한 비밀번호"),
        ("Password2025!", "흔한 비밀번호"),  # a common word with digits and symbols around it
        ("P@ssw0rd2025", "흔한 비밀번호"),
        ("tkfkdgo2025!", "흔한 비밀번호"),  # 사랑해 typed with the keyboard in English
        ("admin#2025x", "아이디"),
    ],
)
def test_weak_passwords_are_refused_in_korean(password: str, says: str) -> None:
    problem = password_problem(password, "admin")
    assert problem is not None and says in problem
    assert password not in problem  # the message never repeats the password


def test_the_parts() -> None:
    assert has_repeat("xaaaay") and not has_repeat("xaaay")
    assert has_sequence("x6789") and has_sequence("xdcbaz") and not has_sequence("xcbadz")
    assert has_sequence("7890") and has_sequence("zxcv") and has_sequence("lkjh")
    assert not has_sequence("a1b2c3d4") and not has_sequence("2025") and not has_sequence("acegi")
    assert not has_sequence("가나다라")  # Hangul syllables are not a run of letters here
    assert is_common("QWER1234") and is_common("!!password!!") and not is_common("passwordy1")
    assert password_problem("x" * 129) == "비밀번호는 128자 이하여야 합니다."
