"""A name with a telephone number written into it, split into the name and the number.

County lists put an operator's or an owner's phone in the same cell as the name, in every way
an office writes it: "노촌마을회 (123-4567)", "노촌마을회/063-432-7788", "노촌마을회 T.432-7788",
"노촌마을회 ☎063)432-7788", "노촌마을회 HP 010-1234-5678", "(063)432-7788 노촌마을회". The number
is kept exactly as written (digits and separators); only the words that label it ("T.", "Tel",
"☎", "HP", "전화", "연락처" …) and the brackets or slashes left empty around it are dropped.
Anything else stays in the name, so nothing typed is lost ("노촌마을회(이장 김철수)").
Standard library only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A number with an area code or a mobile prefix: 010-1234-5678, 063-432-7788, (063)432-7788,
# 063)432-7788, 063.432.7788, 010 1234 5678, 01012345678, +82 10-1234-5678; or a local number
# without one, which must have its separator: 432-7788, 1588-1234.
_NUMBER = (
    r"(?:\+82[-\s]?\(?0?\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]?\d{4}"
    r"|\(0\d{1,2}\)\s?\d{3,4}[-.\s]?\d{4}"
    r"|0\d{1,2}[-.)\s]?\d{3,4}[-.\s]?\d{4}"
    r"|\d{3,4}[-.]\d{4})"
)
_LABEL = (
    r"(?:☎|☏|📞|✆|tel|t|hp|h\.p|c\.p|cp|mobile|m|fax|f|전화번호|전화|연락처|핸드폰|휴대폰|"
    r"휴대전화|휴대|사무실|대표번호|대표)"
)
_PHONE = re.compile(
    rf"(?:(?<![0-9A-Za-z가-힣])(?P<label>{_LABEL})\s*[.:)]?\s*[:.]?\s*)?"
    rf"(?<![\d])(?P<number>{_NUMBER})(?![\d])",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"[(\[（［{]\s*[,/;:·\-]*\s*[)\]）］}]")
_EDGE = " \t,/;:·-–—|"


class NameAndPhone(NamedTuple):
    name: str | None
    phone: str | None  # several numbers are joined with ", "


def split_contact(text: str | None) -> NameAndPhone:
    """ "노촌마을회 (123-4567)" → ("노촌마을회", "123-4567"); a name without a number is
    returned whole (spaces tidied) with ``phone`` None; a cell with only a number gives
    ``name`` None."""
    if text is None:
        return NameAndPhone(None, None)
    whole = " ".join(str(text).split())
    numbers: list[str] = []
    rest_parts: list[str] = []
    last = 0
    for match in _PHONE.finditer(whole):
        rest_parts.append(whole[last : match.start()])
        numbers.append(match.group("number"))
        last = match.end()
    if not numbers:
        return NameAndPhone(whole or None, None)
    rest_parts.append(whole[last:])
    name = " ".join(" ".join(rest_parts).split())
    previous = None
    while previous != name:
        previous = name
        name = _EMPTY_BRACKETS.sub(" ", name)
        name = " ".join(name.split()).strip(_EDGE)
        name = re.sub(r"\s+([)\]）］}])", r"\1", name)
        name = re.sub(r"([(\[（［{])\s*[,/;:·]?\s*", r"\1", name)
        name = re.sub(r"\s*[,/;:·]\s*([)\]）］}])", r"\1", name)
    return NameAndPhone(name or None, ", ".join(numbers))
