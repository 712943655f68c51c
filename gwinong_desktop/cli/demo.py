"""``gwinong-desktop demo``: build the demo county (or the province-scale set) in a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, actor_for, progress_state


def register(add) -> None:
    p = add("demo", "예시 자료를 만듭니다 (빈 데이터 폴더에만)")
    p.add_argument(
        "--scale",
        choices=("county", "province"),
        default="county",
        help="county: 군 하나 (약 12개소), province: 도 규모 (2,000개소, 성능 측정용)",
    )
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    if getattr(args, "demo", False):
        raise CommandError("demo 명령에는 --demo 대신 --data-dir 로 만들 폴더를 지정해 주세요.")
    root = getattr(args, "data_dir", None)
    if root is None:
        raise CommandError("예시 자료를 만들 폴더를 --data-dir 로 지정해 주세요.", ExitCode.USAGE)
    from gwinong_desktop.demo.build import build_demo
    from gwinong_desktop.domain.permissions import Permission
    from gwinong_desktop.storage.database import open_database

    with open_database(Path(root), purpose="예시 자료 생성") as db:
        actor = actor_for(args, db)
        actor.require(Permission.EDIT)
        summary = build_demo(db, scale=args.scale, state=progress_state(), actor=actor.username)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"예시 자료를 만들었습니다 ({summary.seconds:.1f}초): {Path(root).resolve()}\n"
        f"  귀농인의 집 {summary.houses:,}개소, 입주자 {summary.residents:,}명, "
        f"입주 {summary.stays:,}건, 납부 {summary.payments:,}건, 사진 {summary.photos:,}장"
    )
    return ExitCode.OK
