"""``due [--date YYYY-MM-DD] [--all]``: what needs the officer on a day, the same list as the
dashboard's, one reminder a line, tab-separated under ``HEADER``; overdue ones first, marked
``!`` before their kind. Residents' names are masked, so the output can be mailed by a
scheduled task. Exit 0 whatever the list holds (an empty list says so on stderr)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.periods import format_date_ko

from . import existing_data_dir, services_for

HEADER = ("종류", "대상", "기한", "할 일")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"날짜는 YYYY-MM-DD 형식이어야 합니다 (예: 2026-12-07): {text}"
        ) from None


def register(add) -> None:
    p = add("due", "챙길 일(마감·기한 지난 일)을 보여 줍니다: 대시보드의 목록과 같습니다")
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="이날 기준 (기본: 오늘)")
    p.add_argument("--all", action="store_true", help="숨기거나 미룬 알림도 함께 (끝에 표시)")
    p.set_defaults(handler=cmd_due)


def cmd_due(args: argparse.Namespace) -> int:
    from gwinong_desktop.storage.database import open_database

    root = existing_data_dir(args)  # its SQLite file, or a server it remembers
    with open_database(root, purpose="챙길 일 목록") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        due = services_for(args, db).due
        items = due.items(args.date)
        hidden = due.items(args.date, hidden=True) if args.all else []
    print("\t".join(HEADER))
    for item, note in [(i, "") for i in items] + [(i, " (숨김)") for i in hidden]:
        mark = "!" if item.overdue else ""
        print("\t".join((mark + item.kind_label, item.record_label, format_date_ko(item.due_on),
                         " ".join(item.action.split()) + note)))  # fmt: skip
    overdue = sum(1 for i in items if i.overdue)
    print(f"챙길 일 {len(items):,}건 (기한 지남 {overdue:,}건)", file=sys.stderr)
    return ExitCode.OK
