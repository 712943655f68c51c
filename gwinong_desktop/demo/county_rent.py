"""The rent extras of the demo county: the county's rent support to the owners of rental-type
houses (one row a month within each designation, paid on the 25th), and scanned receipts for
most of the operators' spending of the collected rent.

Written after every other record (the designations and expenses are read back from the
database), with a random generator of its own, so the rest of the demo stays as it was.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from gwinong_desktop.domain.enums import AttachmentKind
from gwinong_desktop.domain.periods import iter_months
from gwinong_desktop.storage.models import Designation, Expense, RentSupport

from .files import AttachmentSpec, FileSink, write_attachments
from .rows import Rows

RECEIPT_SHARE = 0.7
"""About this share of the expenses of a house has its receipt scanned."""


def write_rent_extras(rows: Rows, files: FileSink, today: date) -> None:
    rng = random.Random("gwinong-demo-rent")
    rows.flush()
    write_rent_support(rows, today)
    write_attachments(rows, files, receipt_specs(rows, rng))


def write_rent_support(rows: Rows, today: date) -> None:
    """Every month of each designation up to ``today``, at its monthly support; the current
    month is entered but not paid yet when the 25th has not come."""
    designations = rows.session.execute(
        select(Designation.id, Designation.start_on, Designation.end_on,
               Designation.monthly_support).order_by(Designation.id)
    ).all()  # fmt: skip
    for designation_id, start, end, support in designations:
        if not support:
            continue
        for month in iter_months(start, min(end, today)):
            paid_on = month.replace(day=25)
            rows.add(
                RentSupport,
                min(paid_on, today),
                designation_id=designation_id,
                month=month,
                amount=support,
                paid_on=paid_on if paid_on <= today else None,
                note=None if paid_on <= today else "이달 25일 지급 예정",
            )


def receipt_specs(rows: Rows, rng: random.Random) -> list[AttachmentSpec]:
    """A scanned receipt for most expenses of a house (joint events keep theirs elsewhere)."""
    expenses = rows.session.execute(
        select(Expense.id, Expense.house_id, Expense.spent_on, Expense.amount)
        .where(Expense.house_id.is_not(None))
        .order_by(Expense.id)
    ).all()
    specs = []
    for expense_id, house_id, spent_on, amount in expenses:
        if rng.random() >= RECEIPT_SHARE:
            continue
        specs.append(
            AttachmentSpec(
                AttachmentKind.RECEIPT,
                spent_on,
                f"DEMO RECEIPT - {spent_on.isoformat()} - {amount} KRW - expense {expense_id}",
                f"영수증_{spent_on:%Y%m%d}_{expense_id}.pdf",
                house_id=house_id,
                expense_id=expense_id,
            )
        )
    return specs
