"""The data's safety in the GUI: the 설정 page's backup and check section, automatic backups."""

from .auto_backup import AutoBackup
from .backup_panel import BackupPanel
from .check_view import CheckView

__all__ = ["AutoBackup", "BackupPanel", "CheckView"]
