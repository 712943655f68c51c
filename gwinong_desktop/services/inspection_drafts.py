"""Inspections being typed, kept in the data folder's ``drafts/`` so that a laptop whose battery
dies loses nothing: every field, the findings and the chosen photo files, written atomically
(a temporary file beside the draft, then ``os.replace``) as the officer types.

A draft is one JSON file per open dialog, named by a key (``new-<uuid>`` for a new inspection,
``inspection-<id>`` for an edit). It is removed when the inspection is saved or the officer
discards it; one left behind is offered on the next start (이어서 쓰기 / 버리기). A draft that
cannot be read (a truncated file from an older crash) is listed as broken, never guessed at.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from gwinong_desktop.domain.enums import InspectionKind

from .inspection_forms import ChecklistAnswer, FindingForm, InspectionForm

FORMAT = 1
_KEY = re.compile(r"^[A-Za-z0-9-]{1,80}$")


@dataclass(frozen=True)
class Draft:
    key: str
    form: InspectionForm
    photos: tuple[str, ...]
    saved_at: datetime  # when it was last written (UTC)
    house_label: str  # "진안-2020-01 부귀면 신정리", for the offer

    def describe(self) -> str:
        kind = self.form.kind.label if self.form.kind else "점검"
        on = self.form.inspected_on.isoformat() if self.form.inspected_on else ""
        local = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{self.house_label} · {kind} {on} (마지막 기록 {local})".strip()


class DraftStore:
    """The drafts of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def new_key(form: InspectionForm) -> str:
        return f"inspection-{form.id}" if form.id is not None else f"new-{uuid.uuid4().hex}"

    def path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"bad draft key: {key!r}")
        return self.folder / f"{key}.json"

    def write(
        self, key: str, form: InspectionForm, photos: list[str] | tuple[str, ...] = (),
        house_label: str = "",
    ) -> Path:  # fmt: skip
        """Write the draft atomically: a reader sees the old draft or the new one, never half."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        data = {
            "format": FORMAT,
            "saved_at": datetime.now(UTC).isoformat(),
            "house_label": house_label,
            "photos": [str(p) for p in photos],
            "form": _form_json(form),
        }
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
        return target

    def discard(self, key: str) -> None:
        """Remove the draft (saved or thrown away); nothing happens if there is none."""
        self.path(key).unlink(missing_ok=True)

    def pending(self) -> tuple[list[Draft], list[str]]:
        """The drafts left behind, oldest first, and the names of files that could not be read
        (with why), so the officer can be told."""
        drafts: list[Draft] = []
        broken: list[str] = []
        if not self.folder.is_dir():
            return drafts, broken
        for path in sorted(self.folder.glob("*.json")):
            try:
                drafts.append(_read(path))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                broken.append(f"{path.name}: {exc}")
        drafts.sort(key=lambda d: d.saved_at)
        return drafts, broken


def _form_json(form: InspectionForm) -> dict:
    data = asdict(form)
    data["kind"] = form.kind.value if form.kind else None
    data["inspected_on"] = form.inspected_on.isoformat() if form.inspected_on else None
    for f in data["findings"]:
        for name in ("due_on", "resolved_on"):
            f[name] = f[name].isoformat() if f[name] else None
    return data


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _read(path: Path) -> Draft:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"알 수 없는 형식 {data.get('format')!r}")
    f = data["form"]
    form = InspectionForm(
        house_id=f["house_id"], kind=InspectionKind(f["kind"]) if f["kind"] else None,
        inspected_on=_day(f["inspected_on"]), inspector=f["inspector"], summary=f["summary"],
        checklist=[ChecklistAnswer(a["item"], a["result"], a["note"]) for a in f["checklist"]],
        findings=[FindingForm(x["description"], x["action_required"], _day(x["due_on"]),
                              x["action_taken"], _day(x["resolved_on"]), x["id"])
                  for x in f["findings"]],
        stay_id=f["stay_id"], visit_id=f["visit_id"], stop_id=f["stop_id"], id=f["id"],
        revision=f.get("revision"), loaded_lines=f.get("loaded_lines"),  # as the edit loaded
    )  # fmt: skip
    saved_at = datetime.fromisoformat(data["saved_at"])
    return Draft(path.stem, form, tuple(data["photos"]), saved_at, data.get("house_label", ""))
