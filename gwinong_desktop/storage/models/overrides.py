"""Rule overrides: a program rule the officer chose to go past when saving, and why.

Breaking a program rule warns (``domain.rules``); the officer may save anyway by giving a reason.
Each warning gone past is one row here, kept with the record it concerns (``entity`` is the
table name, ``entity_uid`` the record's uid), the value found and the rule's limit as text, the
Korean warning as shown, the reason and who gave it. Rows are only ever added.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, new_uid, utcnow


class RuleOverride(Base):
    """One warning the officer went past, with the reason they gave."""

    __tablename__ = "rule_override"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    entity: Mapped[str] = mapped_column(String(60))
    entity_uid: Mapped[str] = mapped_column(String(36), index=True)
    rule: Mapped[str] = mapped_column(String(60))  # a RuleKey or CheckCode value
    value: Mapped[str | None] = mapped_column(String(300))  # what was found, as text
    limit: Mapped[str | None] = mapped_column(String(300))  # the rule's value, as text
    message: Mapped[str] = mapped_column(Text)  # the warning as the officer read it
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
