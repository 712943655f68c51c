"""``visit import DIR [--dry-run]``: a field kit brought back from the laptop, merged into this
data folder (``Services.field_merge``).

``--dry-run`` prints the plan and changes nothing. Without it the same plan is printed, the
database snapshotted into ``backups/`` and the kit merged in one transaction; what needs a
person (conflicts, possible duplicates, archived-and-edited records) is left for the review
screen and counted on the last line. A kit already imported adds nothing and says so (exit 0).
A refused kit (tampered, half-copied, another county's, from a newer version) prints the reason
and exits 8, with nothing merged and the kit left as it was.

(The export half, ``visit export``, is ``cli/visit.py``, which registers this module.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import _common_options, existing_data_dir, progress_state, services_for


def register(sub) -> None:
    """``sub``: the subparsers of the ``visit`` command (``cli/visit.py``)."""
    i = sub.add_parser(
        "import",
        help="노트북에서 가져온 현장 자료를 합칩니다",
        description="현장 자료 폴더를 이 데이터 폴더에 합칩니다. 현장에서만 바뀐 것은 반영하고, "
        "양쪽에서 다르게 바뀐 것은 사무실 값을 두고 검토 항목으로 남깁니다. 먼저 백업합니다.",
    )
    i.add_argument("kit", type=Path, metavar="DIR", help="현장 자료 폴더")
    i.add_argument("--dry-run", action="store_true", help="합치지 않고 무엇을 할지만 보여 줍니다")
    _common_options(i, suppress=True)
    i.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.merge_text import plan_lines
    from gwinong_desktop.storage.database import open_database

    root = existing_data_dir(args)  # its SQLite file, or a server it remembers
    with open_database(root, purpose="현장 자료 가져오기") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        services = services_for(args, db)
        if args.dry_run:
            plan = services.field_merge.plan(args.kit, progress_state())
            _clear_progress()
            print("\n".join(plan_lines(plan)))
            if plan.imported_before is None:
                print("(미리 보기: 아무것도 바꾸지 않았습니다)")
            return ExitCode.OK
        result = services.field_merge.apply(args.kit, progress_state())
        _clear_progress()
        print("\n".join(plan_lines(result.plan)))
        if result.field_kit_id is None:
            return ExitCode.OK
        waiting = services.merge_review.count_open()
    print(f"백업: {result.backup}")
    print(
        f"가져왔습니다. 사진·첨부 {result.photos_copied:,}개를 복사했습니다. "
        f"검토를 기다리는 항목: {waiting:,}개"
    )
    return ExitCode.OK


def _clear_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)
