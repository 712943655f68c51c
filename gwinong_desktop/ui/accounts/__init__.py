"""Accounts and security in the GUI: signing in, the idle lock, users, the access records.

- ``sign_in(services, parent, hint=None) -> Actor | None`` before the main window exists;
- ``IdleLock(window, services, actor)`` once the window is shown;
- ``UsersPanel`` and ``SecurityPanel`` for the 설정 page; ``AuditViewer`` opened from the latter.

``audit_viewer`` and the panels are imported on first use (not on the way to the main window).
"""

from .dialogs import DEMO_HINT, FirstAdminDialog, LoginDialog, sign_in, sign_in_with
from .idle_lock import IdleLock, LockDialog

__all__ = [
    "DEMO_HINT",
    "FirstAdminDialog",
    "IdleLock",
    "LockDialog",
    "LoginDialog",
    "sign_in",
    "sign_in_with",
]
