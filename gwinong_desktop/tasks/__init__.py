"""Background work with progress and cancel; QtCore only, no widgets.

The work is given a ``domain.progress.TaskState`` and stops with ``domain.progress.Cancelled``;
import those from ``domain.progress`` (this package only adapts them to Qt)."""

from .background import BackgroundTask, error_message

__all__ = ["BackgroundTask", "error_message"]
