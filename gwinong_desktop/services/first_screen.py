"""What the main window shows first, read before SQLAlchemy has loaded (``app.run_gui``).

No SQLAlchemy here: the rows come from ``storage.quick.FirstLook`` (``sqlite3``) through the same
query and the same ``house_rows`` as ``HouseService.list_houses``, so the first screen is the
list the services would show. The services take over a moment later (``MainWindow.attach``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.permissions import Actor
from gwinong_desktop.domain.rulebook import YearRules
from gwinong_desktop.storage.quick import FirstLook

from .house_rows import HouseRow, house_rows
from .passwords import password_matches


@dataclass(frozen=True)
class FirstScreen:
    """The main window's content before its services exist."""

    data_dir: Path
    county: str | None
    rows: list[HouseRow]


def read_first_screen(look: FirstLook, data_dir: Path, today: date) -> FirstScreen:
    """The county (as ``house_queries.county_name``) and every house not archived."""
    rows = house_rows(look.house_records(today), today, YearRules(look.rule_values()))
    return FirstScreen(data_dir, look.county(), rows)


def precheck_sign_in(look: FirstLook, username: str, password: str) -> Actor | None:
    """The account ``username`` when ``password`` is right and nothing stands in its way;
    otherwise None.

    Only a look ahead, so that the window can show before SQLAlchemy has loaded: the sign-in
    that counts (``AccountService.authenticate``, which records it, counts failures and locks)
    runs right after, and a None here only means waiting for it. It is never looser than that
    sign-in: an inactive account, one without a password or with any lock on it (even one run
    out) gets None.
    """
    account = look.account(username)
    if (
        account is None
        or not account.active
        or not account.password_hash
        or account.locked_until is not None
    ):
        return None
    if not password_matches(account.password_hash, password):
        return None
    return Actor(account.username, account.display_name, Role(account.role), account.id)
