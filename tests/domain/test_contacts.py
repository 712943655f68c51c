"""A telephone number written into a name, in the ways officers write it."""

from __future__ import annotations

import re

import pytest

from gwinong_desktop.domain.contacts import split_contact

CASES = [
    # (cell as written, name, phone as written)
    ("○○마을회 (123-4567)", "○○마을회", "123-4567"),
    ("노촌마을협의회 (010-1234-5678)", "노촌마을협의회", "010-1234-5678"),
    ("귀농귀촌협의회(063-432-7788)", "귀농귀촌협의회", "063-432-7788"),
    ("노촌마을회 [063-432-7788]", "노촌마을회", "063-432-7788"),
    ("노촌마을회/063-432-7788", "노촌마을회", "063-432-7788"),
    ("노촌마을회 / 432-7788", "노촌마을회", "432-7788"),
    ("노촌마을회 T.432-7788", "노촌마을회", "432-7788"),
    ("노촌마을회 T. 063-432-7788", "노촌마을회", "063-432-7788"),
    ("노촌마을회 Tel:063-432-7788", "노촌마을회", "063-432-7788"),
    ("노촌마을회 TEL 063.432.7788", "노촌마을회", "063.432.7788"),
    ("노촌마을회 ☎063)432-7788", "노촌마을회", "063)432-7788"),
    ("노촌마을회(☎ 432-7788)", "노촌마을회", "432-7788"),
    ("노촌마을회 HP 010-1234-5678", "노촌마을회", "010-1234-5678"),
    ("노촌마을회 H.P.010-1234-5678", "노촌마을회", "010-1234-5678"),
    ("노촌마을회 hp)01012345678", "노촌마을회", "01012345678"),
    ("(063)432-7788 노촌마을회", "노촌마을회", "(063)432-7788"),
    ("월포마을 010 2345 6789", "월포마을", "010 2345 6789"),
    ("노촌마을회(연락처:010-1234-5678)", "노촌마을회", "010-1234-5678"),
    ("노촌마을회 (전화 432-7788)", "노촌마을회", "432-7788"),
    ("노촌마을회 휴대폰 010-1234-5678", "노촌마을회", "010-1234-5678"),
    ("노촌마을회 ☎ 1588-1234", "노촌마을회", "1588-1234"),
    ("진안군귀농귀촌협의회 063-432-7788", "진안군귀농귀촌협의회", "063-432-7788"),
    # two numbers are both kept
    ("노촌마을회 (T.063-432-7788, HP.010-1234-5678)", "노촌마을회", "063-432-7788, 010-1234-5678"),
    ("노촌마을회 063-432-7788/010-1234-5678", "노촌마을회", "063-432-7788, 010-1234-5678"),
    # words beside the number stay in the name
    ("노촌마을회(이장 김철수 010-1234-5678)", "노촌마을회(이장 김철수)", "010-1234-5678"),
    ("노촌마을회(이장 김철수, 010-1234-5678)", "노촌마을회(이장 김철수)", "010-1234-5678"),
    # no number: the name whole
    ("진안군 (직영)", "진안군 (직영)", None),
    ("제2노촌마을회", "제2노촌마을회", None),
    ("노촌 1리  마을회", "노촌 1리 마을회", None),
    ("2019년 선정 노촌마을회", "2019년 선정 노촌마을회", None),
    # only a number
    ("010-1234-5678", None, "010-1234-5678"),
]


@pytest.mark.parametrize(("text", "name", "phone"), CASES)
def test_a_phone_written_into_a_name(text: str, name: str | None, phone: str | None) -> None:
    assert split_contact(text) == (name, phone)


def test_nothing_but_the_labels_is_dropped() -> None:
    labels = re.compile(r"(?:[()\[\]/,:;.)]|☎|tel|hp|h|p|t|연락처|전화|휴대폰)*", re.IGNORECASE)
    for text, _name, _phone in CASES:
        name, phone = split_contact(text)
        left = list("".join(text.split()))
        for char in "".join(f"{name or ''}{phone or ''}".split()):
            if char in left:
                left.remove(char)
        assert labels.fullmatch("".join(left)), (text, "".join(left))


def test_an_empty_cell() -> None:
    assert split_contact(None) == (None, None)
    assert split_contact("  ") == (None, None)
