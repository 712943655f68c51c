"""The frozen one-folder build, built here from the same spec as the Windows one, and used.

    uv run pytest -m frozen tests/frozen -q

Builds with ``installer/build.py`` into a temporary folder (about a minute on two cores), or uses
an existing build when ``FROZEN_DIST`` names it (its ``dist`` folder or the app folder inside).
Then the frozen programs run as an officer's would, offscreen, on fresh data folders: migrations
from inside the build, the demo county (Pillow writing photos), the GUI, and the exports.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gwinong_desktop.cli import build_parser
from gwinong_desktop.storage.datafolder import DB_FILENAME, ExitCode
from gwinong_desktop.storage.schema import SCHEMA_HEAD

pytestmark = [pytest.mark.frozen, pytest.mark.process]

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load_buildconfig() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gwinong_installer_buildconfig_", INSTALLER / "buildconfig.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cfg = _load_buildconfig()

EXE = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT = 900
RUN_TIMEOUT = 120
HANGUL = re.compile("[가-힣]")
MIGRATION_FIXTURES = sorted((ROOT / "tests" / "migrations" / "data").glob("*.sqlite3"))

# The app's own register workbook (shared/DOMAIN.md, "The register workbook"): sheet -> row 1.
# fmt: off
REGISTER_HEADERS = {
    "귀농인의집": [
        "관리번호", "시도", "시군", "읍면", "리", "지번", "도로명주소", "운영자", "조성유형",
        "조성연도", "구조", "방수", "건축년도", "대지면적(m2)", "건물면적(m2)", "국비(천원)",
        "도비(천원)", "군비(천원)", "자부담(천원)", "착공일", "준공일", "소유주", "임대차시작일",
        "임대차종료일", "무상제공", "월임대료", "보증금", "비고",
    ],
    "입주자": [
        "관리번호", "성명", "생년월일", "연락처", "세대원수", "귀농교육시간", "전거주지", "입주일",
        "퇴거예정일", "퇴거일", "월임대료", "보증금", "정착여부", "비고",
    ],
    "임대료수납": ["관리번호", "성명", "대상월", "금액", "납부일", "비고"],
}
# fmt: on


# --- the build and how to run it ----------------------------------------------------------------


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder build: FROZEN_DIST if set, else built now from installer/."""
    given = os.environ.get("FROZEN_DIST")
    if given:
        path = Path(given)
        path = path / cfg.APP_NAME if (path / cfg.APP_NAME).is_dir() else path
        assert (path / f"{cfg.APP_NAME}{EXE}").is_file(), f"FROZEN_DIST has no build: {path}"
        return path
    where = tmp_path_factory.mktemp("frozen")
    command = [
        sys.executable,
        str(INSTALLER / "build.py"),
        "--dist",
        str(where / "dist"),
        "--work",
        str(where / "work"),
        "--quiet",
        "--size-limit-mb",
        "0",  # test_size_and_contents checks the size and says what is in the way
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=ROOT, check=False
    )
    assert done.returncode == 0, f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    print(done.stdout.strip().splitlines()[-1])  # the size, for the log
    return where / "dist" / cfg.APP_NAME


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user profile of its own: the frozen app must not touch the real user's folders."""
    return tmp_path_factory.mktemp("home")


def frozen_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        GWINONG_NONINTERACTIVE="1",
        GWINONG_SETTINGS=str(home / "settings.ini"),
        # the demo county has accounts (admin / demo1234); folders without accounts ignore these
        GWINONG_USER="admin",
        GWINONG_PASSWORD="demo1234",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    # (On Windows platformdirs asks the shell, not the environment: there only --data-dir and
    # GWINONG_SETTINGS keep the runs apart from the user's folders; the error log is the user's.)
    return env


