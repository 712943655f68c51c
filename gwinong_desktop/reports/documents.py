"""Printed documents as HTML for Qt's ``QTextDocument`` (rendered to PDF and printed in
``ui/printing``): the receipt of a rent payment (영수증) and the deposit settlement letter
(보증금 정산서). The data comes from the services as plain values, in full: a receipt is handed
to the person it names.

Only the HTML subset ``QTextDocument`` lays out is used: tables with ``border``/``cellpadding``
attributes, widths in per cent, font sizes in points, ``align``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from gwinong_desktop.domain.enums import ReportKind
from gwinong_desktop.domain.money import format_won, hangul_won
from gwinong_desktop.domain.text import xml_safe

FONT_FAMILY = "NanumBarunGothic"  # shipped in resources/fonts (SIL OFL)


@dataclass(frozen=True)
class PrintDocument:
    """A document ready to print: its archive kind and year, a title, the HTML, and the file
    name offered when saving it as PDF."""

    kind: ReportKind
    year: int
    month: int | None
    title: str
    html: str
    file_name: str
    entity: str  # the access record's kind of record
    entity_uid: str


@dataclass(frozen=True)
class Issuer:
    """Who issues a document: the county, its office, the officer, and the day."""

    county: str
    office: str  # "농업기술센터 귀농귀촌팀"
    officer: str
    phone: str
    issued_on: date


@dataclass(frozen=True)
class ReceiptData:
    number: str  # "2025-000123"
    house_code: str
    house_address: str
    resident: str
    month: date  # 대상월 (first day)
    amount: int
    paid_on: date
    method: str
    note: str
    uid: str


@dataclass(frozen=True)
class Deduction:
    reason: str
    amount: int | None  # None: the reason names no amount of its own


@dataclass(frozen=True)
class DepositLetterData:
    number: str
    house_code: str
    house_address: str
    resident: str
    period: str  # the stay: "2024.3.1.~2026.2.28."
    held: int
    received_on: date
    deductions: Sequence[Deduction]
    returned: int
    returned_on: date
    uid: str


def _t(value: object) -> str:
    return escape(xml_safe(str(value)), quote=True)


def _long_date(d: date) -> str:
    return f"{d.year}년 {d.month}월 {d.day}일"


_PAGE = (
    '<html><head><meta charset="utf-8"></head>'
    f"<body style=\"font-family: '{FONT_FAMILY}'; font-size: 11pt;\">{{body}}</body></html>"
)


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    return "".join(
        f'<tr><td width="26%" bgcolor="#eef2f6"><b>{_t(k)}</b></td><td>{v}</td></tr>'
        for k, v in rows
    )


def _table(rows: Sequence[tuple[str, str]]) -> str:
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="7" '
        f'style="border-collapse: collapse; border-color: #555555;">{_rows(rows)}</table>'
    )


def _signature(issuer: Issuer) -> str:
    """The issuing office and officer, "(직인)" where the official seal is stamped over it (as
    Korean official documents place it; a plain paragraph: a nested table costs a tenth of the
    document's time to print)."""
    who = " ".join(p for p in (issuer.county, issuer.office) if p)
    officer = f"담당자 {_t(issuer.officer)}" if issuer.officer else ""
    phone = f"(전화 {_t(issuer.phone)})" if issuer.phone else ""
    return (
        f'<p align="right" style="font-size: 15pt;"><b>{_t(who)}</b>&nbsp;&nbsp;&nbsp;'
        '<span style="color: #999999; font-size: 12pt;">(직인)</span></p>'
        f'<p align="right" style="font-size: 10pt;">{officer} {phone}</p>'
    )


def _page(
    number: str,
    title: str,
    subtitle: str,
    rows: Sequence[tuple[str, str]],
    statement: str,
    issuer: Issuer,
) -> str:
    """A one-page document: its number, title, the table of ``rows``, the statement, the date
    and the issuer with the seal's space."""
    big = 'align="center" style="font-size: 13pt;"'
    body = (
        f'<p align="right" style="font-size: 9pt;">No. {_t(number)}</p>'
        f'<h1 align="center" style="font-size: 24pt;">{_t(title)}</h1>'
        f'<p align="center" style="font-size: 12pt;">{_t(subtitle)}</p>'
        f"<br/>{_table(rows)}<br/>"
        f"<p {big}>{_t(statement)}</p><br/>"
        f"<p {big}>{_t(_long_date(issuer.issued_on))}</p><br/>"
        f"{_signature(issuer)}"
    )
    return _PAGE.format(body=body)


def receipt_html(data: ReceiptData, issuer: Issuer) -> str:
    month = f"{data.month.year}년 {data.month.month}월분"
    amount = f"<b>{_t(format_won(data.amount))}</b> (일금 {_t(hangul_won(data.amount))}정)"
    rows = [
        ("영수증 번호", _t(data.number)),
        ("귀농인의 집", _t(f"{data.house_code} · {data.house_address}")),
        ("입주자", _t(data.resident)),
        ("대상월", _t(month)),
        ("금액", amount),
        ("납부일", _t(_long_date(data.paid_on))),
        ("납부 방법", _t(data.method or "-")),
    ]
    if data.note:
        rows.append(("비고", _t(data.note)))
    statement = f"위 금액을 {month} 임대료로 정히 영수합니다."
    return _page(
        data.number, "영 수 증", f"{issuer.county} 귀농인의 집 임대료", rows, statement, issuer
    )


_AMOUNT = re.compile(r"^(?P<reason>.*?)[\s:：]*(?P<amount>\d{1,3}(?:,\d{3})+|\d+)\s*원\s*$")


def parse_deductions(text: str | None, total: int) -> list[Deduction]:
    """The deductions written in a deposit's reason (one a line, or separated by ";"): lines
    ending in an amount ("청소비 50,000원") become items when their amounts add up to ``total``;
    otherwise the whole text is one reason for the whole deduction."""
    lines = [p.strip() for p in re.split(r"[\n;]", text or "") if p.strip()]
    items: list[Deduction] = []
    for line in lines:
        found = _AMOUNT.match(line)
        if not found:
            break
        items.append(
            Deduction(found["reason"].strip() or "공제", int(found["amount"].replace(",", "")))
        )
    else:
        if items and sum(i.amount or 0 for i in items) == total:
            return items
    if not total and not lines:
        return []
    return [Deduction(" / ".join(lines) or "사유 적지 않음", total)]


def deposit_letter_html(data: DepositLetterData, issuer: Issuer) -> str:
    deducted = data.held - data.returned
    items = (
        "".join(
            f'<tr><td>{_t(d.reason)}</td><td align="right">'
            f"{_t(format_won(d.amount)) if d.amount is not None else ''}</td></tr>"
            for d in data.deductions
        )
        or '<tr><td colspan="2">공제 없음</td></tr>'
    )
    deductions = (
        '<table width="100%" border="1" cellspacing="0" cellpadding="5" '
        'style="border-collapse: collapse; border-color: #999999;">'
        '<tr bgcolor="#f5f5f5"><td><b>공제 사유</b></td><td width="30%" align="right">'
        f"<b>금액</b></td></tr>{items}</table>"
    )
    rows = [
        ("정산서 번호", _t(data.number)),
        ("귀농인의 집", _t(f"{data.house_code} · {data.house_address}")),
        ("입주자", _t(data.resident)),
        ("입주 기간", _t(data.period)),
        ("받은 보증금", f"{_t(format_won(data.held))} ({_t(_long_date(data.received_on))} 받음)"),
        ("공제액", f"{_t(format_won(deducted))}<br/>{deductions}"),
        (
            "반환액",
            f"<b>{_t(format_won(data.returned))}</b> (일금 {_t(hangul_won(data.returned))}정)",
        ),
        ("반환일", _t(_long_date(data.returned_on))),
    ]
    statement = "위와 같이 보증금을 정산하여 반환합니다."
    return _page(
        data.number, "보증금 정산서", f"{issuer.county} 귀농인의 집", rows, statement, issuer
    )


def receipt_document(data: ReceiptData, issuer: Issuer) -> PrintDocument:
    return PrintDocument(
        kind=ReportKind.RECEIPT, year=data.paid_on.year, month=data.month.month,
        title=f"영수증 {data.number} — {data.resident}, {data.month.year}년 {data.month.month}월분",
        html=receipt_html(data, issuer),
        file_name=f"영수증_{data.number}_{data.month:%Y-%m}.pdf",
        entity="payment", entity_uid=data.uid,
    )  # fmt: skip


def deposit_letter_document(data: DepositLetterData, issuer: Issuer) -> PrintDocument:
    return PrintDocument(
        kind=ReportKind.DEPOSIT_SETTLEMENT, year=data.returned_on.year, month=None,
        title=f"보증금 정산서 {data.number} — {data.resident}",
        html=deposit_letter_html(data, issuer),
        file_name=f"보증금정산서_{data.number}.pdf",
        entity="deposit", entity_uid=data.uid,
    )  # fmt: skip
