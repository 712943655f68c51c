"""Where a 귀농인의 집 may be (시행지침 Ⅱ-4 지원 대상지역 요건), and 시·도 name normalisation.

The guideline allows the 읍·면 areas of 농어촌 (「농어촌정비법」 제2조) and excludes 특별시·광역시
and 수도권 (서울·인천·경기), except their 군 (인천 강화군·옹진군, 경기 가평군·양평군·연천군,
부산 기장군, 대구 달성군·군위군, 울산 울주군). It also excludes 도시지역, 토지거래허가구역 and
투기지역, which cannot be told from an address: the officer checks those.

Decision on 세종특별자치시: allowed (its 읍·면 are checked like anywhere else). The guideline
names 특별시·광역시 and 수도권; 세종 is a 특별자치시, none of these, and its 읍·면 are 농어촌 under
the 농어촌정비법. A county that reads it otherwise can treat the location warning by hand.

Standard library only; import from ``gwinong_desktop.domain.rules``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwinong_desktop.domain.korean import josa
from gwinong_desktop.domain.results import LOCATION_SOURCE, CheckCode, RuleResult, Severity

SIDO_FULL_NAMES: dict[str, str] = {
    "서울": "서울특별시",
    "부산": "부산광역시",
    "대구": "대구광역시",
    "인천": "인천광역시",
    "광주": "광주광역시",
    "대전": "대전광역시",
    "울산": "울산광역시",
    "세종": "세종특별자치시",
    "경기": "경기도",
    "강원": "강원특별자치도",
    "충북": "충청북도",
    "충남": "충청남도",
    "전북": "전북특별자치도",
    "전남": "전라남도",
    "경북": "경상북도",
    "경남": "경상남도",
    "제주": "제주특별자치도",
}
"""Short name → current official name of every 시·도."""

_ALIASES: dict[str, str] = {
    alias: short
    for short, names in {
        "서울": ("서울시", "서울특별시"),
        "부산": ("부산시", "부산광역시"),
        "대구": ("대구시", "대구광역시"),
        "인천": ("인천시", "인천광역시"),
        "광주": ("광주시", "광주광역시"),
        "대전": ("대전시", "대전광역시"),
        "울산": ("울산시", "울산광역시"),
        "세종": ("세종시", "세종특별자치시"),
        "경기": ("경기도",),
        "강원": ("강원도", "강원특별자치도"),
        "충북": ("충청북도",),
        "충남": ("충청남도",),
        "전북": ("전라북도", "전북특별자치도"),
        "전남": ("전라남도",),
        "경북": ("경상북도",),
        "경남": ("경상남도",),
        "제주": ("제주도", "제주특별자치도"),
    }.items()
    for alias in (short, *names)
}

_EXCLUDED_KIND: dict[str, str] = {
    "서울": "특별시·수도권",
    "부산": "광역시",
    "대구": "광역시",
    "인천": "광역시·수도권",
    "광주": "광역시",
    "대전": "광역시",
    "울산": "광역시",
    "경기": "수도권",
}
"""시·도 excluded by Ⅱ-4 except for their 군, with the reason shown in messages."""


def _squash(text: str | None) -> str:
    return "".join((text or "").split())


def normalize_sido(name: str | None) -> str | None:
    """The short name of a 시·도 written any usual way ("경기도" → "경기", "서울특별시" →
    "서울", "강원도" and "강원특별자치도" → "강원"); None if it is not one."""
    return _ALIASES.get(_squash(name))


def is_excluded_area(sido: str | None, sigun: str | None) -> bool:
    """Whether the 시·군 lies in 특별시·광역시·수도권 outside their 군 (Ⅱ-4)."""
    short = normalize_sido(sido)
    return short in _EXCLUDED_KIND and not _squash(sigun).endswith("군")


_REQUIREMENT = (
    "「농어촌정비법」 제2조에 따른 농어촌지역 중 읍·면 지역 (특별시·광역시 및 수도권은 제외하되 "
    "그 군 지역은 포함)"
)


def _warn(code: CheckCode, message: str, *, value: object, limit: object, field: str) -> RuleResult:
    return RuleResult(
        rule=code.value,
        severity=Severity.WARN,
        message=f"{message}. {LOCATION_SOURCE}: {_REQUIREMENT}.",
        value=value,
        limit=limit,
        source=LOCATION_SOURCE,
        field=field,
    )


def check_location(sido: str | None, sigun: str | None, eupmyeon: str | None) -> list[RuleResult]:
    """WARN when the address is not an allowed 읍·면 (all results are warnings).

    - 시·도 not recognised, or 시·군 empty (outside 세종): ``location_unknown``.
    - 특별시·광역시·수도권 outside a 군 (the 시·군 name must end in 군, e.g. "양평군"):
      ``location_area`` on ``sigun``.
    - 읍·면 empty, a 동, or not ending in 읍/면: ``location_eupmyeon`` on ``eupmyeon`` (only the
      first word is read, so "○○면 ○○리" is fine).
    """
    results: list[RuleResult] = []
    short = normalize_sido(sido)
    sigun_text = _squash(sigun)
    if short is None:
        shown = (sido or "").strip() or "(비어 있음)"
        results.append(
            _warn(
                CheckCode.LOCATION_UNKNOWN,
                f"시·도 '{shown}'을(를) 알 수 없습니다. '경기도', '전라남도'처럼 적으세요",
                value=sido,
                limit=tuple(SIDO_FULL_NAMES.values()),
                field="sido",
            )
        )
    elif not sigun_text and short != "세종":
        results.append(
            _warn(
                CheckCode.LOCATION_UNKNOWN,
                "시·군이 비어 있습니다",
                value=sigun,
                limit=None,
                field="sigun",
            )
        )
    elif short in _EXCLUDED_KIND and not sigun_text.endswith("군"):
        where = " ".join([SIDO_FULL_NAMES[short], *(sigun or "").split()])
        results.append(
            _warn(
                CheckCode.LOCATION_AREA,
                f"{josa(where, '은')} {_EXCLUDED_KIND[short]} 지역이며 군이 아닙니다",
                value=sigun,
                limit="군",
                field="sigun",
            )
        )

    words = (eupmyeon or "").split()
    first = words[0] if words else ""
    if not first:
        problem = "읍·면이 비어 있습니다"
    elif first.endswith("동"):
        problem = f"{josa(first, '은')} 동 지역입니다"
    elif not first.endswith(("읍", "면")):
        problem = f"'{first}'은(는) 읍·면이 아닙니다"
    else:
        problem = ""
    if problem:
        results.append(
            _warn(
                CheckCode.LOCATION_EUPMYEON,
                problem,
                value=eupmyeon,
                limit="읍·면",
                field="eupmyeon",
            )
        )
    return results


# --- an address written in one cell --------------------------------------------------------

_HANGUL = "가-힣○◯△□"
_SIGUN = re.compile(rf"[{_HANGUL}]+[시군]")
_EUPMYEON = re.compile(rf"[{_HANGUL}]+[읍면동]")
_RI = re.compile(rf"(?P<ri>[{_HANGUL}]+\d*리)(?P<jibun>산?\s?\d+(?:-\d+)?)?(?:번지)?")
_ROAD = re.compile(rf"[{_HANGUL}·][{_HANGUL}·\d]*(?:로|길)(?P<number>\d+(?:-\d+)?)?(?:번지)?")
_JIBUN = re.compile(r"(?P<jibun>산?\s?\d+(?:-\d+)?)(?:번지)?")
_BRACKETS = re.compile(r"[(（\[［]([^)）\]］]*)[)）\]］]")


@dataclass(frozen=True)
class AddressParts:
    """What ``split_address`` recognised in a cell, and the text it did not (``rest``)."""

    sido: str | None = None
    sigun: str | None = None
    eupmyeon: str | None = None
    ri: str | None = None
    jibun: str | None = None
    road_address: str | None = None
    rest: str = ""

    def fields(self) -> dict[str, str]:
        """The recognised parts by field name (``sido`` … ``road_address``)."""
        names = ("sido", "sigun", "eupmyeon", "ri", "jibun", "road_address")
        return {n: getattr(self, n) for n in names if getattr(self, n)}


def split_address(text: str | None) -> AddressParts:
    """An address as officers write it in one cell, split into its parts.

    - A road address ("○○면 ○○길 4", "○○면 ○○길7", "○○로12번길 3, 2층 (○○리)") is kept
      whole as ``road_address``; the 시도·시군·읍면 before it and a 리 (also one in brackets
      after it) are taken out as well.
    - A lot address ("○○면 ○○리 123", "○○리 산12-1", "○○리123번지") gives 리 and 지번.
    - Whatever is not recognised in a lot address ("외 1필지", a building name, a floor, a second
      lot number, a bracketed remark) is returned in ``rest``, in the order written, so the
      caller can keep it; nothing in the cell is dropped but the word 번지 and spacing.
    """
    whole = " ".join((text or "").split())
    if not whole:
        return AddressParts()
    found: dict[str, str] = {}
    plain = _BRACKETS.sub(lambda m: f" ({m.group(1)}) ", whole)
    tokens = _tokens(plain)
    rest: list[str] = []
    road = False
    for index, (word, bracketed) in enumerate(tokens):
        taken = _take(word, bracketed, index == 0, found, road)
        if taken == "road":
            road = True
        elif taken is None:
            rest.append(word if not bracketed else f"({word})")
    if road:
        return AddressParts(road_address=whole, **found)  # the whole cell: nothing is lost
    return AddressParts(rest=" ".join(rest), **found)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words in order, each with whether it was in brackets; "산 12" is one word."""
    out: list[tuple[str, bool]] = []
    for part in re.split(r"(\([^)]*\))", text):
        bracketed = part.startswith("(") and part.endswith(")")
        inner = part[1:-1] if bracketed else part
        words = [w for w in re.split(r"[\s,]+", inner) if w]
        merged: list[str] = []
        for word in words:
            if merged and merged[-1] == "산" and re.fullmatch(r"\d+(?:-\d+)?(?:번지)?", word):
                merged[-1] = f"산{word}"
            else:
                merged.append(word)
        if bracketed and not merged:
            continue
        if bracketed and len(merged) > 1 and not any(_RI.fullmatch(w) for w in merged):
            merged = [" ".join(merged)]  # a bracket is one remark unless it names a 리
        out += [(w, bracketed) for w in merged]
    return out


def _take(word: str, bracketed: bool, first: bool, found: dict[str, str], road: bool) -> str | None:
    """Record ``word`` in ``found`` if it is a part of the address; what it was, else None."""
    if not bracketed:
        if first and normalize_sido(word):
            found["sido"] = word
            return "sido"
        early = "sigun" not in found and "eupmyeon" not in found and not road
        if early and _SIGUN.fullmatch(word):
            found["sigun"] = word
            return "sigun"
        if "eupmyeon" not in found and not road and _EUPMYEON.fullmatch(word):
            found["eupmyeon"] = word
            return "eupmyeon"
        if not road and _ROAD.fullmatch(word) and "jibun" not in found:
            return "road"
    match = _RI.fullmatch(word)
    if match and "ri" not in found and ("jibun" not in found or bracketed):
        found["ri"] = match.group("ri")
        if match.group("jibun") and not road:
            found["jibun"] = match.group("jibun").replace(" ", "")
        return "ri"
    if not bracketed and not road and "jibun" not in found and found:
        number = _JIBUN.fullmatch(word)
        if number:
            found["jibun"] = number.group("jibun").replace(" ", "")
            return "jibun"
    if road:
        return "kept"  # inside the road address, kept whole
    return None
