"""Form fields that keep what the officer typed, parse it, and show what is wrong beside it.

Every value is typed into a plain line edit (dates, amounts, areas, counts), so an empty field
stays empty and a wrong one keeps its text. ``FieldSet`` keeps the widgets by the service's field
names (``HouseForm.rooms`` → ``"rooms"``), parses them (``ParseError`` for text that is not a
value, in Korean), and puts each refusal's message in a red line under its field (a rule's
warning in an amber one). The line goes as soon as the officer edits the field. A grey example in
an empty field reads "예: 1980", so it is never taken for a value.
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
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.money import parse_won
from gwinong_desktop.domain.periods import format_date_ko
from gwinong_desktop.domain.rules import RuleResult

from .inputs import inputs, on_edit

ERROR_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5300"
ERROR_STYLE = f"""
QLabel#fieldError {{ color: {ERROR_COLOUR}; }}
QLabel#fieldError[kind="warning"] {{ color: {WARNING_COLOUR}; }}
QLabel#formSummary {{
    color: {ERROR_COLOUR}; background: #fdf1f0; border: 1px solid #f1c7c3;
    border-radius: 4px; padding: 6px 8px;
}}
QLabel#formSummary[kind="warning"] {{
    color: {WARNING_COLOUR}; background: #fffaf0; border: 1px solid #ecd9a8;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {ERROR_COLOUR}; background: #fff7f6;
}}
QLineEdit[invalid="warning"], QComboBox[invalid="warning"], QPlainTextEdit[invalid="warning"] {{
    border: 1px solid #d09a1c; background: #fffaf0;
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
        self.on_cleared: Callable[[], None] | None = None
        """Called when an edit took a field's message away (the form updates its summary)."""

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
        error = error_line(box)
        column.addWidget(error)
        widget.setObjectName(widget.objectName() or f"field_{name}")
        form.addRow(label, box)
        self.attach(name, label, widget, error)
        if parser is not None:
            self._parsers[name] = parser
        return widget

    def attach(self, name: str, label: str, widget: QWidget, error: QLabel) -> None:
        """Field ``name`` is ``widget`` with ``error`` as its message line; editing anything in
        ``widget`` takes the message away."""
        self.widgets[name] = widget
        self.labels[name] = label
        self.errors[name] = error
        on_edit(widget, lambda: self.clear_error(name))

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

    def clear_error(self, name: str) -> None:
        """Take the message of field ``name`` away (the officer edited it)."""
        label = self.errors[name]
        if label.isHidden():
            return
        label.clear()
        label.hide()
        _mark(self.widgets[name], False)
        if self.on_cleared is not None:
            self.on_cleared()

    def marked(self) -> int:
        """How many fields show a message."""
        return len({id(label) for label in self.errors.values() if not label.isHidden()})

    def show_errors(
        self,
        results: Iterable[RuleResult | tuple[str | None, str]],
        *,
        warning: bool = False,
        focus: bool = True,
    ) -> list[str]:
        """Put each message under its field (a rule's ``warning`` in amber); return the messages
        without a field. ``focus``: bring the first marked field into view and focus it."""
        loose: list[str] = []
        shown: dict[str, list[str]] = {}
        for item in results:
            field, message = (item.field, item.message) if isinstance(item, RuleResult) else item
            key = _base(field) if field else None
            if key is None or key not in self.errors:
                loose.append(message)
                continue
            shown.setdefault(key, []).append(message)
        kind = "warning" if warning else "error"
        for key, messages in shown.items():
            label = self.errors[key]
            label.setText("\n".join(dict.fromkeys(messages)))
            restyle(label, "kind", kind)
            label.show()
            _mark(self.widgets[key], "warning" if warning else True)
        if focus:
            self.reveal(self.first_marked())
        return loose

    def first_marked(self) -> str | None:
        """The first field in the form's order that shows a message."""
        return next((name for name in self.widgets if not self.errors[name].isHidden()), None)

    def reveal(self, name: str | None) -> None:
        """Show field ``name`` (its tab, the scrolled part) and put the cursor in it."""
        if name is None:
            return
        widget = self.widgets[name]
        target = next(iter(inputs(widget)), widget)
        child, parent = target, target.parentWidget()
        while parent is not None:
            if isinstance(parent, QStackedWidget):
                tabs = parent.parentWidget()
                if isinstance(tabs, QTabWidget):
                    tabs.setCurrentWidget(child)
                else:
                    parent.setCurrentWidget(child)
            elif isinstance(parent, QScrollArea) and parent.widget() is not None:
                body = parent.widget().layout()
                if body is not None:
                    body.activate()
                parent.ensureWidgetVisible(self.errors[name].parentWidget() or target)
            child, parent = parent, parent.parentWidget()
        target.setFocus()

    def error_text(self, name: str) -> str:
        return self.errors[name].text() if not self.errors[name].isHidden() else ""


def error_line(parent: QWidget) -> QLabel:
    """The (hidden) red line under a field; wraps, so a long message is never cut off."""
    error = QLabel(parent)
    error.setObjectName("fieldError")
    error.setWordWrap(True)
    error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    error.hide()
    return error


def _base(field: str) -> str:
    """``obligations.2.amount`` → ``obligations``; others unchanged."""
    return field.split(".", 1)[0]


def _mark(widget: QWidget, state: bool | str) -> None:
    """``True``: refused (red), ``"warning"``: a rule's warning (amber), ``False``: plain."""
    restyle(widget, "invalid", "true" if state is True else (state or "false"))


def restyle(widget: QWidget, name: str, value: str) -> None:
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def example_text(example: str) -> str:
    """A grey example that reads as one: "예: 1980" (an example already written so is kept)."""
    if not example or example.startswith(_tr("예: ")):
        return example
    return _tr("예: {example}").format(example=example)


def line(example: str = "", *, width: int | None = None, text: str = "") -> QLineEdit:
    """A line edit showing ``example`` in grey while empty ("예: 66.12"); what to do when it
    is left empty goes in the field's ``hint``, not here."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(example_text(example))
    edit.setClearButtonEnabled(False)
    if width is not None:
        edit.setMaximumWidth(width)
    return edit


def completing_line(values: list[str], example: str = "") -> QLineEdit:
    edit = line(example)
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
