"""Who may do what: the roles' permissions in one place, and the signed-in ``Actor``.

Roles (``enums.Role``): 관리자 may do everything; 담당자 does the daily work with residents'
personal data but does not manage accounts, restore backups or read the access records; 열람 sees
the records with personal data masked and changes nothing (it may export a list as it sees it).
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .enums import Role
from .errors import ExitCode, Refusal


class Permission(Enum):
    EDIT = "자료 입력·수정"
    IMPORT = "관리대장 가져오기"
    SEE_PERSONAL = "개인정보 전체 보기"
    EXPORT_LIST = "목록 내보내기"  # a list as shown, personal data masked (every role)
    EXPORT_PERSONAL = "개인정보를 포함한 내보내기"
    EXPORT_REGISTER = "관리대장 통합 문서 내보내기"
    REVEAL_RRN = "주민등록번호 보기"
    BACKUP = "백업 파일 만들기"
    REPAIR = "데이터 점검의 복구"
    RESTORE = "백업에서 복원"
    MANAGE_USERS = "사용자 계정 관리"
    SECURITY_SETTINGS = "보안 설정 변경"
    VIEW_AUDIT = "접속·변경 기록 보기"


_OFFICER = frozenset(
    {
        Permission.EDIT,
        Permission.IMPORT,
        Permission.EXPORT_LIST,
        Permission.SEE_PERSONAL,
        Permission.EXPORT_PERSONAL,
        Permission.EXPORT_REGISTER,
        Permission.REVEAL_RRN,
        Permission.BACKUP,
        Permission.REPAIR,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICER: _OFFICER,
    Role.VIEWER: frozenset({Permission.EXPORT_LIST}),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def roles_with(permission: Permission) -> list[Role]:
    return [role for role in Role if allows(role, permission)]


@dataclass(frozen=True)
class Actor:
    """Who works: a signed-in account, or (``user_id`` None) the OS user of a folder that has no
    accounts yet, who may do everything, as before accounts existed."""

    username: str
    display_name: str
    role: Role
    user_id: int | None = None

    def may(self, permission: Permission) -> bool:
        return allows(self.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise NotPermitted(permission, self.role)

    @property
    def label(self) -> str:
        """ "김영수 (담당자)" for messages and the status bar."""
        return f"{self.display_name or self.username} ({self.role.label})"

    @classmethod
    def unmanaged(cls, name: str) -> Actor:
        """The OS user in a data folder without accounts."""
        return cls(name, name, Role.ADMIN, None)


class NotPermitted(Refusal):
    """The actor's role may not do this."""

    def __init__(self, permission: Permission, role: Role) -> None:
        who = "·".join(r.label for r in roles_with(permission)) or "아무도"
        super().__init__(
            f"'{permission.value}'은(는) {who} 권한이 있어야 할 수 있습니다 "
            f"(지금 계정의 권한: {role.label}). 관리자에게 요청해 주세요.",
            ExitCode.ACCESS_DENIED,
        )
        self.permission = permission
