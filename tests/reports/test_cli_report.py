"""``report residents|rent-ledger``: exit codes, the file and its archived copy, masking."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gwinong_desktop.app import main
from gwinong_desktop.cli import build_parser
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.storage.datafolder import DB_FILENAME


def _reports(root: Path) -> list[tuple[str, int, str]]:
    conn = sqlite3.connect(root / DB_FILENAME)
    try:
        return conn.execute("SELECT kind, year, stored_path FROM report ORDER BY id").fetchall()
    finally:
        conn.close()


def _cell(path: Path, ref: str) -> object:
    workbook = load_workbook(path, read_only=True)
    try:
        return workbook.worksheets[0][ref].value
    finally:
        workbook.close()


def test_options_before_or_after_the_report_name() -> None:
    args = build_parser().parse_args(
        ["report", "rent-ledger", "--year", "2025", "--personal", "-o", "x.xlsx", "--data-dir", "D"]
    )
    assert (args.report_kind, args.year, args.personal, args.data_dir) == (
        "rent-ledger", 2025, True, Path("D"),
    )  # fmt: skip


def test_residents_masked_and_kept(
    closed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "명부.xlsx"
    argv = [
        "report",
        "residents",
        "--year",
        "2025",
        "-o",
        str(out),
        "--data-dir",
        str(closed_folder),
    ]
    assert main(argv) == ExitCode.OK
    printed = capsys.readouterr().out
    assert "거주자 명부 2명 (개인정보 가림)" in printed and "보관본:" in printed
    assert _cell(out, "D4") == "김*수"
    [(kind, year, stored)] = _reports(closed_folder)
    assert (kind, year) == ("resident_register", 2025)
    assert (closed_folder / stored).read_bytes() == out.read_bytes()


def test_rent_ledger_with_personal_data(closed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "수납.xlsx"
    argv = ["--data-dir", str(closed_folder), "report", "rent-ledger", "--personal", "-o", str(out)]
    assert main(argv) == ExitCode.OK
    assert _cell(out, "B4") == "김영수" and str(_cell(out, "A2")).endswith("개인정보 포함")
    assert [r[0] for r in _reports(closed_folder)] == ["rent_ledger"]


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["-o", "{tmp}/a.csv"], ExitCode.USAGE, ".xlsx 로 끝나야"),
        (["-o", "{tmp}/no/such/a.xlsx"], ExitCode.BAD_INPUT, "저장할 폴더가 없습니다"),
        (["--year", "1900", "-o", "{tmp}/a.xlsx"], ExitCode.BAD_INPUT, "연도는 1990~2100"),
    ],
)
def test_refusals_write_nothing(
    closed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    extra: list[str], code: int, message: str,
) -> None:  # fmt: skip
    argv = ["report", "residents", "--data-dir", str(closed_folder)]
    argv += [a.replace("{tmp}", str(tmp_path)) for a in extra]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _reports(closed_folder) == []
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.csv"))


def test_a_year_that_is_not_a_year_is_a_usage_error(
    closed_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "rent-ledger", "--year", "20x5", "-o", "a.xlsx"])
    assert stop.value.code == ExitCode.USAGE
    assert "연도는 네 자리 숫자로" in capsys.readouterr().err


def test_a_folder_without_a_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "report",
        "residents",
        "--data-dir",
        str(tmp_path / "none"),
        "-o",
        str(tmp_path / "a.xlsx"),
    ]
    assert main(argv) == ExitCode.BAD_INPUT
    assert "데이터베이스가 없습니다" in capsys.readouterr().err


def test_works_notice_by_house_code(
    closed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "착공계.xlsx"
    argv = ["report", "works-notice", "--house", "진안-2024-01", "-o", str(out),
            "--data-dir", str(closed_folder)]  # fmt: skip
    assert main(argv) == ExitCode.BAD_INPUT  # the residents' folder has no works
    assert "조성사업을 찾을 수 없습니다" in capsys.readouterr().err and not out.exists()
    argv[1:4] = ["photo-album", "--house", "진안-2024-01"]
    assert main(argv) == ExitCode.BAD_INPUT  # and no photos
    assert "사진이 없는 집입니다: 진안-2024-01" in capsys.readouterr().err and not out.exists()


def test_monthly_and_semiannual_reports(
    closed_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monthly, half = tmp_path / "월별.xlsx", tmp_path / "반기.xlsx"
    common = ["--data-dir", str(closed_folder)]
    assert main(["report", "monthly", "--month", "2025-03", "-o", str(monthly), *common]) == 0
    assert main(["report", "semiannual", "--half", "2025-H2", "-o", str(half), *common]) == 0
    listing = tmp_path / "공개.xlsx"
    assert main(["report", "public-listing", "-o", str(listing), *common]) == 0
    assert str(_cell(listing, "A1")).endswith("귀농인의 집 입주 현황")
    chosen = tmp_path / "선정.xlsx"
    assert main(["report", "selection", "--year", "2025", "-o", str(chosen), *common]) == 0
    assert _cell(chosen, "A1") == "2025년 귀농인의 집 조성 대상지역 선정결과"
    printed = capsys.readouterr().out
    assert "2025년 3월 추진실적 보고" in printed and "2025년 하반기 추진실적" in printed
    assert _cell(monthly, "A1") == "[ 3월] 귀농인의 집 조성사업 추진실적 보고"
    assert _cell(half, "A1") == "[ 12월] 귀농인의 집 조성사업 추진실적 보고"
    assert [(k, y) for k, y, _ in _reports(closed_folder)] == [
        ("monthly", 2025), ("semiannual", 2025), ("public_listing", date.today().year),
        ("selection", 2025),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["monthly", "--month", "2025-13"], "YYYY-MM"),
        (["monthly", "--month", "202503"], "YYYY-MM"),
        (["semiannual", "--half", "2025-H3"], "YYYY-H1"),
    ],
)
def test_a_period_that_is_not_one_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", *argv, "-o", "a.xlsx"])
    assert stop.value.code == ExitCode.USAGE
    assert message in capsys.readouterr().err
