"""``photos add --house 관리번호 [--slot 자리] [--phase 단계] FILES...`` — the GUI's photo import,
headless.

Files and folders (walked for photos) are read and checked as in the confirmation screen, then
every new photo is stored for the house named (the officer named it: GPS does not move a photo to
another house here, it only warns). Each file gets one line: 저장 (stored), 중복 (the same bytes
are already stored), 거부 (refused, with the reason). Exit code 0 when every file is stored or
already there; 8 (refused input) when any file was refused or the house is unknown — the files
that could be stored are stored all the same, and the last line says how many of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwinong_desktop.domain.enums import PhotoPhase, PhotoSlot
from gwinong_desktop.domain.errors import ExitCode

from . import CommandError, _common_options, progress_state, resolve_data_dir, services_for

_STATUS_WORDS = {"stored": "저장", "duplicate": "중복", "refused": "거부", "left_out": "제외"}


def _enum_arg(kind: type[PhotoSlot] | type[PhotoPhase], what: str):
    def parse(text: str):
        try:
            return kind.from_label(text)
        except ValueError:
            choices = ", ".join(kind.labels())
            raise argparse.ArgumentTypeError(
                f"{what} '{text}'은(는) 없습니다 ({choices})"
            ) from None

    return parse


def register(add) -> None:
    p = add("photos", "사진을 다룹니다 (photos add: 사진 가져오기)")
    sub = p.add_subparsers(dest="photos_command", metavar="명령", required=True)
    a = sub.add_parser(
        "add",
        help="사진 파일·폴더를 귀농인의 집에 넣습니다",
        description="사진 파일·폴더를 귀농인의 집에 넣습니다. 같은 사진(같은 내용)은 한 번만 "
        "저장하고, 넣을 수 없는 파일은 까닭을 알려 줍니다.",
    )
    a.add_argument("--house", required=True, metavar="관리번호", help="사진을 넣을 집의 관리번호")
    a.add_argument(
        "--slot", type=_enum_arg(PhotoSlot, "자리"), metavar="자리",
        help="사진의 자리: " + ", ".join(PhotoSlot.labels()) + " (없으면 정하지 않음)",
    )  # fmt: skip
    a.add_argument(
        "--phase", type=_enum_arg(PhotoPhase, "단계"), metavar="단계",
        help="단계: " + ", ".join(PhotoPhase.labels())
        + " (없으면 그날의 점검에서, 점검이 없으면 '점검')",
    )  # fmt: skip
    a.add_argument("files", nargs="+", type=Path, metavar="FILES", help="사진 파일이나 폴더")
    _common_options(a, suppress=True)  # "photos add … --data-dir DIR" as everywhere
    a.set_defaults(handler=cmd_add)


def cmd_add(args: argparse.Namespace) -> int:
    from gwinong_desktop.services.photos import Decision, Decisions
    from gwinong_desktop.storage.database import open_database

    root = resolve_data_dir(args)
    with open_database(root, purpose="사진 가져오기") as db:
        for warning in db.warnings:
            print(f"주의: {warning}", file=sys.stderr)
        service = services_for(args, db).photos
        house = service.house_by_code(args.house)
        if house is None:
            raise CommandError(f"--house: 관리번호 '{args.house}'인 귀농인의 집이 없습니다")
        plan = service.plan_import(
            args.files, progress_state(), house_id=house.id, phase=args.phase
        )
        decisions = Decisions({
            i: Decision(house.id, args.slot, p.phase,
                        p.inspection_id if p.house_id == house.id else None)
            for i, p in enumerate(plan.photos) if p.status == "new"
        })  # fmt: skip
        result = service.commit_import(plan, decisions, progress_state())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for photo, outcome in zip(plan.photos, result.outcomes, strict=True):
        line = f"{_STATUS_WORDS[outcome.status]}  {outcome.name}"
        print(f"{line}: {outcome.reason}" if outcome.reason else line)
        for warning in photo.warnings if outcome.status == "stored" else ():
            print(f"      주의: {warning}")
    if plan.skipped:
        names = ", ".join(plan.skipped[:5]) + (" …" if len(plan.skipped) > 5 else "")
        print(f"사진이 아니어서 읽지 않은 파일 {len(plan.skipped):,}개: {names}")
    counts = {s: result.count(s) for s in _STATUS_WORDS}
    print(
        f"{house.code}: 저장 {counts['stored']:,}장, 중복 {counts['duplicate']:,}장, "
        f"거부 {counts['refused']:,}장"
    )
    if house.latitude is None and any(p.position for p in plan.photos if p.status == "new"):
        print("이 집에는 위치가 없습니다. 사진의 위치를 집 위치로 쓰려면 화면의 사진 가져오기에서 "
              "확인해 주세요.")  # fmt: skip
    return ExitCode.BAD_INPUT if counts["refused"] else ExitCode.OK
