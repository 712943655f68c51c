"""``report residents [--year YYYY] [--personal] -o FILE.xlsx`` and ``report rent-ledger
[--year YYYY] [--personal] -o FILE.xlsx``: the residents' reports written headless.

``report consolidate FILES... -o FILE.xlsx``: the province's consolidation of the counties'
추진실적 보고 (no data folder needed). Files left out are named with the reason on stderr; the
exit code is then 8 (BAD_INPUT) even though the workbook of the rest was written.

Names, phone numbers, birth dates and addresses are masked unless ``--personal`` is given (an
account that may export personal data; the access record says which). Every file written is
also kept, exactly as written, in the data folder's ``reports/`` (``Services.resident_reports``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, _common_options, progress_state, resolve_data_dir, services_for

KINDS = {
    "residents": ("거주자 명부", "export_residents"),
    "rent-ledger": ("임대료 수납대장", "export_rent_ledger"),
}


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"연도는 네 자리 숫자로 주세요 (예: 2025): '{text}'")
    return int(text)


def register(add) -> None:
    p = add(
        "report",
        "보고서(거주자 명부, 임대료 수납대장, 시·군 추진실적 취합)를 통합 문서(.xlsx)로 만듭니다",
    )
    sub = p.add_subparsers(dest="report_kind", metavar="보고서", required=True)
    for kind, (label, _method) in KINDS.items():
        q = sub.add_parser(kind, help=f"{label}", description=f"{label}를 만듭니다")
        q.add_argument("--year", type=_year, metavar="YYYY", help="그 해의 것만 (없으면 전체 기간)")
        q.add_argument(
            "--personal", action="store_true",
            help="개인정보 포함 (이름·연락처·생년월일·주소를 가리지 않음; 기록에 남음)",
        )  # fmt: skip
        q.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="만들 파일"
        )
        _common_options(q, suppress=True)  # --data-dir, --demo, --user after the report's name
        q.set_defaults(handler=cmd_report)
    q = sub.add_parser(
        "consolidate", help="시·군 추진실적 보고 취합",
        description="여러 시·군의 월별·반기 추진실적 보고(별지 제5호)를 도 취합표 하나로 만듭니다",
    )  # fmt: skip
    q.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx", help="시·군 보고서 파일")
    q.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="만들 파일"
    )
    q.set_defaults(handler=cmd_consolidate)


def cmd_consolidate(args: argparse.Namespace) -> int:
    from datetime import date

    from gwinong_desktop.services.consolidation import consolidate_reports

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"만들 파일의 이름은 .xlsx 로 끝나야 합니다: {output}", ExitCode.USAGE)
    if not output.parent.exists():
        raise CommandError(f"저장할 폴더가 없습니다: {output.parent.resolve()}")
    try:
        done = consolidate_reports(args.files, output, today=date.today(), state=progress_state())
    except OSError as exc:
        raise CommandError(f"파일을 쓸 수 없습니다: {output} ({exc.strerror or exc})") from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for _path, reason in done.refused:
        print(f"제외: {reason}", file=sys.stderr)
    print(f"{done.describe()}: {output.resolve()}")
    print("취합: " + ", ".join(r.county for r in done.merged))
    return ExitCode.BAD_INPUT if done.refused else ExitCode.OK


def cmd_report(args: argparse.Namespace) -> int:
    from gwinong_desktop.domain.progress import Cancelled
    from gwinong_desktop.storage.database import open_database
    from gwinong_desktop.storage.datafolder import DB_FILENAME

    label, method = KINDS[args.report_kind]
    root = resolve_data_dir(args)
    if not (Path(root) / DB_FILENAME).exists():
        raise CommandError(f"데이터 폴더에 데이터베이스가 없습니다: {Path(root).resolve()}")
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"만들 파일의 이름은 .xlsx 로 끝나야 합니다: {output}", ExitCode.USAGE)
    if not output.parent.exists():
        raise CommandError(f"저장할 폴더가 없습니다: {output.parent.resolve()}")
    with open_database(root, purpose=label) as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        service = services_for(args, db).resident_reports
        try:
            done = getattr(service, method)(
                output, year=args.year, include_personal=args.personal, state=progress_state()
            )
        except OSError as exc:
            raise CommandError(f"파일을 쓸 수 없습니다: {output} ({exc.strerror or exc})") from None
        except Cancelled:
            raise CommandError("중단했습니다. 파일을 만들지 않았습니다.") from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{done.describe()}: {output.resolve()}")
    print(f"보관본: {Path(root).resolve() / done.kept.stored_path}")
    if done.cleaned_texts:
        print(
            f"주의: 통합 문서에 넣을 수 없는 문자가 있는 글 {done.cleaned_texts:,}개는 "
            "그 문자를 빼고 적었습니다."
        )
    return ExitCode.OK
