"""Background work with progress and cancel; QtCore only, no widgets."""

from .background import BackgroundTask, TaskCancelled, TaskState, error_message

__all__ = ["BackgroundTask", "TaskCancelled", "TaskState", "error_message"]
