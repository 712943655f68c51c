"""The register workbook through the service: round trip, idempotency, all or nothing, cancel."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from gwinong_desktop.app import main
from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.domain.progress import Cancelled, TaskState
from gwinong_desktop.exchange.mapping import IGNORE
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.register import (
    RegisterError,
    RegisterRefused,
    RegisterService,
)
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import ExitCode
from gwinong_desktop.storage.models import (
    AuditEvent,
    Development,
    House,
    Lease,
    Operator,
    Owner,
    Payment,
    Resident,
    Setting,
    Stay,
)

TODAY = date(2025, 6, 16)
TABLES = (House, Operator, Owner, Lease, Development, Resident, Stay, Payment, AuditEvent, Setting)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, object]]:
    """The demo county exported once: (the workbook, the register as rows)."""
    from gwinong_desktop.demo.build import build_demo

    base = tmp_path_factory.mktemp("demo")
    with open_database(base / "data", purpose="test") as db:
        build_demo(db, scale="county", today=TODAY)
        service = RegisterService(ServiceContext(db, "test"))
        service.export(base / "register.xlsx")
        yield base / "register.xlsx", service.collect()


@pytest.fixture
def db(tmp_path: Path, new_folder: Callable[[Path], Path]) -> Iterator[Database]:
    with open_database(new_folder(tmp_path / "empty"), purpose="test") as database:
        yield database


def _service(db: Database) -> RegisterService:
    return RegisterService(ServiceContext(db, "test"))


def _counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in TABLES
        }


def _cells(path: Path) -> dict[str, list[list[tuple]]]:
    wb = load_workbook(path)
    return {
        ws.title: [[(c.value, c.data_type, c.number_format, c.style) for c in row] for row in ws]
        for ws in wb.worksheets
    }


def _edit(source: Path, target: Path, sheet: str, row: int, header: str, value: object) -> Path:
    wb = load_workbook(source)
    ws = wb[sheet]
    column = [c.value for c in ws[1]].index(header) + 1
    ws.cell(row, column).value = value
    wb.save(target)
    return target


def test_export_then_import_into_an_empty_folder_gives_the_same_register(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    workbook, register = demo
    service = _service(db)
    summary = service.import_file(workbook)
    assert (summary.counts.houses_new, summary.counts.residents_new) == (13, 52)
    assert summary.counts.payments_new == len(register.payments)  # type: ignore[attr-defined]
    again = tmp_path / "again.xlsx"
    service.export(again)
    assert _cells(again) == _cells(workbook)  # every cell: value, type, format, style
    assert service.collect() == register
    events = _audit(db)
    assert [e.action for e in events] == ["import", "export"]
    assert events[0].summary.startswith("관리대장 가져오기(register.xlsx): 귀농인의 집 13개소")


def _audit(db: Database) -> list[AuditEvent]:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_importing_the_same_file_twice_adds_nothing(
    demo: tuple[Path, object], db: Database
) -> None:
    workbook, _ = demo
    service = _service(db)
    service.import_file(workbook)
    before = _counts(db)
    second = service.import_file(workbook)
    counts = second.counts
    assert (counts.houses_new, counts.residents_new, counts.payments_new) == (0, 0, 0)
    assert (counts.houses_known, counts.residents_known) == (13, 52)
    after = _counts(db)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }


def test_one_bad_row_writes_nothing(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    workbook, _ = demo
    bad = _edit(workbook, tmp_path / "bad.xlsx", "입주자", 12, "입주일", "2024.13.1")
    before = _counts(db)
    with pytest.raises(RegisterRefused) as caught:
        _service(db).import_file(bad)
    assert [str(p) for p in caught.value.plan.refusals] == [
        "시트 '입주자' 12행 '입주일' 열: 날짜를 알 수 없습니다: '2024.13.1' "
        "(예: 2024-03-01, 2024.3.1.)"
    ]
    assert _counts(db) == before  # nothing written, not even an audit event


def test_a_refused_import_leaves_a_filled_database_as_it_was(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    workbook, _ = demo
    service = _service(db)
    first = _edit(workbook, tmp_path / "first.xlsx", "귀농인의집", 3, "관리번호", "새-2030-01")
    service.import_file(first)
    before = _counts(db)
    bad = _edit(workbook, tmp_path / "bad.xlsx", "귀농인의집", 4, "국비(천원)", -5)
    with pytest.raises(RegisterRefused) as caught:
        service.import_file(bad)
    assert [(p.row, p.column) for p in caught.value.plan.refusals] == [(4, "국비(천원)")]
    assert _counts(db) == before


def test_duplicate_codes_are_refused_with_both_rows(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    workbook, _ = demo
    code = load_workbook(workbook)["귀농인의집"]["A2"].value
    bad = _edit(workbook, tmp_path / "dup.xlsx", "귀농인의집", 6, "관리번호", code)
    with pytest.raises(RegisterRefused) as caught:
        _service(db).import_file(bad)
    places = [(p.row, p.column) for p in caught.value.plan.refusals]
    assert places[:2] == [(2, "관리번호"), (6, "관리번호")]
    assert (
        f"관리번호 '{code}'가 2행과 6행에 두 번 나옵니다"
        in caught.value.plan.refusals[0].message_ko
    )
    assert _counts(db)["house"] == 0


def test_unknown_houses_and_residents_are_refused(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "orphans.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "입주자"
    ws.append(["관리번호", "성명", "입주일"])
    ws.append(["없는-1", "홍길동", "2024-03-01"])
    payments = wb.create_sheet("임대료수납")
    payments.append(["관리번호", "성명", "대상월", "금액", "납부일"])
    payments.append(["없는-1", "김철수", "2024-03", "100,000", "2024.3.5."])
    wb.save(path)
    with pytest.raises(RegisterRefused) as caught:
        _service(db).import_file(path)
    assert [str(p) for p in caught.value.plan.refusals] == [
        "시트 '입주자' 2행 '관리번호' 열: 관리번호 '없는-1'인 귀농인의 집이 없습니다 "
        "(귀농인의집 시트에도, 이 데이터에도 없습니다)",
        "시트 '임대료수납' 2행 '성명' 열: 관리번호 '없는-1' 집의 입주자 '김철수'이(가) 없습니다 "
        "(입주자 시트에도, 이 데이터에도 없습니다)",
    ]


def test_a_cancel_in_the_middle_of_writing_leaves_the_database_as_before(
    demo: tuple[Path, object], db: Database
) -> None:
    workbook, _ = demo
    labels: list[str] = []
    before = _counts(db)

    def seen(done: int, total: int, label: str) -> None:
        labels.append(label)
        if "입주자를 넣는 중" in label:
            state.cancel()

    state = TaskState(seen)
    with pytest.raises(Cancelled) as raised:
        _service(db).import_file(workbook, state=state)
    assert raised.value.message == "취소했습니다. 데이터는 그대로입니다."
    assert "귀농인의 집을 넣는 중" in labels  # houses were inserted before the cancel
    assert _counts(db) == before


def test_a_dry_run_writes_nothing(demo: tuple[Path, object], db: Database) -> None:
    workbook, _ = demo
    before = _counts(db)
    summary = _service(db).import_file(workbook, dry_run=True)
    assert summary.dry_run and summary.counts.houses_new == 13
    assert _counts(db) == before


def test_a_file_that_is_no_workbook(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(RegisterError, match="Excel 통합 문서"):
        _service(db).import_file(path)


COUNTY_ROWS = [
    ["구분", "조성연도", "위치", "운영자", "면적(㎡)", "구조"],
    ["빈집수리", 2016, "백운면 노촌길 4", "노촌마을협의회 (010-1234-5678)", "62.8",
     "방2, 주방, 화장실, 거실"],
    ["이동식", "2019", "주천면 대불리 131", "진안군귀농귀촌협의회(063-432-7788)", 49.5, "방 3개"],
    ["임대형", 2024, "동향면 능금길 56-2", None, "66", "방2, 주방"],
]  # fmt: skip


def _county_book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "귀농인의 집 현황"
    for row in COUNTY_ROWS:
        ws.append(row)
    wb.save(path)
    return path


def test_another_countys_register_is_mapped_and_imported_once(db: Database, tmp_path: Path) -> None:
    path = _county_book(tmp_path / "county.xlsx")
    service = _service(db)
    with pytest.raises(RegisterRefused) as caught:
        service.import_file(path)  # no county settings yet: 시도 and 시군 unknown
    assert [str(p) for p in caught.value.plan.refusals] == [  # once, not twice per row
        "시트 '귀농인의 집 현황': 시·군 정보(시도·시군)가 정해져 있지 않아 3개 행 모두의 "
        "시도·시군을 알 수 없습니다. 설정 › 시·군 정보에서 시도와 시군을 정해 주세요"
    ]
    with ServiceContext(db, "test").write() as session:
        session.add_all([Setting(key="province", value="전북특별자치도"),
                         Setting(key="county", value="진안군")])  # fmt: skip
    summary = service.import_file(path)
    assert summary.counts.houses_new == 3 and summary.counts.operators_new == 2
    rows = {h.code: h for h in service.collect().houses}
    assert sorted(rows) == ["진안-2016-01", "진안-2019-01", "진안-2024-01"]
    first = rows["진안-2016-01"]
    assert (first.eupmyeon, first.road_address, first.rooms) == ("백운면", "백운면 노촌길 4", 2)
    assert (first.sido, first.sigun, first.structure) == (
        "전북특별자치도",
        "진안군",
        "방2, 주방, 화장실, 거실",
    )
    assert (rows["진안-2019-01"].ri, rows["진안-2019-01"].jibun) == ("대불리", "131")
    assert rows["진안-2024-01"].operator is None
    with db.sessions() as session:
        operators = dict(session.execute(select(Operator.name, Operator.kind)).all())
        phones = dict(session.execute(select(Operator.name, Operator.phone)).all())
    assert operators == {"노촌마을협의회": OperatorKind.VILLAGE,
                         "진안군귀농귀촌협의회": OperatorKind.COUNCIL}  # fmt: skip
    assert phones["노촌마을협의회"] == "010-1234-5678"
    again = service.import_file(path)
    assert (again.counts.houses_new, again.counts.houses_known) == (0, 3)


def test_a_mapping_is_remembered_for_the_same_headers(db: Database, tmp_path: Path) -> None:
    path = _county_book(tmp_path / "county.xlsx")
    service = _service(db)
    layout = service.inspect(path)
    mapping = service.mapping_for(layout)
    assert mapping.sheets[0].targets[0] == "development_type"
    mapping.sheets[0].targets[0] = IGNORE
    service.remember_mapping(mapping)
    other = _county_book(tmp_path / "next-year.xlsx")
    remembered = service.mapping_for(service.inspect(other))
    assert remembered.sheets[0].targets[0] == IGNORE
    with db.sessions() as session:
        keys = list(session.scalars(select(Setting.key).where(Setting.key.like("register_%"))))
    assert keys == [f"register_mapping:{mapping.sheets[0].signature}"]


def test_an_export_cancel_leaves_no_file_and_no_event(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    workbook, _ = demo
    _service(db).import_file(workbook)
    before = _counts(db)
    target = tmp_path / "out.xlsx"
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled, match="내보내기를 취소했습니다"):
        _service(db).export(target, state=state)
    assert not target.exists()
    assert _counts(db) == before


def test_the_command_line(
    demo: tuple[Path, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, _ = demo
    folder = str(tmp_path / "cli")
    assert main(["import-register", str(workbook), "--dry-run", "--data-dir", folder]) == 0
    out = capsys.readouterr().out
    assert "관리대장 확인 결과 (register.xlsx, 쓰지 않음):" in out
    assert "귀농인의 집   추가      13  이미 있음       0" in out
    bad = _edit(workbook, tmp_path / "bad.xlsx", "입주자", 12, "입주일", "2024.13.1")
    assert main(["import-register", str(bad), "--data-dir", folder]) == ExitCode.BAD_INPUT
    captured = capsys.readouterr()
    assert "  시트 '입주자' 12행 '입주일' 열: 날짜를 알 수 없습니다: '2024.13.1'" in captured.out
    assert "아무것도 가져오지 않았습니다" in captured.err
    assert main(["import-register", str(workbook), "--data-dir", folder]) == 0
    out_file = tmp_path / "export.xlsx"
    assert main(["export-register", "-o", str(out_file), "--data-dir", folder]) == 0
    assert _cells(out_file) == _cells(workbook)
    missing = ["export-register", "-o", str(out_file), "--data-dir", str(tmp_path / "none")]
    assert main(missing) == ExitCode.BAD_INPUT
    shutil.rmtree(tmp_path / "cli")


def test_checking_twice_gives_the_same_plan(db: Database, tmp_path: Path) -> None:
    """The wizard checks for the preview, then again inside the import's transaction."""
    path = tmp_path / "owners.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "현황"
    ws.append(["조성연도", "위치", "소유주", "구분"])
    ws.append([2016, "백운면 노촌길 4", "김소유", "빈집"])
    wb.save(path)
    with ServiceContext(db, "test").write() as session:
        session.add_all([Setting(key="province", value="전북특별자치도"),
                         Setting(key="county", value="진안군")])  # fmt: skip
    service = _service(db)
    data = service.read(path)
    first, second = service.plan(data), service.plan(data)
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems]
    assert first.houses[0].note == second.houses[0].note == "소유주: 김소유"
    assert first.houses[0].code == "진안-2016-01"
    summary = service.apply(data, "owners.xlsx")
    assert summary.counts.houses_new == 1
    assert service.collect().houses[0].note == "소유주: 김소유"


