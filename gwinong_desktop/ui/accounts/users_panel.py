"""The 설정 page's sections for accounts and security.

``UsersPanel``: the accounts of the data folder — add, change the role, set a new password, lift a
lock, stop or resume an account (administrators only; everyone may change their own password).
``SecurityPanel``: the idle lock's minutes, where the encryption key lives, and the access records.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.enums import Role
from gwinong_desktop.domain.errors import Refusal
from gwinong_desktop.domain.permissions import Actor, Permission
from gwinong_desktop.services import Services
from gwinong_desktop.services.accounts import IDLE_RANGE, UserRow

from ..forms.guard import DiscardGuard
from .dialogs import NOTE_STYLE, busy_call
from .user_dialogs import OwnPasswordDialog, UserDialog

ROLE_HELP = (
    "관리자: 모든 작업과 계정 관리 · 담당자: 자료 입력·수정, 개인정보 보기, 관리대장 내보내기 · "
    "열람: 보기만 (개인정보는 가려서 보임)"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersPanel", text)


def state_text(user: UserRow) -> str:
    if not user.active:
        return _tr("사용 중지")
    if user.locked:
        return _tr("잠김 (로그인 실패)")
    if not user.has_password:
        return _tr("비밀번호 없음")
    return _tr("사용 중")


class UsersPanel(QWidget):
    """The folder's accounts; changes need the administrator's ``MANAGE_USERS``."""

    sig_users_changed = Signal()
    """An account was added or changed."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPanel")
        self.services = services
        self.actor = actor
        self.manage = actor.may(Permission.MANAGE_USERS)
        self.users: list[UserRow] = []

        box = QGroupBox(_tr("사용자 계정"), self)
        layout = QVBoxLayout(box)
        self.table = QTableWidget(0, 4, box)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([_tr("아이디"), _tr("이름"), _tr("권한"), _tr("상태")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(220)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.add_button = self._button(_tr("사용자 추가…"), "addUser", self.add_user, row)
        self.role_button = self._button(_tr("권한 바꾸기…"), "changeRole", self.change_role, row)
        self.reset_button = self._button(
            _tr("비밀번호 새로 정하기…"), "resetPassword", self.reset_password, row
        )
        self.unlock_button = self._button(_tr("잠금 풀기"), "unlockUser", self.unlock, row)
        self.active_button = self._button(_tr("사용 중지"), "toggleActive", self.toggle_active, row)
        row.addStretch(1)
        self.own_button = self._button(
            _tr("내 비밀번호 바꾸기…"), "ownPassword", self.change_own_password, row
        )
        layout.addLayout(row)
        help_label = QLabel(_tr(ROLE_HELP), box)
        help_label.setWordWrap(True)
        help_label.setStyleSheet(NOTE_STYLE)
        layout.addWidget(help_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.refresh()

    def _button(self, text: str, name: str, slot, row: QHBoxLayout) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    @property
    def accounts(self):  # type: ignore[no-untyped-def]
        return self.services.accounts

    def refresh(self) -> None:
        self.users = self.accounts.list_users()
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            values = (user.username, user.display_name, user.role.label, state_text(user))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not user.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        for r, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.add_button.setVisible(self.manage)
        for button in (self.role_button, self.reset_button, self.unlock_button, self.active_button):
            button.setVisible(self.manage)
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(bool(user and user.locked))
        self.active_button.setText(
            _tr("다시 사용") if user is not None and not user.active else _tr("사용 중지")
        )
        self.own_button.setVisible(self.actor.user_id is not None)

    def _run(self, fn, *args) -> bool:  # type: ignore[no-untyped-def]
        try:
            busy_call(fn, *args)
        except Refusal as exc:
            QMessageBox.warning(self, _tr("사용자 계정"), exc.message)
            return False
        self.refresh()
        self.sig_users_changed.emit()
        return True

    def add_user(self) -> None:
        dialog = UserDialog(self.accounts, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select(dialog.username.text().strip())
            self.sig_users_changed.emit()

    def change_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        labels = [role.label for role in Role]
        label, ok = QInputDialog.getItem(
            self,
            _tr("권한 바꾸기"),
            _tr("{name}의 권한:").format(name=f"{user.display_name} ({user.username})"),
            labels,
            labels.index(user.role.label),
            False,
        )
        if ok:
            self._run(self.accounts.change_role, user.uid, list(Role)[labels.index(label)])

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None and UserDialog(self.accounts, self, user).exec():
            self.refresh()

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._run(self.accounts.unlock, user.uid)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.active:
            text = _tr(
                "{name} 계정을 사용 중지할까요? 그 계정으로는 로그인할 수 없게 됩니다. "
                "기록은 그대로 남습니다."
            ).format(name=f"{user.display_name} ({user.username})")
            answer = QMessageBox.question(self, _tr("사용 중지"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(self.accounts.set_active, user.uid, not user.active)

    def change_own_password(self) -> None:
        if OwnPasswordDialog(self.accounts, self.actor, self).exec():
            QMessageBox.information(
                self, _tr("내 비밀번호 바꾸기"), _tr("비밀번호를 바꾸었습니다.")
            )


SAVED_STYLE = "color: #2f7d32;"  # the green every panel's "저장했습니다" uses


class SecurityPanel(QWidget):
    """The idle lock's minutes (administrators), the key's place, and the access records."""

    sig_idle_minutes_changed = Signal(int)
    """The idle time was saved; carries the minutes (connect ``IdleLock.set_idle_minutes``)."""

    sig_open_audit = Signal()
    """The officer asked for the access records (the panel opens ``AuditViewer`` itself too)."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityPanel")
        self.services = services
        self.actor = actor
        box = QGroupBox(_tr("보안"), self)
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.idle = QSpinBox(box)
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(*IDLE_RANGE)
        self.idle.setSuffix(_tr(" 분"))
        self.idle.setValue(services.accounts.idle_minutes())
        self.save_button = QPushButton(_tr("저장"), box)
        self.save_button.setObjectName("saveIdle")
        self.save_button.clicked.connect(self.save)
        row.addWidget(QLabel(_tr("입력이 없으면"), box))
        row.addWidget(self.idle)
        row.addWidget(QLabel(_tr("뒤에 화면을 잠급니다"), box))
        row.addWidget(self.save_button)
        self.idle_saved = QLabel(box)
        self.idle_saved.setObjectName("idleSaved")
        self.idle_saved.setStyleSheet(SAVED_STYLE)
        row.addWidget(self.idle_saved)
        row.addStretch(1)
        form.addRow(_tr("자동 잠금"), row)
        self.idle.valueChanged.connect(lambda _v: self.idle_saved.clear())
        may_set = actor.may(Permission.SECURITY_SETTINGS)
        self.idle.setEnabled(may_set)
        self.save_button.setVisible(may_set)

        key = QLabel(
            _tr("이 PC의 {path} (데이터 폴더를 복사해 가도 주민등록번호는 열리지 않습니다)").format(
                path=services.key_folder()
            ),
            box,
        )
        key.setObjectName("keyFolder")
        key.setWordWrap(True)
        key.setStyleSheet(NOTE_STYLE)
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_tr("암호화 키"), key)

        self.audit_button = QPushButton(_tr("접속·변경 기록 보기…"), box)
        self.audit_button.setObjectName("openAudit")
        self.audit_button.clicked.connect(self.open_audit)
        audit_row = QHBoxLayout()
        audit_row.addWidget(self.audit_button)
        note = QLabel(_tr("로그인, 개인정보 열람, 변경, 내보내기 기록 (지우지 않고 보관)"), box)
        note.setStyleSheet(NOTE_STYLE)
        audit_row.addWidget(note, 1)
        form.addRow(_tr("기록"), audit_row)
        self.audit_button.setVisible(actor.may(Permission.VIEW_AUDIT))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.viewer = None
        self.guard = DiscardGuard(self, save=self.save, root=self.idle, title=_tr("자동 잠금"))
        self.guard.baseline()
        self.sig_idle_minutes_changed.connect(lambda _minutes: self.guard.baseline())

    def save(self) -> None:
        try:
            minutes = self.services.accounts.set_idle_minutes(self.idle.value())
        except Refusal as exc:
            QMessageBox.warning(self, _tr("자동 잠금"), exc.message)
            return
        self.idle_saved.setText(
            _tr("저장했습니다: {minutes}분 동안 입력이 없으면 화면을 잠급니다.").format(
                minutes=minutes
            )
        )
        self.sig_idle_minutes_changed.emit(minutes)

    def open_audit(self) -> None:
        from .audit_viewer import AuditViewer

        self.sig_open_audit.emit()
        if self.viewer is None or not self.viewer.isVisible():
            try:
                self.viewer = AuditViewer(self.services, self.actor, self.window())
            except Refusal as exc:
                QMessageBox.warning(self, _tr("접속·변경 기록"), exc.message)
                return
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
