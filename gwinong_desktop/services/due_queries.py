"""The SQL behind the due list (``services/due.py``): one query per kind of reminder, each
selecting only the rows that remind today, so what reaches Python is the list, not the data.

Parameters are ISO dates (``:today`` and the window ends the service computes). The benchmark
(``tests/benchmarks/bench_due.py``) runs these same statements in plain sqlite3 as its floor.
"""

from __future__ import annotations

ACTIVE_HOUSE = "h.archived_at IS NULL AND h.cancelled_on IS NULL"

SENT_REPORTS = """
    SELECT kind, year, month, sent_on FROM report
    WHERE kind IN ('monthly', 'semiannual') AND month IS NOT NULL
"""
"""Every kept monthly and semiannual report with its period and the day it was sent."""

OPEN_STAYS = f"""
    SELECT s.uid, s.id, s.house_id, h.code, r.name, s.move_in_on, s.planned_end_on,
           s.extended_to, s.extension_requested,
           EXISTS (SELECT 1 FROM rule_override AS o WHERE o.entity = 'stay'
                   AND o.entity_uid = s.uid AND o.rule = 'stay_extension_max_months')
    FROM stay AS s
    JOIN house AS h ON h.id = s.house_id
    JOIN resident AS r ON r.id = s.resident_id
    WHERE s.archived_at IS NULL AND s.moved_out_on IS NULL AND s.move_in_on <= :today
      AND {ACTIVE_HOUSE}
      AND (COALESCE(s.extended_to, s.planned_end_on) <= :stay_window OR s.extended_to IS NOT NULL)
"""
"""Stays without a move-out whose end is near or past, or that were extended (and whether the
officer gave a reason for going past the extension rule when saving it)."""

LEASES_ENDING = f"""
    SELECT l.uid, h.id, h.code, l.end_on
    FROM lease AS l
    JOIN house AS h ON h.id = l.house_id
    WHERE l.archived_at IS NULL AND {ACTIVE_HOUSE}
      AND l.end_on BETWEEN :lease_from AND :lease_to
      AND NOT EXISTS (SELECT 1 FROM lease AS n WHERE n.house_id = l.house_id
                      AND n.start_on > l.start_on AND n.archived_at IS NULL)
"""
"""Owner leases ending soon (or lately ended) that no later lease of the house follows (a
renewal is such a lease: it starts after the lease it renews)."""

DESIGNATIONS_ENDING = f"""
    SELECT d.uid, h.id, h.code, d.end_on
    FROM designation AS d
    JOIN house AS h ON h.id = d.house_id
    WHERE d.archived_at IS NULL AND {ACTIVE_HOUSE}
      AND d.end_on BETWEEN :designation_from AND :designation_to
      AND NOT EXISTS (SELECT 1 FROM designation AS n WHERE n.archived_at IS NULL
                      AND n.house_id = d.house_id AND n.start_on > d.start_on)
"""
"""Designations ending soon (or just ended) that no later designation follows."""

HOUSE_WORKS = f"""
    SELECT h.uid, h.id, h.code, h.program_year, h.development_type,
           MIN(d.started_on), MIN(d.completed_on)
    FROM house AS h
    LEFT JOIN development AS d ON d.house_id = h.id AND d.archived_at IS NULL
    WHERE {ACTIVE_HOUSE}
    GROUP BY h.id
"""
"""Every active house with its first 착공일 and first 준공일 (the management period's start)."""

ARREARS = """
    SELECT s.uid, s.id, h.code, r.name, owing.due - owing.paid
    FROM (
        SELECT stay.id AS stay_id,
               COALESCE((SELECT SUM(c.amount) FROM rent_charge AS c
                         WHERE c.stay_id = stay.id AND c.waived_reason IS NULL
                           AND c.due_on <= :today), 0) AS due,
               COALESCE((SELECT SUM(p.amount) FROM payment AS p
                         WHERE p.stay_id = stay.id), 0) AS paid
        FROM stay
        WHERE stay.archived_at IS NULL
    ) AS owing
    JOIN stay AS s ON s.id = owing.stay_id
    JOIN house AS h ON h.id = s.house_id AND h.archived_at IS NULL
    JOIN resident AS r ON r.id = s.resident_id
    WHERE owing.due > owing.paid
"""
"""Stays owing rent due by today (and the amount owed): what the rent page counts
(``rent_queries.STAY_SUMS``: charges not waived and due by today against every payment, stays
and houses not archived), summed per stay from the covering indexes' ranges of that stay
instead of grouping every charge and payment of the county first (45 → 26 ms on the province
data); a test holds the two equal."""

