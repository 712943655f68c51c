"""What the collected rent was spent on (운영 · 유지 · 보수 · 화합행사), with the receipts, and the
balance of collected minus spent per house and per operator.

An expense belongs to a house, or to none (a joint event of several houses: shown as 공동). Its
receipts are scanned files kept like every attachment (``attachment.expense_id``), written in the
expense's own write unit. Collected is every payment of the house's stays (SQL sums).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import ExpenseCategory
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import NOT_FOUND, RuleResult, refuse
from gwinong_desktop.storage.models import Attachment, Expense, House

from .attachments import FileBatch, PendingFile, add_files, check_file
from .context import ServiceContext
from .entry_checks import check_amount, check_day
from .rent_queries import EXPENSE_TOTALS
from .rule_gate import SavedRecord, clean, gate, saved_record
from .rule_gate import required as required_field

JOINT = "공동 (여러 집)"


@dataclass(frozen=True)
class ExpenseLine:
    id: int
    house_id: int | None
    house_code: str
    spent_on: date
    category: ExpenseCategory
    amount: int
    description: str
    note: str
    receipts: int


@dataclass
class ExpenseForm:
    house_id: int | None = None
    spent_on: date | None = None
    category: ExpenseCategory | None = None
    amount: int | None = None
    description: str = ""
    note: str = ""


@dataclass(frozen=True)
class Balance:
    """Collected minus spent for a house or an operator."""

    key: int | None
    label: str
    collected: int
    spent: int
    houses: tuple[str, ...] = field(default=())

    @property
    def balance(self) -> int:
        return self.collected - self.spent


class ExpenseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_expenses(self, house_id: int | None = None) -> list[ExpenseLine]:
        """Expenses, newest first: of one house, or (``house_id`` None) all of them."""
        receipts = (
            select(Attachment.expense_id, func.count(Attachment.id).label("n"))
            .where(Attachment.expense_id.is_not(None), Attachment.archived_at.is_(None))
            .group_by(Attachment.expense_id)
            .subquery()
        )
        stmt = (
            select(
                Expense.id,
                Expense.house_id,
                func.coalesce(House.code, JOINT),
                Expense.spent_on,
                Expense.category,
                Expense.amount,
                Expense.description,
                func.coalesce(Expense.note, ""),
                func.coalesce(receipts.c.n, 0),
            )
            .outerjoin(House, House.id == Expense.house_id)
            .outerjoin(receipts, receipts.c.expense_id == Expense.id)
            .where(Expense.archived_at.is_(None))
            .order_by(Expense.spent_on.desc(), Expense.id.desc())
        )
        if house_id is not None:
            stmt = stmt.where(Expense.house_id == house_id)
        with self.ctx.read() as session:
            return [ExpenseLine(*row) for row in session.execute(stmt).all()]

    def validate(
        self, form: ExpenseForm, files: list[PendingFile] | None = None
    ) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check(session, form, files or [], self.ctx.today())

    def save(self, form: ExpenseForm, *, files: list[PendingFile] | None = None) -> SavedRecord:
        """Write the expense and its receipts in one unit (nothing half-written)."""
        self.ctx.require(Permission.EDIT)
        files = files or []
        batch = FileBatch(self.ctx.db.folder.root)
        try:
            with self.ctx.write() as session:
                gate(_check(session, form, files, self.ctx.today()), None)
                expense = Expense(
                    house_id=form.house_id,
                    spent_on=form.spent_on,
                    category=form.category,
                    amount=form.amount,
                    description=form.description.strip()[:300],
                    note=clean(form.note),
                )
                session.add(expense)
                session.flush()
                add_files(session, batch, files, house_id=form.house_id, expense_id=expense.id)
                return saved_record(session, expense)
        except BaseException:
            batch.discard()
            raise

    def receipts(self, expense_id: int) -> list[tuple[int, str]]:
        """The receipts of an expense: (attachment id, file name)."""
        with self.ctx.read() as session:
            rows = session.execute(
                select(Attachment.id, Attachment.original_name)
                .where(Attachment.expense_id == expense_id, Attachment.archived_at.is_(None))
                .order_by(Attachment.id)
            ).all()
        return [(i, n) for i, n in rows]

    def balances_by_house(self) -> list[Balance]:
        """Per house with a stay or an expense: collected, spent, balance; joint spending last."""
        houses, spent = self._sums()
        out = [
            Balance(hid, code, paid, spent.pop(hid, 0))
            for hid, (code, _op, _name, paid) in houses.items()
        ]
        with self.ctx.read() as session:
            codes = dict(session.execute(select(House.id, House.code)).all())
        out += [
            Balance(hid, codes.get(hid, ""), 0, amount)
            for hid, amount in spent.items()
            if hid is not None
        ]
        out.sort(key=lambda b: b.label)
        if None in spent:
            out.append(Balance(None, JOINT, 0, spent[None]))
        return out

    def balances_by_operator(self) -> list[Balance]:
        """Per operator (over the houses it runs): collected, spent, balance; joint last."""
        houses, spent = self._sums()
        ops: dict[int | None, list] = {}
        for hid, (code, op_id, op_name, paid) in houses.items():
            entry = ops.setdefault(op_id, [op_name or "운영자 없음", 0, 0, []])
            entry[1] += paid
            entry[2] += spent.pop(hid, 0)
            entry[3].append(code)
        out = [
            Balance(op, label, paid, used, tuple(codes))
            for op, (label, paid, used, codes) in ops.items()
        ]
        out.sort(key=lambda b: b.label)
        joint = sum(amount for hid, amount in spent.items())
        if joint:
            out.append(Balance(None, JOINT, 0, joint))
        return out

    def _sums(self) -> tuple[dict[int, tuple[str, int | None, str, int]], dict[int | None, int]]:
        from .rent import RentService

        houses = {
            h.house_id: (h.code, h.operator_id, h.operator, h.paid)
            for h in RentService(self.ctx).house_totals()
        }
        with self.ctx.read() as session:
            spent = {hid: total for hid, total in session.execute(text(EXPENSE_TOTALS))}
        return houses, spent


def _check(
    session: Session, form: ExpenseForm, files: list[PendingFile], today: date
) -> list[RuleResult]:
    results: list[RuleResult] = []
    if form.house_id is not None and session.get(House, form.house_id) is None:
        results.append(refuse("house_id", "고른 귀농인의 집을 찾을 수 없습니다.", code=NOT_FOUND))
    results += check_day("spent_on", "지출일", form.spent_on, today)
    if form.category is None:
        results.append(required_field("category", "구분"))
    results += check_amount("amount", "금액", form.amount)
    if not form.description.strip():
        results.append(required_field("description", "내용"))
    for item in files:
        results += check_file(item.path, "files")
    return results
