"""The house list's query, as plain SQL that both start-up paths run (standard library only).

``services.houses.HouseService.list_houses`` runs it through SQLAlchemy (``text``); the first
screen (:mod:`.quick`) runs it through ``sqlite3`` before SQLAlchemy has loaded. One query, so
both show the same rows. Named parameters (``:today``) work in both; the SQL is standard (it
runs on PostgreSQL too). Values come back as the driver gives them (on SQLite: dates as ISO
text, ``Numeric`` as REAL); ``services.house_rows`` turns them into ``HouseRow``.
"""

from __future__ import annotations

# A house's completion is its latest non-archived development's 준공일; it is occupied when a
# non-archived stay has begun and not ended by ``today``.
_HOUSE_LIST = """
SELECT house.id, house.uid, house.code, house.eupmyeon, house.ri, house.jibun,
       house.road_address, house.development_type, house.program_year, operator.name,
       house.rooms, house.floor_area_m2, house.cancelled_on, completed.done,
       active.house_id, house.archived_at
FROM house
LEFT OUTER JOIN operator ON house.operator_id = operator.id
LEFT OUTER JOIN (
    SELECT development.house_id AS house_id, max(development.completed_on) AS done
    FROM development
    WHERE development.archived_at IS NULL
    GROUP BY development.house_id
) AS completed ON completed.house_id = house.id
LEFT OUTER JOIN (
    SELECT DISTINCT stay.house_id AS house_id
    FROM stay
    WHERE stay.archived_at IS NULL AND stay.move_in_on <= :today
      AND (stay.moved_out_on IS NULL OR stay.moved_out_on >= :today)
) AS active ON active.house_id = house.id
{where}
ORDER BY house.code
"""

HOUSE_LIST_ACTIVE = _HOUSE_LIST.format(where="WHERE house.archived_at IS NULL")
"""Every house not archived; parameter ``today`` (a ``date``, or ISO text on sqlite3)."""
HOUSE_LIST_ALL = _HOUSE_LIST.format(where="")
"""Every house, archived ones too."""
HOUSE_LIST_ONE = _HOUSE_LIST.format(where="WHERE house.id = :house_id")
"""The one house ``house_id``, archived or not."""

RULE_VALUES = "SELECT year, key, value FROM rule_value ORDER BY year"
"""The county's rule values per year (``domain.rulebook.YearRules`` merges them)."""
