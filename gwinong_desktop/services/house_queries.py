"""Small things the main window needs at start-up, kept apart from the existing services.

- :func:`county_name`: one setting, cheaper than ``info.folder_info`` (which counts every table).
"""

from __future__ import annotations

from gwinong_desktop.storage.models import Setting

from .context import ServiceContext

__all__ = ["county_name"]


def county_name(ctx: ServiceContext) -> str | None:
    """The county this data folder belongs to (the ``county`` setting), if it is set."""
    with ctx.read() as session:
        setting = session.get(Setting, "county")
        value = setting.value.strip() if setting is not None and setting.value else ""
    return value or None