ARREARS_SINCE = """
    SELECT c.stay_id, MIN(c.due_on)
    FROM (SELECT stay_id, due_on,
                 SUM(amount) OVER (PARTITION BY stay_id ORDER BY due_on, id) AS running
          FROM rent_charge
          WHERE waived_reason IS NULL AND due_on <= :today AND stay_id IN :ids) AS c
    LEFT JOIN (SELECT stay_id, SUM(amount) AS paid FROM payment
               WHERE stay_id IN :ids GROUP BY stay_id) AS p ON p.stay_id = c.stay_id
    WHERE c.running > COALESCE(p.paid, 0)
    GROUP BY c.stay_id
"""
"""For stays in arrears: the due day of the oldest month not covered by what was paid."""

DEPOSITS_HELD = """
    SELECT dep.uid, s.id, h.code, r.name, s.moved_out_on, dep.amount
    FROM deposit AS dep
    JOIN stay AS s ON s.id = dep.stay_id
    JOIN house AS h ON h.id = s.house_id
    JOIN resident AS r ON r.id = s.resident_id
    WHERE dep.returned_on IS NULL AND dep.amount > 0 AND s.archived_at IS NULL
      AND COALESCE(s.moved_out_on, NULL) < :today AND h.archived_at IS NULL
"""
"""Deposits still held for residents who have moved out (from the deposits: few are held, and
``+`` keeps SQLite from walking every move-out instead)."""

FINDINGS_OVERDUE = f"""
    SELECT f.uid, f.id, h.code, f.description, f.due_on
    FROM finding AS f
    JOIN inspection AS i ON i.id = f.inspection_id
    JOIN house AS h ON h.id = i.house_id
    WHERE f.archived_at IS NULL AND i.archived_at IS NULL AND f.status = 'open'
      AND f.due_on < :today AND {ACTIVE_HOUSE}
"""
"""Open findings past their due date."""

LAST_INSPECTIONS = """
    SELECT house_id, MAX(inspected_on) FROM inspection
    WHERE archived_at IS NULL GROUP BY house_id
"""
"""Each house's last inspection."""

SLOT_CODES = ("front", "distant", "interior", "surroundings")
SLOT_BITS = {code: 1 << n for n, code in enumerate(SLOT_CODES)}
"""Each album slot's bit in :data:`PHOTO_SLOTS_FILLED`'s sums."""

_SLOT_BIT = " ".join(f"WHEN '{code}' THEN {bit}" for code, bit in SLOT_BITS.items())

PHOTO_SLOTS_FILLED = f"""
    SELECT house_id, phase, SUM(DISTINCT CASE slot {_SLOT_BIT} ELSE 0 END)
    FROM photo
    WHERE archived_at IS NULL AND slot IS NOT NULL AND phase IN ('before', 'after')
    GROUP BY house_id, phase
"""
"""Per house and album phase, the slots that have a photo, as the sum of their bits
(:data:`SLOT_BITS`): one number per row, not a column per slot."""

COMPLETION_UNREPORTED = f"""
    SELECT d.uid, h.id, h.code, d.year, d.completed_on
    FROM development AS d
    JOIN house AS h ON h.id = d.house_id
    WHERE d.archived_at IS NULL AND d.completed_on IS NOT NULL
      AND d.completion_reported_on IS NULL AND d.completed_on <= :today
      AND d.completed_on >= :completed_since AND {ACTIVE_HOUSE}
"""
"""Works completed within the last year whose completion report (사업완료 보고) has not come
in (older works are history: a register brought in from Excel has no 보고일 to say)."""

SETTLEMENT_UNASKED = """
    SELECT uid, house_id, code, name, moved_out_on FROM (
        SELECT r.uid, s.house_id, h.code, r.name, s.moved_out_on,
               ROW_NUMBER() OVER (PARTITION BY r.id ORDER BY s.moved_out_on DESC, s.id DESC) AS n
        FROM stay AS s
        JOIN resident AS r ON r.id = s.resident_id
        JOIN house AS h ON h.id = s.house_id
        WHERE s.archived_at IS NULL AND r.archived_at IS NULL
          AND s.moved_out_on >= :moved_since AND s.moved_out_on < :today
          AND r.settlement = 'unknown'
    ) AS latest WHERE n = 1
"""
"""Residents who moved out lately and whose settlement outcome nobody has asked yet (the
condition of ``StayService.settlement_reminders``, one row per resident: the latest move-out,
picked by a window, not SQLite's bare column beside MAX, which a server refuses)."""

DUE_NOTES = """
    SELECT subject, until FROM due_note WHERE archived_at IS NULL
"""
"""The officers' answers in force: dismissed (no ``until``) or snoozed."""

DAYS_OFF = 'SELECT "on" FROM day_off WHERE archived_at IS NULL'
"""The county's own days off (임시공휴일 the holiday package does not know)."""
