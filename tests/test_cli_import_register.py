"""``import-register`` on a county's own list: the mapping it used, every problem, and flags for
the decisions a whole file needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange.workbooks import county_list_book

from gwinong_desktop.app import main
from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.exchange.mapping import IGNORE, TO_NOTE
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.register import RegisterService
from gwinong_desktop.storage.database import open_database

FLAGS = ["--other-kinds", "skip", "--province", "전라북도", "--county", "진안군"]


@pytest.fixture
def book(tmp_path: Path, new_folder) -> Path:
    new_folder(tmp_path / "data")  # the folder the tests import into: SQLite, or a server's
    return county_list_book(tmp_path / "현황.xlsx")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-register", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _houses(folder: Path) -> int:
    if not folder.exists():
        return 0
    with open_database(folder, purpose="test") as db:
        return len(RegisterService(ServiceContext(db, "test")).collect().houses)


def test_a_dry_run_prints_the_mapping_and_each_decision_once(
    book: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "data"
    code, out, err = _run(capsys, str(book), "--dry-run", "--data-dir", str(folder))
    assert code == ExitCode.BAD_INPUT
    assert "  시트 '귀농인의 집 현황' → 귀농인의 집 (머리글 2행, 머리글과 값으로 짐작함)" in out
    assert "    구분 → 시설 종류 (귀농인의 집이 아닌 행은 한 묶음으로)" in out
    assert "    위치 → 위치 (주소를 읍면·리·지번·도로명주소로 나눔)" in out
    assert "고칠 곳 2군데:" in out  # the group and the county, not a refusal per row
    assert "'귀농인쉼터' 4개(8, 11, 16, 22행)" in out
    assert "6행 '위치' 열: 주소에서 나누지 못한 부분을 비고에 적었습니다: '외 1필지'" in out
    assert "--other-kinds skip" in err and "--province" in err and "--county" in err
    assert _houses(folder) == 0


def test_flags_decide_and_the_second_import_adds_nothing(
    book: Path, tmp_path: Path, capsys
) -> None:
    folder = str(tmp_path / "data")
    code, out, _ = _run(capsys, str(book), "--dry-run", *FLAGS, "--data-dir", folder)
    assert code == 0, out
    assert "귀농인의 집   추가      18" in out and "귀농인의 집이 아닌 시설 4행은 뺌" in out
    assert _houses(tmp_path / "data") == 0
    assert _run(capsys, str(book), *FLAGS, "--data-dir", folder)[0] == 0
    code, out, _ = _run(capsys, str(book), *FLAGS, "--data-dir", folder)
    assert code == 0
    assert "귀농인의 집   추가       0  이미 있음      18" in out
    assert _houses(tmp_path / "data") == 18


def test_a_bad_province_is_refused_before_anything_is_read(
    book: Path, tmp_path: Path, capsys
) -> None:
    code, _, err = _run(capsys, str(book), "--province", "전라도", "--data-dir", str(tmp_path))
    assert code == ExitCode.BAD_INPUT
    assert "--province: '전라도'은(는) 시도가 아닙니다" in err


def test_a_mapping_file_is_used_as_given(book: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "data"
    with open_database(folder, purpose="test") as db:
        service = RegisterService(ServiceContext(db, "test"))
        mapping = service.mapping_for(service.inspect(book))
        mapping.sheets[0].targets[0] = TO_NOTE  # 구분 into 비고: no group to decide
        saved = service.save_mapping(tmp_path / "열맞춤.json", mapping)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["sheets"][0]["columns"][0] == {
        "header": "구분", "field": TO_NOTE, "label": "(비고에 덧붙임)",
    }  # fmt: skip
    args = [str(book), "--mapping", str(saved), "--province", "전북", "--county", "진안군"]
    code, out, _ = _run(capsys, *args, "--dry-run", "--data-dir", str(folder))
    assert code == 0, out
    assert "(머리글 2행, 열 맞춤 파일)" in out
    assert "    구분 → (비고에 덧붙임)" in out
    assert "귀농인의 집   추가      22" in out
    assert _run(capsys, *args, "--data-dir", str(folder))[0] == 0
    with open_database(folder, purpose="test") as db:
        notes = [h.note for h in RegisterService(ServiceContext(db, "test")).collect().houses]
    assert sum(1 for n in notes if n and "구분: 귀농인쉼터" in n) == 4


def test_a_mapping_written_by_hand_with_the_labels_shown(
    book: Path, tmp_path: Path, capsys
) -> None:
    document = {
        "format": "gwinong-register-mapping",
        "version": 1,
        "sheets": [{
            "sheet": "다른 이름", "kind": "귀농인의 집",
            "columns": [
                {"header": "구분", "field": "시설 종류"},
                {"header": "조성연도", "field": "조성연도"},
                {"header": "위치", "field": "위치"}, {"header": "운영자", "field": "operator"},
                {"header": "면적(㎡)", "field": "건물면적(m2)"}, {"header": "구조", "field": ""},
            ],
        }],
    }  # fmt: skip
    path = tmp_path / "손으로.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(
        capsys, str(book), "--mapping", str(path), *FLAGS, "--dry-run", "--data-dir",
        str(tmp_path / "data"),
    )  # fmt: skip
    assert code == 0, out
    assert "    구조 → (읽지 않음)" in out and "    구분 → 시설 종류" in out


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"format": "something else"}, "관리대장 열 맞춤 파일이 아닙니다"),
        (
            {"format": "gwinong-register-mapping", "sheets": [
                {"sheet": "x", "kind": "house",
                 "columns": [{"header": "관리번호", "field": "code"}]}
            ]},
            "어느 시트와도 맞지 않습니다. 파일에 적힌 머리글: 'x': 관리번호",
        ),
        (
            {"format": "gwinong-register-mapping", "sheets": [
                {"sheet": "x", "kind": "house", "columns": [{"header": "구분", "field": "종류"}]}
            ]},
            "1번째 시트의 열 '구분': 가져올 항목 '종류'을(를) 알 수 없습니다",
        ),
    ],
)  # fmt: skip
def test_a_mapping_file_that_cannot_be_used_is_refused(
    book: Path, tmp_path: Path, capsys, document: dict, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = _run(capsys, str(book), "--mapping", str(path), "--data-dir", str(tmp_path))
    assert code == ExitCode.BAD_INPUT
    assert message in err
    assert _houses(tmp_path / "data") == 0


def test_a_remembered_mapping_is_used_headless(book: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "data"
    with open_database(folder, purpose="test") as db:
        service = RegisterService(ServiceContext(db, "test"))
        mapping = service.mapping_for(service.inspect(book))
        mapping.sheets[0].targets[5] = IGNORE
        service.remember_mapping(mapping)
    code, out, _ = _run(capsys, str(book), *FLAGS, "--dry-run", "--data-dir", str(folder))
    assert code == 0, out
    assert "(머리글 2행, 전에 고른 열 맞춤)" in out and "    구조 → (읽지 않음)" in out
