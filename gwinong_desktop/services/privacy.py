"""Personal data: masking in lists and exports, views of a person's full data, encrypted RRNs.

- **Masking**: names, phone numbers, birth dates (and addresses) are masked in every report and
  list export (``PersonalDataPolicy``) unless the officer ticks "include personal data" and the
  role allows it; such an export is logged with "개인정보 포함".
- **Views**: opening a person's full data is an access record (``log_personal_view``).
- **Resident registration numbers** are not asked for by the program. Where a form needs one, it
  is stored encrypted (``storage.fieldcrypt``: AES-GCM, the key outside the data folder), shown
  masked ("780514-1******"), revealed in full only to roles that may (and logged), never exported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.storage import fieldcrypt as fc
from gwinong_desktop.storage.audit import log_event
from gwinong_desktop.storage.models import Applicant, Resident

from .context import ServiceContext

NO_KEY = "(암호화됨 — 이 PC의 키가 없습니다)"
OTHER_KEY = "(암호화됨 — 이 PC의 키로 열 수 없습니다)"
HIDDEN_RRN = "******-*******"
INCLUDED = "개인정보 포함"
MASKED = "개인정보 가림"
_RRN = re.compile(r"(\d{6})-?(\d{7})")
ENTITIES: dict[str, Any] = {"resident": Resident, "applicant": Applicant}


class PrivacyError(Refusal):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BAD_INPUT)


# --- masking -----------------------------------------------------------------------------------


def mask_name(name: str | None) -> str:
    """ "김영수" → "김*수", "남궁민수" → "남**수", "이수" → "이*", "John Smith" → "J********h"."""
    if not name:
        return ""
    text = name.strip()
    if len(text) <= 1:
        return "*"
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_phone(phone: str | None) -> str:
    """ "010-1234-5678" → "010-****-5678"; "01012345678" → "010****5678"; the middle group of
    digits is hidden, whatever the separators."""
    if not phone:
        return ""
    text = phone.strip()
    groups = re.findall(r"\d+", text)
    if len(groups) >= 3:
        middle = groups[1]
        start = text.find(middle, text.find(groups[0]) + len(groups[0]))
        return text[:start] + "*" * len(middle) + text[start + len(middle) :]
    digits = "".join(groups)
    if len(digits) >= 9:  # one run: 3 (or 2 for 02) + middle + last 4
        head = 2 if digits.startswith("02") else 3
        return digits[:head] + "*" * (len(digits) - head - 4) + digits[-4:]
    return "*" * len(text)


def mask_birth(value: date | str | None) -> str:
    """A birth date shown as its year: "1978-**-**"."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f"{value.year:04d}-**-**"
    found = re.match(r"\s*(\d{4})", str(value))
    return f"{found.group(1)}-**-**" if found else "****-**-**"


def mask_address(address: str | None) -> str:
    """Up to the 읍·면·동 (the first three words), the rest hidden: "진안군 부귀면 거석리 ***"."""
    if not address:
        return ""
    words = address.split()
    if len(words) <= 2:
        return " ".join(words[:1] + ["***"] * (len(words) > 1))
    return " ".join([*words[:3], "***"])


def mask_rrn(rrn: str) -> str:
    """ "780514-1234567" → "780514-1******"."""
    found = _RRN.fullmatch(rrn.strip())
    if not found:
        return HIDDEN_RRN
    return f"{found.group(1)}-{found.group(2)[0]}******"


@dataclass(frozen=True)
class PersonalDataPolicy:
    """How an export shows personal data: masked unless ``include``."""

    include: bool = False

    @property
    def label(self) -> str:
        return INCLUDED if self.include else MASKED

    def name(self, value: str | None) -> str:
        return (value or "") if self.include else mask_name(value)

    def phone(self, value: str | None) -> str:
        return (value or "") if self.include else mask_phone(value)

    def birth(self, value: date | None) -> date | str | None:
        return value if self.include else mask_birth(value)

    def address(self, value: str | None) -> str:
        return (value or "") if self.include else mask_address(value)

    def describe(self, what: str) -> str:
        """The export's audit summary: "거주자 명부 12명 (개인정보 포함)"."""
        return f"{what} ({self.label})"[:300]


def export_policy(ctx: ServiceContext, include_personal: bool) -> PersonalDataPolicy:
    """The policy for an export where the officer did (or did not) tick "include personal data";
    ticking it needs a role that may export personal data (``NotPermitted`` otherwise)."""
    if include_personal:
        ctx.require(Permission.EXPORT_PERSONAL)
    return PersonalDataPolicy(include=include_personal)


def list_policy(ctx: ServiceContext) -> PersonalDataPolicy:
    """How lists on screen show people: in full to roles that may see personal data."""
    return PersonalDataPolicy(include=ctx.allows(Permission.SEE_PERSONAL))


def log_export(
    session: Session, entity: str, what: str, policy: PersonalDataPolicy, uid: str | None = None
) -> None:
    """The access record of an export, in the export's own transaction."""
    log_event(session, "export", entity, policy.describe(what), uid)


