"""The title area every report of this package shares: its name, the county and the date."""

from __future__ import annotations

from datetime import date

from gwinong_desktop.domain.periods import format_date_ko


def report_title(
    name: str, *, county: str, made_on: date, year: int | None, privacy: str
) -> list[str]:
    """The lines above a report's table: ``"거주자 명부 (2025년)"``, then who and when:
    ``"진안군 · 작성일 2026.12.7. · 개인정보 가림"``."""
    heading = f"{name} ({year}년)" if year is not None else f"{name} (전체 기간)"
    who = " · ".join(
        part for part in (county, f"작성일 {format_date_ko(made_on)}", privacy) if part
    )
    return [heading, who]
