"""``report residents [--year YYYY] [--personal] -o FILE.xlsx`` and ``report rent-ledger
[--year YYYY] [--personal] -o FILE.xlsx``: the residents' reports written headless;
``report monthly --month YYYY-MM -o FILE.xlsx`` and ``report semiannual --half YYYY-H1|YYYY-H2
-o FILE.xlsx``: the reports to the province (별지 제5호), with the texts the officer kept for the
month in the app (or an earlier month's).

``report consolidate FILES... -o FILE.xlsx [--province 시도]``: the province's consolidation of
the counties' 추진실적 보고 in the same form (no data folder needed). Files left out are named
with the reason on stderr; the exit code is then 8 (BAD_INPUT) even though the workbook of the
rest was written.

Names, phone numbers, birth dates and addresses are masked unless ``--personal`` is given (an
account that may export personal data; the access record says which). Every file written is
also kept, exactly as written, in the data folder's ``reports/`` (``Services.resident_reports``,
``Services.province_reports``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from gwinong_desktop.domain.errors import ExitCode

from . import (
    CommandError,
    _common_options,
    existing_data_dir,
    progress_state,
    services_for,
)

KINDS = {
    "residents": ("거주자 명부", "export_residents"),
    "rent-ledger": ("임대료 수납대장", "export_rent_ledger"),
}


# the reports to the province and the public: (label, the period's option, its metavar, help)
PROVINCE_KINDS = {
    "monthly": ("월별 추진실적 보고", "--month", "YYYY-MM", "보고할 달 (예: 2025-03)"),
    "semiannual": ("반기 추진실적", "--half", "YYYY-H1|YYYY-H2", "반기 (예: 2025-H1, 2025-H2)"),
    "public-listing": ("입주 현황 공개(누리집 게시용, 개인정보 없음)", "", "", ""),
    "works-notice": ("착(준)공계(별지 제6호 서식)", "", "", ""),
    "selection": ("대상지역 선정결과", "", "", ""),
    "photo-album": ("사진첩(착공 전·준공 후)", "", "", ""),
}


def _month(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise argparse.ArgumentTypeError(f"달은 YYYY-MM 으로 주세요 (예: 2025-03): '{text}'")
    return int(found.group(1)), int(found.group(2))


def _half(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{4})-[Hh]([12])", text.strip())
    if not found:
        raise argparse.ArgumentTypeError(
            f"반기는 YYYY-H1 또는 YYYY-H2 로 주세요 (예: 2025-H2): '{text}'"
        )
    return int(found.group(1)), int(found.group(2))


def _year(text: str) -> int:
    if not text.isdigit() or len(text) != 4:
        raise argparse.ArgumentTypeError(f"연도는 네 자리 숫자로 주세요 (예: 2025): '{text}'")
    return int(text)


def register(add) -> None:
    p = add(
        "report",
        "보고서(월별·반기 추진실적, 거주자 명부, 임대료 수납대장, 시·군 추진실적 취합)를 "
        "통합 문서(.xlsx)로 만듭니다",
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
    for kind, (label, option, metavar, text) in PROVINCE_KINDS.items():
        q = sub.add_parser(kind, help=label, description=f"{label}을(를) 만듭니다")
        if option:
            q.add_argument(
                option, dest="period", type=_month if kind == "monthly" else _half,
                required=True, metavar=metavar, help=text,
            )  # fmt: skip
        if kind == "works-notice":
            q.add_argument("--house", required=True, metavar="관리번호", help="집의 관리번호")
            q.add_argument("--year", type=_year, metavar="YYYY",
                           help="조성사업의 예산 연도 (없으면 가장 최근 것)")  # fmt: skip
            q.add_argument("--completion", action="store_true", help="준공계 (없으면 착공계)")
        if kind == "photo-album":
            q.add_argument(
                "--house", action="append", metavar="관리번호",
                help="이 집만 (여러 번 쓸 수 있음; 없으면 사진이 있는 모든 집)",
            )  # fmt: skip
        if kind == "selection":
            q.add_argument("--year", type=_year, required=True, metavar="YYYY",
                           help="조성사업의 예산 연도")  # fmt: skip
            q.add_argument(
                "--personal", action="store_true",
                help="개인정보 포함 (소유주·마을 대표자의 이름과 주소를 가리지 않음; 기록에 남음)",
            )  # fmt: skip
        q.add_argument(
            "-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="만들 파일"
        )
        _common_options(q, suppress=True)
        q.set_defaults(handler=cmd_province_report)
    q = sub.add_parser(
        "consolidate", help="시·군 추진실적 보고 취합",
        description="여러 시·군의 추진실적 보고(별지 제5호)를 시·도의 보고 하나로 취합합니다",
    )  # fmt: skip
    q.add_argument("files", nargs="+", type=Path, metavar="FILE.xlsx", help="시·군 보고서 파일")
    q.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="만들 파일"
    )
    q.add_argument(
        "--province",
        metavar="시도",
        help="취합한 보고의 사업주체 (예: 전북특별자치도; 없으면 '시·도')",
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
        done = consolidate_reports(
            args.files, output, today=date.today(), province=args.province,
            state=progress_state(),
        )  # fmt: skip
    except OSError as exc:
        raise CommandError(f"파일을 쓸 수 없습니다: {output} ({exc.strerror or exc})") from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for _path, reason in done.refused:
        print(f"제외: {reason}", file=sys.stderr)
    print(f"{done.describe()}: {output.resolve()}")
    print("취합: " + ", ".join(r.county for r in done.merged))
    return ExitCode.BAD_INPUT if done.refused else ExitCode.OK


def _output(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data folder and the file to write, checked before the database is opened."""
    root = existing_data_dir(args)
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"만들 파일의 이름은 .xlsx 로 끝나야 합니다: {output}", ExitCode.USAGE)
    if not output.parent.exists():
        raise CommandError(f"저장할 폴더가 없습니다: {output.parent.resolve()}")
    return Path(root), output


