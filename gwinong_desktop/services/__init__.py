"""Use cases over the storage layer. ``Services`` bundles them for the GUI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from gwinong_desktop.storage.database import Database

from .context import ServiceContext
from .houses import HouseService


@dataclass
class Services:
    ctx: ServiceContext
    houses: HouseService

    @classmethod
    def over(cls, db: Database, actor: str = "system") -> Services:
        ctx = ServiceContext(db, actor)
        return cls(ctx=ctx, houses=HouseService(ctx))
