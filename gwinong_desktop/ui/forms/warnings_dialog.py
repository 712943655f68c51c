"""The warnings of a save: each broken rule, its source, the value against the limit, and a
reason box. "사유를 적고 저장" is enabled once every rule has a reason; "돌아가서 고치기" goes
back to the form with everything as typed."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.rules import RULE_SPECS, RuleKey, RuleResult
from gwinong_desktop.services.rule_gate import as_text, rule_label

STYLE = """
QFrame#warningCard { background: #fffaf0; border: 1px solid #ecd9a8; border-radius: 6px; }
QLabel#warningRule { font-weight: bold; color: #6b4a00; }
QLabel#warningSource { color: #5f6b64; }
QLabel#warningFacts { color: #33403a; }
"""


# rules whose found value is not in the rule's own unit: (unit of the value, unit of the limit)
_UNITS = {RuleKey.NATIONAL_SHARE_PCT.value: ("원", "%")}


def _with_unit(rule: str, value: object, *, limit: bool) -> str | None:
    """A value as text, with its unit when it is a number (2,500m², 7년, 15,000,000원)."""
    text = as_text(value)
    if text is None or isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return text
    if rule in _UNITS:
        return text + _UNITS[rule][1 if limit else 0]
    try:
        return text + RULE_SPECS[RuleKey(rule)].unit
    except ValueError:
        return text + ("원" if rule == "over_budget" else "")


class WarningsDialog(QDialog):
    """Asks a reason per broken rule; :meth:`reasons` after ``exec()`` returned Accepted."""

    def __init__(
        self,
        results: list[RuleResult],
        reasons: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("warningsDialog")
        self.setWindowTitle(self.tr("규칙 확인"))
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(620)
        self.reason_edits: dict[str, QLineEdit] = {}
        grouped: dict[str, list[RuleResult]] = {}
        for result in results:
            grouped.setdefault(result.rule, []).append(result)

        intro = QLabel(
            self.tr(
                "아래 규칙에 맞지 않습니다. 고치려면 '돌아가서 고치기'를 누르세요. 그대로 "
                "저장하려면 규칙마다 사유를 적으세요. 사유는 기록으로 남습니다."
            ),
            self,
        )
        intro.setWordWrap(True)

        body = QWidget()
        cards = QVBoxLayout(body)
        cards.setContentsMargins(0, 0, 0, 0)
        cards.setSpacing(10)
        for rule, items in grouped.items():
            cards.addWidget(self._card(rule, items, (reasons or {}).get(rule, "")))
        cards.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setMinimumHeight(min(140 + 150 * len(grouped), 460))

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("사유를 적고 저장"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveWithReasons")
        self.back_button = self.buttons.addButton(
            self.tr("돌아가서 고치기"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.back_button.setObjectName("backToForm")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._update()
        first = next(iter(self.reason_edits.values()), None)
        if first is not None:
            first.setFocus()

    def _card(self, rule: str, items: list[RuleResult], reason: str) -> QFrame:
        card = QFrame(self)
        card.setObjectName("warningCard")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        title = QLabel(rule_label(rule), card)
        title.setObjectName("warningRule")
        layout.addWidget(title)
        source = QLabel(self.tr("근거: {source}").format(source=items[0].source), card)
        source.setObjectName("warningSource")
        layout.addWidget(source)
        for item in items:
            message = QLabel(item.message, card)
            message.setWordWrap(True)
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(message)
            value = _with_unit(rule, item.value, limit=False)
            limit = _with_unit(rule, item.limit, limit=True)
            if value or limit:
                facts = QLabel(
                    self.tr("입력한 값: {value}  ·  기준: {limit}").format(
                        value=value or "—", limit=limit or "—"
                    ),
                    card,
                )
                facts.setObjectName("warningFacts")
                facts.setWordWrap(True)
                layout.addWidget(facts)
        edit = QLineEdit(reason, card)
        edit.setObjectName(f"reason_{rule}")
        edit.setPlaceholderText(self.tr("그래도 저장하는 사유를 적으세요"))
        edit.textChanged.connect(self._update)
        layout.addWidget(edit)
        self.reason_edits[rule] = edit
        return card

    def _update(self) -> None:
        ready = all(edit.text().strip() for edit in self.reason_edits.values())
        self.save_button.setEnabled(ready)

    def reasons(self) -> dict[str, str]:
        return {rule: edit.text().strip() for rule, edit in self.reason_edits.items()}