def cmd_province_report(args: argparse.Namespace) -> int:
    from gwinong_desktop.domain.progress import Cancelled
    from gwinong_desktop.storage.database import open_database

    label = PROVINCE_KINDS[args.report_kind][0]
    root, output = _output(args)
    with open_database(root, purpose=label) as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        service = services_for(args, db).province_reports
        try:
            if args.report_kind == "public-listing":
                done = service.export_public_listing(output, state=progress_state())
            elif args.report_kind == "photo-album":
                done = service.export_photo_album(
                    output, house_codes=args.house, state=progress_state()
                )
            elif args.report_kind == "selection":
                done = service.export_selection(
                    args.year, output, include_personal=args.personal, state=progress_state()
                )
            elif args.report_kind == "works-notice":
                works = service.development_of(args.house, args.year)
                done = service.export_works_notice(works, output, completion=args.completion)
            else:
                export = {"monthly": service.export_monthly,
                          "semiannual": service.export_semiannual}[args.report_kind]  # fmt: skip
                done = export(*args.period, output, state=progress_state())
        except OSError as exc:
            raise CommandError(f"파일을 쓸 수 없습니다: {output} ({exc.strerror or exc})") from None
        except Cancelled:
            raise CommandError("중단했습니다. 파일을 만들지 않았습니다.") from None
    _done(done.describe(), output, root, done.kept.stored_path, done.cleaned_texts)
    return ExitCode.OK


def _done(described: str, output: Path, root: Path, stored: str, cleaned: int) -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{described}: {output.resolve()}")
    print(f"보관본: {root.resolve() / stored}")
    if cleaned:
        print(
            f"주의: 통합 문서에 넣을 수 없는 문자가 있는 글 {cleaned:,}개는 "
            "그 문자를 빼고 적었습니다."
        )


def cmd_report(args: argparse.Namespace) -> int:
    from gwinong_desktop.domain.progress import Cancelled
    from gwinong_desktop.storage.database import open_database

    label, method = KINDS[args.report_kind]
    root, output = _output(args)
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
    _done(done.describe(), output, root, done.kept.stored_path, done.cleaned_texts)
    return ExitCode.OK
