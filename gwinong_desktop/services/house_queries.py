"""Small things the main window needs at start-up, kept apart from the existing services.

- :func:`county_name`: one setting, cheaper than ``info.folder_info`` (which counts every table).
"""

from __future__ import annotations

from gwinong_desktop.domain.folder_settings import COUNTY
from gwinong_desktop.storage.folder_settings import read_setting

from .context import ServiceContext

__all__ = ["county_name"]


def county_name(ctx: ServiceContext) -> str | None:
    """The county this data folder belongs to (the ``COUNTY`` setting), if it is set."""
    with ctx.read() as session:
        return read_setting(session, COUNTY) or None
