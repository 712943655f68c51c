"""Operators (운영자): 마을협의회 · 귀농귀촌협의회 · 시군 직영, who run one house or several."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwinong_desktop.domain.enums import OperatorKind
from gwinong_desktop.domain.permissions import Permission
from gwinong_desktop.domain.rules import DUPLICATE, NOT_FOUND, RuleResult, refuse
from gwinong_desktop.domain.text_checks import check_phone
from gwinong_desktop.storage.models import House, Operator

from .context import ServiceContext
from .revisions import refuse_if_changed
from .rule_gate import (
    FormRefused,
    SavedRecord,
    archive,
    clean,
    gate,
    required,
    saved_record,
    unarchive,
)


@dataclass
class OperatorForm:
    name: str = ""
    kind: OperatorKind | None = None
    representative: str = ""
    phone: str = ""
    address: str = ""
    note: str = ""
    id: int | None = None
    revision: int | None = None
    """The operator's revision when the form was loaded: a save over a later one is refused."""


@dataclass(frozen=True)
class OperatorRow:
    id: int
    name: str
    kind: OperatorKind
    representative: str
    phone: str
    address: str
    house_count: int  # houses it runs (not archived)
    house_codes: tuple[str, ...]
    archived: bool

    def label(self) -> str:
        """ "노촌마을협의회 (마을협의회)" — what a combo box shows."""
        return f"{self.name} ({self.kind.label})"


class OperatorService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_operators(self, *, include_archived: bool = False) -> list[OperatorRow]:
        with self.ctx.read() as session:
            stmt = select(Operator).order_by(Operator.name)
            if not include_archived:
                stmt = stmt.where(Operator.archived_at.is_(None))
            operators = session.scalars(stmt).all()
            codes: dict[int, list[str]] = {}
            for op_id, code in session.execute(
                select(House.operator_id, House.code)
                .where(House.archived_at.is_(None), House.operator_id.is_not(None))
                .order_by(House.code)
            ):
                codes.setdefault(op_id, []).append(code)
            return [
                OperatorRow(
                    id=o.id,
                    name=o.name,
                    kind=o.kind,
                    representative=o.representative or "",
                    phone=o.phone or "",
                    address=o.address or "",
                    house_count=len(codes.get(o.id, [])),
                    house_codes=tuple(codes.get(o.id, [])),
                    archived=o.archived_at is not None,
                )
                for o in operators
            ]

    def load(self, operator_id: int) -> OperatorForm:
        with self.ctx.read() as session:
            o = _get(session, operator_id)
            return OperatorForm(
                name=o.name,
                kind=o.kind,
                representative=o.representative or "",
                phone=o.phone or "",
                address=o.address or "",
                note=o.note or "",
                id=o.id,
                revision=o.revision,
            )

    def validate(self, form: OperatorForm) -> list[RuleResult]:
        with self.ctx.read() as session:
            return _check(session, form)

    def save(self, form: OperatorForm) -> SavedRecord:
        """Write the operator (no program rule concerns an operator: only refusals)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            gate(_check(session, form), None)
            operator = _get(session, form.id) if form.id is not None else Operator()
            refuse_if_changed(session, operator, form, "operator")
            operator.name = (form.name or "").strip()
            operator.kind = form.kind  # type: ignore[assignment]
            operator.representative = clean(form.representative)
            operator.phone = clean(form.phone)
            operator.address = clean(form.address)
            operator.note = clean(form.note)
            if form.id is None:
                session.add(operator)
            session.flush()
            return saved_record(session, operator)

    def archive(self, operator_id: int, reason: str) -> None:
        """Archive an operator that runs no house any more (move its houses first)."""
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            operator = _get(session, operator_id)
            running = session.scalar(
                select(func.count(House.id)).where(
                    House.operator_id == operator_id, House.archived_at.is_(None)
                )
            )
            if running:
                raise FormRefused(
                    [
                        refuse(
                            None,
                            f"{operator.name}은(는) 귀농인의 집 {running}개소를 운영하고 "
                            "있습니다. 그 집들의 운영자를 먼저 바꾼 뒤 보관하세요.",
                            value=running,
                        )
                    ]
                )
            archive(operator, reason)

    def restore(self, operator_id: int) -> None:
        self.ctx.require(Permission.EDIT)
        with self.ctx.write() as session:
            operator = _get(session, operator_id)
            unarchive(operator)


def _get(session: Session, operator_id: int | None) -> Operator:
    operator = session.get(Operator, operator_id) if operator_id is not None else None
    if operator is None:
        raise FormRefused([refuse(None, "운영자를 찾을 수 없습니다.", code=NOT_FOUND)])
    return operator


def _check(session: Session, form: OperatorForm) -> list[RuleResult]:
    results: list[RuleResult] = []
    name = (form.name or "").strip()
    if not name:
        results.append(required("name", "운영자 이름"))
    else:
        other = session.scalar(select(Operator.id).where(Operator.name == name))
        if other is not None and other != form.id:
            results.append(
                refuse(
                    "name",
                    f"운영자 '{name}'은(는) 이미 있습니다. 목록에서 고르거나 다른 이름을 적으세요.",
                    code=DUPLICATE,
                    value=name,
                )
            )
    if form.kind is None:
        results.append(required("kind", "운영자 구분"))
    results += check_phone("phone", "연락처", form.phone)
    return results
