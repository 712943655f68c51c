"""Tests for gwinong_desktop.domain.korean: particles that fit the word."""

from __future__ import annotations

import pytest

from gwinong_desktop.domain.korean import has_final_consonant, josa


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("국비", "이", "국비가"),
        ("보증금", "가", "보증금이"),
        ("월임대료", "은", "월임대료는"),
        ("종료일", "는", "종료일은"),
        ("시작일", "와", "시작일과"),
        ("입주일", "과", "입주일과"),
        ("퇴거예정일", "를", "퇴거예정일을"),
        ("종료일(2024.3.1.)", "이", "종료일(2024.3.1.)이"),
        ("청운동", "은", "청운동은"),
        ("m²", "이", "m²이(가)"),
        ("2024", "은", "2024은(는)"),
    ],
)
def test_josa(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected


def test_has_final_consonant() -> None:
    assert has_final_consonant("면") is True
    assert has_final_consonant("시") is False
    assert has_final_consonant("") is None
    assert has_final_consonant("A") is None
