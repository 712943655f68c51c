"""Personal data: masks, export policy, access records, encrypted registration numbers."""

from __future__ import annotations

import shutil
import stat
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor, NotPermitted
from gwinong_desktop.services.context import ServiceContext
from gwinong_desktop.services.privacy import (
    HIDDEN_RRN,
    NO_KEY,
    PersonalDataPolicy,
    PrivacyError,
    export_policy,
    log_personal_view,
    mask_address,
    mask_birth,
    mask_name,
    mask_phone,
    masked_rrn,
    reveal_rrn,
    store_rrn,
)
from gwinong_desktop.storage import fieldcrypt
from gwinong_desktop.storage.database import Database, open_database
from gwinong_desktop.storage.datafolder import DB_FILENAME
from gwinong_desktop.storage.models import AuditEvent, Resident, User

PACKAGE = Path(__file__).resolve().parents[2] / "gwinong_desktop"
OFFICER = Actor("kim", "김담당", Role.OFFICER, 2)  # ids as the db fixture makes them
VIEWER = Actor("lee", "이열람", Role.VIEWER, 3)


@pytest.mark.parametrize(
    "name, masked",
    [("김영수", "김*수"), ("남궁민수", "남**수"), ("이수", "이*"), ("김", "*"), ("", ""),
     (None, ""), ("John Smith", "J********h")],
)  # fmt: skip
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    "phone, masked",
    [("010-1234-5678", "010-****-5678"), ("01012345678", "010****5678"),
     ("063-433-1201", "063-***-1201"), ("02-123-4567", "02-***-4567"),
     ("0212345678", "02****5678"), ("010 1234 5678", "010 **** 5678"), ("", ""), ("123", "***")],
)  # fmt: skip
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_mask_birth_and_address() -> None:
    assert mask_birth(date(1978, 5, 14)) == "1978-**-**"
    assert mask_birth("1978.5.14") == "1978-**-**"
    assert mask_birth(None) == ""
    assert mask_address("전북 진안군 부귀면 거석리 412") == "전북 진안군 부귀면 ***"
    assert mask_address("서울 강남구") == "서울 ***"


def test_the_policy_masks_unless_personal_data_is_included() -> None:
    masked, full = PersonalDataPolicy(), PersonalDataPolicy(include=True)
    assert (masked.name("김영수"), masked.phone("010-1234-5678")) == ("김*수", "010-****-5678")
    assert masked.birth(date(1978, 5, 14)) == "1978-**-**"
    assert (full.name("김영수"), full.birth(date(1978, 5, 14))) == ("김영수", date(1978, 5, 14))
    assert full.describe("거주자 명부 3명") == "거주자 명부 3명 (개인정보 포함)"
    assert masked.describe("거주자 명부 3명") == "거주자 명부 3명 (개인정보 가림)"


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "this-pc-keys"
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def db(tmp_path: Path, keys: Path, new_folder) -> Iterator[Database]:
    with open_database(new_folder(tmp_path / "data")) as database:
        with ServiceContext(database, "test").write() as s:
            for n, (name, role) in enumerate((("admin", Role.ADMIN), ("kim", Role.OFFICER),
                                              ("lee", Role.VIEWER)), 1):  # fmt: skip
                s.add(User(id=n, username=name, display_name=name, role=role, failed_logins=0))
        yield database


def resident(db: Database) -> str:
    with ServiceContext(db, "test").write() as s:
        row = Resident(name="김영수", phone="010-1234-5678", birth_date=date(1978, 5, 14))
        s.add(row)
    return row.uid


def ctx(db: Database, actor: Actor | None = None) -> ServiceContext:
    return ServiceContext.signed_in(db, actor) if actor else ServiceContext(db, "test")


def last_event(db: Database) -> AuditEvent:
    with db.sessions() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


def test_export_policy_needs_a_role_that_may(db: Database) -> None:
    assert export_policy(ctx(db, OFFICER), True).include
    assert not export_policy(ctx(db, VIEWER), False).include
    with pytest.raises(NotPermitted):
        export_policy(ctx(db, VIEWER), True)


def test_a_view_of_full_personal_data_is_recorded(db: Database) -> None:
    uid = resident(db)
    log_personal_view(ctx(db, OFFICER), "resident", uid, "입주자 상세")
    event = last_event(db)
    assert (event.action, event.actor, event.entity_uid) == ("view", "kim", uid)
    assert event.summary == "개인정보 열람: 입주자 상세" and event.user_id == 2
    with pytest.raises(NotPermitted):
        log_personal_view(ctx(db, VIEWER), "resident", uid)


