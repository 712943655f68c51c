"""The due list's holiday calendar (``services.due_holidays``): the package's dates, made once
for the years around the one asked, kept in the data folder for the next process, made again
when the package is another version or the file is unusable."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import holidays
import pytest

from gwinong_desktop.services import due_holidays as cal


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A process that has made no year yet; counts the package's computations."""
    monkeypatch.setattr(cal, "_known", {})
    made: list[int] = []
    real = holidays.country_holidays

    def counted(country: str, years: list[int]):  # type: ignore[no-untyped-def]
        made.append(len(years))
        return real(country, years=years)

    monkeypatch.setattr(holidays, "country_holidays", counted)
    return made


def test_the_dates_are_the_packages_with_chuseok_and_its_substitute_day(tmp_path, fresh):
    days = cal.korean_holidays(2025, tmp_path)
    assert days == frozenset(holidays.KR(years=2025))
    assert {date(2025, 10, 6), date(2025, 10, 8), date(2025, 10, 9)} <= days  # 추석, 대체, 한글날
    assert date(2025, 10, 10) not in days
    assert fresh == [len(cal.YEARS_AROUND)]  # the years around made together, once
    assert cal.korean_holidays(2026, tmp_path) and fresh == [len(cal.YEARS_AROUND)]


def test_the_next_process_reads_the_folders_calendar_instead_of_making_it(tmp_path, fresh,
                                                                         monkeypatch):  # fmt: skip
    first = cal.korean_holidays(2026, tmp_path)
    kept = json.loads((tmp_path / "cache" / "holidays-kr.json").read_text(encoding="utf-8"))
    assert kept["package"] == holidays.__version__  # found without importing the package
    assert sorted(kept["years"]) == ["2025", "2026", "2027", "2028"]
    monkeypatch.setattr(cal, "_known", {})  # a new process
    assert cal.korean_holidays(2025, tmp_path) == frozenset(holidays.KR(years=2025))
    assert cal.korean_holidays(2026, tmp_path) == first
    assert len(fresh) == 1  # the first process made them; the second read them
    cal.korean_holidays(2031, tmp_path)  # a year it does not hold: made and added
    kept = json.loads((tmp_path / "cache" / "holidays-kr.json").read_text(encoding="utf-8"))
    assert {"2025", "2030", "2033"} <= set(kept["years"])


@pytest.mark.parametrize(
    "body",
    [
        {"package": "0.1", "years": {"2026": ["2026-03-17"]}},  # another version of the package
        "{not json",
        {"package": None},
        {"years": ["2026-03-17"]},
    ],
)
def test_a_calendar_of_another_version_or_broken_is_made_again(tmp_path, fresh, body):
    path = tmp_path / "cache" / "holidays-kr.json"
    path.parent.mkdir()
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    days = cal.korean_holidays(2026, tmp_path)
    assert date(2026, 3, 17) not in days and date(2026, 3, 1) in days  # 삼일절
    assert fresh == [len(cal.YEARS_AROUND)]
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept["package"] == holidays.__version__ and "2026-03-17" not in kept["years"]["2026"]


def test_a_folder_that_cannot_keep_it_still_gets_the_dates(tmp_path: Path, fresh):
    (tmp_path / "cache").write_text("a file where the folder would be", encoding="utf-8")
    assert date(2026, 1, 1) in cal.korean_holidays(2026, tmp_path)
    assert date(2026, 1, 1) in cal.korean_holidays(2026, None)
    assert fresh == [len(cal.YEARS_AROUND)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]  # no temporary file left


def test_a_package_whose_version_cannot_be_told_keeps_nothing(tmp_path, fresh, monkeypatch):
    monkeypatch.setattr(cal, "_package_version", lambda: None)
    assert date(2026, 1, 1) in cal.korean_holidays(2026, tmp_path)
    assert not (tmp_path / "cache").exists()
