"""``gwinong-desktop move-to-server``: a local folder's records up to a PostgreSQL server."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import (
    DATABASE_URL_ENV,
    CommandError,
    actor_for,
    progress_state,
    resolve_data_dir,
    server_password,
)


def register(add) -> None:
    p = add(
        "move-to-server",
        "이 PC 데이터 폴더의 자료를 빈 PostgreSQL 서버 데이터베이스로 옮기고 "
        "폴더가 서버를 쓰게 합니다",
    )
    p.set_defaults(handler=cmd_move_to_server)


def cmd_move_to_server(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.safety import move_folder_to_server

    if getattr(args, "demo", False):
        raise CommandError(
            "예시 자료는 서버로 옮기지 않습니다. --data-dir 로 폴더를 지정해 주세요."
        )
    url = getattr(args, "database_url", None) or os.environ.get(DATABASE_URL_ENV)
    if not url:
        raise CommandError(
            "옮길 서버를 --database-url postgresql://사용자@서버:포트/DB 로 지정해 주세요.",
            ExitCode.USAGE,
        )
    root = resolve_data_dir(args)
    password = server_password(args, url)
    moved, warning = move_folder_to_server(
        root, url, password=password, sign_in=lambda db: actor_for(args, db),
        state=progress_state(),
    )  # fmt: skip
    rows = sum(t.rows for t in moved.tables)
    print(f"서버로 옮겼습니다: {moved.url}")
    print(f"  표 {len(moved.tables)}개, 행 {rows:,}개가 원래와 같음을 확인했습니다.")
    print(f"  이 PC의 원래 파일은 지우지 않고 남겼습니다: {Path(moved.kept_file).name}")
    if warning:
        print(f"주의: {warning}", file=sys.stderr)
    return ExitCode.OK
