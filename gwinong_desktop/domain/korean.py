"""Small helpers for Korean message text. Standard library only."""

from __future__ import annotations

_PAIRS = {
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
}


def has_final_consonant(word: str) -> bool | None:
    """Whether the last syllable has a 받침; None if it is not a Hangul syllable."""
    if not word:
        return None
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code % 28 != 0


def josa(word: str, particle: str) -> str:
    """``word`` with the particle form that fits it: ``josa("국비", "이") == "국비가"``.

    ``particle`` is either form of 이/가, 은/는, 을/를, 과/와. After a word that does not end in a
    Hangul syllable (digits, a unit) both forms are written: ``"m²이(가)"``. A trailing
    parenthesis is read past, as Korean does: ``josa("종료일(2024.3.1.)", "이")`` ends in "이".
    """
    with_final, without_final = _PAIRS[particle]
    spoken = word
    while spoken.endswith(")") and "(" in spoken:
        spoken = spoken[: spoken.rindex("(")].rstrip()
    final = has_final_consonant(spoken)
    if final is None:
        return f"{word}{with_final}({without_final})"
    return word + (with_final if final else without_final)
