"""Reading and writing the declared settings of a data folder."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from gwinong_desktop.domain import folder_settings as fs
from gwinong_desktop.storage.database import open_database
from gwinong_desktop.storage.folder_settings import read_setting, read_settings, write_setting
from gwinong_desktop.storage.models import AuditEvent, Setting


def _write(db, setting, value) -> None:
    with db.sessions() as session:
        session.info["actor"] = "김담당"
        write_setting(session, setting, value)
        session.commit()


def test_every_setting_reads_as_its_default_in_a_new_folder(tmp_path: Path) -> None:
    with open_database(tmp_path) as db, db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Setting).where(
            Setting.key.in_([s.key for s in fs.ALL]))) == 0  # fmt: skip
        for setting in fs.ALL:
            assert read_setting(session, setting) == setting.default
        assert read_settings(session, fs.PROFILE) == {s.key: "" for s in fs.PROFILE}


def test_a_written_value_reads_back_and_an_unchanged_one_writes_nothing(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        _write(db, fs.COUNTY, " 진안군 ")
        _write(db, fs.IDLE_MINUTES, 15)
        with db.sessions() as session:
            events = session.scalar(select(func.count()).select_from(AuditEvent))
            assert read_setting(session, fs.COUNTY) == "진안군"
            assert session.get(Setting, fs.COUNTY.key).value == "진안군"
            assert read_setting(session, fs.IDLE_MINUTES) == 15
        _write(db, fs.COUNTY, "진안군")
        _write(db, fs.IDLE_MINUTES, 20)
        with db.sessions() as session:
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == events + 1
            assert read_settings(session, (fs.COUNTY, fs.IDLE_MINUTES)) == {
                fs.COUNTY.key: "진안군",
                fs.IDLE_MINUTES.key: 20,
            }


def test_a_damaged_number_reads_as_the_default(tmp_path: Path) -> None:
    with open_database(tmp_path) as db:
        with db.sessions() as session:
            session.info["actor"] = "김담당"
            session.add(Setting(key=fs.KEEP_DAILY.key, value="열넷"))
            session.commit()
        with db.sessions() as session:
            assert read_setting(session, fs.KEEP_DAILY) == 14
