"""The SQL behind the 임대료 page: per-stay sums of charges and payments, aggregated in SQLite.

Every figure is a sum the database makes (no row of a charge or payment reaches Python for the
list, the county totals or the house balances). ``:today`` is an ISO date: charges due after it
are not yet owed. Waived charges are never owed. Arrears of a stay are what is due by today less
everything paid, never below zero (payments cover the oldest months first, and months are due in
month order, so this is exactly the sum of the uncovered due months).
"""

from __future__ import annotations

DUE_OF = """COALESCE((SELECT SUM(amount) FROM rent_charge
              WHERE stay_id = s.id AND waived_reason IS NULL AND due_on <= :today), 0)"""
"""What stay ``s`` owes by today: one range of the covering index ``ix_rent_charge_cover``."""
PAID_OF = "COALESCE((SELECT SUM(amount) FROM payment WHERE stay_id = s.id), 0)"
"""What stay ``s`` has paid: one range of the covering index ``ix_payment_cover``."""
COUNTED_STAYS = "stay AS s JOIN house AS h ON h.id = s.house_id AND h.archived_at IS NULL"
"""Stays of houses not archived (the stay's own ``archived_at`` is the query's to test)."""

STAY_SUMS = f"""
    SELECT s.id AS stay_id, s.house_id AS house_id, {DUE_OF} AS due, {PAID_OF} AS paid
    FROM {COUNTED_STAYS}
    WHERE s.archived_at IS NULL
    GROUP BY s.id
"""
"""Per stay (not archived, of a house not archived): due by today, paid.

The sums are subqueries per stay, each one range of a covering index: grouping every charge and
payment first and joining the groups (SQLite builds an automatic index on each) cost a third
more CPU over the province (11,000 stays, 110,000 charges, 100,000 payments). ``GROUP BY s.id``
changes no row (one per stay) but keeps SQLite from flattening this into a query that sums
``due`` and ``paid``: flattened, each use of them would run its subquery again."""

RENT_LIST = f"""
    SELECT s.id, s.house_id, h.code, h.eupmyeon, resident.name, s.move_in_on,
           COALESCE(s.extended_to, s.planned_end_on), s.moved_out_on, s.monthly_rent,
           {DUE_OF} AS due, {PAID_OF} AS paid
    FROM {COUNTED_STAYS}
    JOIN resident ON resident.id = s.resident_id
    WHERE s.archived_at IS NULL
    ORDER BY s.moved_out_on IS NOT NULL, h.code, s.move_in_on DESC
"""
"""One row per stay: house, resident, period, rent, due by today and paid (current stays
first)."""

COUNTY_TOTALS = f"""
    SELECT COUNT(*), COALESCE(SUM(due), 0), COALESCE(SUM(paid), 0),
           COALESCE(SUM(CASE WHEN due > paid THEN due - paid ELSE 0 END), 0),
           COUNT(CASE WHEN due > paid THEN 1 END)
    FROM ({STAY_SUMS}) AS sums
"""
"""Stays, charged (due by today), paid, arrears, stays in arrears — county-wide."""

HOUSE_TOTALS = f"""
    SELECT house.id, house.code, house.eupmyeon, operator.id, COALESCE(operator.name, ''),
           SUM(sums.due), SUM(sums.paid),
           SUM(CASE WHEN sums.due > sums.paid THEN sums.due - sums.paid ELSE 0 END)
    FROM ({STAY_SUMS}) AS sums
    JOIN house ON house.id = sums.house_id
    LEFT JOIN operator ON operator.id = house.operator_id
    GROUP BY house.id, operator.id
    ORDER BY house.code
"""
"""Per house: charged, paid (collected), arrears."""

EXPENSE_TOTALS = """
    SELECT house_id, SUM(amount) FROM expense WHERE archived_at IS NULL GROUP BY house_id
"""
