"""``findings [--open] [--house 관리번호]``: the findings of inspections, one a line,
tab-separated under the header ``HEADER``. Open findings come first, overdue ones first of all,
marked ``기한 지남`` and with ``!`` before the house."""

from __future__ import annotations

import argparse
import sys

from gwinong_desktop.domain.errors import ExitCode
from gwinong_desktop.domain.periods import format_date_ko

from . import CommandError, existing_data_dir, services_for

HEADER = (
    "관리번호", "점검일", "점검 종류", "지적 내용", "조치할 사항", "조치 기한", "상태", "조치결과",
    "조치일",
)  # fmt: skip


def register(add) -> None:
    p = add("findings", "점검 지적사항과 조치결과를 보여 줍니다 (기한 지난 것 먼저)")
    p.add_argument("--open", action="store_true", help="조치가 끝나지 않은 지적사항만")
    p.add_argument("--house", metavar="관리번호", help="이 귀농인의 집의 지적사항만")
    p.set_defaults(handler=cmd_findings)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _day(value) -> str:
    return format_date_ko(value) if value else ""


def cmd_findings(args: argparse.Namespace) -> int:
    from gwinong_desktop.storage.database import open_database

    root = existing_data_dir(args)
    with open_database(root, purpose="지적사항 목록") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        services = services_for(args, db)
        house_id = None
        if args.house:
            match = [h for h in services.houses.list_houses() if h.code == args.house.strip()]
            if not match:
                raise CommandError(f"관리번호 '{args.house}'인 귀농인의 집이 없습니다.")
            house_id = match[0].id
        rows = services.inspections.findings(open_only=args.open, house_id=house_id)
    print("\t".join(HEADER))
    for r in rows:
        print("\t".join((
            ("!" if r.overdue else "") + r.house_code, _day(r.inspected_on), r.kind.label,
            _one_line(r.description), _one_line(r.action_required), _day(r.due_on),
            r.status_text(), _one_line(r.action_taken), _day(r.resolved_on),
        )))  # fmt: skip
    still_open = sum(1 for r in rows if r.resolved_on is None)
    overdue = sum(1 for r in rows if r.overdue)
    print(f"지적사항 {len(rows):,}건: 조치중 {still_open:,}건 (기한 지남 {overdue:,}건)",
          file=sys.stderr)  # fmt: skip
    return ExitCode.OK
