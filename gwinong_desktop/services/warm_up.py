"""Load what the first query needs, ahead of it (``app.run_gui`` runs this on a second thread)."""

from __future__ import annotations


def warm_up() -> None:
    """Import SQLAlchemy with its SQLite dialect, the models and the services the main window
    uses, the password hash; and configure the mappers, which the first query would otherwise
    do. Pure Python: it overlaps with Qt loading and the first screen (measured in the README)."""
    import argon2  # noqa: F401
    import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401
    from sqlalchemy.orm import configure_mappers

    import gwinong_desktop.storage.database  # noqa: F401

    from . import accounts, house_queries, houses  # noqa: F401

    configure_mappers()
