"""Decisions an import takes once for the whole file, not once per row.

A county's list may hold other kinds of facility beside its 귀농인의 집 (a 귀농인쉼터 in the
same 구분 column): those rows are one group, which the officer leaves out (``SKIP``) or brings
in with the kind written in 비고 (``KEEP``). Undecided, the group is one refusal that says
both ways. Rows without 시도·시군 take the county profile; with no profile they are one
refusal too, naming the fix, and ``ImportChoices.sido``/``sigun`` may stand in for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwinong_desktop.domain.korean import josa

SKIP, KEEP = "skip", "keep"
OTHER_KINDS_CHOICES = (SKIP, KEEP)
TOPIC_OTHER_KINDS = "other_kinds"
TOPIC_COUNTY = "county"
_SHOWN_ROWS = 12


@dataclass(frozen=True)
class ImportChoices:
    """What the officer decided for the whole file."""

    other_kinds: str | None = None  # SKIP or KEEP the rows of another kind; None: undecided
    sido: str | None = None  # for rows without 시도, in place of the county profile
    sigun: str | None = None  # for rows without 시군


def row_list(rows: list[int]) -> str:
    """ "6, 9, 14행" (the first dozen, then "외 N행")."""
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    more = len(rows) - _SHOWN_ROWS
    return f"{shown}행" + (f" 외 {more:,}행" if more > 0 else "")


def groups_text(groups: dict[str, list[int]]) -> str:
    """ "'귀농인쉼터' 4개(6, 9, 14, 20행)"."""
    return ", ".join(f"'{kind}' {len(rows):,}개({row_list(rows)})" for kind, rows in groups.items())


def other_kinds_message(groups: dict[str, list[int]], choice: str | None) -> str:
    total = sum(len(rows) for rows in groups.values())
    what = f"귀농인의 집이 아닌 시설의 행 {total:,}개: {groups_text(groups)}"
    if choice == SKIP:
        return f"{what}. 이 행들은 가져오지 않습니다"
    if choice == KEEP:
        return f"{what}. 이 행들도 가져오고, 비고에 '시설 종류: …'를 적습니다"
    return (
        f"{what}. 이 행들을 빼고 가져올지, 시설 종류를 비고에 적어 함께 가져올지 "
        "한 번에 정해 주세요"
    )


def kind_note(kind: str) -> str:
    return f"시설 종류: {kind}"


def county_message(missing: dict[str, list[int]], total_rows: int) -> str:
    """One refusal for every row that lacks 시도 or 시군 because the profile is empty."""
    what = "·".join(name for key, name in (("sido", "시도"), ("sigun", "시군")) if missing.get(key))
    rows = sorted({r for rs in missing.values() for r in rs})
    where = f"{len(rows):,}개 행 모두" if len(rows) == total_rows else row_list(rows)
    return (
        f"시·군 정보(시도·시군)가 정해져 있지 않아 {where}의 {josa(what, '을')} 알 수 없습니다. "
        "설정 › 시·군 정보에서 시도와 시군을 정해 주세요"
    )
