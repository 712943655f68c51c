"""``visit``: field kits for the laptop taken on a site visit.

``visit export --house 관리번호 ... [--visit ID] -o DIR`` writes the chosen houses (and/or the
houses of a planned visit) as a field data folder (``services.field_kit``). Other ``visit``
commands (the kit's import) live in modules ``_visit_<name>.py`` of this package with
``register(sub)``, ``sub`` being the ``visit`` command's subparsers, so each stays in its own file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, _common_options, existing_data_dir, progress_state, services_for


def register(add) -> None:
    p = add("visit", "현장 방문용 자료: 노트북으로 가져갈 현장용 사본 (visit export)")
    sub = p.add_subparsers(dest="visit_command", metavar="명령", required=True)
    e = sub.add_parser(
        "export",
        help="고른 귀농인의 집을 현장용 사본(데이터 폴더)으로 내보냅니다",
        description="고른 귀농인의 집(또는 방문 계획의 집들)의 자료만 담은 현장용 데이터 폴더를 "
        "만듭니다. 노트북에서 --data-dir 로 엽니다. 개인정보가 들어 있으니 잘 보관하세요.",
    )
    e.add_argument(
        "--house", metavar="관리번호", nargs="+", action="extend", default=[],
        help="넣을 귀농인의 집의 관리번호 (여러 개)",
    )  # fmt: skip
    e.add_argument("--visit", metavar="ID", type=int, help="이 방문 계획의 집들과 방문 계획")
    e.add_argument(
        "-o", "--output", metavar="폴더", required=True, help="만들 폴더 (없거나 비어 있어야 함)"
    )
    _common_options(e, suppress=True)  # "visit export … --data-dir DIR" as everywhere
    e.set_defaults(handler=cmd_export)
    for name in sorted(m.name for m in pkgutil.iter_modules(_here())):
        if name.startswith("_visit_"):
            importlib.import_module(f"{__package__}.{name}").register(sub)


def _here() -> list[str]:
    return [str(Path(__file__).parent)]


def cmd_export(args: argparse.Namespace) -> int:
    from gwinong_desktop.storage.database import open_database

    if not args.house and args.visit is None:
        raise CommandError("--house 관리번호 또는 --visit ID 를 하나 이상 지정해 주세요.")
    root = existing_data_dir(args)  # its SQLite file, or a server it remembers
    with open_database(root, purpose="현장용 사본 내보내기") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        services = services_for(args, db)
        kit = services.field_kit.export(
            args.house, Path(args.output), visit=args.visit, state=progress_state()
        )
    print(kit.summary())
    print(f'노트북에서 여는 법: gwinong-desktop --data-dir "{kit.folder}"')
    return ExitCode.OK