def test_a_viewer_may_neither_import_nor_export(
    demo: tuple[Path, object], db: Database, tmp_path: Path
) -> None:
    from gwinong_desktop.domain.enums import Role
    from gwinong_desktop.domain.permissions import NotPermitted

    workbook, _ = demo
    viewer = RegisterService(ServiceContext(db, "열람자", Role.VIEWER))
    assert viewer.plan(viewer.read(workbook)).counts.houses_new == 13  # checking is allowed
    with pytest.raises(NotPermitted, match="관리대장 가져오기"):
        viewer.import_file(workbook)
    with pytest.raises(NotPermitted, match="관리대장 통합 문서 내보내기"):
        viewer.export(tmp_path / "out.xlsx")
    assert _counts(db)["house"] == 0 and not (tmp_path / "out.xlsx").exists()


def test_export_register_of_text_a_workbook_cannot_hold_writes_a_workbook_that_opens(
    demo: tuple[Path, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pasting brings U+FFFE, U+FFFF and control characters into notes and names: the
    workbook used to be one that neither openpyxl nor Excel could open again."""
    from gwinong_desktop.domain.text import has_unsafe

    workbook, _ = demo
    folder = tmp_path / "cli"
    assert main(["import-register", str(workbook), "--data-dir", str(folder)]) == 0
    with open_database(folder, purpose="test") as db, ServiceContext(db, "test").write() as s:
        house = s.scalars(select(House).order_by(House.id)).first()
        house.note = "보일러\ufffe 고장\uffff\x07 수리함\x0b"
        code = house.code
        resident = s.scalars(select(Resident).order_by(Resident.id)).first()
        resident.name = "김\x00철\x1f수"
    out_file = tmp_path / "export.xlsx"
    capsys.readouterr()
    assert main(["export-register", "-o", str(out_file), "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    said = re.search(r"넣을 수 없는 문자가 있는 글 (\d+)개는 그 문자를 빼고", out)
    assert said and int(said.group(1)) >= 2  # the note, the name (and its payments' rows)
    wb = load_workbook(out_file)  # opens: the file is well-formed XML
    texts = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert not any(isinstance(t, str) and has_unsafe(t) for t in texts)
    houses = wb["귀농인의집"]
    header = [c.value for c in houses[1]]
    row = next(r for r in houses.iter_rows(min_row=2, values_only=True) if code in r)
    assert row[header.index("비고")] == "보일러 고장 수리함"
    residents = wb["입주자"]
    names = [r[[c.value for c in residents[1]].index("성명")] for r in residents.iter_rows(2)]
    assert "김철수" in [n.value for n in names]