def test_a_registration_number_is_stored_encrypted(db: Database, keys: Path) -> None:
    uid = resident(db)
    store_rrn(ctx(db, OFFICER), "resident", uid, "780514 1234567")
    with db.sessions() as s:
        blob = s.scalars(select(Resident.rrn_encrypted)).one()
    assert blob and b"7805141234567" not in blob and b"780514" not in blob
    if db.server is None:  # the file's bytes (a server's are its own: the blob is checked above)
        db.engine.dispose()
        raw = (db.folder.root / DB_FILENAME).read_bytes()
        wal = db.folder.root / (DB_FILENAME + "-wal")
        raw += wal.read_bytes() if wal.exists() else b""
        assert b"780514" not in raw and b"1234567" not in raw
    update = [e for e in _events(db) if e.action == "update" and e.entity == "resident"][-1]
    assert update.changes == {"rrn_encrypted": [None, "(암호화됨)"]}
    # the key is outside the data folder, readable by this user only
    key_files = list(keys.glob("*.key"))
    assert len(key_files) == 1 and db.folder.root not in key_files[0].parents
    if sys.platform != "win32":
        assert stat.S_IMODE(key_files[0].stat().st_mode) == 0o600
    assert not list(db.folder.root.rglob("*.key"))


def _events(db: Database) -> list[AuditEvent]:
    with db.sessions() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_masked_and_revealed(db: Database) -> None:
    uid = resident(db)
    store_rrn(ctx(db, OFFICER), "resident", uid, "780514-1234567")
    assert masked_rrn(ctx(db, OFFICER), "resident", uid) == "780514-1******"
    assert masked_rrn(ctx(db, VIEWER), "resident", uid) == HIDDEN_RRN
    before = len(_events(db))
    assert reveal_rrn(ctx(db, OFFICER), "resident", uid) == "780514-1234567"
    event = last_event(db)
    assert len(_events(db)) == before + 1
    assert (event.action, event.summary, event.actor) == ("view", "주민등록번호 전체 열람", "kim")
    with pytest.raises(NotPermitted):
        reveal_rrn(ctx(db, VIEWER), "resident", uid)


def test_a_malformed_number_is_refused(db: Database) -> None:
    uid = resident(db)
    with pytest.raises(PrivacyError, match="13자리"):
        store_rrn(ctx(db, OFFICER), "resident", uid, "78-05-14")


def test_a_copied_folder_does_not_reveal_it(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid = resident(db)
    store_rrn(ctx(db, OFFICER), "resident", uid, "780514-1234567")
    db.close()
    copy = tmp_path / "usb-copy"
    shutil.copytree(db.folder.root, copy, ignore=shutil.ignore_patterns(".gwinong.lock*"))
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "other-pc-keys"))
    with open_database(copy) as other:
        assert masked_rrn(ctx(other, OFFICER), "resident", uid) == NO_KEY
        assert reveal_rrn(ctx(other, OFFICER), "resident", uid) == NO_KEY
        assert "키가 없어" in last_event(other).summary
        # new numbers on the other PC get its own key; the old one still needs the first PC
        second = resident(other)
        store_rrn(ctx(other, OFFICER), "resident", second, "800101-2345678")
        assert reveal_rrn(ctx(other, OFFICER), "resident", second) == "800101-2345678"
        assert masked_rrn(ctx(other, OFFICER), "resident", uid) == NO_KEY
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(tmp_path / "this-pc-keys"))
    with open_database(copy) as back:  # the first PC opens the first number still
        assert reveal_rrn(ctx(back, OFFICER), "resident", uid) == "780514-1234567"


def test_the_key_is_never_put_inside_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv(fieldcrypt.KEY_DIR_ENV, str(data / "keys"))
    path = fieldcrypt.key_path(data, "0" * 8)
    assert data not in path.parents and path.parent == Path.home() / ".gwinong-desktop-keys"


def test_a_key_made_elsewhere_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    first = fieldcrypt.load_key(path, create=True)
    assert fieldcrypt.load_key(path, create=True) == first
    with pytest.raises(fieldcrypt.KeyMissing):
        fieldcrypt.load_key(tmp_path / "none.key", create=False)


def test_only_storage_and_privacy_touch_registration_numbers() -> None:
    """Nothing else reads the column: no list, report or export can carry it."""
    users = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "rrn_encrypted" in p.read_text(encoding="utf-8")
    )
    allowed = {"storage/models/residents.py", "services/privacy.py"}
    assert set(users) <= allowed, users


def test_the_register_workbook_has_no_registration_number_column() -> None:
    from gwinong_desktop.exchange.register_format import SHEETS

    headers = [h for sheet in SHEETS for h in sheet.headers]
    keys = [c.key for sheet in SHEETS for c in sheet.columns]
    assert headers and not [h for h in headers if "주민" in h]
    assert not [k for k in keys if "rrn" in k]
