"""Reading and writing the data folder's declared settings (``domain.folder_settings``) in a
unit of work. A write changes the row only when the stored text changes, so the audit trail
records real changes only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.folder_settings import FolderSetting

from .models import Setting

T = TypeVar("T", str, int)


def read_setting(session: Session, setting: FolderSetting[T]) -> T:
    """The value of ``setting``; its declared default when no row holds it."""
    return setting.parse(session.scalar(select(Setting.value).where(Setting.key == setting.key)))


def read_settings(session: Session, settings: Iterable[FolderSetting]) -> dict[str, object]:
    """The values of ``settings`` by key, in one query."""
    wanted = list(settings)
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_([s.key for s in wanted]))
        ).all()
    )
    return {s.key: s.parse(rows.get(s.key)) for s in wanted}


def write_setting(session: Session, setting: FolderSetting[T], value: T) -> None:
    """Store ``value`` for ``setting`` (inside the caller's write unit)."""
    text = setting.text(value)
    row = session.get(Setting, setting.key)
    if row is None:
        session.add(Setting(key=setting.key, value=text))
    elif row.value != text:
        row.value = text
