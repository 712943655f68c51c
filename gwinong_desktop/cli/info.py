"""``gwinong-desktop info``: what a support call needs first.

It needs no account even where the folder has accounts: it opens the database read-only (so it
could not record a sign-in), and shows only the folder, versions and record counts — nothing of
anyone's personal data. Support can run it when nobody remembers a password.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import gwinong_desktop
from gwinong_desktop.domain.errors import ExitCode

from . import resolve_data_dir


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def register(add) -> None:
    p = add("info", "데이터 폴더, 스키마 버전, 기록 수를 보여 줍니다")
    p.set_defaults(handler=cmd_info)


def cmd_info(args: argparse.Namespace) -> int:
    from gwinong_desktop.services import Services
    from gwinong_desktop.storage.database import open_read_only

    root = resolve_data_dir(args)
    db = open_read_only(root)
    try:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        info = Services.over(db).folder_info()
    finally:
        db.close()
    state = {
        "current": "최신",
        "old": f"이전 버전 (다음 실행 때 {info.schema_head}(으)로 변환)",
        "newer": "이 프로그램보다 새 버전 (열 수 없음)",
        "new": "비어 있음",
    }[info.schema_state]
    print(f"데이터 폴더: {info.data_dir}")
    if info.server is not None:
        print(f"데이터베이스: 서버 {info.server}")
    else:
        size = (Path(info.data_dir) / "gwinong.sqlite3").stat().st_size
        print(f"데이터베이스: gwinong.sqlite3 ({size / 1_048_576:.1f} MB)")
    print(f"스키마 버전: {info.schema_revision or '-'} ({state})")
    print(f"프로그램 버전: {gwinong_desktop.__version__}")
    if info.county:
        print(f"시군: {info.county}")
    print("기록 수:")
    width = max(display_width(label) for label, _ in info.counts)
    for label, count in info.counts:
        pad = " " * (width - display_width(label))
        print(f"  {label}{pad}  {count:>9,}")
    return ExitCode.OK