def log_personal_view(ctx: ServiceContext, entity: str, uid: str | None, what: str = "") -> None:
    """Record that ``ctx.actor`` opened a person's full data (refused to roles that may not)."""
    ctx.require(Permission.SEE_PERSONAL)
    with ctx.write() as s:
        log_event(s, "view", entity, f"개인정보 열람{': ' + what if what else ''}", uid)


# --- resident registration numbers ------------------------------------------------------------


def normalize_rrn(text: str) -> str:
    found = _RRN.fullmatch(text.strip().replace(" ", ""))
    if not found:
        raise PrivacyError("주민등록번호는 숫자 13자리입니다 (예: 780514-1234567).")
    return f"{found.group(1)}-{found.group(2)}"


def key_folder(ctx: ServiceContext) -> str:
    """Where this PC keeps the folder's key (for the 설정 page)."""
    return str(fc.key_path(ctx.db.folder.root, "x").parent)


def _current_key(ctx: ServiceContext) -> tuple[bytes, str]:
    """This PC's key for new values of the folder, made (and recorded) when there is none."""
    root = ctx.db.folder.root
    with ctx.read() as s:
        fid = fc.folder_id(s.connection())
    if fid is not None:
        try:
            return fc.find_key(root, fid), fid
        except fc.KeyMissing:
            pass
    with ctx.write() as s:
        fid = fc.new_folder_id(s.connection())
        key = fc.load_key(fc.key_path(root, fid), create=True)
        log_event(s, "create", "key", f"주민등록번호 암호화 키를 이 PC에 만들었습니다 ({fid[:8]}…)")
    return key, fid


def encrypt_rrn(ctx: ServiceContext, text: str) -> bytes:
    """The encrypted form of a registration number, for ``rrn_encrypted``."""
    ctx.require(Permission.EDIT)
    key, fid = _current_key(ctx)
    return fc.encrypt_text(key, fid, normalize_rrn(text))


def store_rrn(ctx: ServiceContext, entity: str, uid: str, text: str | None) -> None:
    """Keep (or, with None, remove) the registration number of a resident or applicant."""
    ctx.require(Permission.EDIT)
    blob = encrypt_rrn(ctx, text) if text else None
    with ctx.write() as s:
        row = _person(s, entity, uid)
        row.rrn_encrypted = blob


def _person(s: Session, entity: str, uid: str) -> Any:
    model = ENTITIES.get(entity)
    if model is None:
        raise PrivacyError(f"주민등록번호를 두는 기록이 아닙니다: {entity}")
    row = s.scalars(select(model).where(model.uid == uid)).first()
    if row is None:
        raise PrivacyError("그 기록을 찾을 수 없습니다.")
    return row


def _open(ctx: ServiceContext, blob: bytes) -> str:
    """The number; ``KeyMissing``/``KeyMismatch`` when this PC cannot open it."""
    kid = fc.blob_key_id(blob)
    return fc.decrypt_text(fc.find_key(ctx.db.folder.root, kid), blob)


def _stored(ctx: ServiceContext, entity: str, uid: str) -> bytes | None:
    with ctx.read() as s:
        return _person(s, entity, uid).rrn_encrypted


def masked_rrn(ctx: ServiceContext, entity: str, uid: str) -> str | None:
    """ "780514-1******" for lists and forms (None: none kept). Roles that may not see personal
    data get every digit hidden; a PC without the key gets ``NO_KEY``."""
    blob = _stored(ctx, entity, uid)
    if blob is None:
        return None
    if not ctx.allows(Permission.SEE_PERSONAL):
        return HIDDEN_RRN
    try:
        return mask_rrn(_open(ctx, blob))
    except fc.KeyMissing:
        return NO_KEY
    except fc.KeyMismatch:
        return OTHER_KEY


def reveal_rrn(ctx: ServiceContext, entity: str, uid: str) -> str | None:
    """The full number, for a role that may (``REVEAL_RRN``); every reveal is an access record."""
    ctx.require(Permission.REVEAL_RRN)
    blob = _stored(ctx, entity, uid)
    if blob is None:
        return None
    try:
        shown: str | None = _open(ctx, blob)
        note = ""
    except fc.KeyMissing:
        shown, note = NO_KEY, " (이 PC에 키가 없어 열지 못함)"
    except fc.KeyMismatch:
        shown, note = OTHER_KEY, " (이 PC의 키로 열지 못함)"
    with ctx.write() as s:
        log_event(s, "view", entity, f"주민등록번호 전체 열람{note}", uid)
    return shown


def reencrypt_for_kit(conn: Connection, office_root: Path, key: bytes, kit_fid: str) -> None:
    """In a field kit's database (``conn``): every registration number under the kit's own key
    (``services.field_kit``); one this PC cannot open stays as it was (the laptop cannot either).
    """
    for model in ENTITIES.values():
        table = model.__table__
        found = conn.execute(
            select(table.c.id, table.c.rrn_encrypted).where(table.c.rrn_encrypted.is_not(None))
        ).all()
        for row_id, blob in found:
            try:
                plain = fc.decrypt_text(fc.find_key(office_root, fc.blob_key_id(blob)), blob)
            except (fc.KeyMissing, fc.KeyMismatch):
                continue
            conn.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(rrn_encrypted=fc.encrypt_text(key, kit_fid, plain))
            )
