"""Form fields that keep what the officer typed, parse it, and show what is wrong beside it.

Every value is typed into a plain line edit (dates, amounts, areas, counts), so an empty field
stays empty and a wrong one keeps its text. ``FieldSet`` keeps the widgets by the service's field
names (``HouseForm.rooms`` → ``"rooms"``), parses them (``ParseError`` for text that is not a
value, in Korean), and puts each refusal's message in a red line under its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.money import parse_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import RuleResult

ERROR_COLOUR = "#b3261e"
ERROR_STYLE = f"""
QLabel#fieldError {{ color: {ERROR_COLOUR}; }}
QLabel#formSummary {{
    color: {ERROR_COLOUR}; background: #fdf1f0; border: 1px solid #f1c7c3;
    border-radius: 4px; padding: 6px 8px;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {ERROR_COLOUR}; background: #fff7f6;
}}
QGroupBox {{ font-weight: bold; color: #2b3830; }}
QLabel#formHint {{ color: #5f6b64; }}
"""

_DATE = re.compile(r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})\s*[.일]?")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormFields", text)


class ParseError(ValueError):
    """What was typed is not a value of the field's kind (``message`` is Korean)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date_text(text: str) -> date | None:
    """``"2024.3.1."``, ``"2024-03-01"``, ``"2024/3/1"``, ``"2024년 3월 1일"``, ``"20240301"``."""
    value = text.strip()
    if not value:
        return None
    match = _DATE.fullmatch(value)
    if match is None and value.isdigit() and len(value) == 8:
        parts: tuple[str, ...] = (value[:4], value[4:6], value[6:])
    elif match is not None:
        parts = match.groups()
    else:
        raise ParseError(
            _tr("날짜가 아닙니다: '{text}'. 2024.3.1. 처럼 적으세요.").format(text=value)
        )
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ParseError(_tr("없는 날짜입니다: '{text}'.").format(text=value)) from None


def parse_int_text(text: str, *, unit: str = "") -> int | None:
    value = text.strip().replace(",", "")
    if unit:
        value = value.removesuffix(unit).strip()
    if not value:
        return None
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    raise ParseError(_tr("숫자가 아닙니다: '{text}'. 숫자만 적으세요.").format(text=text.strip()))


def parse_area_text(text: str) -> Decimal | None:
    value = text.strip().replace(",", "")
    for unit in ("m²", "㎡", "m2", "제곱미터"):
        value = value.removesuffix(unit).strip()
    if not value:
        return None
    if value.endswith("평"):
        raise ParseError(_tr("면적은 m²로 적으세요 (1평 = 3.3058m²): '{text}'.").format(text=text))
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ParseError(
            _tr("면적이 아닙니다: '{text}'. 66.12 처럼 m² 숫자로 적으세요.").format(text=text)
        ) from None
    if not number.is_finite():
        raise ParseError(_tr("면적이 아닙니다: '{text}'.").format(text=text))
    return number


def parse_money_text(text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    negative = value.startswith(("-", "−", "△"))
    try:
        amount = parse_won(value.lstrip("-−△").strip() if negative else value)
    except ValueError as exc:
        raise ParseError(str(exc)) from None
    return -amount if negative else amount


def date_text(value: date | None) -> str:
    return format_date_ko(value) if value else ""


def money_text(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def area_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class FieldSet:
    """The widgets of one form by field name, with an error line under each."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        self.errors: dict[str, QLabel] = {}
        self._parsers: dict[str, Callable[[], Any]] = {}

    def add(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        widget: QWidget,
        parser: Callable[[], Any] | None = None,
        hint: str = "",
    ) -> QWidget:
        """Add a row "label | widget (+ hint, + error line)" to ``form``."""
        box = QWidget(self.owner)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint, box)
            note.setObjectName("formHint")
            note.setWordWrap(True)
            column.addWidget(note)
        error = QLabel(box)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        widget.setObjectName(widget.objectName() or f"field_{name}")
        form.addRow(label, box)
        self.widgets[name] = widget
        self.labels[name] = label
        self.errors[name] = error
        if parser is not None:
            self._parsers[name] = parser
        return widget

    def alias(self, name: str, target: str) -> None:
        """Show errors for ``name`` (a service field) under the widget of ``target``."""
        self.widgets[name] = self.widgets[target]
        self.errors[name] = self.errors[target]
        self.labels[name] = self.labels[target]

    def parse(self, name: str, default: Any = None) -> tuple[Any, str | None]:
        try:
            return self._parsers[name](), None
        except ParseError as exc:
            return default, f"{self.labels[name]}: {exc.message}"

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            _mark(self.widgets[name], False)

    def show_errors(self, results: Iterable[RuleResult | tuple[str | None, str]]) -> list[str]:
        """Put each message under its field; return the messages without a field."""
        loose: list[str] = []
        shown: dict[str, list[str]] = {}
        for item in results:
            field, message = (item.field, item.message) if isinstance(item, RuleResult) else item
            key = _base(field) if field else None
            if key is None or key not in self.errors:
                loose.append(message)
                continue
            shown.setdefault(key, []).append(message)
        for key, messages in shown.items():
            label = self.errors[key]
            label.setText("\n".join(dict.fromkeys(messages)))
            label.show()
            _mark(self.widgets[key], True)
        first = next(iter(shown), None)
        if first is not None:
            self.widgets[first].setFocus()
        return loose

    def error_text(self, name: str) -> str:
        return self.errors[name].text() if not self.errors[name].isHidden() else ""


def _base(field: str) -> str:
    """``obligations.2.amount`` → ``obligations``; others unchanged."""
    return field.split(".", 1)[0]


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def line(placeholder: str = "", *, width: int | None = None, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    if width is not None:
        edit.setMaximumWidth(width)
    return edit


def completing_line(values: list[str], placeholder: str = "") -> QLineEdit:
    edit = line(placeholder)
    completer = QCompleter(values, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


def text_box(text: str = "", height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


def enum_combo(members: Iterable[Any], *, blank: str = "") -> QComboBox:
    """A combo of an enum's Korean labels (item data: the member); ``blank`` adds "choose"."""
    combo = QComboBox()
    if blank:
        combo.addItem(blank, None)
    for member in members:
        combo.addItem(member.label, member)
    return combo


def enum_value(combo: QComboBox, enum_cls: Any) -> Any:
    """The chosen member (Qt hands a StrEnum back as its plain string), or None."""
    data = combo.currentData()
    return None if data is None else enum_cls(data)


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
