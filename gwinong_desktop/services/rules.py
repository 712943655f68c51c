"""Program rule values per year: the guideline's defaults, overridden by the county's settings."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.storage.house_list import RULE_VALUES


class RuleBook(YearRules):
    """The rule values for any year, read once per session (see ``YearRules``)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session.execute(text(RULE_VALUES)).all())
