"""설정 › 여러 PC에서 함께 쓰기: moving this folder's records up to a PostgreSQL server.

The officer (관리자: the use case needs ``RESTORE``) types the server's address and, if the
server asks for one, its password (used for this move and this run only, never stored), reads
what will happen, confirms, and the move runs behind a modal progress dialog with a cancel: a
cancel before the final commit leaves everything as it was, and nothing else may write
meanwhile. Afterwards the same ``Services`` work on the server; the window reloads what it shows
(``sig_moved``). A refusal is shown under the field it concerns (a typo in the address, a wrong
password), else under the form; what was typed stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwinong_desktop.domain.errors import ExitCode, Refusal
from gwinong_desktop.domain.progress import Cancelled

from ..forms.fields import ERROR_STYLE, FieldSet, line
from ..progress import TaskFailed, run_with_progress
from ..register_settings.rule_values import STYLE

if TYPE_CHECKING:
    from gwinong_desktop.services import Services

EXAMPLE = "postgresql://사용자@서버주소:5432/데이터베이스"


class ServerPanel(QWidget):
    """Where the folder's database is, and the move up to a server (a 설정 panel)."""

    sig_moved = Signal(object)
    """The records were moved and the program now works on the server; carries ``Moved``."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPanel")
        self.setStyleSheet(STYLE + ERROR_STYLE)
        self.services = services
        self.fields = FieldSet(self)
        heading = QLabel(self.tr("여러 PC에서 함께 쓰기 (데이터베이스 서버)"), self)
        heading.setObjectName("panelHeading")
        self.where = QLabel(self)
        self.where.setObjectName("serverWhere")
        self.where.setWordWrap(True)
        self.explain = QLabel(self._explanation(), self)
        self.explain.setObjectName("panelBlurb")
        self.explain.setWordWrap(True)

        form = QFormLayout()
        self.address = self.fields.add(
            form, "address", self.tr("서버 주소"), line(EXAMPLE, width=460),
            hint=self.tr("서버 관리자에게 받은 주소. 비밀번호는 주소에 넣지 말고 아래 칸에."),
        )  # fmt: skip
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(240)
        self.password.setPlaceholderText(self.tr("서버가 요구할 때만"))
        self.fields.add(
            form, "password", self.tr("비밀번호"), self.password,
            hint=self.tr("이번 옮기기와 이 실행에만 쓰고 어디에도 저장하지 않습니다."),
        )  # fmt: skip
        self.move_button = QPushButton(self.tr("서버로 옮기기…"), self)
        self.move_button.setObjectName("moveToServer")
        self.move_button.clicked.connect(self.move_up)
        self.address.textChanged.connect(self._update_button)
        self.error = QLabel(self)
        self.error.setObjectName("panelError")
        self.error.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("panelStatus")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.move_button)
        bar.addWidget(self.status, 1)

        self.form_box = QWidget(self)
        box = QVBoxLayout(self.form_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.explain)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.where)
        layout.addWidget(self.form_box)
        self.refresh()

    def _explanation(self) -> str:
        return self.tr(
            "사무실의 여러 PC가 같은 자료를 함께 쓰려면 이 PC의 자료를 PostgreSQL 서버의 빈 "
            "데이터베이스로 옮깁니다.\n"
            "① 모든 자료를 서버에 한 번에 복사합니다.\n"
            "② 표마다 건수와 내용을 원래 자료와 비교해, 모두 같을 때만 확정합니다.\n"
            "③ 그다음 이 데이터 폴더가 서버를 쓰도록 바뀝니다. 사진·첨부서류·보고서·백업 "
            "파일은 이 폴더에 그대로 있습니다.\n"
            "④ 이 PC의 원래 데이터베이스 파일은 지우지 않고 이름을 바꿔 남깁니다.\n"
            "확정하기 전에 취소하거나 문제가 생기면 아무것도 바뀌지 않습니다. 옮기는 동안에는 "
            "다른 작업을 할 수 없습니다."
        )

    def refresh(self) -> None:
        """Show where the data is; the form only while it is this PC's file."""
        server = self.services.safety.server
        if server is None:
            self.where.setText(self.tr("지금 자료는 이 PC의 데이터베이스 파일에 있습니다."))
        else:
            self.where.setText(
                self.tr("이 데이터 폴더는 서버의 데이터베이스를 씁니다: {url}").format(url=server)
            )
        self.form_box.setVisible(server is None)
        self._update_button()

    def _update_button(self) -> None:
        self.move_button.setEnabled(bool(self.address.text().strip()))

    # --- the move -----------------------------------------------------------------------------

    def move_up(self) -> bool:
        """Check the address, confirm, move behind a progress dialog, tell the officer."""
        self.fields.clear_errors()
        self.error.clear()
        safety = self.services.safety
        typed = self.address.text()
        try:
            url = safety.server_address(typed)
        except Refusal as exc:
            self.fields.show_errors([("address", exc.message)])
            return False
        if not self._confirm(url):
            return False
        password = self.password.text() or None
        try:
            moved, warning = run_with_progress(
                self.tr("자료를 서버로 옮기는 중…"),
                lambda state: safety.move_to_server(typed, password=password, state=state),
                parent=self,
                title=self.tr("서버로 옮기기"),
            )
        except Cancelled:
            self.status.setText(self.tr("취소했습니다. 아무것도 바뀌지 않았습니다."))
            return False
        except TaskFailed as exc:
            self._show_failure(exc)
            return False
        self.password.clear()
        self.refresh()
        self._tell(moved, warning)
        self.sig_moved.emit(moved)
        return True

    def _confirm(self, url: str) -> bool:
        text = self.tr(
            "이 PC의 자료를 서버로 옮깁니다.\n\n서버: {url}\n\n"
            "옮긴 뒤에는 이 데이터 폴더가 서버를 씁니다. 원래 파일은 이름을 바꿔 남깁니다. "
            "서버의 데이터베이스는 비어 있어야 합니다. 계속할까요?"
        ).format(url=url)
        answer = QMessageBox.question(
            self,
            self.tr("서버로 옮기기"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _show_failure(self, exc: TaskFailed) -> None:
        error: Any = exc.error
        message = error.message if isinstance(error, Refusal) else exc.message
        field = None
        if isinstance(error, Refusal) and error.exit_code == ExitCode.SERVER_UNREACHABLE:
            field = "password" if "비밀번호" in message else "address"
        if field is None:
            self.error.setText(message)
        else:
            self.fields.show_errors([(field, message)])
        self.status.clear()  # the message itself says the PC's data was left as it was

    def _tell(self, moved: Any, warning: str | None) -> None:
        rows = sum(t.rows for t in moved.tables)
        text = self.tr(
            "서버로 옮겼습니다: {url}\n표 {tables}개, 행 {rows}개가 원래와 같음을 확인했습니다.\n"
            "이 PC의 원래 파일은 지우지 않고 남겼습니다: {kept}\n\n"
            "이 창은 이제 서버의 자료를 보여 줍니다. 다른 PC에서는 같은 서버 주소로 "
            "데이터 폴더를 지정해 쓰면 됩니다."
        ).format(url=moved.url, tables=len(moved.tables), rows=f"{rows:,}",
                 kept=moved.kept_file.name)  # fmt: skip
        self.status.setText(self.tr("서버로 옮겼습니다."))
        if warning:
            QMessageBox.warning(self, self.tr("서버로 옮기기"), text + "\n\n" + warning)
        else:
            QMessageBox.information(self, self.tr("서버로 옮기기"), text)
