"""``import-register FILE.xlsx [--dry-run] [--mapping MAP.json] [--other-kinds skip|keep]
[--province … --county …]`` and ``export-register -o FILE.xlsx``.

The import prints what it adds and skips and every problem with its sheet, row and column; a
refused import writes nothing and exits with 8 (refused input). A sheet in another shape is read
with the mapping remembered from the import wizard, else with the guessed one, or with the one
in ``--mapping`` (a file the wizard saves); ``--dry-run`` prints the mapping it used. Decisions
for the whole file are flags: ``--other-kinds`` for rows of another kind of facility, and
``--province``/``--county`` for rows without 시도·시군 when the county profile is empty (this
import only; the profile is kept in 설정 › 시·군 정보). Both work
as the signed-in account of a folder with accounts (``--user``), else as the OS user
(``cli.actor_for``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, existing_data_dir, progress_state, resolve_data_dir, services_for

if TYPE_CHECKING:
    from gwinong_desktop.services.register import Counts, Problem, RegisterMapping


def register(add) -> None:
    p = add(
        "import-register",
        "관리대장 통합 문서(.xlsx)를 가져옵니다 (모두 가져오거나 하나도 안 가져옴)",
    )
    p.add_argument("file", type=Path, metavar="FILE.xlsx", help="가져올 관리대장 통합 문서")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="확인만 하고 아무것도 쓰지 않습니다 (쓴 열 맞춤과 모든 문제를 보여 줌)",
    )
    p.add_argument(
        "--mapping", type=Path, metavar="MAP.json",
        help="열 맞춤 파일 (가져오기 창에서 저장한 것). 없으면 기억해 둔 열 맞춤이나 짐작한 것",
    )  # fmt: skip
    p.add_argument(
        "--other-kinds", choices=("skip", "keep"), metavar="skip|keep",
        help="귀농인의 집이 아닌 시설(귀농인쉼터 등)의 행: skip 빼고 가져옴, keep 종류를 비고에 "
        "적어 함께 가져옴. 없이 그런 행이 있으면 가져오지 않고 알려 줍니다",
    )  # fmt: skip
    p.add_argument("--province", metavar="시도", help="시도가 없는 행의 시도 (이 가져오기에만)")
    p.add_argument("--county", metavar="시군", help="시군이 없는 행의 시군 (이 가져오기에만)")
    p.set_defaults(handler=cmd_import)
    p = add("export-register", "관리대장 전체를 통합 문서(.xlsx)로 내보냅니다")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="만들 파일"
    )
    p.set_defaults(handler=cmd_export)


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _print_plan(title: str, counts: Counts, problems: list[Problem]) -> None:
    print(title)
    print(f"  귀농인의 집   추가 {counts.houses_new:>7,}  이미 있음 {counts.houses_known:>7,}")
    print(
        f"  입주          추가 {counts.residents_new:>7,}  이미 있음 {counts.residents_known:>7,}"
    )
    print(f"  임대료 납부   추가 {counts.payments_new:>7,}  이미 있음 {counts.payments_known:>7,}")
    if counts.operators_new or counts.owners_new:
        print(f"  새 운영자 {counts.operators_new:,}곳, 새 소유주 {counts.owners_new:,}명")
    if counts.other_kinds_left_out:
        print(f"  귀농인의 집이 아닌 시설 {counts.other_kinds_left_out:,}행은 뺌")
    refusals = [p for p in problems if p.is_refusal]
    warnings = [p for p in problems if not p.is_refusal]
    if refusals:
        print(f"고칠 곳 {len(refusals):,}군데:")
        for problem in refusals:
            print(f"  {problem}")
    if warnings:
        print(f"주의 {len(warnings):,}건 (가져오는 데는 지장이 없습니다):")
        for problem in warnings:
            print(f"  {problem}")


_HINTS = {
    "other_kinds": "--other-kinds skip(빼고 가져옴) 또는 --other-kinds keep(종류를 비고에 적어 "
    "함께 가져옴)을 붙여 다시 실행하세요.",
    "county": "--province 전북특별자치도 --county 진안군처럼 붙여 다시 실행하거나, 화면의 "
    "설정 › 시·군 정보에서 정하세요.",
}


def _choices(args: argparse.Namespace):
    from gwinong_desktop.domain.location import SIDO_FULL_NAMES, normalize_sido
    from gwinong_desktop.services.register import ImportChoices

    province = (args.province or "").strip() or None
    county = (args.county or "").strip() or None
    if province is not None:
        short = normalize_sido(province)
        if short is None:
            raise CommandError(f"--province: '{province}'은(는) 시도가 아닙니다 (예: 전라북도)")
        province = SIDO_FULL_NAMES[short]
    if county is not None and not county.endswith(("시", "군")):
        raise CommandError(f"--county: '{county}'은(는) 시·군 이름이 아닙니다 (예: 진안군)")
    return ImportChoices(other_kinds=args.other_kinds, sido=province, sigun=county)


def print_mapping(mapping: RegisterMapping) -> None:
    """Which field each source column fed, sheet by sheet, and where the mapping came from."""
    from gwinong_desktop.services.register import KIND_LABELS, ORIGINS, target_label

    print("열 맞춤:")
    for sheet in mapping.sheets:
        if not sheet.kind:
            print(f"  시트 '{sheet.sheet}': 읽지 않음 ({ORIGINS[sheet.origin]})")
            continue
        print(
            f"  시트 '{sheet.sheet}' → {KIND_LABELS[sheet.kind]} "
            f"(머리글 {sheet.header_row}행, {ORIGINS[sheet.origin]})"
        )
        for index, (header, key) in enumerate(zip(sheet.headers, sheet.targets, strict=True)):
            shown = header.strip() or f"({index + 1}번째 열)"
            print(f"    {shown} → {target_label(sheet.kind, key)}")


def cmd_import(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.register import RegisterError, RegisterRefused
    from gwinong_desktop.storage.database import open_database

    root = resolve_data_dir(args)
    source = Path(args.file)
    choices = _choices(args)
    with open_database(root, purpose="관리대장 가져오기") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        service = services_for(args, db).register
        try:
            layout = service.inspect(source)
            if args.mapping is not None:
                mapping = service.load_mapping(args.mapping, layout)
            else:
                mapping = service.mapping_for(layout)
            if args.dry_run:
                print_mapping(mapping)
            summary = service.import_file(
                source, mapping=mapping, choices=choices, dry_run=args.dry_run,
                state=progress_state(),
            )  # fmt: skip
        except RegisterRefused as exc:
            _end_progress()
            if not args.dry_run:
                print_mapping(mapping)
            _print_plan(f"관리대장 확인 결과 ({source.name}):", exc.plan.counts, exc.plan.problems)
            hints = [_HINTS[p.topic] for p in exc.plan.refusals if p.topic in _HINTS]
            what = " ".join(hints) if hints else "위의 '고칠 곳'을 고친 뒤 다시 가져오세요."
            raise CommandError(f"{exc.message} {what}") from None
        except RegisterError as exc:
            _end_progress()
            raise CommandError(exc.message) from None
    _end_progress()
    if summary.dry_run:
        _print_plan(
            f"관리대장 확인 결과 ({source.name}, 쓰지 않음):", summary.counts, summary.warnings
        )
        print("고칠 곳이 없습니다. --dry-run 없이 실행하면 위와 같이 가져옵니다.")
    else:
        _print_plan(f"관리대장을 가져왔습니다 ({source.name}):", summary.counts, summary.warnings)
        print(f"걸린 시간 {summary.seconds:.1f}초. 데이터 폴더: {Path(root).resolve()}")
    return ExitCode.OK


def cmd_export(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.register import RegisterError
    from gwinong_desktop.storage.database import open_database

    root = existing_data_dir(args)
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        raise CommandError(f"내보낼 파일의 이름은 .xlsx 로 끝나야 합니다: {output}", ExitCode.USAGE)
    if not output.parent.exists():
        raise CommandError(f"저장할 폴더가 없습니다: {output.parent.resolve()}")
    with open_database(root, purpose="관리대장 내보내기") as db:
        service = services_for(args, db).register
        try:
            summary = service.export(output, state=progress_state())
        except RegisterError as exc:
            _end_progress()
            raise CommandError(exc.message) from None
        except OSError as exc:
            _end_progress()
            raise CommandError(f"파일을 쓸 수 없습니다: {output} ({exc.strerror or exc})") from None
    _end_progress()
    print(f"{summary.describe()} ({summary.seconds:.1f}초): {output.resolve()}")
    if summary.cleaned_texts:
        print(
            f"주의: 통합 문서에 넣을 수 없는 문자가 있는 글 {summary.cleaned_texts:,}개는 "
            "그 문자를 빼고 적었습니다."
        )
    return ExitCode.OK