def run(
    app_dir: Path, home: Path, *args: str, gui: bool = False, timeout: float = RUN_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run the console executable (or the GUI one) of the build with ``args``."""
    name = cfg.APP_NAME if gui else cfg.CLI_NAME
    return subprocess.run(
        [str(app_dir / f"{name}{EXE}"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=frozen_env(home),
        cwd=home,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def assert_clean_refusal(
    done: subprocess.CompletedProcess[str], code: int | None = None, *, gui: bool = False
) -> None:
    """Refused as the README promises: non-zero, a Korean message, no traceback."""
    assert done.returncode != 0, done.stdout
    if code is not None:
        assert done.returncode == code, done.stderr
    if not (gui and sys.platform == "win32"):  # there the message is a box, and stderr is None
        assert HANGUL.search(done.stderr), done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def counts(info_output: str) -> dict[str, int]:
    """``info``'s record counts: label -> number."""
    found = {}
    for line in info_output.splitlines():
        match = re.match(r"^\s+(\S.*?)\s+([\d,]+)$", line)
        if match:
            found[match.group(1)] = int(match.group(2).replace(",", ""))
    return found


@pytest.fixture(scope="module")
def demo_dir(app_dir: Path, home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh data folder with the demo county, built by the frozen program."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    done = run(app_dir, home, "demo", "--data-dir", str(folder), timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return folder


# --- the tests -----------------------------------------------------------------------------------


def test_version_is_the_pyproject_version(app_dir: Path, home: Path) -> None:
    done = run(app_dir, home, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{cfg.APP_NAME} {cfg.project_version()}"


def test_info_without_a_database_refuses_cleanly(app_dir: Path, home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    assert_clean_refusal(run(app_dir, home, "info", "--data-dir", str(missing)))
    assert not missing.exists()  # info only reads
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_clean_refusal(run(app_dir, home, "info", "--data-dir", str(empty)))
    assert list(empty.iterdir()) == []


def test_gui_on_a_fresh_folder_creates_the_schema(
    app_dir: Path, home: Path, tmp_path: Path
) -> None:
    """The Alembic scripts run from inside the build (db/ shipped as gwinong_desktop/_db)."""
    folder = tmp_path / "fresh"
    done = run(app_dir, home, "gui", "--smoke", "--data-dir", str(folder), gui=True)
    assert done.returncode == 0, done.stderr
    info = run(app_dir, home, "info", "--data-dir", str(folder))
    assert info.returncode == 0, info.stderr
    assert f"스키마 버전: {SCHEMA_HEAD} (최신)" in info.stdout


def test_demo_county_is_built_by_the_frozen_program(
    app_dir: Path, home: Path, demo_dir: Path
) -> None:
    done = run(app_dir, home, "info", "--data-dir", str(demo_dir))
    assert done.returncode == 0, done.stderr
    assert f"스키마 버전: {SCHEMA_HEAD} (최신)" in done.stdout
    found = counts(done.stdout)
    assert 8 <= found["귀농인의 집"] <= 20, done.stdout
    assert found["입주자"] > 0 and found["임대료 납부"] > 0, done.stdout
    assert found["사진"] > 0, "no photos: Pillow's JPEG writer is missing from the build?"
    photos = sorted((demo_dir / "photos").rglob("*.jp*g"))
    assert photos and all(p.read_bytes()[:2] == b"\xff\xd8" for p in photos[:20])


def test_gui_starts_on_the_demo_county_and_quits(app_dir: Path, home: Path, demo_dir: Path) -> None:
    done = run(app_dir, home, "gui", "--smoke", "--data-dir", str(demo_dir), gui=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if sys.platform == "win32":  # the windowed executable has no stdout there: ask the console one
        done = run(app_dir, home, "gui", "--smoke", "--data-dir", str(demo_dir))
        assert done.returncode == 0, done.stderr
    assert "started:" in done.stdout
    # Qt's own dialogs speak Korean: the build carries qtbase_ko.qm where Qt looks for it
    # (app.install_qt_korean says on stderr when it cannot load it).
    assert "qtbase_ko.qm" not in done.stderr, done.stderr
    # The folder was released: the next program opens it.
    assert run(app_dir, home, "info", "--data-dir", str(demo_dir)).returncode == 0


def test_a_folder_on_a_postgresql_server_from_the_frozen_build(
    app_dir: Path, home: Path, tmp_path: Path, server_url: str
) -> None:
    """psycopg, its compiled libpq and SQLAlchemy's PostgreSQL dialect are in the build (a
    SQLite start never imports them, so nothing else proves it): the demo county made on a
    server, read back, and the window started on it."""
    folder = tmp_path / "on-server"
    done = run(app_dir, home, "demo", "--data-dir", str(folder), "--database-url", server_url)
    assert done.returncode == 0, done.stderr
    info = run(app_dir, home, "info", "--data-dir", str(folder))
    assert info.returncode == 0, info.stderr
    assert f"데이터베이스: 서버 {server_url}" in info.stdout
    assert counts(info.stdout)["귀농인의 집"] > 0, info.stdout
    shown = run(app_dir, home, "gui", "--smoke", "--data-dir", str(folder))
    assert shown.returncode == 0, shown.stderr
    assert "started:" in shown.stdout and "Traceback" not in shown.stderr


def test_the_frozen_build_reads_heic_photos(
    app_dir: Path, home: Path, demo_dir: Path, tmp_path: Path
) -> None:
    """pi-heif is imported on first use only (media/_heif.py): the build must carry it and
    its libraries, or every phone photo of an iPhone is refused."""
    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder, ignore=shutil.ignore_patterns(".gwinong.lock*"))
    samples = ROOT / "tests" / "data" / "photos"
    heic = [samples / "heic_IMG_5195.HEIC", samples / "heic_samplefilehub.heif"]
    done = run(app_dir, home, "photos", "add", "--house", "진안-2016-01", "--slot", "전경",
               "--data-dir", str(folder), *map(str, heic))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()  # (the iPhone photo was taken far away: a warning line)
    assert [line for line in lines if not line.startswith(" ")] == [
        "저장  heic_IMG_5195.HEIC",
        "저장  heic_samplefilehub.heif",
        "진안-2016-01: 저장 2장, 중복 0장, 거부 0장",
    ]
    stored = {p.read_bytes() for p in (folder / "photos").rglob("*.hei*")}
    assert stored == {p.read_bytes() for p in heic}  # the originals, byte for byte
    # the decoder made their thumbnails (the gallery's cache) from the HEIC pictures
    assert len([t for t in (folder / "thumbs").rglob("*.jpg") if t.read_bytes()[:2] == b"\xff\xd8"
                and any(t.name.startswith(sha) for sha in _shas(heic))]) == 2  # fmt: skip
    assert run(app_dir, home, "check", "--data-dir", str(folder)).returncode == 0


def test_a_large_photo_import_reads_in_child_processes_of_the_frozen_build(
    app_dir: Path, home: Path, demo_dir: Path, tmp_path: Path
) -> None:
    """From 12 files an import reads and stores them in child processes (media/workers.py): the
    frozen program must start its children as children (``multiprocessing.freeze_support`` in
    installer/launch.py), not as a second copy of the app."""
    from PIL import Image

    from gwinong_desktop.media.workers import CHILDREN_FROM

    folder = tmp_path / "data"
    shutil.copytree(demo_dir, folder, ignore=shutil.ignore_patterns(".gwinong.lock*"))
    files = []
    for n in range(CHILDREN_FROM + 2):
        path = tmp_path / f"photo_{n:02d}.jpg"
        Image.new("RGB", (640, 480), (n * 15 % 256, 90, 160)).save(path, quality=90)
        files.append(str(path))
    done = run(app_dir, home, "photos", "add", "--house", "진안-2016-01", "--slot", "전경",
               "--data-dir", str(folder), *files)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"진안-2016-01: 저장 {len(files)}장, 중복 0장, 거부 0장" in done.stdout, done.stdout
    assert "Traceback" not in done.stderr


def _shas(paths: list[Path]) -> set[str]:
    import hashlib

    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def source_commands() -> list[str]:
    """Every command of the source tree, found as the app finds them (``cli/<feature>.py``)."""
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


SOURCE_COMMANDS = source_commands()


def listed_commands(help_text: str) -> list[str]:
    """The commands ``--help`` lists under its ``명령`` heading (four spaces in, one a line)."""
    block = help_text.split("\n  명령\n", 1)[1].split("\n\n", 1)[0]
    return sorted(m.group(1) for m in re.finditer(r"^    (\S+)", block, re.M))


def test_every_command_of_the_source_is_in_the_frozen_build(app_dir: Path, home: Path) -> None:
    """The build discovers its commands by listing ``cli/`` inside the frozen package: a module
    left out of the build is a command the officer does not have. None may be missing."""
    assert {"backup", "check", "demo", "export-register", "gui", "info"} <= set(SOURCE_COMMANDS)
    done = run(app_dir, home, "--help")
    assert done.returncode == 0, done.stderr
    assert listed_commands(done.stdout) == SOURCE_COMMANDS, done.stdout


@pytest.mark.parametrize("command", SOURCE_COMMANDS)
def test_each_command_answers_in_the_frozen_build(app_dir: Path, home: Path, command: str) -> None:
    done = run(app_dir, home, command, "--help")
    assert done.returncode == 0, f"{command}: {done.stderr}"
    assert done.stdout.startswith(f"usage: {cfg.APP_NAME} {command}"), done.stdout
    assert HANGUL.search(done.stdout), done.stdout  # its Korean description


def test_register_workbook_export(
    app_dir: Path, home: Path, demo_dir: Path, tmp_path: Path
) -> None:
    """export-register writes the three sheets with their headers."""
    from openpyxl import load_workbook

    out = tmp_path / "register.xlsx"
    done = run(app_dir, home, "export-register", "--data-dir", str(demo_dir), "-o", str(out))
    assert done.returncode == 0, done.stderr
    workbook = load_workbook(out, read_only=True)
    try:
        for sheet, headers in REGISTER_HEADERS.items():
            assert sheet in workbook.sheetnames, workbook.sheetnames
            rows = workbook[sheet].iter_rows(values_only=True)
            first = list(next(rows))
            while first and first[-1] is None:
                first.pop()
            assert first == headers, sheet
            assert any(any(cell is not None for cell in row) for row in rows), f"{sheet} is empty"
        houses = counts(run(app_dir, home, "info", "--data-dir", str(demo_dir)).stdout)
        written = sum(1 for row in workbook["귀농인의집"].iter_rows(min_row=2) if row[0].value)
        assert written == houses["귀농인의 집"]
    finally:
        workbook.close()


def test_backup_restore_and_import_from_the_frozen_build(
    app_dir: Path, home: Path, demo_dir: Path, tmp_path: Path
) -> None:
    """The commands the other tests do not run: the demo county backed up and restored into a
    new folder holds the same records, and its register workbook checks clean for import."""
    backup = tmp_path / "demo.gwbak"
    done = run(app_dir, home, "backup", "--data-dir", str(demo_dir), "-o", str(backup))
    assert done.returncode == 0 and "백업했습니다" in done.stdout, done.stderr
    restored = tmp_path / "restored"
    done = run(app_dir, home, "restore", "--yes", "--data-dir", str(restored), str(backup))
    assert done.returncode == 0 and "복원했습니다" in done.stdout, done.stderr
    records = [counts(run(app_dir, home, "info", "--data-dir", str(d)).stdout)
               for d in (demo_dir, restored)]  # fmt: skip
    del records[0]["변경 기록"], records[1]["변경 기록"]  # the restore is recorded
    assert records[0] == records[1] and records[0]["사진"] > 0
    workbook = tmp_path / "register.xlsx"
    done = run(app_dir, home, "export-register", "--data-dir", str(demo_dir), "-o", str(workbook))
    assert done.returncode == 0, done.stderr
    empty = tmp_path / "empty"
    done = run(
        app_dir, home, "import-register", "--dry-run", "--data-dir", str(empty), str(workbook)
    )
    assert done.returncode == 0, done.stderr
    assert "고칠 곳이 없습니다" in done.stdout, done.stdout


# One entry per kind of report, as reports are added: (name, the command's arguments, the file it
# writes under tmp_path, a check of the written file); "{out}" in the arguments is that file, and
# "--data-dir DEMO" is appended. E.g.
#   ("monthly", ["report", "monthly", "--month", "2025-03", "-o", "{out}"], "m.xlsx", check_monthly)
def _first_cells(path: Path, header_row: int = 3) -> tuple[str, list[object], int]:
    """The title, the header row and how many rows follow it, of a report's first sheet."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    return str(rows[0][0]), [c for c in rows[header_row - 1] if c is not None], len(rows) - 3


def check_residents(path: Path) -> None:
    title, header, rows = _first_cells(path)
    assert title.startswith("거주자 명부") and header[:4] == [
        "연번",
        "관리번호",
        "읍면·리",
        "입주자",
    ]
    assert rows > 0


def check_rent_ledger(path: Path) -> None:
    title, header, rows = _first_cells(path)
    assert title.startswith("임대료 수납대장") and "잔액(미납)" in header
    assert rows > 1


def check_monthly(path: Path) -> None:
    title, _header, rows = _first_cells(path)
    assert title == "[ 3월] 귀농인의 집 조성사업 추진실적 보고" and rows > 10


def check_semiannual(path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        column = [r[0] for r in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    assert column[0] == "[ 12월] 귀농인의 집 조성사업 추진실적 보고"
    assert "7. 추진실적" in column and 1 in column  # section 7 with its first house


def check_public_listing(path: Path) -> None:
    title, header, rows = _first_cells(path)
    assert title.endswith("귀농인의 집 입주 현황") and header[-1] == "입주 현황" and rows > 0


def check_works_notice(path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        cells = [c for r in workbook.worksheets[0].iter_rows(values_only=True) for c in r if c]
    finally:
        workbook.close()
    assert "준 공 계" in cells and "1. 사업명" in cells and "○ 준공일" in cells


def check_selection(path: Path) -> None:
    title, _header, rows = _first_cells(path)
    assert title == "2024년 귀농인의 집 조성 대상지역 선정결과" and rows > 8


def check_photo_album(path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    try:
        assert workbook.worksheets[0]["A1"].value == "귀농인의 집 사진첩 (착공 전 · 준공 후)"
        assert len(workbook.worksheets[0]._images) >= 2
    finally:
        workbook.close()


REPORTS: list[tuple[str, list[str], str, object]] = [
    ("residents", ["report", "residents", "-o", "{out}"], "residents.xlsx", check_residents),
    ("rent-ledger", ["report", "rent-ledger", "--year", "2025", "-o", "{out}"], "rent.xlsx",
     check_rent_ledger),
    ("monthly", ["report", "monthly", "--month", "2025-03", "-o", "{out}"], "m.xlsx",
     check_monthly),
    ("semiannual", ["report", "semiannual", "--half", "2025-H2", "-o", "{out}"], "h.xlsx",
     check_semiannual),
    ("public-listing", ["report", "public-listing", "-o", "{out}"], "p.xlsx",
     check_public_listing),
    ("works-notice", ["report", "works-notice", "--house", "진안-2024-01", "--completion", "-o",
                      "{out}"], "w.xlsx", check_works_notice),
    ("selection", ["report", "selection", "--year", "2024", "-o", "{out}"], "s.xlsx",
     check_selection),
    ("photo-album", ["report", "photo-album", "--house", "진안-2024-01", "-o", "{out}"],
     "album.xlsx", check_photo_album),
]  # fmt: skip


def test_every_report_command_has_an_entry_in_reports() -> None:
    """A report command without an entry above would be built but never run from the build."""
    run_here = {args[0] for _name, args, _file, _check in REPORTS}
    reports = {c for c in SOURCE_COMMANDS if c.startswith("report")}
    assert reports <= run_here, sorted(reports - run_here)


@pytest.mark.parametrize(
    "report",
    [pytest.param(r, id=r[0]) for r in REPORTS]
    or [pytest.param(None, id="none", marks=pytest.mark.skip(reason="no report kinds yet"))],
)
def test_each_report_kind_from_the_frozen_build(
    app_dir: Path, home: Path, demo_dir: Path, tmp_path: Path, report
) -> None:
    _name, args, filename, check = report
    out = tmp_path / filename
    argv = [a.replace("{out}", str(out)) for a in args]
    done = run(app_dir, home, *argv, "--data-dir", str(demo_dir))
    assert done.returncode == 0, done.stderr
    check(out)


@pytest.mark.parametrize("fixture", MIGRATION_FIXTURES, ids=lambda p: p.stem)
def test_committed_databases_open_in_the_frozen_build(
    app_dir: Path, home: Path, tmp_path: Path, fixture: Path
) -> None:
    """A data folder of every earlier schema: upgraded (after a backup) when the app starts."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / DB_FILENAME)
    done = run(app_dir, home, "gui", "--smoke", "--data-dir", str(folder), gui=True)
    assert done.returncode == 0, done.stderr
    info = run(app_dir, home, "info", "--data-dir", str(folder))
    assert f"스키마 버전: {SCHEMA_HEAD} (최신)" in info.stdout
    if fixture.stem != SCHEMA_HEAD:
        assert list((folder / "backups").glob("before-upgrade-*.sqlite3"))


def test_data_from_a_newer_version_is_refused_untouched(
    app_dir: Path, home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db_file = folder / DB_FILENAME
    shutil.copy(MIGRATION_FIXTURES[-1], db_file)
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = db_file.read_bytes()
    # info only reads, and says why the app will not open it ...
    info = run(app_dir, home, "info", "--data-dir", str(folder))
    assert "스키마 버전: 9999 (이 프로그램보다 새 버전 (열 수 없음))" in info.stdout, info.stdout
    # ... and the app refuses it, before touching a byte.
    done = run(app_dir, home, "gui", "--smoke", "--data-dir", str(folder), gui=True)
    assert_clean_refusal(done, ExitCode.NEWER_SCHEMA, gui=True)
    # ... and so does the data check, which cannot know a newer version's tables.
    for extra in ([], ["--repair"]):
        check = run(app_dir, home, "check", "--data-dir", str(folder), *extra)
        assert_clean_refusal(check, ExitCode.NEWER_SCHEMA)
        assert "점검할 수 없습니다" in check.stderr and "문제가 없습니다" not in check.stdout
    assert db_file.read_bytes() == before
    assert not (folder / "backups").exists() or not any((folder / "backups").iterdir())


def test_size_and_contents(app_dir: Path) -> None:
    size_mb = cfg.directory_size(app_dir) / 1_000_000
    assert size_mb < cfg.SIZE_LIMIT_MB, f"{size_mb:.0f} MB unpacked"
    files = [p for p in app_dir.rglob("*") if p.is_file() or p.is_symlink()]
    names = {p.name for p in files}
    unwanted = sorted(n for n in names if cfg.is_excluded_qt_library(n))
    assert not unwanted, f"libraries of excluded Qt modules: {unwanted}"
    # No Python binding of an excluded Qt module (QtNetwork.abi3.so, QtQml.pyd ...).
    bindings = {n.split(".")[0] for n in names if re.match(r"^Qt\w+\.(abi3\.so|pyd)$", n)}
    assert bindings <= cfg.QT_MODULES_KEPT, sorted(bindings - cfg.QT_MODULES_KEPT)
    # Qt plugins: only the folders and files buildconfig keeps.
    for plugin in (p for p in files if p.parent.parent.name == "plugins"):
        kept = cfg.QT_PLUGINS_KEPT.get(plugin.parent.name, set())
        assert cfg.qt_plugin_stem(plugin.name) in kept, plugin
    internal = app_dir / "_internal"
    assert (internal / "gwinong_desktop" / "_db" / "env.py").is_file()
    assert list((internal / "gwinong_desktop" / "_db" / "versions").glob("*.py"))
    assert (internal / "gwinong_desktop" / "_resources" / "icons" / "app.svg").is_file()
    # the Korean font every printed document embeds, and its licence beside it
    fonts = internal / "gwinong_desktop" / "_resources" / "fonts"
    assert (fonts / "NanumBarunGothic.ttf").is_file() and (fonts / "OFL.txt").is_file()
    assert (app_dir / f"{cfg.CLI_NAME}{EXE}").is_file()
    translations = {p.name for p in files if p.suffix == ".qm"}
    assert "qtbase_ko.qm" in translations, sorted(translations)
    assert not any(name.endswith("_de.qm") for name in translations)
