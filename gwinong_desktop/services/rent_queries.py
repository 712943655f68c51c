"""The SQL behind the 임대료 page: per-stay sums of charges and payments, aggregated in SQLite.

Every figure is a sum the database makes (no row of a charge or payment reaches Python for the
list, the county totals or the house balances). ``:today`` is an ISO date: charges due after it
are not yet owed. Waived charges are never owed. Arrears of a stay are what is due by today less
everything paid, never below zero (payments cover the oldest months first, and months are due in
month order, so this is exactly the sum of the uncovered due months).
"""

from __future__ import annotations

CHARGE_SUMS = """
    SELECT stay_id,
           SUM(CASE WHEN due_on <= :today THEN amount ELSE 0 END) AS due,
           SUM(amount) AS total
    FROM rent_charge WHERE waived_reason IS NULL GROUP BY stay_id
"""
PAYMENT_SUMS = "SELECT stay_id, SUM(amount) AS paid FROM payment GROUP BY stay_id"

STAY_SUMS = f"""
    SELECT stay.id AS stay_id, stay.house_id AS house_id,
           COALESCE(c.due, 0) AS due, COALESCE(c.total, 0) AS total, COALESCE(p.paid, 0) AS paid
    FROM stay
    JOIN house AS h ON h.id = stay.house_id AND h.archived_at IS NULL
    LEFT JOIN ({CHARGE_SUMS}) AS c ON c.stay_id = stay.id
    LEFT JOIN ({PAYMENT_SUMS}) AS p ON p.stay_id = stay.id
    WHERE stay.archived_at IS NULL
"""
"""Per stay (not archived, of a house not archived): due by today, every charge, paid."""

RENT_LIST = f"""
    SELECT s.id, s.house_id, house.code, house.eupmyeon, resident.name, s.move_in_on,
           COALESCE(s.extended_to, s.planned_end_on), s.moved_out_on, s.monthly_rent,
           sums.due, sums.total, sums.paid
    FROM ({STAY_SUMS}) AS sums
    JOIN stay AS s ON s.id = sums.stay_id
    JOIN house ON house.id = s.house_id
    JOIN resident ON resident.id = s.resident_id
    ORDER BY s.moved_out_on IS NOT NULL, house.code, s.move_in_on DESC
"""
"""One row per stay: house, resident, period, rent and its sums (current stays first)."""

COUNTY_TOTALS = f"""
    SELECT COUNT(*), COALESCE(SUM(due), 0), COALESCE(SUM(paid), 0),
           COALESCE(SUM(MAX(due - paid, 0)), 0), COUNT(CASE WHEN due > paid THEN 1 END)
    FROM ({STAY_SUMS})
"""
"""Stays, charged (due by today), paid, arrears, stays in arrears — county-wide."""

HOUSE_TOTALS = f"""
    SELECT house.id, house.code, house.eupmyeon, operator.id, COALESCE(operator.name, ''),
           SUM(sums.due), SUM(sums.paid), SUM(MAX(sums.due - sums.paid, 0))
    FROM ({STAY_SUMS}) AS sums
    JOIN house ON house.id = sums.house_id
    LEFT JOIN operator ON operator.id = house.operator_id
    GROUP BY house.id
    ORDER BY house.code
"""
"""Per house: charged, paid (collected), arrears."""

EXPENSE_TOTALS = """
    SELECT house_id, SUM(amount) FROM expense WHERE archived_at IS NULL GROUP BY house_id
"""
