"""What an officer can type or choose inside a widget, generically.

``inputs(root)`` lists the input widgets under ``root`` that belong to its window (line and text
edits, combos, spin and date boxes, check boxes, item views such as the line tables); ``value``
reads what one holds, as something comparable; ``on_edit`` calls back when the officer changes
it. Forms use these to tell whether anything was changed (``guard.DiscardGuard``) and to clear
an error line once its field is edited (``fields.FieldSet``), with no code per field: a field
added later is covered as soon as it is in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QSpinBox,
    QTextEdit,
    QWidget,
)

NO_VALUE = object()
"""What :func:`value` gives for a widget that holds nothing typed or chosen."""

# the roles that carry what was typed or chosen (not colours or fonts a form sets itself)
VALUE_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.UserRole,
)
_ROLE_NUMBERS = frozenset(role.value for role in VALUE_ROLES)
MAX_VIEW_CELLS = 20_000
"""Item views larger than this are lists to look at, not forms: only their size is compared."""


def _part_of_another_input(widget: QWidget) -> bool:
    """The line edit inside a spin box or an editable combo (the outer widget holds the value)."""
    return isinstance(widget, QLineEdit) and isinstance(
        widget.parent(), QAbstractSpinBox | QComboBox
    )


def value(widget: QWidget) -> Any:
    """What ``widget`` holds, comparable with ``==``; :data:`NO_VALUE` for non-inputs."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toHtml() if widget.acceptRichText() else widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText(), widget.currentData())
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton | QGroupBox):
        return widget.isChecked() if widget.isCheckable() else NO_VALUE
    if isinstance(widget, QSlider):
        return widget.value()
    if isinstance(widget, QAbstractItemView):
        return _view_value(widget)
    return NO_VALUE


def _view_value(view: QAbstractItemView) -> Any:
    model = view.model()
    if model is None:
        return NO_VALUE
    rows = model.rowCount(QModelIndex())
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    if rows * columns > MAX_VIEW_CELLS:
        return (rows, columns)
    cells = []
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            cells.append(tuple(_plain(model.data(index, role)) for role in VALUE_ROLES))
    return (rows, columns, tuple(cells))


def _plain(data: Any) -> Any:
    """Item data as a comparable value (enum members and numbers as they are, others as text)."""
    if data is None or isinstance(data, str | int | float | bool):
        return data
    return repr(data)


def inputs(root: QWidget) -> list[QWidget]:
    """The input widgets under ``root`` (``root`` itself included) shown in ``root``'s window:
    not those of dialogs opened from it, nor popups, nor the parts of a spin box or combo."""
    window = root.window()
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        if widget.window() is not window or _part_of_another_input(widget):
            continue
        if value(widget) is not NO_VALUE:
            found.append(widget)
    return found


def editing(root: QWidget) -> bool:
    """Whether a cell editor is open under ``root`` (its text is not in the table yet)."""
    return any(
        view.state() == QAbstractItemView.State.EditingState
        for view in root.findChildren(QAbstractItemView)
    )


def on_edit(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever the officer changes what ``widget`` (or any input in it)
    holds. Item views report typed cells, rows added and removed, not colours set by code."""
    for target in inputs(widget) or [widget]:
        _connect(target, callback)


def _connect(widget: QWidget, callback: Callable[[], None]) -> None:
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda _text: callback())
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.textChanged.connect(callback)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(lambda _index: callback())
        widget.editTextChanged.connect(lambda _text: callback())
    elif isinstance(widget, QDateTimeEdit):
        widget.dateTimeChanged.connect(lambda _when: callback())
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(callback)
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(lambda _value: callback())
    elif isinstance(widget, QAbstractButton | QGroupBox):
        widget.toggled.connect(lambda _on: callback())
    elif isinstance(widget, QSlider):
        widget.valueChanged.connect(lambda _value: callback())
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()

        def changed(_first: Any, _last: Any, roles: list[int] | None = None) -> None:
            if not roles or any(getattr(r, "value", r) in _ROLE_NUMBERS for r in roles):
                callback()

        model.dataChanged.connect(changed)
        model.rowsInserted.connect(lambda *_: callback())
        model.rowsRemoved.connect(lambda *_: callback())
