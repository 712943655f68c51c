"""``gwinong-desktop backup | restore | check``: the data's safety from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, actor_for, os_user, progress_state, resolve_data_dir, services_for


def register(add) -> None:
    p = add("backup", "데이터를 백업 파일 하나로 저장합니다 (사진·첨부 포함, 저장 뒤 검사)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="저장할 파일 또는 폴더 (기본: 데이터 폴더의 backups/, 두 번째 백업 폴더에도 복사)",
    )
    p.set_defaults(handler=cmd_backup)

    r = add("restore", "백업 파일에서 복원합니다 (현재 상태를 먼저 백업합니다)")
    r.add_argument("file", type=Path, metavar="FILE", help="복원할 백업 파일 (.gwbak)")
    r.add_argument(
        "--yes", action="store_true", help="확인을 묻지 않습니다 (대화형이 아닌 실행에서는 필수)"
    )
    r.set_defaults(handler=cmd_restore)

    c = add("check", "데이터를 점검합니다: 데이터베이스, 외래 키, 사진·첨부 파일 (바꾸지 않음)")
    c.add_argument(
        "--repair",
        action="store_true",
        help="안전하게 고칠 수 있는 것만 고칩니다 (백업에서 파일 되살리기, 임시 파일 지우기)",
    )
    c.add_argument(
        "--quick", action="store_true", help="빠른 점검 (quick_check, 파일은 크기만 비교)"
    )
    c.set_defaults(handler=cmd_check)


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def cmd_backup(args: argparse.Namespace) -> int:
    from gwinong_desktop.storage.database import open_database

    root = resolve_data_dir(args)
    with open_database(root, purpose="백업") as db:
        safety = services_for(args, db).safety  # refuses a role that may not back up
        result = safety.backup(dest=args.output, state=progress_state())
    _end_progress()
    manifest = result.manifest
    size = result.path.stat().st_size / 1_048_576
    counts = manifest.counts
    print(
        f"백업했습니다: {result.path} ({size:,.1f} MB, {result.seconds:.1f}초, 검사 완료)\n"
        f"  귀농인의 집 {counts.get('house', 0):,}개소, 입주자 {counts.get('resident', 0):,}명, "
        f"사진 {counts.get('photo', 0):,}장, 첨부서류 {counts.get('attachment', 0):,}건"
    )
    for copy in result.copies:
        print(f"  두 번째 백업 폴더에도 복사했습니다: {copy}")
    for line in _file_warnings(manifest.missing, manifest.damaged):
        print(f"주의: {line}", file=sys.stderr)
    for warning in result.warnings:
        print(f"주의: {warning}", file=sys.stderr)
    return ExitCode.OK


def _file_warnings(missing: list[dict], damaged: list[dict]) -> list[str]:
    out = []
    for item in missing:
        house = f"귀농인의 집 {item['house_code']}, " if item.get("house_code") else ""
        what = "사진" if item["table"] == "photo" else "첨부서류"
        out.append(
            f"파일이 없어 백업에 빠졌습니다: {house}{what} uid {item['uid']} ({item['path']})"
        )
    for item in damaged:
        house = f"귀농인의 집 {item['house_code']}, " if item.get("house_code") else ""
        where = f"{house}uid {item['uid']} ({item['path']})"
        out.append(f"파일이 기록의 해시와 달라 있는 그대로 담았습니다: {where}")
    return out


def cmd_restore(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.safety import read_backup, restore_folder

    root = resolve_data_dir(args)
    manifest = read_backup(args.file)  # refuses what is not our backup before asking anything
    counts = manifest.counts
    print(
        f"백업 파일: {args.file}\n"
        f"  만든 때: {manifest.created.astimezone():%Y-%m-%d %H:%M}, "
        f"시군: {manifest.county or '-'}, "
        f"프로그램 {manifest.app_version or '-'}, 스키마 {manifest.schema_revision}\n"
        f"  귀농인의 집 {counts.get('house', 0):,}개소, 사진 {counts.get('photo', 0):,}장\n"
        f"복원할 데이터 폴더: {Path(root).resolve()}"
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(
                "확인을 물을 수 없는 실행입니다. 복원하려면 --yes 를 붙여 주세요.", ExitCode.USAGE
            )
        answer = input(
            "현재 데이터를 이 백업의 내용으로 바꿉니다 (현재 상태는 먼저 백업). 계속할까요? [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes", "예", "네"):
            print("복원하지 않았습니다.")
            return ExitCode.OK
    # On a database that opens, the account must be one that may restore (관리자); on one that
    # does not open nobody can sign in, and the folder's files are the gate (restore_folder).
    result = restore_folder(
        Path(root),
        args.file,
        sign_in=lambda db: actor_for(args, db),
        os_user=os_user(),
        state=progress_state(),
    )
    _end_progress()
    print("복원했습니다.")
    if result.before_backup:
        print(f"  복원 전 상태의 백업: {result.before_backup}")
    if result.files_added or result.files_replaced:
        print(f"  사진·첨부 파일 {result.files_added:,}개 추가, {result.files_replaced:,}개 교체")
    for warning in result.warnings:
        print(f"주의: {warning}", file=sys.stderr)
    return ExitCode.OK


def cmd_check(args: argparse.Namespace) -> int:
    from gwinong_desktop.services import Services
    from gwinong_desktop.services.safety import ERROR
    from gwinong_desktop.services.safety_check import cannot_check_newer
    from gwinong_desktop.storage.database import open_database, open_read_only
    from gwinong_desktop.storage.schema import NewerSchema

    root = resolve_data_dir(args)
    # Without --repair nothing is written: no lock, no upgrade, no sign-in (it works beside a
    # running app); with it the account must be one that may repair (the service refuses).
    # Data of a newer version is refused either way (the check refuses the read-only one).
    try:
        db = open_database(root, purpose="점검·복구") if args.repair else open_read_only(root)
    except NewerSchema as exc:
        raise cannot_check_newer(exc.db_path, exc.revision) from exc
    try:
        services = services_for(args, db) if args.repair else Services.over(db, os_user())
        problems = services.safety.check(
            repair=args.repair, quick=args.quick, state=progress_state()
        )
    finally:
        db.close()
    _end_progress()
    errors = [p for p in problems if p.severity == ERROR]
    for p in sorted(problems, key=lambda p: p.severity != ERROR):
        tag = "문제" if p.severity == ERROR else "참고"
        line = f"[{tag}] {p.message}"
        if p.repair_note:
            line += f"\n    → {'복구함' if p.repaired else '복구 못 함'}: {p.repair_note}"
        print(line)
    left = [p for p in errors if not p.repaired]
    repaired = len(errors) - len(left)
    if not errors:
        print("점검 결과: 문제가 없습니다." + (" (참고 사항은 위에)" if problems else ""))
        return ExitCode.OK
    print(f"점검 결과: 문제 {len(errors):,}건, 그중 복구 {repaired:,}건, 남은 문제 {len(left):,}건")
    if left and not args.repair:
        print("안전하게 고칠 수 있는 것은 --repair 로 고칠 수 있습니다.")
    return ExitCode.CHECK_FAILED if left else ExitCode.OK
